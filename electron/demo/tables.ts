import type BetterSqlite3 from 'better-sqlite3';

/**
 * The tables a bulk load fills and their columns, and the staging databases a worker thread fills so the
 * main thread can copy each batch in C (INSERT ... SELECT) without touching the values in JavaScript.
 */
export const CASE_COLUMNS = [
  'id', 'register_no', 'reg_year', 'reg_seq', 'received_at', 'registered_at', 'channel', 'case_type', 'is_anonymous', 'is_confidential',
  'head_count', 'respondent_department_id', 'respondent_staff', 'respondent_staff_id', 'subject', 'account', 'request', 'complainant_names', 'recorder_id', 'first_receiver_id',
  'status', 'round', 'severity', 'handler_department_id', 'handler_staff_id', 'accepted_at', 'refuse_reason', 'referral', 'assigned_at',
  'finding', 'handling_opinion', 'measures', 'staff_action', 'draft_reply', 'handled_on', 'review_comment', 'approved_at', 'approver_id',
  'reply_method', 'replied_on', 'reply_summary', 'satisfaction', 'followed_up_on', 'follow_up_note', 'closed_at', 'close_note', 'voided_at',
  'void_reason', 'suspended_from', 'stage_start', 'stage_limit', 'overall_start', 'stage_due', 'overall_due', 'original_due', 'due_date',
  'calendar_missing_year', 'created_at', 'updated_at', 'version',
] as const;

export const TABLES: ReadonlyArray<{ table: string; columns: readonly string[] }> = [
  { table: 'cases', columns: CASE_COLUMNS },
  { table: 'complainants', columns: ['case_id', 'seq', 'name', 'gender', 'phone', 'id_number', 'address', 'employer'] },
  { table: 'case_notes', columns: ['case_id', 'round', 'noted_on', 'text', 'author_id', 'created_at'] },
  { table: 'case_extensions', columns: ['case_id', 'round', 'old_due', 'new_due', 'reason', 'approver_id', 'notice', 'created_at'] },
  { table: 'case_suspensions', columns: ['case_id', 'round', 'suspended_on', 'material', 'resumed_on', 'created_by'] },
  { table: 'case_rounds', columns: ['case_id', 'round', 'snapshot', 'ended_at'] },
  { table: 'history', columns: ['entity', 'entity_id', 'action', 'actor_id', 'actor_name', 'at', 'before', 'after', 'note', 'prev_hash', 'hash'] },
];

/** A staging database: the same columns without constraints or indexes; rowid keeps the insert order. */
export function openStaging(Database: typeof BetterSqlite3, file: string): BetterSqlite3.Database {
  const db = new Database(file);
  db.pragma('page_size = 65536'); // a batch is ~60 MB: 64 KB pages mean 16 times fewer write and read calls
  db.pragma('journal_mode = OFF'); // scratch data: rebuilt from the seed if anything goes wrong
  db.pragma('synchronous = OFF');
  for (const t of TABLES) db.exec(`CREATE TABLE IF NOT EXISTS ${t.table} (${t.columns.join(', ')})`);
  return db;
}

export function clearStaging(db: BetterSqlite3.Database): void {
  for (const t of TABLES) db.exec(`DELETE FROM ${t.table}`);
}

/** INSERT ... SELECT of every staged table into the main database, in staging order. */
export function copyStatements(db: BetterSqlite3.Database, schema: string): BetterSqlite3.Statement[] {
  return TABLES.map((t) => db.prepare(
    `INSERT INTO main.${t.table} (${t.columns.join(', ')}) SELECT ${t.columns.join(', ')} FROM ${schema}.${t.table} ORDER BY rowid`,
  ));
}
