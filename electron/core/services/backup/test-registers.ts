import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { checkRegisterFile } from '../../../../db/register-check';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';
import { backupFileName, writeManifest } from './manifest';

/**
 * Registers as files for the backup and restore tests: an office with a few cases written out with
 * VACUUM INTO (a consistent single-file copy), and the ways a copy goes wrong.
 */
export async function registerFile(file: string, cases = 3): Promise<{ office: Office; file: string }> {
  const office = await makeOffice();
  for (let i = 0; i < cases; i++) must(await office.core.call('cases/register', phoneComplaint({ subject: `测试案件 ${i + 1}` }), office.as.clerk));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await sql`VACUUM INTO ${file}`.execute(office.core.db);
  return { office, file };
}

/** Runs `change` on the file with every trigger dropped first (what someone with a SQLite tool can do). */
export function behindTheAppsBack(file: string, change: (raw: BetterSqlite3.Database) => void): void {
  const raw = new BetterSqlite3(file);
  for (const name of raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]) raw.exec(`DROP TRIGGER "${name}"`);
  change(raw);
  raw.close();
}

/** Overwrites `length` bytes at `offset` with `byte`. */
export function overwrite(file: string, offset: number, length: number, byte = 0): void {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(length, byte), 0, length, offset);
  fs.closeSync(fd);
}

/**
 * A backup as backup-core writes one: `register-YYYYMMDD-HHMMSS.sqlite` in `destination` (VACUUM INTO from
 * the office's register, the name from `at`) with its manifest beside it.
 */
export async function backupOf(office: Office, destination: string, at: Date): Promise<string> {
  fs.mkdirSync(destination, { recursive: true });
  const name = backupFileName(at);
  const file = path.join(destination, name);
  await sql`VACUUM INTO ${file}`.execute(office.core.db);
  const check = checkRegisterFile(file, { full: true });
  if (!check.ok) throw new Error(`backupOf: ${check.problem}`);
  writeManifest(destination, {
    format: 'complaint-register-backup', version: 1, createdAt: at.toISOString(), appVersion: 'test', schemaVersion: check.schemaVersion!,
    cases: check.cases, lastRegisterNumber: check.lastRegisterNumber, history: { count: check.head!.count, head: check.head!.hash },
    database: { file: name, size: fs.statSync(file).size, sha256: createHash('sha256').update(fs.readFileSync(file)).digest('hex') },
    attachments: [], checks: { integrity: 'ok', foreignKeys: 'ok', history: 'ok' }, reason: 'manual',
  });
  return file;
}

/**
 * Every table's rows (sorted) (history only up to `historyUpTo`), without SQLite's own statistics:
 * two registers with equal dumps hold the same data.
 */
const plain = (_k: string, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : typeof v === 'bigint' ? String(v) : v);

export function logicalDump(file: string, historyUpTo = Number.MAX_SAFE_INTEGER): string {
  const raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const tables = raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string; sql: string }>;
    const out: Record<string, unknown> = {};
    for (const t of tables) {
      if (/CREATE VIRTUAL TABLE/i.test(t.sql)) continue;
      const where = t.name === 'history' ? `WHERE id <= ${historyUpTo}` : '';
      const rows = (raw.prepare(`SELECT * FROM "${t.name}" ${where}`).raw().all() as unknown[][]).map((r) => JSON.stringify(r, plain));
      out[t.name] = { sql: t.sql, rows: rows.sort() };
    }
    out.schema = raw.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
    return JSON.stringify(out, plain);
  } finally {
    raw.close();
  }
}
