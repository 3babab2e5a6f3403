import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../open';
import { migrationProvider, migrations } from './index';

const SHA = 'ab'.repeat(32);

/** A register at the migration before 0013 with a user, a case and (as nothing ever wrote one) a row in 0001's attachments table. */
async function registerBefore(withOldRow: boolean) {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const names = Object.keys(migrations).sort();
  expect((await migrator.migrateTo(names[names.indexOf('0013_attachments') - 1])).error).toBeUndefined();
  await sql`INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES ('wang', '王登记', 'clerk', 'h', '2026-01-01')`.execute(db);
  await sql`INSERT INTO cases(register_no, reg_year, reg_seq, received_at, registered_at, channel, case_type, subject, account,
    recorder_id, first_receiver_id, status, created_at, updated_at)
    VALUES ('2026-000001', 2026, 1, '2026-03-01 09:00:00', '2026-03-01 10:00:00', '电话', '投诉', '态度生硬', '窗口态度生硬', 1, 1, 'registered', '2026-03-01', '2026-03-01')`.execute(db);
  if (withOldRow) {
    await sql`INSERT INTO attachments(case_id, file_name, mime_type, size_bytes, sha256, stored_name, added_by, added_at)
      VALUES (1, '来信.pdf', 'application/pdf', 1234, ${SHA.toUpperCase()}, 'x', 1, '2026-03-01 10:05:00')`.execute(db);
  }
  expect((await migrator.migrateTo('0013_attachments')).error).toBeUndefined();
  return db;
}

const insert = (db: Kysely<any>, over: Record<string, unknown> = {}) =>
  db.insertInto('attachments').values({
    case_id: 1, sha256: SHA, size: 10, name: '照片.jpg', mime_type: 'image/jpeg', kind: 'image', added_by: 1, added_by_name: '王登记', added_at: '2026-03-02 09:00:00', ...over,
  }).execute();

describe('0013_attachments', () => {
  it('rebuilds the attachments table, carrying over what 0001\'s table held', async () => {
    const db = await registerBefore(true);
    expect((await sql`SELECT * FROM attachments`.execute(db)).rows).toEqual([{
      id: 1, case_id: 1, sha256: SHA, size: 1234, name: '来信.pdf', mime_type: 'application/pdf', kind: 'pdf', active_content: 0,
      added_by: 1, added_by_name: '王登记', added_at: '2026-03-01 10:05:00', voided_at: null, voided_by: null, voided_by_name: null, void_reason: null,
    }]);
    const columns = (await sql<{ name: string }>`SELECT name FROM pragma_table_info('attachments')`.execute(db)).rows.map((r) => r.name);
    expect(columns).toEqual(['id', 'case_id', 'sha256', 'size', 'name', 'mime_type', 'kind', 'active_content', 'added_by', 'added_by_name', 'added_at', 'voided_at', 'voided_by', 'voided_by_name', 'void_reason']);
    const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT * FROM attachments WHERE case_id = 1 ORDER BY id`.execute(db);
    expect(plan.rows.map((r) => r.detail).join(' ')).toMatch(/USING INDEX attachments_case/);
    expect((await sql`PRAGMA foreign_key_check`.execute(db)).rows).toEqual([]);
    await db.destroy();
  });

  it('refuses what the feature never writes: an unknown case or user, a bad hash, an empty file, an unknown kind', async () => {
    const db = await registerBefore(false);
    await insert(db);
    await expect(insert(db, { case_id: 9 })).rejects.toThrow(/FOREIGN KEY/);
    await expect(insert(db, { added_by: 9 })).rejects.toThrow(/FOREIGN KEY/);
    await expect(insert(db, { sha256: '../../x.exe'.padEnd(64, 'a') })).rejects.toThrow(/CHECK/);
    await expect(insert(db, { sha256: SHA.toUpperCase() })).rejects.toThrow(/CHECK/);
    await expect(insert(db, { size: 0 })).rejects.toThrow(/CHECK/);
    await expect(insert(db, { kind: 'program' })).rejects.toThrow(/CHECK/);
    await expect(insert(db, { name: '' })).rejects.toThrow(/CHECK/);
    await db.destroy();
  });

  it('never deletes or changes an attachment; voids it once, with a reason', async () => {
    const db = await registerBefore(false);
    await insert(db);
    await expect(sql`DELETE FROM attachments WHERE id = 1`.execute(db)).rejects.toThrow(/never deleted/);
    await expect(sql`UPDATE attachments SET name = 'x.exe' WHERE id = 1`.execute(db)).rejects.toThrow(/never changed/);
    await expect(sql`UPDATE attachments SET sha256 = ${'cd'.repeat(32)} WHERE id = 1`.execute(db)).rejects.toThrow(/never changed/);
    await expect(sql`UPDATE attachments SET voided_at = '2026-03-03 09:00:00', voided_by = 1, void_reason = '' WHERE id = 1`.execute(db)).rejects.toThrow(/voided once/);
    await sql`UPDATE attachments SET voided_at = '2026-03-03 09:00:00', voided_by = 1, void_reason = '传错了' WHERE id = 1`.execute(db);
    await expect(sql`UPDATE attachments SET voided_at = NULL, voided_by = NULL, void_reason = NULL WHERE id = 1`.execute(db)).rejects.toThrow(/voided once/);
    await expect(sql`UPDATE attachments SET void_reason = '另一个原因' WHERE id = 1`.execute(db)).rejects.toThrow(/voided once/);
    expect((await sql`SELECT void_reason FROM attachments`.execute(db)).rows).toEqual([{ void_reason: '传错了' }]);
    await db.destroy();
  });
});
