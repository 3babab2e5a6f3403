import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../types';

/** The columns a register line (a case summary) shows or needs for masking. */
export const SUMMARY_COLUMNS = [
  'id', 'register_no', 'received_at', 'channel', 'case_type', 'subject', 'is_anonymous', 'is_confidential', 'head_count',
  'status', 'severity', 'due_date', 'calendar_missing_year', 'round', 'recorder_id', 'first_receiver_id',
  'respondent_department_id', 'handler_department_id', 'handler_staff_id',
] as const;

type Db = Kysely<Database> | Transaction<Database>;

/** The summary columns of these cases, in no particular order. */
export function summaryRows(db: Db, ids: number[]) {
  return db.selectFrom('cases').select(SUMMARY_COLUMNS).where('id', 'in', ids).execute();
}

/** Each case's first complainant (the one a register line names). */
export function firstComplainants(db: Db, ids: number[]) {
  return db.selectFrom('complainants').select(['case_id', 'name', 'phone']).where('case_id', 'in', ids).where('seq', '=', 1).execute();
}

/** Every complainant's identity of these cases: to mask what of it is typed into a subject shown masked. */
export function complainantIdentities(db: Db, ids: number[]) {
  return db.selectFrom('complainants').select(['case_id', 'name', 'phone', 'id_number', 'address', 'employer']).where('case_id', 'in', ids).execute();
}
