import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../open';
import { migrationProvider, migrations } from './index';

/** A register at the migration before 0011 with a department, a staff member and three cases with a typed name. */
async function migratedWithCases() {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const names = Object.keys(migrations).sort();
  const previous = names[names.indexOf('0011_respondent_staff') - 1];
  expect((await migrator.migrateTo(previous)).error).toBeUndefined();
  await sql`INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES ('wang', '王登记', 'clerk', 'h', '2026-01-01')`.execute(db);
  await sql`INSERT INTO departments(id, name) VALUES (1, '社保服务科')`.execute(db);
  await sql`INSERT INTO staff(id, department_id, name) VALUES (1, 1, '李明')`.execute(db);
  for (const seq of [1, 2, 3]) {
    await sql`INSERT INTO cases(register_no, reg_year, reg_seq, received_at, registered_at, channel, case_type, subject, account,
      recorder_id, first_receiver_id, status, finding, respondent_department_id, respondent_staff, created_at, updated_at)
      VALUES (${`2026-00000${seq}`}, 2026, ${seq}, ${`2026-03-0${seq} 09:00:00`}, '2026-03-02 10:00:00', '电话', '投诉', '态度生硬', '窗口态度生硬',
      1, 1, 'assigned', ${seq === 3 ? null : 'substantiated'}, 1, '李明', '2026-03-02', '2026-03-02')`.execute(db);
  }
  expect((await migrator.migrateTo('0011_respondent_staff')).error).toBeUndefined();
  return db;
}

const STAFF_QUERY = `SELECT respondent_department_id, respondent_staff_id, respondent_staff, count(*) AS n FROM cases INDEXED BY cases_staff_findings
  WHERE finding IN ('substantiated', 'partly') AND respondent_staff <> '' AND received_at >= '2026-01-01' AND received_at < '2027-01-01' AND status <> 'voided'
  GROUP BY respondent_department_id, respondent_staff_id, respondent_staff`;

describe('0011_respondent_staff', () => {
  it('adds the staff member picked from the directory, empty on every case registered before, names kept', async () => {
    const db = await migratedWithCases();
    expect((await sql`SELECT id, respondent_staff, respondent_staff_id FROM cases ORDER BY id`.execute(db)).rows).toEqual([
      { id: 1, respondent_staff: '李明', respondent_staff_id: null },
      { id: 2, respondent_staff: '李明', respondent_staff_id: null },
      { id: 3, respondent_staff: '李明', respondent_staff_id: null },
    ]);
    await sql`UPDATE cases SET respondent_staff_id = 1 WHERE id = 1`.execute(db);
    // Only a staff member of the directory can be named by id.
    await expect(sql`UPDATE cases SET respondent_staff_id = 99 WHERE id = 2`.execute(db)).rejects.toThrow(/FOREIGN KEY/);
    await db.destroy();
  });

  it('rebuilds cases_staff_findings so counting per staff id and name reads the index alone, in order', async () => {
    const db = await migratedWithCases();
    await sql`UPDATE cases SET respondent_staff_id = 1 WHERE id = 1`.execute(db);
    const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${sql.raw(STAFF_QUERY)}`.execute(db);
    const detail = plan.rows.map((r) => r.detail).join(' ');
    expect(detail).toMatch(/COVERING INDEX cases_staff_findings/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
    // The index holds the substantiated findings only: case 3 (no finding) is not in it.
    expect((await sql.raw(STAFF_QUERY).execute(db)).rows).toEqual([
      { respondent_department_id: 1, respondent_staff_id: null, respondent_staff: '李明', n: 1 },
      { respondent_department_id: 1, respondent_staff_id: 1, respondent_staff: '李明', n: 1 },
    ]);
    const columns = (await sql<{ name: string }>`SELECT name FROM pragma_index_info('cases_staff_findings')`.execute(db)).rows.map((r) => r.name);
    expect(columns).toEqual(['respondent_department_id', 'respondent_staff_id', 'respondent_staff', 'received_at', 'status', 'finding']);
    await db.destroy();
  });
});
