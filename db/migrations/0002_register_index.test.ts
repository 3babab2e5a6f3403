import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../open';
import { migrationProvider } from './index';

describe('0002_register_index', () => {
  it('adds the narrow register indexes over cases already registered, and drops the indexes they replace', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo('0001_initial')).error).toBeUndefined();
    await sql`INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES ('a', '甲', 'clerk', 'h', '2026-01-01')`.execute(db);
    for (const [i, status] of [[1, 'registered'], [2, 'closed'], [3, 'registered']] as const) {
      await sql`INSERT INTO cases(register_no, reg_year, reg_seq, received_at, registered_at, channel, case_type, subject, account,
        recorder_id, first_receiver_id, status, created_at, updated_at)
        VALUES (${`2026-00000${i}`}, 2026, ${i}, ${`2026-03-0${i} 09:00:00`}, '2026-03-03 10:00:00', '电话', '投诉', '停车收费', '医院停车场收费不透明',
        1, 1, ${status}, '2026-03-03', '2026-03-03')`.execute(db);
    }
    expect((await migrator.migrateTo('0002_register_index')).error).toBeUndefined();

    const indexes = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases'`.execute(db);
    const names = indexes.rows.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['cases_register', 'cases_received_filters', 'cases_status_filters']));
    expect(names).not.toContain('cases_status');
    expect(names).not.toContain('cases_received');
    // A filtered walk in register-number order reads the index alone, never the case rows.
    const query = sql`SELECT id FROM cases INDEXED BY cases_register WHERE status = 'registered' AND received_at >= '2026-03-01' ORDER BY id DESC`;
    const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${query}`.execute(db);
    expect(plan.rows.map((r) => r.detail).join(' ')).toMatch(/COVERING INDEX cases_register/);
    expect((await query.execute(db)).rows).toEqual([{ id: 3 }, { id: 1 }]);
    const byDate = sql`SELECT id FROM cases INDEXED BY cases_received_filters WHERE received_at >= '2026-03-02' AND channel = '电话' ORDER BY received_at DESC, id DESC`;
    const datePlan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${byDate}`.execute(db);
    expect(datePlan.rows.map((r) => r.detail).join(' ')).toMatch(/COVERING INDEX cases_received_filters/);
    expect(datePlan.rows.map((r) => r.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
    expect((await byDate.execute(db)).rows).toEqual([{ id: 3 }, { id: 2 }]);
    await db.destroy();
  });
});
