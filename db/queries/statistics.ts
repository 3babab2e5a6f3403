import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../types';

type Db = Kysely<Database> | Transaction<Database>;
type Sql = RawBuilder<unknown>;

/**
 * The statistics' SQL (../shared/statistics.md): aggregates over the cohort, the cases received from `from`
 * (a date) up to but not including `before` (the day after the period). The figures themselves are read from the
 * totals of statistics-totals.ts; here are the definitions counted from the cases (the reference those totals are
 * tested against), the per-staff counts and the two lists, which read rows bounded by `limit`. No rules here
 * beyond the definitions' SQL; the service names and folds them.
 *
 * The definitions as columns: voided = status 'voided' (never counted elsewhere); accepted = any status past
 * 登记 but 不予受理 (a case is accepted before it can be anything else); answered on the spot = closed without
 * ever being assigned (every other way to 办结 passes 分办, 答复 and 回访); on time = closed on or before the whole
 * case's due date in force (`overall_due`: approved extensions and suspensions moved it), or answered on the
 * spot; followed up = closed with a satisfaction (reset when a case is re-examined, so it is the latest one).
 */
export interface CohortRange { from: string; before: string }

/** The open statuses: a case in one of these and past its due date is 超期未办结. */
export const OPEN_STATUSES = ['registered', 'accepted', 'assigned', 'suspended', 'pending_review', 'approved', 'replied', 'unsatisfied'] as const;
const OPEN = sql`(${sql.join(OPEN_STATUSES)})`;
export const inCohort = (r: CohortRange): Sql => sql`c.received_at >= ${r.from} AND c.received_at < ${r.before}`;
export const ON_TIME = sql`(c.status = 'closed' AND (c.handler_department_id IS NULL OR substr(c.closed_at, 1, 10) <= c.overall_due))`;
const overdue = (today: string): Sql => sql`(c.status IN ${OPEN} AND c.due_date < ${today})`;
const FOLLOWED_UP = sql`(c.status = 'closed' AND c.satisfaction IS NOT NULL)`;

/**
 * What a period's figures, breakdowns and per-department table are folded from (the service does the folding):
 * the cohort counted per value of each dimension — `status` (voided cases too, under 'voided'), and of the cohort
 * proper (voided cases left out) `handler` (承办部门 id as text, '' for none), `type`, `channel`, `respondent`
 * (被投诉部门 id as text, '' for none), `severity` and `finding` ('' for none) — with, per value, the cases closed,
 * closed on time, re-examined and followed up by their latest satisfaction; how many cohort cases have an
 * extension, a suspension, a standing repeat link; 超期未办结 today per handling department; and the closed cases
 * not answered on the spot per (day received, day closed).
 * Two sources give it: `directPeriodTotals` here, from the cases themselves (the definitions as SQL), and
 * statistics-totals.ts's `periodTotals`, from the totals triggers keep (what the service reads); a property test
 * holds them equal.
 */
export const TOTALS_DIMS = ['status', 'handler', 'type', 'channel', 'respondent', 'severity', 'finding'] as const;
export interface TotalsRow {
  dim: (typeof TOTALS_DIMS)[number]; key: string;
  n: number; closed: number; on_time: number; reopened: number; satisfied: number; basic: number; unsatisfied: number;
}
export interface PeriodTotals {
  rows: TotalsRow[];
  extended: number; suspended: number; repeat: number;
  /** open and past due today, per handling department (the handler key: id as text, '' for none) */
  overdue: Array<{ handler: string; n: number }>;
  handling: Array<{ received: string; closed: string | null; n: number }>;
}

/**
 * The cohort (voided cases too, as their own status) counted in one pass per combination of status, type,
 * channel, severity, finding, department complained about and handling department, with the sums the figures
 * need.
 */
async function cohortCells(db: Db, r: CohortRange, today: string) {
  const q = await sql<{
    status: string; case_type: string; channel: string; severity: string | null; finding: string | null;
    respondent_department_id: number | null; handler_department_id: number | null;
    n: number; on_time: number; overdue: number; reopened: number; satisfied: number; basic: number; unsatisfied: number;
  }>`SELECT c.status, c.case_type, c.channel, c.severity, c.finding, c.respondent_department_id, c.handler_department_id,
      count(*) AS n, sum(${ON_TIME}) AS on_time, sum(${overdue(today)}) AS overdue, sum(c.round > 1) AS reopened,
      sum(${FOLLOWED_UP} AND c.satisfaction = 'satisfied') AS satisfied, sum(${FOLLOWED_UP} AND c.satisfaction = 'basic') AS basic,
      sum(${FOLLOWED_UP} AND c.satisfaction = 'unsatisfied') AS unsatisfied
    FROM cases AS c WHERE ${inCohort(r)}
    GROUP BY c.status, c.case_type, c.channel, c.severity, c.finding, c.respondent_department_id, c.handler_department_id`.execute(db);
  return q.rows;
}

