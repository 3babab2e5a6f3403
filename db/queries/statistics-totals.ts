import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../types';
import { OPEN_STATUSES, TOTALS_DIMS, type CohortRange, type PeriodTotals, type TotalsRow } from './statistics';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The statistics read from the totals kept by triggers (migration 0012): what db/queries/statistics.ts's
 * `directPeriodTotals` counts from the cases, for any periods at once, in three statements whatever the periods'
 * length — the totals per dimension and day (a month: some 2,000 small rows, a year: 25,000), the handling times'
 * (day received, day closed) pairs, and 超期未办结, which depends on today and is counted from the open cases'
 * entries of the status index (`cases_status_filters`: status first; the open cases are a few percent of a register).
 */

const SUMS = ['n', 'closed', 'on_time', 'reopened', 'satisfied', 'basic', 'unsatisfied', 'extended', 'suspended', 'repeat'] as const;
type Sums = Record<(typeof SUMS)[number], number>;
const OPEN = sql`(${sql.join(OPEN_STATUSES)})`;
const dayIn = (r: CohortRange) => sql`t.day >= ${r.from} AND t.day < ${r.before}`;

/** The periods' totals, handling pairs and overdue counts (one PeriodTotals per range, in order). */
export async function periodTotals(db: Db, ranges: readonly CohortRange[], today: string): Promise<PeriodTotals[]> {
  if (ranges.length === 0) return [];
  const sums = sql.raw(SUMS.map((s) => `sum(t.${s}) AS ${s}`).join(', '));
  const dims = sql.join(TOTALS_DIMS);
  const totals = await sql<Sums & { p: number; dim: TotalsRow['dim']; key: string }>`${sql.join(ranges.map((r, p) => sql`SELECT ${p} AS p, t.dim, t.key, ${sums}
      FROM statistics_totals AS t WHERE t.dim IN (${dims}) AND ${dayIn(r)} GROUP BY t.dim, t.key HAVING sum(t.n) > 0`), sql` UNION ALL `)}`.execute(db);
  const handling = await sql<{ p: number; received: string; closed: string; n: number }>`${sql.join(ranges.map((r, p) => sql`SELECT ${p} AS p,
      t.received_day AS received, t.closed_day AS closed, t.n FROM statistics_handling AS t
      WHERE t.received_day >= ${r.from} AND t.received_day < ${r.before} AND t.n > 0`), sql` UNION ALL `)}`.execute(db);
  // One walk of the open cases for every period: a column per period.
  const inRange = (r: CohortRange) => sql`(c.received_at >= ${r.from} AND c.received_at < ${r.before})`;
  const overdue = await sql<Record<string, number> & { handler: string }>`SELECT coalesce(CAST(c.handler_department_id AS TEXT), '') AS handler,
      ${sql.join(ranges.map((r, p) => sql`sum(${inRange(r)}) AS ${sql.ref(`p${p}`)}`))}
    FROM cases AS c INDEXED BY cases_status_filters
    WHERE c.status IN ${OPEN} AND c.due_date < ${today} AND (${sql.join(ranges.map(inRange), sql` OR `)})
    GROUP BY 1`.execute(db);

  return ranges.map((_, p) => {
    const rows: TotalsRow[] = [];
    const side = { extended: 0, suspended: 0, repeat: 0 };
    for (const x of totals.rows) {
      if (Number(x.p) !== p) continue;
      const row: TotalsRow = {
        dim: x.dim, key: x.key, n: Number(x.n), closed: Number(x.closed), on_time: Number(x.on_time), reopened: Number(x.reopened),
        satisfied: Number(x.satisfied), basic: Number(x.basic), unsatisfied: Number(x.unsatisfied),
      };
      rows.push(row);
      if (x.dim === 'status' && x.key !== 'voided') {
        side.extended += Number(x.extended);
        side.suspended += Number(x.suspended);
        side.repeat += Number(x.repeat);
      }
    }
    return {
      rows,
      ...side,
      overdue: overdue.rows.map((x) => ({ handler: x.handler, n: Number(x[`p${p}`]) })).filter((x) => x.n > 0),
      handling: handling.rows.filter((x) => Number(x.p) === p).map((x) => ({ received: x.received, closed: x.closed === '' ? null : x.closed, n: Number(x.n) })),
    };
  });
}

export interface MonthTotals { month: string; registered: number; closed: number; closedOnTime: number }

/** Registered, closed and closed on time per calendar month ('YYYY-MM') of the days from `r.from` up to `r.before`. */
export async function monthTotals(db: Db, r: CohortRange): Promise<MonthTotals[]> {
  const q = await monthTotalsSql(r).execute(db);
  return q.rows.map((x) => ({ month: x.month, registered: Number(x.registered), closed: Number(x.closed), closedOnTime: Number(x.closedOnTime) }));
}

/** The statement of monthTotals (its test reads the plan). */
export function monthTotalsSql(r: CohortRange) {
  return sql<MonthTotals>`SELECT substr(t.day, 1, 7) AS month, coalesce(sum(t.n), 0) AS registered, coalesce(sum(t.closed), 0) AS closed,
      coalesce(sum(t.on_time), 0) AS closedOnTime
    FROM statistics_totals AS t WHERE t.dim = 'status' AND t.key <> 'voided' AND ${dayIn(r)} GROUP BY 1`;
}

/** The cohort counted per (type, channel). */
export async function typeByChannelTotals(db: Db, r: CohortRange): Promise<Array<{ case_type: string; channel: string; n: number }>> {
  const q = await sql<{ case_type: string; channel: string; n: number }>`SELECT t.key AS case_type, t.key2 AS channel, sum(t.n) AS n
    FROM statistics_totals AS t WHERE t.dim = 'type_channel' AND ${dayIn(r)} GROUP BY t.key, t.key2 HAVING sum(t.n) > 0`.execute(db);
  return q.rows.map((x) => ({ ...x, n: Number(x.n) }));
}

/** How many cases the cohort holds. */
export async function cohortSizeTotals(db: Db, r: CohortRange): Promise<number> {
  const q = await sql<{ n: number | null }>`SELECT sum(t.n) AS n FROM statistics_totals AS t
    WHERE t.dim = 'status' AND t.key <> 'voided' AND ${dayIn(r)}`.execute(db);
  return Number(q.rows[0]?.n ?? 0);
}
