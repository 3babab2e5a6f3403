import { sql, type Kysely } from 'kysely';

/**
 * Frozen in time: the register's first schema. Never import app code here; later changes get a new file.
 * Nothing is deleted from this database: cases are voided, users and departments deactivated, and the
 * history table refuses UPDATE and DELETE outright.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ddl = [
    `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    `CREATE TABLE departments (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      active INTEGER NOT NULL DEFAULT 1,
      sort_order INTEGER NOT NULL DEFAULT 0
    )`,
    `CREATE TABLE staff (
      id INTEGER PRIMARY KEY,
      department_id INTEGER NOT NULL REFERENCES departments(id),
      name TEXT NOT NULL,
      title TEXT NOT NULL DEFAULT '',
      active INTEGER NOT NULL DEFAULT 1
    )`,
    `CREATE INDEX staff_department ON staff(department_id)`,
    `CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('clerk','supervisor','auditor','admin')),
      password_hash TEXT NOT NULL,
      staff_id INTEGER REFERENCES staff(id),
      active INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL
    )`,
    `CREATE TABLE lookups (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('channel','case_type')),
      name TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      sort_order INTEGER NOT NULL DEFAULT 0,
      UNIQUE (kind, name)
    )`,
    `CREATE TABLE register_counters (year INTEGER PRIMARY KEY, last_seq INTEGER NOT NULL)`,
    `CREATE TABLE cases (
      id INTEGER PRIMARY KEY,
      register_no TEXT NOT NULL UNIQUE,
      reg_year INTEGER NOT NULL,
      reg_seq INTEGER NOT NULL,
      received_at TEXT NOT NULL,
      registered_at TEXT NOT NULL,
      channel TEXT NOT NULL,
      case_type TEXT NOT NULL,
      is_anonymous INTEGER NOT NULL DEFAULT 0,
      is_confidential INTEGER NOT NULL DEFAULT 0,
      head_count INTEGER NOT NULL DEFAULT 1,
      respondent_department_id INTEGER REFERENCES departments(id),
      respondent_staff TEXT,
      subject TEXT NOT NULL,
      account TEXT NOT NULL,
      request TEXT NOT NULL DEFAULT '',
      complainant_names TEXT NOT NULL DEFAULT '',
      recorder_id INTEGER NOT NULL REFERENCES users(id),
      first_receiver_id INTEGER NOT NULL REFERENCES users(id),
      status TEXT NOT NULL,
      round INTEGER NOT NULL DEFAULT 1,
      severity TEXT CHECK (severity IN ('simple','complex','major')),
      handler_department_id INTEGER REFERENCES departments(id),
      handler_staff_id INTEGER REFERENCES staff(id),
      accepted_at TEXT,
      refuse_reason TEXT,
      referral TEXT,
      assigned_at TEXT,
      finding TEXT CHECK (finding IN ('substantiated','partly','unsubstantiated','unverifiable')),
      handling_opinion TEXT,
      measures TEXT,
      staff_action TEXT,
      draft_reply TEXT,
      handled_on TEXT,
      review_comment TEXT,
      approved_at TEXT,
      approver_id INTEGER REFERENCES users(id),
      reply_method TEXT,
      replied_on TEXT,
      reply_summary TEXT,
      satisfaction TEXT CHECK (satisfaction IN ('satisfied','basic','unsatisfied')),
      followed_up_on TEXT,
      follow_up_note TEXT,
      closed_at TEXT,
      close_note TEXT,
      voided_at TEXT,
      void_reason TEXT,
      suspended_from TEXT,
      stage_start TEXT,
      stage_limit INTEGER,
      overall_start TEXT,
      stage_due TEXT,
      overall_due TEXT,
      original_due TEXT,
      due_date TEXT,
      calendar_missing_year INTEGER,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      UNIQUE (reg_year, reg_seq)
    )`,
    // Single-column indexes keep their entries in rowid order, and rowid order is register-number order:
    // "filter on x, newest register numbers first" walks one index with no sort, whatever x is.
    `CREATE INDEX cases_received ON cases(received_at)`,
    `CREATE INDEX cases_status ON cases(status)`,
    // Counting "open cases of department X" (the supervisor's daily view) reads only this index, not the
    // wide case rows: status first, then every other register filter.
    `CREATE INDEX cases_status_filters ON cases(status, respondent_department_id, handler_department_id, handler_staff_id, severity, case_type, channel, due_date, received_at)`,
    `CREATE INDEX cases_type ON cases(case_type)`,
    `CREATE INDEX cases_channel ON cases(channel)`,
    `CREATE INDEX cases_respondent ON cases(respondent_department_id)`,
    `CREATE INDEX cases_handler_dept ON cases(handler_department_id)`,
    `CREATE INDEX cases_handler_staff ON cases(handler_staff_id)`,
    `CREATE INDEX cases_severity ON cases(severity)`,
    `CREATE INDEX cases_due ON cases(due_date) WHERE due_date IS NOT NULL`,
    // The register's "by due date" order: cases without a due date (closed, suspended) last.
    `CREATE INDEX cases_due_order ON cases(due_date IS NULL, due_date)`,
    `CREATE INDEX cases_calendar_missing ON cases(calendar_missing_year) WHERE calendar_missing_year IS NOT NULL`,
    `CREATE TABLE complainants (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      seq INTEGER NOT NULL,
      name TEXT NOT NULL DEFAULT '',
      gender TEXT CHECK (gender IN ('male','female')),
      phone TEXT NOT NULL DEFAULT '',
      id_number TEXT NOT NULL DEFAULT '',
      address TEXT NOT NULL DEFAULT '',
      employer TEXT NOT NULL DEFAULT '',
      UNIQUE (case_id, seq)
    )`,
    `CREATE INDEX complainants_name ON complainants(name) WHERE name <> ''`,
    `CREATE INDEX complainants_phone ON complainants(phone) WHERE phone <> ''`,
    `CREATE TABLE case_notes (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      round INTEGER NOT NULL,
      noted_on TEXT NOT NULL,
      text TEXT NOT NULL,
      author_id INTEGER NOT NULL REFERENCES users(id),
      created_at TEXT NOT NULL
    )`,
    `CREATE INDEX case_notes_case ON case_notes(case_id)`,
    `CREATE TABLE case_extensions (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      round INTEGER NOT NULL,
      old_due TEXT,
      new_due TEXT NOT NULL,
      reason TEXT NOT NULL,
      approver_id INTEGER NOT NULL REFERENCES users(id),
      notice TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL
    )`,
    `CREATE INDEX case_extensions_case ON case_extensions(case_id)`,
    `CREATE TABLE case_suspensions (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      round INTEGER NOT NULL,
      suspended_on TEXT NOT NULL,
      material TEXT NOT NULL,
      resumed_on TEXT,
      created_by INTEGER NOT NULL REFERENCES users(id)
    )`,
    `CREATE INDEX case_suspensions_case ON case_suspensions(case_id)`,
    `CREATE TABLE case_rounds (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      round INTEGER NOT NULL,
      snapshot TEXT NOT NULL,
      ended_at TEXT NOT NULL,
      UNIQUE (case_id, round)
    )`,
    `CREATE TABLE attachments (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      file_name TEXT NOT NULL,
      mime_type TEXT NOT NULL,
      size_bytes INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      stored_name TEXT NOT NULL,
      added_by INTEGER NOT NULL REFERENCES users(id),
      added_at TEXT NOT NULL,
      voided_at TEXT,
      void_reason TEXT
    )`,
    `CREATE INDEX attachments_case ON attachments(case_id)`,
    `CREATE TABLE calendar_years (year INTEGER PRIMARY KEY, source TEXT NOT NULL, updated_at TEXT NOT NULL)`,
    `CREATE TABLE calendar_days (
      date TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
      name TEXT NOT NULL DEFAULT ''
    )`,
    `CREATE TABLE history (
      id INTEGER PRIMARY KEY,
      entity TEXT NOT NULL,
      entity_id INTEGER NOT NULL,
      action TEXT NOT NULL,
      actor_id INTEGER,
      actor_name TEXT NOT NULL,
      at TEXT NOT NULL,
      before TEXT,
      after TEXT,
      note TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    )`,
    `CREATE INDEX history_entity ON history(entity, entity_id, id)`,
    `CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN SELECT RAISE(ABORT, 'history is append-only'); END`,
    `CREATE TRIGGER history_no_delete BEFORE DELETE ON history BEGIN SELECT RAISE(ABORT, 'history is append-only'); END`,
    `CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases BEGIN SELECT RAISE(ABORT, 'cases are voided, never deleted'); END`,
    // Full text: a contentless trigram index kept in step by triggers, in the same transaction as the case.
    `CREATE VIRTUAL TABLE case_fts USING fts5(body, content='', contentless_delete=1, tokenize='trigram')`,
    `CREATE VIRTUAL TABLE case_fts_vocab USING fts5vocab(case_fts, 'row')`,
    `CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
      INSERT INTO case_fts(rowid, body)
      VALUES (new.id, new.subject || ' ' || new.account || ' ' || new.request || ' ' || coalesce(new.respondent_staff, '') || ' ' || new.complainant_names || ' ');
    END`,
    `CREATE TRIGGER cases_fts_update AFTER UPDATE OF subject, account, request, respondent_staff, complainant_names ON cases BEGIN
      DELETE FROM case_fts WHERE rowid = old.id;
      INSERT INTO case_fts(rowid, body)
      VALUES (new.id, new.subject || ' ' || new.account || ' ' || new.request || ' ' || coalesce(new.respondent_staff, '') || ' ' || new.complainant_names || ' ');
    END`,
  ];
  for (const statement of ddl) await sql.raw(statement).execute(db);
}
