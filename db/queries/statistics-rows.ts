import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../types';
import { inCohort as receivedIn, ON_TIME, type CohortRange } from './statistics';
import { cohortSizeTotals, typeByChannelTotals } from './statistics-totals';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * What the statistics workbook needs beyond statistics/get's report: the cohort counted by type × channel (分类统计)
 * and the cohort's cases one by one (明细台账), read in pages of the cases' order of receipt so a big period never
 * sits in memory as one result. The cohort is the same as db/queries/statistics.ts's: received from `from` up to
 * but not including `before`; voided cases are not in it. On time is that file's ON_TIME; overdue repeats its
 * definition (open and past due_date today).
 */
const inCohort = (r: CohortRange) => sql`${receivedIn(r)} AND c.status <> 'voided'`;
const OPEN = sql`('registered','accepted','assigned','suspended','pending_review','approved','replied','unsatisfied')`;

/** The cohort counted per (type, channel), from the totals kept per day (statistics-totals.ts). */
export const typeByChannel = typeByChannelTotals;

/** The same counted from the cases themselves (the reference the totals are tested against). */
export async function directTypeByChannel(db: Db, r: CohortRange): Promise<Array<{ case_type: string; channel: string; n: number }>> {
  const q = await sql<{ case_type: string; channel: string; n: number }>`SELECT c.case_type, c.channel, count(*) AS n
    FROM cases AS c WHERE ${inCohort(r)}
    GROUP BY c.case_type, c.channel`.execute(db);
  return q.rows.map((x) => ({ ...x, n: Number(x.n) }));
}

export interface DetailRow {
  id: number;
  register_no: string;
  received_at: string;
  channel: string;
  case_type: string;
  is_anonymous: number;
  is_confidential: number;
  recorder_id: number;
  first_receiver_id: number;
  head_count: number;
  respondent_department_id: number | null;
  respondent_staff: string | null;
  subject: string;
  handler_department_id: number | null;
  severity: string | null;
  status: string;
  round: number;
  overall_due: string | null;
  due_date: string | null;
  closed_at: string | null;
  finding: string | null;
  satisfaction: string | null;
  /** 1 closed on time, 0 closed late, null not closed */
  on_time: number | null;
  /** 1 open and past its due date today */
  overdue: number;
  /** the first complainant's */
  name: string | null;
  phone: string | null;
  id_number: string | null;
  /** the case this one is linked to as a repeat, if it is */
  repeat_of_register_no: string | null;
}

/**
 * The cohort's cases in order of receipt, `pageSize` at a time (keyset on received_at, id), at most `limit` in all:
 * yields each page as it is read.
 */
export async function* cohortDetailPages(db: Db, r: CohortRange, today: string, limit: number, pageSize = 2000): AsyncGenerator<DetailRow[]> {
  let after: { received_at: string; id: number } | null = null;
  let left = limit;
  while (left > 0) {
    const n = Math.min(pageSize, left);
    const from = after === null ? sql`` : sql`AND (c.received_at, c.id) > (${after.received_at}, ${after.id})`;
    const q: { rows: DetailRow[] } = await sql<DetailRow>`SELECT c.id, c.register_no, c.received_at, c.channel, c.case_type, c.is_anonymous,
        c.is_confidential, c.recorder_id, c.first_receiver_id, c.head_count, c.respondent_department_id, c.respondent_staff, c.subject,
        c.handler_department_id, c.severity, c.status, c.round, c.overall_due, c.due_date, c.closed_at, c.finding, c.satisfaction,
        CASE WHEN c.status <> 'closed' THEN NULL WHEN ${ON_TIME} THEN 1 ELSE 0 END AS on_time,
        (c.status IN ${OPEN} AND c.due_date < ${today}) AS overdue,
        p.name, p.phone, p.id_number,
        (SELECT o.register_no FROM case_repeats AS t JOIN cases AS o ON o.id = t.repeat_of_id
          WHERE t.case_id = c.id AND t.unlinked_at IS NULL ORDER BY t.id LIMIT 1) AS repeat_of_register_no
      FROM cases AS c LEFT JOIN complainants AS p ON p.case_id = c.id AND p.seq = 1
      WHERE ${inCohort(r)} ${from}
      ORDER BY c.received_at, c.id LIMIT ${n}`.execute(db);
    if (q.rows.length === 0) return;
    yield q.rows.map((x) => ({ ...x, overdue: Number(x.overdue) }));
    left -= q.rows.length;
    if (q.rows.length < n) return;
    const last: DetailRow = q.rows[q.rows.length - 1];
    after = { received_at: last.received_at, id: last.id };
  }
}

/** How many cases the cohort holds (to say so when the detail sheet stops at its limit), from the totals. */
export const cohortSize = cohortSizeTotals;
