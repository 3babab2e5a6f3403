import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../types';

type Db = Kysely<Database> | Transaction<Database>;
type Sql = RawBuilder<unknown>;

/**
 * The statistics' SQL (../shared/statistics.md): aggregates over the cohort, the cases received from `from`
 * (a date) up to but not including `before` (the day after the period), read from the covering index
 * `cases_statistics` (migration 0009) so no wide case row is read. Only the two lists read rows, bounded by
 * `limit`. No rules here beyond the definitions' SQL; the service names and folds them.
 *
 * The definitions as columns: voided = status 'voided' (never counted elsewhere); accepted = any status past
 * 登记 but 不予受理 (a case is accepted before it can be anything else); answered on the spot = closed without
 * ever being assigned (every other way to 办结 passes 分办, 答复 and 回访); on time = closed on or before the whole
 * case's due date in force (`overall_due`: approved extensions and suspensions moved it), or answered on the
 * spot; followed up = closed with a satisfaction (reset when a case is re-examined, so it is the latest one).
 */
export interface CohortRange { from: string; before: string }

/**
 * How a cohort is read: `range` walks `cases_statistics` over the period's dates (a month: a few percent of the
 * register) and sorts what it groups; `whole` walks all of `cases_statistics_cells`, already in the breakdowns'
 * order, skipping the cases outside the period (a year: half of the register, where sorting it would cost more).
 */
export type CohortScan = 'range' | 'whole';
const INDEX: Record<CohortScan, Sql> = { range: sql`cases_statistics`, whole: sql`cases_statistics_cells` };

/** `whole` once the period holds more than an eighth of the register (its size from the per-status counts). */
export async function cohortScan(db: Db, r: CohortRange): Promise<CohortScan> {
  const q = await sql<{ n: number; total: number }>`SELECT
      (SELECT count(*) FROM cases AS c INDEXED BY cases_statistics WHERE ${inCohort(r)}) AS n,
      (SELECT coalesce(sum(n), 0) FROM case_counts) AS total`.execute(db);
  const { n, total } = q.rows[0];
  return Number(n) * 8 > Number(total) ? 'whole' : 'range';
}

const OPEN = sql`('registered','accepted','assigned','suspended','pending_review','approved','replied','unsatisfied')`;
export const inCohort = (r: CohortRange): Sql => sql`c.received_at >= ${r.from} AND c.received_at < ${r.before}`;
const SPOT = sql`(c.status = 'closed' AND c.handler_department_id IS NULL)`;
export const ON_TIME = sql`(c.status = 'closed' AND (c.handler_department_id IS NULL OR substr(c.closed_at, 1, 10) <= c.overall_due))`;
const overdue = (today: string): Sql => sql`(c.status IN ${OPEN} AND c.due_date < ${today})`;
const FOLLOWED_UP = sql`(c.status = 'closed' AND c.satisfaction IS NOT NULL)`;

export interface CohortCountsRow {
  registered: number; voided: number; answeredOnSpot: number; accepted: number; refused: number; closed: number; closedOnTime: number;
  overdueOpen: number; reopened: number; followedUp: number; satisfied: number; basicallySatisfied: number; unsatisfied: number;
}

/** The cohort's counts that its own columns give, in one pass over the index. */
export async function cohortCounts(db: Db, r: CohortRange, today: string, scan: CohortScan = 'range'): Promise<CohortCountsRow> {
  const q = await sql<CohortCountsRow>`SELECT
      coalesce(sum(c.status <> 'voided'), 0) AS registered,
      coalesce(sum(c.status = 'voided'), 0) AS voided,
      coalesce(sum(${SPOT}), 0) AS answeredOnSpot,
      coalesce(sum(c.status NOT IN ('registered', 'refused', 'voided')), 0) AS accepted,
      coalesce(sum(c.status = 'refused'), 0) AS refused,
      coalesce(sum(c.status = 'closed'), 0) AS closed,
      coalesce(sum(${ON_TIME}), 0) AS closedOnTime,
      coalesce(sum(${overdue(today)}), 0) AS overdueOpen,
      coalesce(sum(c.round > 1 AND c.status <> 'voided'), 0) AS reopened,
      coalesce(sum(${FOLLOWED_UP}), 0) AS followedUp,
      coalesce(sum(${FOLLOWED_UP} AND c.satisfaction = 'satisfied'), 0) AS satisfied,
      coalesce(sum(${FOLLOWED_UP} AND c.satisfaction = 'basic'), 0) AS basicallySatisfied,
      coalesce(sum(${FOLLOWED_UP} AND c.satisfaction = 'unsatisfied'), 0) AS unsatisfied
    FROM cases AS c INDEXED BY ${INDEX[scan]} WHERE ${inCohort(r)}`.execute(db);
  const row = q.rows[0];
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as CohortCountsRow;
}

