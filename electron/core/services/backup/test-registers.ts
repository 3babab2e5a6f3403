import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';

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
