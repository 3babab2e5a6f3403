import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../types';

type Db = Kysely<Database> | Transaction<Database>;

/** A link "case `case_id` repeats the earlier case `repeat_of_id`" (migration 0009), with both register numbers. */
export interface RepeatLinkRow {
  id: number;
  case_id: number;
  repeat_of_id: number;
  linked_by_name: string;
  linked_at: string;
  unlinked_by_name: string | null;
  unlinked_at: string | null;
  unlink_reason: string | null;
  case_register_no: string;
  case_received_at: string;
  repeat_of_register_no: string;
  repeat_of_received_at: string;
  /** what decides who sees each end's complainants (identity-rules.ts): the later case's, then the earlier one's */
  case_is_confidential: number;
  case_recorder_id: number;
  case_first_receiver_id: number;
  repeat_of_is_confidential: number;
  repeat_of_recorder_id: number;
  repeat_of_first_receiver_id: number;
}

const LINK_COLUMNS = sql`r.id, r.case_id, r.repeat_of_id, r.linked_by_name, r.linked_at, r.unlinked_by_name, r.unlinked_at, r.unlink_reason,
  c.register_no AS case_register_no, c.received_at AS case_received_at, o.register_no AS repeat_of_register_no, o.received_at AS repeat_of_received_at,
  c.is_confidential AS case_is_confidential, c.recorder_id AS case_recorder_id, c.first_receiver_id AS case_first_receiver_id,
  o.is_confidential AS repeat_of_is_confidential, o.recorder_id AS repeat_of_recorder_id, o.first_receiver_id AS repeat_of_first_receiver_id`;

/** The link of this case that stands now (it repeats an earlier case), if any. */
export async function standingLinkOf(db: Db, caseId: number): Promise<RepeatLinkRow | undefined> {
  const r = await sql<RepeatLinkRow>`SELECT ${LINK_COLUMNS} FROM case_repeats r JOIN cases c ON c.id = r.case_id JOIN cases o ON o.id = r.repeat_of_id
    WHERE r.case_id = ${caseId} AND r.unlinked_at IS NULL`.execute(db);
  return r.rows[0];
}

/** The later cases linked now as repeats of this one, oldest first. */
export async function standingRepeatsOf(db: Db, caseId: number): Promise<RepeatLinkRow[]> {
  const r = await sql<RepeatLinkRow>`SELECT ${LINK_COLUMNS} FROM case_repeats r JOIN cases c ON c.id = r.case_id JOIN cases o ON o.id = r.repeat_of_id
    WHERE r.repeat_of_id = ${caseId} AND r.unlinked_at IS NULL ORDER BY c.received_at, c.id`.execute(db);
  return r.rows;
}

/** Every link this case was ever given (standing or unlinked): the rows its timeline's 标记/取消 entries name. */
export async function linksOf(db: Db, caseId: number): Promise<RepeatLinkRow[]> {
  const r = await sql<RepeatLinkRow>`SELECT ${LINK_COLUMNS} FROM case_repeats r JOIN cases c ON c.id = r.case_id JOIN cases o ON o.id = r.repeat_of_id
    WHERE r.case_id = ${caseId} ORDER BY r.id`.execute(db);
  return r.rows;
}

export async function insertRepeatLink(db: Db, v: { caseId: number; repeatOfId: number; byId: number | null; byName: string; at: string }): Promise<void> {
  await sql`INSERT INTO case_repeats(case_id, repeat_of_id, linked_by, linked_by_name, linked_at)
    VALUES (${v.caseId}, ${v.repeatOfId}, ${v.byId}, ${v.byName}, ${v.at})`.execute(db);
}

export async function markUnlinked(db: Db, linkId: number, v: { byId: number | null; byName: string; at: string; reason: string }): Promise<void> {
  await sql`UPDATE case_repeats SET unlinked_by = ${v.byId}, unlinked_by_name = ${v.byName}, unlinked_at = ${v.at}, unlink_reason = ${v.reason}
    WHERE id = ${linkId} AND unlinked_at IS NULL`.execute(db);
}

export interface RepeatCandidateRow {
  id: number;
  register_no: string;
  received_at: string;
  case_type: string;
  channel: string;
  subject: string;
  status: string;
  is_confidential: number;
  recorder_id: number;
  first_receiver_id: number;
  name: string;
  phone: string;
  id_number: string;
}

/**
 * Cases received from `from` up to (not including) `before` with a complainant of this phone (digits, dashes
 * ignored) or ID number, newest first, `limit` at most; voided cases left out. `visibleTo` keeps only the cases
 * whose identity the caller sees (register rule: a clerk sees non-confidential cases and their own), so that a
 * phone number typed in never confirms a protected identity. `caseId` asks about one case only.
 */
export async function repeatCandidates(db: Db, q: {
  phoneDigits: string | null; idNumber: string | null; from: string; before: string; limit: number;
  visibleTo: 'all' | { userId: number };
  /** only this case, if it is a candidate (a registration's repeatOfId is checked so) */
  caseId?: number;
}): Promise<RepeatCandidateRow[]> {
  const matches = [
    ...(q.phoneDigits ? [sql`(substr(replace(p.phone, '-', ''), -4) = ${q.phoneDigits.slice(-4)} AND replace(p.phone, '-', '') = ${q.phoneDigits})`] : []),
    ...(q.idNumber ? [sql`(p.id_number = ${q.idNumber} AND p.id_number <> '')`] : []),
  ];
  if (matches.length === 0) return [];
  const scope = q.visibleTo === 'all' ? sql`1`
    : sql`(c.is_confidential = 0 OR c.recorder_id = ${q.visibleTo.userId} OR c.first_receiver_id = ${q.visibleTo.userId})`;
  const r = await sql<RepeatCandidateRow>`SELECT c.id, c.register_no, c.received_at, c.case_type, c.channel, c.subject, c.status, c.is_confidential,
      c.recorder_id, c.first_receiver_id, p.name, p.phone, p.id_number
    FROM complainants p JOIN cases c ON c.id = p.case_id
    WHERE (${sql.join(matches, sql` OR `)}) AND c.received_at >= ${q.from} AND c.received_at < ${q.before} AND c.status <> 'voided' AND ${scope}
      ${q.caseId === undefined ? sql`` : sql`AND c.id = ${q.caseId}`}
    GROUP BY c.id ORDER BY c.received_at DESC, c.id DESC LIMIT ${q.limit}`.execute(db);
  return r.rows;
}
