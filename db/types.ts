import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely's view of the database. snake_case here; services map rows to camelCase view models. */
export interface SettingsTable { key: string; value: string }
export interface DepartmentsTable { id: Generated<number>; name: string; active: Generated<number>; sort_order: Generated<number> }
export interface StaffTable { id: Generated<number>; department_id: number; name: string; title: Generated<string>; active: Generated<number> }
export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  staff_id: number | null;
  active: Generated<number>;
  created_at: string;
}
export interface LookupsTable { id: Generated<number>; kind: 'channel' | 'case_type'; name: string; active: Generated<number>; sort_order: Generated<number> }
export interface RegisterCountersTable { year: number; last_seq: number }
/** Sign-in attempts not known to have succeeded, and accounts / client addresses refused for a while (0004). */
export interface SignInAttemptsTable { id: Generated<number>; username: string; client: string; at_ms: number; state: 'pending' | 'failed' | 'cleared' }
export interface SignInLocksTable { kind: 'user' | 'client'; key: string; locked_at_ms: number; until_ms: number }
/** A registration's idempotency key (the renderer's draft id) and the case it made (0005). */
export interface RegistrationKeysTable { key: string; user_id: number; case_id: number; fingerprint: string; created_at: string }
/** How many cases are in each status, kept by triggers on the cases (0007): the register's exact totals. */
export interface CaseCountsTable { status: string; n: number }

