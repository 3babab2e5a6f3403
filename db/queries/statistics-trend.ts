import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../types';
import { inCohort, ON_TIME, type CohortRange } from './statistics';
import { monthTotals } from './statistics-totals';

type Db = Kysely<Database> | Transaction<Database>;

export interface CohortMonthRow { month: string; registered: number; closed: number; closedOnTime: number }

/**
 * The 统计 page's 12-month trend in one statement: per month, the cohort's registered, closed and closed-on-time
 * counts with the same definitions as statistics/get, so a month's bar equals that month's report: summed from the
 * totals kept per day (statistics-totals.ts), some 11 rows a day. The months are consecutive calendar months.
 */
export async function cohortByMonth(db: Db, months: ReadonlyArray<{ month: string } & CohortRange>): Promise<CohortMonthRow[]> {
  if (months.length === 0) return [];
  const rows = new Map((await monthTotals(db, { from: months[0].from, before: months[months.length - 1].before })).map((x) => [x.month, x]));
  return months.map((m) => rows.get(m.month) ?? { month: m.month, registered: 0, closed: 0, closedOnTime: 0 });
}

/** The same counted from the cases themselves, a month at a time (the reference the totals are tested against). */
export async function directCohortByMonth(db: Db, months: ReadonlyArray<{ month: string } & CohortRange>): Promise<CohortMonthRow[]> {
  const out: CohortMonthRow[] = [];
  for (const m of months) {
    const q = await sql<CohortMonthRow>`SELECT coalesce(sum(c.status <> 'voided'), 0) AS registered, coalesce(sum(c.status = 'closed'), 0) AS closed,
        coalesce(sum(${ON_TIME}), 0) AS closedOnTime
      FROM cases AS c WHERE ${inCohort(m)}`.execute(db);
    const x = q.rows[0];
    out.push({ month: m.month, registered: Number(x.registered), closed: Number(x.closed), closedOnTime: Number(x.closedOnTime) });
  }
  return out;
}
