import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../open';
import { migrationProvider, migrations } from './index';

const NAME = '0007_register_search';
const PREVIOUS = Object.keys(migrations).sort().filter((m) => m < NAME).at(-1)!;

describe(NAME, () => {
  it('counts the cases already registered by status and keeps counting; indexes names by initial and phones by their last digits', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo(PREVIOUS)).error).toBeUndefined();
    await sql`INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES ('a', '甲', 'clerk', 'h', '2026-01-01')`.execute(db);
    const insert = (i: number, status: string) => sql`INSERT INTO cases(register_no, reg_year, reg_seq,
      received_at, registered_at, channel, case_type, subject, account, recorder_id, first_receiver_id, status, created_at, updated_at)
      VALUES (${`2026-00000${i}`}, 2026, ${i}, '2026-03-02 09:00:00', '2026-03-02 10:00:00', '电话', '投诉', '事由', '经过',
      1, 1, ${status}, '2026-03-02', '2026-03-02')`.execute(db);
    const complainant = (caseId: number, seq: number, name: string, phone: string) =>
      sql`INSERT INTO complainants(case_id, seq, name, phone) VALUES (${caseId}, ${seq}, ${name}, ${phone})`.execute(db);
    await insert(1, 'registered');
    await insert(2, 'registered');
    await insert(3, 'closed');
    await complainant(1, 1, '张三', '13812342233');
    await complainant(2, 1, 'Li Lei', '0571-8765-2233');
    await complainant(3, 1, '', '');
    expect((await migrator.migrateTo(NAME)).error).toBeUndefined();

    const counts = async () => Object.fromEntries((await sql<{ status: string; n: number }>`SELECT status, n FROM case_counts`.execute(db)).rows.map((r) => [r.status, r.n]));
    expect(await counts()).toEqual({ registered: 2, closed: 1 });
    await insert(4, 'registered');
    await sql`UPDATE cases SET status = 'accepted' WHERE id IN (1, 2)`.execute(db);
    await sql`UPDATE cases SET subject = '新事由', status = status WHERE id = 4`.execute(db);
    expect(await counts()).toEqual({ registered: 1, accepted: 2, closed: 1 });
    await expect(sql`DELETE FROM cases WHERE id = 1`.execute(db)).rejects.toThrow(/never deleted/);

    // Each index answers its own expression, for rows from before and after the migration.
    await complainant(4, 1, '张伟', '13900002233');
    const plan = async (where: string) => (await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT case_id FROM complainants WHERE ${sql.raw(where)}`.execute(db)).rows.map((r) => r.detail).join(' | ');
    const ids = async (where: string) => (await sql<{ case_id: number }>`SELECT case_id FROM complainants WHERE ${sql.raw(where)} ORDER BY case_id`.execute(db)).rows.map((r) => r.case_id);
    const byInitial = "lower(substr(name, 1, 1)) = lower('张')";
    const byTail = "substr(replace(phone, '-', ''), -4) = '2233'";
    expect(await plan(byInitial)).toMatch(/USING COVERING INDEX complainants_initial/);
    expect(await plan(byTail)).toMatch(/USING COVERING INDEX complainants_phone_tail/);
    expect(await ids(byInitial)).toEqual([1, 4]);
    expect(await ids("lower(substr(name, 1, 1)) = lower('L')")).toEqual([2]);
    expect(await ids(byTail)).toEqual([1, 2, 4]);
    await db.destroy();
  });
});