/** Cohort cases (not voided) with at least one row in a side table: extensions, suspensions, standing repeat links. */
async function cohortWith(db: Db, r: CohortRange, table: 'case_extensions' | 'case_suspensions' | 'case_repeats'): Promise<number> {
  const standing = table === 'case_repeats' ? sql`AND t.unlinked_at IS NULL` : sql``;
  const q = await sql<{ n: number }>`SELECT count(*) AS n FROM cases AS c
    WHERE c.id IN (SELECT t.case_id FROM ${sql.table(table)} AS t WHERE 1 ${standing}) AND ${inCohort(r)} AND c.status <> 'voided'`.execute(db);
  return Number(q.rows[0].n);
}

/** Closed cases not answered on the spot, counted per (day received, day closed): the handling times. */
async function handlingPairs(db: Db, r: CohortRange): Promise<Array<{ received: string; closed: string | null; n: number }>> {
  const q = await sql<{ received: string; closed: string | null; n: number }>`SELECT substr(c.received_at, 1, 10) AS received,
      substr(c.closed_at, 1, 10) AS closed, count(*) AS n
    FROM cases AS c WHERE c.status = 'closed' AND c.handler_department_id IS NOT NULL AND ${inCohort(r)}
    GROUP BY 1, 2`.execute(db);
  return q.rows.map((x) => ({ ...x, n: Number(x.n) }));
}

/**
 * The periods' PeriodTotals counted from the cases themselves: every definition as SQL over the cohort (a walk
 * of each period's cases, grouped). The reference the totals are tested against; too slow for a big register.
 */
export async function directPeriodTotals(db: Db, ranges: readonly CohortRange[], today: string): Promise<PeriodTotals[]> {
  const out: PeriodTotals[] = [];
  for (const r of ranges) {
    const rows = new Map<string, TotalsRow>();
    const overdueBy = new Map<string, number>();
    for (const x of await cohortCells(db, r, today)) {
      const idKey = (id: number | null) => (id === null ? '' : String(id));
      const keys: Array<[TotalsRow['dim'], string]> = x.status === 'voided' ? [['status', x.status]] : [
        ['status', x.status], ['handler', idKey(x.handler_department_id)], ['type', x.case_type], ['channel', x.channel],
        ['respondent', idKey(x.respondent_department_id)], ['severity', x.severity ?? ''], ['finding', x.finding ?? ''],
      ];
      for (const [dim, key] of keys) {
        const id = `${dim}\u0000${key}`;
        const row = rows.get(id) ?? { dim, key, n: 0, closed: 0, on_time: 0, reopened: 0, satisfied: 0, basic: 0, unsatisfied: 0 };
        rows.set(id, row);
        row.n += Number(x.n);
        if (x.status === 'closed') row.closed += Number(x.n);
        row.on_time += Number(x.on_time);
        row.reopened += Number(x.reopened);
        row.satisfied += Number(x.satisfied);
        row.basic += Number(x.basic);
        row.unsatisfied += Number(x.unsatisfied);
      }
      if (Number(x.overdue) > 0) overdueBy.set(idKey(x.handler_department_id), (overdueBy.get(idKey(x.handler_department_id)) ?? 0) + Number(x.overdue));
    }
    const [extended, suspended, repeat, handling] = await Promise.all([
      cohortWith(db, r, 'case_extensions'), cohortWith(db, r, 'case_suspensions'), cohortWith(db, r, 'case_repeats'), handlingPairs(db, r),
    ]);
    out.push({ rows: [...rows.values()], extended, suspended, repeat, overdue: [...overdueBy].map(([handler, n]) => ({ handler, n })), handling });
  }
  return out;
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

/**
 * Cohort cases open and past due today, most overdue first: the open cases' entries of the status index
 * (`cases_status_filters`, a few percent of a register) chosen and ordered first, then only the listed rows read.
 */
export async function overdueOpenList(db: Db, r: CohortRange, today: string, limit: number): Promise<OverdueRow[]> {
  const q = await sql<OverdueRow>`SELECT c.id, c.register_no, c.subject, c.handler_department_id, c.due_date
    FROM cases AS c WHERE c.id IN (SELECT o.id FROM cases AS o INDEXED BY cases_status_filters
      WHERE o.status IN ${OPEN} AND o.due_date < ${today} AND o.received_at >= ${r.from} AND o.received_at < ${r.before}
      ORDER BY o.due_date, o.id LIMIT ${limit})
    ORDER BY c.due_date, c.id`.execute(db);
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