/**
 * Cohort cases (not voided) with at least one row in a side table: extensions, suspensions, standing repeat links.
 * A short period walks its cases and looks each up in the side table; a long one (`whole`) starts from the side
 * table's case ids (a few percent of the register), each looked up in the narrow `cases_register` index.
 */
export async function cohortWith(db: Db, r: CohortRange, table: 'case_extensions' | 'case_suspensions' | 'case_repeats', scan: CohortScan = 'range'): Promise<number> {
  const standing = table === 'case_repeats' ? sql`AND t.unlinked_at IS NULL` : sql``;
  const q = scan === 'range'
    ? await sql<{ n: number }>`SELECT count(DISTINCT t.case_id) AS n FROM ${sql.table(table)} AS t
        JOIN cases AS c INDEXED BY cases_statistics ON c.id = t.case_id
        WHERE ${inCohort(r)} AND c.status <> 'voided' ${standing}`.execute(db)
    : await sql<{ n: number }>`SELECT count(*) AS n FROM cases AS c INDEXED BY cases_register
        WHERE c.id IN (SELECT t.case_id FROM ${sql.table(table)} AS t WHERE 1 ${standing}) AND ${inCohort(r)} AND c.status <> 'voided'`.execute(db);
  return Number(q.rows[0].n);
}

export interface CohortCell {
  status: string; case_type: string; channel: string; severity: string | null; finding: string | null;
  respondent_department_id: number | null; handler_department_id: number | null;
  n: number; on_time: number; overdue: number; reopened: number; satisfied: number; basic: number; unsatisfied: number;
}

/**
 * The whole cohort (voided cases too, as their own status) counted in one pass per combination of status, type,
 * channel, severity, finding, department complained about and handling department, with the sums the figures
 * need: the period's counts, its breakdowns and its per-department table are all folded from these cells.
 */
export async function cohortCells(db: Db, r: CohortRange, today: string, scan: CohortScan = 'range'): Promise<CohortCell[]> {
  const q = await sql<CohortCell>`SELECT c.status, c.case_type, c.channel, c.severity, c.finding, c.respondent_department_id, c.handler_department_id,
      count(*) AS n, sum(${ON_TIME}) AS on_time, sum(${overdue(today)}) AS overdue, sum(c.round > 1) AS reopened,
      sum(${FOLLOWED_UP} AND c.satisfaction = 'satisfied') AS satisfied, sum(${FOLLOWED_UP} AND c.satisfaction = 'basic') AS basic,
      sum(${FOLLOWED_UP} AND c.satisfaction = 'unsatisfied') AS unsatisfied
    FROM cases AS c INDEXED BY ${INDEX[scan]} WHERE ${inCohort(r)}
    GROUP BY c.status, c.case_type, c.channel, c.severity, c.finding, c.respondent_department_id, c.handler_department_id`.execute(db);
  return q.rows.map((x) => ({
    ...x, n: Number(x.n), on_time: Number(x.on_time), overdue: Number(x.overdue), reopened: Number(x.reopened),
    satisfied: Number(x.satisfied), basic: Number(x.basic), unsatisfied: Number(x.unsatisfied),
  }));
}

