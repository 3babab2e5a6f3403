import fc from 'fast-check';
import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrationProvider, migrations } from '../migrations';
import { openConnection } from '../open';
import type { Database } from '../types';
import { directPeriodTotals, type CohortRange, type PeriodTotals } from './statistics';
import { directTypeByChannel } from './statistics-rows';
import { cohortSizeTotals, periodTotals, typeByChannelTotals } from './statistics-totals';
import { cohortByMonth, directCohortByMonth } from './statistics-trend';

/**
 * The kept totals (migration 0012's backfill and triggers) against the definitions counted from the cases
 * themselves, on random registers: cases written straight into the table in any state, with any of the columns a
 * figure reads null or not, before the migration (the backfill) and after it (the triggers), then changed at
 * random — any watched column, voided, moved to another day — with extensions, suspensions and repeat links added,
 * moved, unlinked and deleted; for random periods and a random today. Everything the statistics read must agree.
 */

const STATUSES = ['registered', 'accepted', 'assigned', 'suspended', 'pending_review', 'approved', 'replied', 'unsatisfied', 'closed', 'refused', 'voided'];
const DAYS = Array.from({ length: 45 }, (_, i) => new Date(Date.UTC(2025, 11, 20) + i * 86_400_000).toISOString().slice(0, 10));

