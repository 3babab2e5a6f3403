import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../types';
import { inCohort, ON_TIME, type CohortRange } from './statistics';

type Db = Kysely<Database> | Transaction<Database>;

export interface CohortMonthRow { month: string; registered: number; closed: number; closedOnTime: number }

/**
 * The 统计 page's 12-month trend in one pass over the covering index `cases_statistics`: per month of receipt
 * ('YYYY-MM', the stored local time's first seven characters), the cohort's registered, closed and closed-on-time
 * counts with the same definitions as statistics/get (queries/statistics.ts's ON_TIME and cohort range), so a
 * month's bar equals that month's report. Months without cases are absent; the service fills them with zeros.
 */
export async function cohortByMonth(db: Db, r: CohortRange): Promise<CohortMonthRow[]> {
  const q = await sql<CohortMonthRow>`SELECT substr(c.received_at, 1, 7) AS month,
      coalesce(sum(c.status <> 'voided'), 0) AS registered,
      coalesce(sum(c.status = 'closed'), 0) AS closed,
      coalesce(sum(${ON_TIME}), 0) AS closedOnTime
    FROM cases AS c INDEXED BY cases_statistics WHERE ${inCohort(r)}
    GROUP BY 1 ORDER BY 1`.execute(db);
  return q.rows.map((x) => ({ month: x.month, registered: Number(x.registered), closed: Number(x.closed), closedOnTime: Number(x.closedOnTime) }));
}
