import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, openConnection } from '../../db/open';
import { migrationProvider, migrations } from '../../db/migrations';
import { caseSnapshotJson, chainedHistoryRow, GENESIS_HASH, recordedComplainant, type HistoryInput } from '../core/services/history';
import type { CaseRow } from '../../db/types';
import { runVerify, runVerifyBackup } from './verify';

/**
 * `verify` over a register whose schema is older than the program's: an auditor verifies a backup or a register of
 * another computer that an older version wrote, without opening it for writing (which would migrate it). Migration
 * 0012's register has 0001's never-written `attachments` table (no `size` column): the history, the cases and what
 * the schema holds are verified, and the attachment files' check is said not to apply.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A data folder whose register went up to `last` only: a user, a department and one registered case, each with its history row. */
async function olderRegister(last: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-verify-old-'));
  dirs.push(dir);
  const raw = openConnection(path.join(dir, DB_FILE_NAME));
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
  const result = await new Migrator({ db, provider: migrationProvider }).migrateTo(last);
  expect(result.error).toBeUndefined();
  let prev = GENESIS_HASH;
  const append = (input: HistoryInput) => {
    const row = chainedHistoryRow(prev, input);
    raw.prepare(`INSERT INTO history (entity, entity_id, action, actor_id, actor_name, at, before, after, note, prev_hash, hash)
      VALUES (@entity, @entity_id, @action, @actor_id, @actor_name, @at, @before, @after, @note, @prev_hash, @hash)`).run(row);
    prev = row.hash;
  };
  const at = '2026-03-01 10:00:00';
  raw.prepare("INSERT INTO users(id, username, display_name, role, password_hash, created_at) VALUES (1, 'wang', '王登记', 'clerk', 'h', ?)").run(at);
  append({ entity: 'user', entityId: 1, action: 'user.create', actor: null, at, after: { username: 'wang', role: 'clerk' } });
  raw.prepare("INSERT INTO departments(id, name) VALUES (1, '社保科')").run();
  append({ entity: 'department', entityId: 1, action: 'department.create', actor: null, at, after: { name: '社保科' } });
  raw.prepare(`INSERT INTO cases(id, register_no, reg_year, reg_seq, received_at, registered_at, channel, case_type, subject, account,
    recorder_id, first_receiver_id, status, created_at, updated_at)
    VALUES (1, '2026-000001', 2026, 1, '2026-03-01 09:00:00', ?, '电话', '投诉', '态度生硬', '窗口态度生硬', 1, 1, 'registered', ?, ?)`).run(at, at, at);
  raw.prepare("INSERT INTO complainants(case_id, seq, name, phone) VALUES (1, 1, '张三', '13800000000')").run();
  const row = raw.prepare('SELECT * FROM cases WHERE id = 1').get() as CaseRow;
  const people = (raw.prepare('SELECT * FROM complainants WHERE case_id = 1 ORDER BY seq').all() as Parameters<typeof recordedComplainant>[0][]).map(recordedComplainant);
  append({ entity: 'case', entityId: 1, action: 'register', actor: { id: 1, displayName: '王登记' }, at, after: JSON.parse(caseSnapshotJson(row, people)) as Record<string, unknown> });
  raw.pragma('wal_checkpoint(TRUNCATE)');
  await db.destroy();
  return dir;
}

describe('verify on a register older than the program', () => {
  it('verifies a register migrated only to 0012 read-only: history ok, the attachment files said not to apply, the file not migrated', async () => {
    const dir = await olderRegister('0012_statistics_totals');
    const file = path.join(dir, DB_FILE_NAME);
    const before = fs.readFileSync(file);
    const lines: string[] = [];
    const code = await runVerify(dir, undefined, (l) => lines.push(l), () => {});
    expect(lines.join('\n')).not.toMatch(/错误|SqliteError|FAILED/);
    expect(code).toBe(0);
    expect(lines).toContainEqual(expect.stringMatching(/附件.*0013.*不适用|不适用.*0013/));
    expect(lines.at(-1)).toMatch(/^history ok 3 [0-9a-f]{64}$/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    const names = new Database(file, { readonly: true }).prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all();
    expect(names.at(-1)).toBe('0012_statistics_totals');
  });

  it('still finds a case altered behind the program\'s back in such a register', async () => {
    const dir = await olderRegister('0012_statistics_totals');
    const raw = openConnection(path.join(dir, DB_FILE_NAME));
    raw.prepare("UPDATE cases SET subject = '改过的标题' WHERE id = 1").run();
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const lines: string[] = [];
    expect(await runVerify(dir, undefined, (l) => lines.push(l), () => {})).toBe(1);
    expect(lines.at(-1)).toMatch(/^history FAILED replay case 2026-000001 field subject/);
  });

  it('verifies such a register given as a backup file (verify --backup)', async () => {
    const dir = await olderRegister('0012_statistics_totals');
    const copy = path.join(dir, 'register-20260301-100500.sqlite');
    fs.copyFileSync(path.join(dir, DB_FILE_NAME), copy);
    const lines: string[] = [];
    const code = await runVerifyBackup(copy, (l) => lines.push(l), () => {});
    expect(lines.join('\n')).not.toMatch(/错误|SqliteError/);
    expect(code).toBe(0);
    expect(lines.at(-1)).toMatch(/^history ok 3 [0-9a-f]{64}$/);
  });
});