const day = fc.constantFrom(...DAYS);
const time = fc.tuple(day, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([d, h, m]) => `${d} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

/** The columns a figure reads, each drawn on its own (states the services never make included: the totals must not care). */
const caseColumns = fc.record({
  received_at: time,
  status: fc.constantFrom(...STATUSES),
  case_type: fc.constantFrom('投诉', '咨询', '建议'),
  channel: fc.constantFrom('电话', '来访', '网站'),
  severity: maybe(fc.constantFrom('simple', 'complex', 'major')),
  finding: maybe(fc.constantFrom('substantiated', 'partly', 'unsubstantiated', 'unverifiable')),
  respondent_department_id: maybe(fc.constantFrom(1, 2, 3)),
  handler_department_id: maybe(fc.constantFrom(1, 2, 3)),
  closed_at: maybe(time),
  overall_due: maybe(day),
  due_date: maybe(day),
  round: fc.integer({ min: 1, max: 3 }),
  satisfaction: maybe(fc.constantFrom('satisfied', 'basic', 'unsatisfied')),
});
type CaseColumns = typeof caseColumns extends fc.Arbitrary<infer T> ? T : never;

type Op =
  | { op: 'insert'; c: CaseColumns }
  | { op: 'update'; pick: number; c: Partial<CaseColumns> }
  | { op: 'extend' | 'suspend' | 'link'; pick: number; other: number }
  | { op: 'unlink' | 'unextend' | 'moveExtension'; pick: number; other: number };

/** One or two columns changed at a time (as the services do; a change of one column alone must move the totals). */
const someColumns: fc.Arbitrary<Partial<CaseColumns>> = caseColumns.chain((c) =>
  fc.subarray(Object.keys(c) as Array<keyof CaseColumns>, { minLength: 1, maxLength: 2 }).map((keys) => Object.fromEntries(keys.map((k) => [k, c[k]])) as Partial<CaseColumns>));

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: caseColumns.map((c) => ({ op: 'insert' as const, c })) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('update' as const), pick: fc.nat(7), c: someColumns }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('extend' as const, 'suspend' as const, 'link' as const), pick: fc.nat(7), other: fc.nat(7) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('unlink' as const, 'unextend' as const, 'moveExtension' as const), pick: fc.nat(7), other: fc.nat(7) }) },
);

/** Every day the cases can have, so every change shows in some period. */
const WHOLE: CohortRange = { from: DAYS[0], before: '2026-12-31' };
const range = fc.tuple(day, day).map(([a, b]): CohortRange => (a <= b ? { from: a, before: b } : { from: b, before: a }));

let seq = 0;
async function apply(db: Kysely<any>, o: Op): Promise<void> {
  const ids = (await sql<{ id: number }>`SELECT id FROM cases ORDER BY id`.execute(db)).rows.map((r) => r.id);
  const pick = (n: number) => ids[n % ids.length];
  if (o.op === 'insert') {
    seq += 1;
    await db.insertInto('cases').values({
      register_no: `T-${seq}`, reg_year: 2026, reg_seq: seq, registered_at: o.c.received_at, subject: '事由', account: '经过',
      recorder_id: 1, first_receiver_id: 1, created_at: '2026-01-01', updated_at: '2026-01-01', ...o.c,
    }).execute();
    return;
  }
  if (ids.length === 0) return;
  const id = pick(o.pick);
  switch (o.op) {
    case 'update':
      await db.updateTable('cases').set(o.c).where('id', '=', id).execute();
      return;
    case 'extend':
      await sql`INSERT INTO case_extensions (case_id, round, old_due, new_due, reason, approver_id, created_at) VALUES (${id}, 1, NULL, '2026-02-01', '延期', 1, '2026-01-01')`.execute(db);
      return;
    case 'suspend':
      await sql`INSERT INTO case_suspensions (case_id, round, suspended_on, material, created_by) VALUES (${id}, 1, '2026-01-05', '材料', 1)`.execute(db);
      return;
    case 'link': {
      const of = pick(o.other);
      const standing = (await sql<{ n: number }>`SELECT count(*) AS n FROM case_repeats WHERE case_id = ${id} AND unlinked_at IS NULL`.execute(db)).rows[0].n;
      if (of !== id && standing === 0) {
        await sql`INSERT INTO case_repeats (case_id, repeat_of_id, linked_by, linked_by_name, linked_at) VALUES (${id}, ${of}, 1, '赵', '2026-01-02')`.execute(db);
      }
      return;
    }
    case 'unlink':
      await sql`UPDATE case_repeats SET unlinked_by = 1, unlinked_by_name = '赵', unlinked_at = '2026-01-03', unlink_reason = '不是重复件'
        WHERE case_id = ${id} AND unlinked_at IS NULL`.execute(db);
      return;
    case 'unextend':
      // Extensions and suspensions are never removed by the app; the totals follow if a row goes all the same.
      await sql`DELETE FROM case_extensions WHERE id = (SELECT min(id) FROM case_extensions WHERE case_id = ${id})`.execute(db);
      await sql`DELETE FROM case_suspensions WHERE id = (SELECT max(id) FROM case_suspensions WHERE case_id = ${id})`.execute(db);
      return;
    case 'moveExtension':
      await sql`UPDATE case_extensions SET case_id = ${pick(o.other)} WHERE id = (SELECT max(id) FROM case_extensions WHERE case_id = ${id})`.execute(db);
      await sql`UPDATE case_suspensions SET case_id = ${pick(o.other)} WHERE id = (SELECT min(id) FROM case_suspensions WHERE case_id = ${id})`.execute(db);
      return;
  }
}

/** A PeriodTotals in one order, so two sources compare equal when they count the same. */
function normal(t: PeriodTotals) {
  const by = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    ...t,
    rows: [...t.rows].sort(by((x) => `${x.dim}\u0000${x.key}`)),
    overdue: [...t.overdue].sort(by((x) => x.handler)),
    handling: [...t.handling].sort(by((x) => `${x.received}\u0000${x.closed}`)),
  };
}

async function registerAt(version: string): Promise<{ db: Kysely<Database>; migrator: Migrator }> {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
  const migrator = new Migrator({ db, provider: migrationProvider });
  expect((await migrator.migrateTo(version)).error).toBeUndefined();
  await sql`INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES ('zhao', '赵主任', 'supervisor', 'h', '2026-01-01')`.execute(db);
  for (const name of ['综合窗口', '社保科', '门诊部']) await sql`INSERT INTO departments (name) VALUES (${name})`.execute(db);
  return { db, migrator };
}

async function expectSame(db: Kysely<Database>, ranges: CohortRange[], today: string): Promise<void> {
  const [fast, direct] = [await periodTotals(db, ranges, today), await directPeriodTotals(db, ranges, today)];
  expect(fast.map(normal)).toEqual(direct.map(normal));
  for (const r of ranges) {
    const byKey = (rows: Array<{ case_type: string; channel: string; n: number }>) => [...rows].sort((a, b) => (`${a.case_type}|${a.channel}` < `${b.case_type}|${b.channel}` ? -1 : 1));
    expect(byKey(await typeByChannelTotals(db, r))).toEqual(byKey(await directTypeByChannel(db, r)));
    expect(await cohortSizeTotals(db, r)).toBe((await directTypeByChannel(db, r)).reduce((s, x) => s + x.n, 0));
  }
  const months = ['2025-12', '2026-01', '2026-02', '2026-03'].map((month, i, all) => ({
    month, from: `${month}-01`, before: i + 1 < all.length ? `${all[i + 1]}-01` : '2026-04-01',
  }));
  expect(await cohortByMonth(db, months)).toEqual(await directCohortByMonth(db, months));
}

const TOTALS = '0012_statistics_totals';
const BEFORE_TOTALS = Object.keys(migrations).sort()[Object.keys(migrations).sort().indexOf(TOTALS) - 1];

describe('statistics totals (migration 0012) against the cases themselves', () => {
  it('agree on random registers, built before the migration and changed after it, for random periods and days', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), fc.array(op, { maxLength: 40 }), fc.array(range, { minLength: 1, maxLength: 3 }), day,
        async (before, after, ranges, today) => {
          const { db, migrator } = await registerAt(BEFORE_TOTALS);
          try {
            for (const o of before) await apply(db, o);
            expect((await migrator.migrateTo(TOTALS)).error).toBeUndefined();
            await expectSame(db, [WHOLE, ...ranges], today);
            for (const o of after) await apply(db, o);
            await expectSame(db, [WHOLE, ...ranges], today);
          } finally {
            await db.destroy();
          }
        }),
      { numRuns: 60 },
    );
  }, 240_000);
});
