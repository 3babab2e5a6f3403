import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../open';
import { migrationProvider, migrations } from './index';

const SHA = 'a'.repeat(64);

async function migrated() {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const names = Object.keys(migrations).sort();
  const previous = names[names.indexOf('0010_statistics_summaries') - 1];
  expect((await migrator.migrateTo(previous)).error).toBeUndefined();
  // what the register held before: a user and a case, untouched by the migration
  await sql`INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES ('zhao', '赵主任', 'supervisor', 'h', '2026-01-01')`.execute(db);
  await sql`INSERT INTO cases(register_no, reg_year, reg_seq, received_at, registered_at, channel, case_type, subject, account,
    recorder_id, first_receiver_id, status, created_at, updated_at)
    VALUES ('2026-000001', 2026, 1, '2026-11-03 09:00:00', '2026-11-03 09:10:00', '电话', '投诉', '停车收费', '收费不透明', 1, 1, 'registered', '2026-11-03', '2026-11-03')`.execute(db);
  expect((await migrator.migrateTo('0010_statistics_summaries')).error).toBeUndefined();
  return db;
}

const issue = (db: Kysely<any>, over: Record<string, unknown> = {}) => {
  const v = { period_kind: 'month', period_from: '2026-11-01', period_to: '2026-11-30', label: '2026年11月', public: 0, sha256: SHA, bytes: 1234,
    file: `summaries/2026/${SHA}.pdf`, issued_by: 1, issued_by_name: '赵主任', issued_at: '2026-12-02 10:00:00', as_of: '2026-12-02 10:00:00', ...over };
  return sql`INSERT INTO statistics_summaries(period_kind, period_from, period_to, label, public, sha256, bytes, file, issued_by, issued_by_name, issued_at, as_of)
    VALUES (${v.period_kind}, ${v.period_from}, ${v.period_to}, ${v.label}, ${v.public}, ${v.sha256}, ${v.bytes}, ${v.file}, ${v.issued_by}, ${v.issued_by_name}, ${v.issued_at}, ${v.as_of})`.execute(db);
};

describe('0010_statistics_summaries', () => {
  it('adds the issued summaries beside the register as it was; internal and public versions of a period are separate rows', async () => {
    const db = await migrated();
    expect((await sql`SELECT register_no FROM cases`.execute(db)).rows).toEqual([{ register_no: '2026-000001' }]);
    expect((await sql`SELECT count(*) AS n FROM statistics_summaries`.execute(db)).rows).toEqual([{ n: 0 }]);
    await issue(db);
    await issue(db, { public: 1 });
    // issued again later (the figures moved on): a new row, never a replacement
    await issue(db, { issued_at: '2026-12-05 09:00:00', as_of: '2026-12-05 09:00:00' });
    expect((await sql`SELECT id, public, issued_at FROM statistics_summaries ORDER BY id`.execute(db)).rows).toEqual([
      { id: 1, public: 0, issued_at: '2026-12-02 10:00:00' }, { id: 2, public: 1, issued_at: '2026-12-02 10:00:00' }, { id: 3, public: 0, issued_at: '2026-12-05 09:00:00' },
    ]);
    await db.destroy();
  });

  it('refuses a row that is not a summary: unknown period kind, reversed dates, a short hash, public not 0/1', async () => {
    const db = await migrated();
    await expect(issue(db, { period_kind: 'week' })).rejects.toThrow(/CHECK/);
    await expect(issue(db, { period_from: '2026-12-01', period_to: '2026-11-30' })).rejects.toThrow(/CHECK/);
    await expect(issue(db, { period_from: '2026-11' })).rejects.toThrow(/CHECK/);
    await expect(issue(db, { sha256: 'abc' })).rejects.toThrow(/CHECK/);
    await expect(issue(db, { public: 2 })).rejects.toThrow(/CHECK/);
    await expect(issue(db, { bytes: 0 })).rejects.toThrow(/CHECK/);
    await db.destroy();
  });

  it('is append-only: every UPDATE and DELETE is refused', async () => {
    const db = await migrated();
    await issue(db);
    await expect(sql`UPDATE statistics_summaries SET sha256 = ${'b'.repeat(64)}`.execute(db)).rejects.toThrow(/never changed/);
    await expect(sql`UPDATE statistics_summaries SET issued_by_name = '别人'`.execute(db)).rejects.toThrow(/never changed/);
    await expect(sql`UPDATE statistics_summaries SET file = 'summaries/2026/x.pdf' WHERE id = 1`.execute(db)).rejects.toThrow(/never changed/);
    await expect(sql`DELETE FROM statistics_summaries`.execute(db)).rejects.toThrow(/never deleted/);
    await expect(sql`INSERT OR REPLACE INTO statistics_summaries(id, period_kind, period_from, period_to, label, public, sha256, bytes, file, issued_by, issued_by_name, issued_at, as_of)
      SELECT id, period_kind, period_from, period_to, label, 1, sha256, bytes, file, issued_by, issued_by_name, issued_at, as_of FROM statistics_summaries`.execute(db)).rejects.toThrow(/never replaced/);
    expect((await sql`SELECT public, sha256, issued_by_name FROM statistics_summaries`.execute(db)).rows).toEqual([{ public: 0, sha256: SHA, issued_by_name: '赵主任' }]);
    await db.destroy();
  });
});
