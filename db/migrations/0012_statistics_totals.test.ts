import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../open';
import { migrationProvider, migrations } from './index';

const NAME = '0012_statistics_totals';

async function migratedWithCases() {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const names = Object.keys(migrations).sort();
  expect((await migrator.migrateTo(names[names.indexOf(NAME) - 1])).error).toBeUndefined();
  await sql`INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES ('zhao', '赵主任', 'supervisor', 'h', '2026-01-01')`.execute(db);
  await sql`INSERT INTO departments(name) VALUES ('综合窗口'), ('社保科')`.execute(db);
  // 1: closed on time by 社保科 (due 03-20, closed 03-10), satisfied, extended once. 2: closed late (due 03-05,
  // closed 03-09), 投诉 by 来访. 3: answered on the spot. 4: voided. 5: open, due 03-04, a repeat of 1. All received 03-02
  // but 5 (03-03).
  const rows: Array<[string, string, string, number | null, string | null, string | null, string | null, string | null]> = [
    ['2026-03-02 09:00:00', '电话', 'closed', 2, '2026-03-10 16:00:00', '2026-03-20', '2026-03-20', 'satisfied'],
    ['2026-03-02 10:00:00', '来访', 'closed', 2, '2026-03-09 11:00:00', '2026-03-05', '2026-03-05', null],
    ['2026-03-02 11:00:00', '电话', 'closed', null, '2026-03-02 11:05:00', null, null, null],
    ['2026-03-02 12:00:00', '电话', 'voided', null, null, null, null, null],
    ['2026-03-03 09:00:00', '电话', 'assigned', 1, null, '2026-03-04', '2026-03-04', null],
  ];
  for (const [i, [received, channel, status, handler, closed, overall, due, satisfaction]] of rows.entries()) {
    await sql`INSERT INTO cases(register_no, reg_year, reg_seq, received_at, registered_at, channel, case_type, subject, account,
      recorder_id, first_receiver_id, status, handler_department_id, closed_at, overall_due, due_date, satisfaction, created_at, updated_at)
      VALUES (${`2026-00000${i + 1}`}, 2026, ${i + 1}, ${received}, ${received}, ${channel}, '投诉', '停车收费', '收费不透明',
      1, 1, ${status}, ${handler}, ${closed}, ${overall}, ${due}, ${satisfaction}, '2026-03-02', '2026-03-02')`.execute(db);
  }
  await sql`INSERT INTO case_extensions(case_id, round, old_due, new_due, reason, approver_id, created_at) VALUES (1, 1, '2026-03-13', '2026-03-20', '调取材料', 1, '2026-03-05')`.execute(db);
  await sql`INSERT INTO case_repeats(case_id, repeat_of_id, linked_by, linked_by_name, linked_at) VALUES (5, 1, 1, '赵主任', '2026-03-03 10:00:00')`.execute(db);
  expect((await migrator.migrateTo(NAME)).error).toBeUndefined();
  return db;
}

const totals = async (db: Kysely<any>, dim: string) =>
  (await sql`SELECT day, key, n, closed, on_time, reopened, satisfied, extended, repeat FROM statistics_totals
    WHERE dim = ${dim} AND n <> 0 ORDER BY day, key`.execute(db)).rows;

describe('0012_statistics_totals', () => {
  it('counts the cases already registered per day and dimension, voided ones under their status only', async () => {
    const db = await migratedWithCases();
    expect(await totals(db, 'status')).toEqual([
      { day: '2026-03-02', key: 'closed', n: 3, closed: 3, on_time: 2, reopened: 0, satisfied: 1, extended: 1, repeat: 0 },
      { day: '2026-03-02', key: 'voided', n: 1, closed: 0, on_time: 0, reopened: 0, satisfied: 0, extended: 0, repeat: 0 },
      { day: '2026-03-03', key: 'assigned', n: 1, closed: 0, on_time: 0, reopened: 0, satisfied: 0, extended: 0, repeat: 1 },
    ]);
    expect(await totals(db, 'handler')).toEqual([
      { day: '2026-03-02', key: '', n: 1, closed: 1, on_time: 1, reopened: 0, satisfied: 0, extended: 0, repeat: 0 },
      { day: '2026-03-02', key: '2', n: 2, closed: 2, on_time: 1, reopened: 0, satisfied: 1, extended: 1, repeat: 0 },
      { day: '2026-03-03', key: '1', n: 1, closed: 0, on_time: 0, reopened: 0, satisfied: 0, extended: 0, repeat: 1 },
    ]);
    expect((await sql`SELECT key, key2, n FROM statistics_totals WHERE dim = 'type_channel' AND day = '2026-03-02' ORDER BY key2`.execute(db)).rows)
      .toEqual([{ key: '投诉', key2: '来访', n: 1 }, { key: '投诉', key2: '电话', n: 2 }]);
    expect((await sql`SELECT received_day, closed_day, n FROM statistics_handling ORDER BY closed_day`.execute(db)).rows).toEqual([
      { received_day: '2026-03-02', closed_day: '2026-03-09', n: 1 }, { received_day: '2026-03-02', closed_day: '2026-03-10', n: 1 },
    ]);
    await db.destroy();
  });

  it('keeps counting in the same statement as each change: a case closed, voided, moved to another day; a repeat unlinked', async () => {
    const db = await migratedWithCases();
    await sql`UPDATE cases SET status = 'closed', closed_at = '2026-03-04 15:00:00' WHERE id = 5`.execute(db);
    await sql`UPDATE cases SET status = 'voided' WHERE id = 2`.execute(db);
    await sql`UPDATE cases SET received_at = '2026-03-03 08:00:00' WHERE id = 3`.execute(db);
    await sql`UPDATE case_repeats SET unlinked_by = 1, unlinked_by_name = '赵主任', unlinked_at = '2026-03-05 09:00:00', unlink_reason = '不是重复件'`.execute(db);
    // A change of a column no figure reads leaves the totals alone.
    await sql`UPDATE cases SET subject = '停车收费不透明' WHERE id = 1`.execute(db);
    expect(await totals(db, 'status')).toEqual([
      { day: '2026-03-02', key: 'closed', n: 1, closed: 1, on_time: 1, reopened: 0, satisfied: 1, extended: 1, repeat: 0 },
      { day: '2026-03-02', key: 'voided', n: 2, closed: 0, on_time: 0, reopened: 0, satisfied: 0, extended: 0, repeat: 0 },
      { day: '2026-03-03', key: 'closed', n: 2, closed: 2, on_time: 2, reopened: 0, satisfied: 0, extended: 0, repeat: 0 },
    ]);
    expect((await sql`SELECT received_day, closed_day, n FROM statistics_handling WHERE n <> 0 ORDER BY closed_day`.execute(db)).rows).toEqual([
      { received_day: '2026-03-03', closed_day: '2026-03-04', n: 1 }, { received_day: '2026-03-02', closed_day: '2026-03-10', n: 1 },
    ]);
    await db.destroy();
  });

  it('drops the statistics indexes no report reads any more, keeping the cohort index', async () => {
    const db = await migratedWithCases();
    const indexes = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'cases_%'`.execute(db)).rows.map((r) => r.name);
    expect(indexes).toContain('cases_statistics');
    expect(indexes).not.toContain('cases_statistics_cells');
    expect(indexes).not.toContain('cases_handling');
    await db.destroy();
  });
});