/**
 * Closed cases not answered on the spot, counted per (day received, day closed): the handling times. Read from
 * the expression index `cases_handling`, which holds exactly these cases in that order: no sort, whatever the period.
 */
export async function handlingPairs(db: Db, r: CohortRange): Promise<Array<{ received: string; closed: string; n: number }>> {
  const q = await sql<{ received: string; closed: string; n: number }>`SELECT substr(c.received_at, 1, 10) AS received, substr(c.closed_at, 1, 10) AS closed, count(*) AS n
    FROM cases AS c INDEXED BY cases_handling
    WHERE c.status = 'closed' AND c.handler_department_id IS NOT NULL
      AND substr(c.received_at, 1, 10) >= ${r.from} AND substr(c.received_at, 1, 10) < ${r.before}
    GROUP BY substr(c.received_at, 1, 10), substr(c.closed_at, 1, 10)`.execute(db);
  return q.rows;
}

/**
 * Substantiated findings (属实, 部分属实: the current round's) per department complained about, staff member picked
 * from the directory (id, or null when typed) and name as stored: read from the small partial index
 * `cases_staff_findings` (migration 0011), walked in that order. domain/staff-findings.ts folds these into persons.
 */
export async function substantiatedByStaff(db: Db, r: CohortRange): Promise<Array<{ department_id: number | null; staff_id: number | null; name: string; n: number }>> {
  const q = await sql<{ department_id: number | null; staff_id: number | null; name: string; n: number }>`SELECT c.respondent_department_id AS department_id,
      c.respondent_staff_id AS staff_id, c.respondent_staff AS name, count(*) AS n
    FROM cases AS c INDEXED BY cases_staff_findings
    WHERE c.finding IN ('substantiated', 'partly') AND c.respondent_staff <> '' AND ${inCohort(r)} AND c.status <> 'voided'
    GROUP BY c.respondent_department_id, c.respondent_staff_id, c.respondent_staff`.execute(db);
  return q.rows.map((x) => ({ ...x, n: Number(x.n) }));
}

export interface OverdueRow { id: number; register_no: string; subject: string; handler_department_id: number | null; due_date: string }

/** Cohort cases open and past due today, most overdue first (the register's dated index, few rows). */
export async function overdueOpenList(db: Db, r: CohortRange, today: string, limit: number): Promise<OverdueRow[]> {
  const q = await sql<OverdueRow>`SELECT c.id, c.register_no, c.subject, c.handler_department_id, c.due_date
    FROM cases AS c WHERE c.due_date < ${today} AND c.status IN ${OPEN} AND ${inCohort(r)}
    ORDER BY c.due_date, c.id LIMIT ${limit}`.execute(db);
  return q.rows;
}

export interface RepeatRow { id: number; register_no: string; received_at: string; case_type: string; status: string; repeat_of_id: number; repeat_of_register_no: string }

/** Cohort cases linked now as repeats, in order of receipt. */
export async function repeatList(db: Db, r: CohortRange, limit: number): Promise<RepeatRow[]> {
  const q = await sql<RepeatRow>`SELECT c.id, c.register_no, c.received_at, c.case_type, c.status, t.repeat_of_id, o.register_no AS repeat_of_register_no
    FROM case_repeats AS t CROSS JOIN cases AS c INDEXED BY cases_register JOIN cases AS o ON o.id = t.repeat_of_id
    WHERE t.unlinked_at IS NULL AND c.id = t.case_id AND ${inCohort(r)} AND c.status <> 'voided'
    ORDER BY c.received_at, c.id LIMIT ${limit}`.execute(db);
  return q.rows;
}

/** The statistics settings row (key 'statistics': {"timeZone": "Asia/Shanghai"}), if an office has set one. */
export async function statisticsSetting(db: Db): Promise<{ timeZone?: unknown } | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'statistics').executeTakeFirst();
  if (!row) return null;
  try {
    const v = JSON.parse(row.value) as unknown;
    return v && typeof v === 'object' ? (v as { timeZone?: unknown }) : null;
  } catch {
    return null;
  }
}
