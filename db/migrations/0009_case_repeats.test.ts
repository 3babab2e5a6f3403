import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../open';
import { migrationProvider, migrations } from './index';

async function migratedWithCases() {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const names = Object.keys(migrations).sort();
  const previous = names[names.indexOf('0009_case_repeats') - 1];
  expect((await migrator.migrateTo(previous)).error).toBeUndefined();
  await sql`INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES ('zhao', '赵主任', 'supervisor', 'h', '2026-01-01')`.execute(db);
  for (const seq of [1, 2, 3]) {
    await sql`INSERT INTO cases(register_no, reg_year, reg_seq, received_at, registered_at, channel, case_type, subject, account,
      recorder_id, first_receiver_id, status, finding, respondent_staff, created_at, updated_at)
      VALUES (${`2026-00000${seq}`}, 2026, ${seq}, ${`2026-03-0${seq} 09:00:00`}, '2026-03-02 10:00:00', '电话', '投诉', '停车收费', '收费不透明',
      1, 1, 'assigned', ${seq === 2 ? 'partly' : null}, '王五', '2026-03-02', '2026-03-02')`.execute(db);
  }
  expect((await migrator.migrateTo('0009_case_repeats')).error).toBeUndefined();
  return db;
}

const link = (db: Kysely<any>, caseId: number, repeatOfId: number) =>
  sql`INSERT INTO case_repeats(case_id, repeat_of_id, linked_by, linked_by_name, linked_at) VALUES (${caseId}, ${repeatOfId}, 1, '赵主任', '2026-03-03 10:00:00')`.execute(db);

describe('0009_case_repeats', () => {
  it('adds repeat links beside the cases already registered, one standing link per case', async () => {
    const db = await migratedWithCases();
    expect((await sql`SELECT count(*) AS n FROM cases`.execute(db)).rows).toEqual([{ n: 3 }]);
    await link(db, 2, 1);
    // A second standing link of the same case is refused; a case is no repeat of itself.
    await expect(link(db, 2, 1)).rejects.toThrow(/UNIQUE/);
    await expect(link(db, 3, 3)).rejects.toThrow(/CHECK/);
    await link(db, 3, 1);
    await sql`PRAGMA foreign_keys = ON`.execute(db);
    await expect(link(db, 99, 1)).rejects.toThrow(/FOREIGN KEY/);
    await db.destroy();
  });

  it('never deletes or rewrites a link: it is unlinked once, with who, when and why, and the case may be linked again', async () => {
    const db = await migratedWithCases();
    await link(db, 2, 1);
    await expect(sql`DELETE FROM case_repeats`.execute(db)).rejects.toThrow(/never deleted/);
    await expect(sql`UPDATE case_repeats SET repeat_of_id = 3`.execute(db)).rejects.toThrow(/never changed/);
    // Unlinking needs the reason and the name together.
    await expect(sql`UPDATE case_repeats SET unlinked_at = '2026-03-04 09:00:00'`.execute(db)).rejects.toThrow(/CHECK/);
    await sql`UPDATE case_repeats SET unlinked_by = 1, unlinked_by_name = '赵主任', unlinked_at = '2026-03-04 09:00:00', unlink_reason = '不是同一人'`.execute(db);
    await expect(sql`UPDATE case_repeats SET unlink_reason = '改写'`.execute(db)).rejects.toThrow(/unlinked once/);
    await link(db, 2, 1);
    expect((await sql`SELECT case_id, unlink_reason FROM case_repeats ORDER BY id`.execute(db)).rows).toEqual([
      { case_id: 2, unlink_reason: '不是同一人' }, { case_id: 2, unlink_reason: null },
    ]);
    await db.destroy();
  });

  it('builds the statistics indexes, the staff one holding substantiated findings only', async () => {
    const db = await migratedWithCases();
    const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT count(*) FROM cases INDEXED BY cases_statistics
      WHERE received_at >= '2026-03-01' AND received_at < '2026-04-01' AND status <> 'voided' AND overall_due IS NULL`.execute(db);
    expect(plan.rows.map((r) => r.detail).join(' ')).toMatch(/COVERING INDEX cases_statistics/);
    const cells = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT status, case_type, channel, severity, finding, respondent_department_id,
      handler_department_id, count(*), sum(round > 1), sum(satisfaction = 'basic') FROM cases INDEXED BY cases_statistics_cells
      WHERE received_at >= '2026-01-01' AND received_at < '2027-01-01' AND overall_due IS NULL
      GROUP BY status, case_type, channel, severity, finding, respondent_department_id, handler_department_id`.execute(db);
    expect(cells.rows.map((r) => r.detail).join(' ')).toMatch(/COVERING INDEX cases_statistics_cells/);
    expect(cells.rows.map((r) => r.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
    const handling = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT substr(received_at, 1, 10), substr(closed_at, 1, 10), count(*)
      FROM cases INDEXED BY cases_handling WHERE status = 'closed' AND handler_department_id IS NOT NULL
      AND substr(received_at, 1, 10) >= '2026-01-01' AND substr(received_at, 1, 10) < '2027-01-01' GROUP BY substr(received_at, 1, 10), substr(closed_at, 1, 10)`.execute(db);
    expect(handling.rows.map((r) => r.detail).join(' ')).toMatch(/INDEX cases_handling/);
    expect(handling.rows.map((r) => r.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
    const staff = await sql`SELECT respondent_staff FROM cases INDEXED BY cases_staff_findings
      WHERE finding IN ('substantiated', 'partly') AND respondent_staff <> '' AND received_at >= '2026-01-01'`.execute(db);
    const staffPlan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT respondent_department_id, respondent_staff, count(*) FROM cases INDEXED BY cases_staff_findings
      WHERE finding IN ('substantiated', 'partly') AND respondent_staff <> '' AND received_at >= '2026-01-01' AND status <> 'voided'
      GROUP BY respondent_department_id, respondent_staff`.execute(db);
    expect(staffPlan.rows.map((r) => r.detail).join(' ')).toMatch(/COVERING INDEX cases_staff_findings/);
    expect(staffPlan.rows.map((r) => r.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
    expect(staff.rows).toEqual([{ respondent_staff: '王五' }]);
    await db.destroy();
  });
});