export interface CasesTable {
  id: Generated<number>;
  register_no: string;
  reg_year: number;
  reg_seq: number;
  received_at: string;
  registered_at: string;
  channel: string;
  case_type: string;
  is_anonymous: number;
  is_confidential: number;
  head_count: number;
  respondent_department_id: number | null;
  respondent_staff: string | null;
  /** the directory's staff member when picked (0011); respondent_staff holds their name then too */
  respondent_staff_id: number | null;
  subject: string;
  account: string;
  request: string;
  /** the complainants' names, space-separated: written with them, indexed for full-text search */
  complainant_names: Generated<string>;
  recorder_id: number;
  first_receiver_id: number;
  status: string;
  round: Generated<number>;
  severity: string | null;
  handler_department_id: number | null;
  handler_staff_id: number | null;
  accepted_at: string | null;
  refuse_reason: string | null;
  referral: string | null;
  assigned_at: string | null;
  finding: string | null;
  handling_opinion: string | null;
  measures: string | null;
  staff_action: string | null;
  draft_reply: string | null;
  handled_on: string | null;
  review_comment: string | null;
  approved_at: string | null;
  approver_id: number | null;
  reply_method: string | null;
  replied_on: string | null;
  reply_summary: string | null;
  satisfaction: string | null;
  followed_up_on: string | null;
  follow_up_note: string | null;
  closed_at: string | null;
  close_note: string | null;
  voided_at: string | null;
  void_reason: string | null;
  suspended_from: string | null;
  stage_start: string | null;
  stage_limit: number | null;
  overall_start: string | null;
  stage_due: string | null;
  overall_due: string | null;
  original_due: string | null;
  due_date: string | null;
  calendar_missing_year: number | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface ComplainantsTable {
  id: Generated<number>;
  case_id: number;
  seq: number;
  name: string;
  gender: string | null;
  phone: string;
  id_number: string;
  address: string;
  employer: string;
}
export interface CaseNotesTable { id: Generated<number>; case_id: number; round: number; noted_on: string; text: string; author_id: number; created_at: string }
export interface CaseExtensionsTable {
  id: Generated<number>; case_id: number; round: number; old_due: string | null; new_due: string; reason: string; approver_id: number; notice: string; created_at: string;
}
export interface CaseSuspensionsTable {
  id: Generated<number>; case_id: number; round: number; suspended_on: string; material: string; resumed_on: string | null; created_by: number;
}
export interface CaseRoundsTable { id: Generated<number>; case_id: number; round: number; snapshot: string; ended_at: string }
/** 0013: the blob is attachments/ab/<sha256>.bin under the data folder; never deleted, voided once with a reason. */
export interface AttachmentsTable {
  id: Generated<number>; case_id: number; sha256: string; size: number; name: string; mime_type: string;
  kind: 'image' | 'pdf' | 'word' | 'excel' | 'text' | 'audio'; active_content: Generated<number>;
  /** the user (null: the command line), and the name they had then */
  added_by: number | null; added_by_name: string; added_at: string;
  voided_at: string | null; voided_by: number | null; voided_by_name: string | null; void_reason: string | null;
}
export type AttachmentRow = Selectable<AttachmentsTable>;
export interface CalendarYearsTable { year: number; source: string; updated_at: string }
export interface CalendarDaysTable { date: string; kind: 'holiday' | 'workday'; name: string }
export interface HistoryTable {
  id: Generated<number>;
  entity: string;
  entity_id: number;
  action: string;
  actor_id: number | null;
  actor_name: string;
  at: string;
  before: string | null;
  after: string | null;
  note: string | null;
  prev_hash: string;
  hash: string;
}

/** The contentless trigram full-text index over each case (kept in step by triggers). */
export interface CaseFtsTable { rowid: number; body: string }

export interface Database {
  settings: SettingsTable;
  departments: DepartmentsTable;
  staff: StaffTable;
  users: UsersTable;
  lookups: LookupsTable;
  register_counters: RegisterCountersTable;
  sign_in_attempts: SignInAttemptsTable;
  sign_in_locks: SignInLocksTable;
  registration_keys: RegistrationKeysTable;
  case_counts: CaseCountsTable;
  cases: CasesTable;
  complainants: ComplainantsTable;
  case_notes: CaseNotesTable;
  case_extensions: CaseExtensionsTable;
  case_suspensions: CaseSuspensionsTable;
  case_rounds: CaseRoundsTable;
  attachments: AttachmentsTable;
  calendar_years: CalendarYearsTable;
  calendar_days: CalendarDaysTable;
  history: HistoryTable;
  case_fts: CaseFtsTable;
  paper_templates: PaperTemplatesTable;
  papers: PapersTable;
  paper_counters: PaperCountersTable;
  statistics_summaries: StatisticsSummariesTable;
}

export type CaseRow = Selectable<CasesTable>;
export type NewCase = Insertable<CasesTable>;
export type CaseUpdate = Updateable<CasesTable>;
export type UserRow = Selectable<UsersTable>;
export type ComplainantRow = Selectable<ComplainantsTable>;
export type HistoryRow = Selectable<HistoryTable>;

/** Papers (0008): each saved template version, each issued paper (frozen), and the numbers given per type and year. */
export interface PaperTemplatesTable { type: string; version: number; text: string; created_by: number | null; created_by_name: string; created_at: string }
export interface PapersTable {
  id: Generated<number>;
  case_id: number;
  type: string;
  version: number;
  number: string | null;
  number_year: number | null;
  number_seq: number | null;
  template_version: number;
  document: string;
  fill_ins: string;
  sha256: string;
  size: number;
  file: string;
  issued_by: number | null;
  issued_by_name: string;
  issued_at: string;
  superseded_by: number | null;
  superseded_at: string | null;
  superseded_reason: string | null;
}
export interface PaperCountersTable { type: string; year: number; last_seq: number }
export type PaperRow = Selectable<PapersTable>;
export type PaperTemplateRow = Selectable<PaperTemplatesTable>;

/** Issued statistics summaries (0010): one stored PDF per row; append-only. */
export interface StatisticsSummariesTable {
  id: Generated<number>;
  period_kind: 'month' | 'quarter' | 'year' | 'custom';
  period_from: string;
  period_to: string;
  label: string;
  public: number;
  sha256: string;
  bytes: number;
  file: string;
  issued_by: number | null;
  issued_by_name: string;
  issued_at: string;
  as_of: string;
}
export type StatisticsSummaryRow = Selectable<StatisticsSummariesTable>;
