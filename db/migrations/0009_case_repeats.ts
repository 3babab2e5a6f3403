import { sql, type Kysely } from 'kysely';

/**
 * Frozen in time: repeat complaints (重复件, issue 9).
 * - `case_repeats`: "case `case_id` is a repeat of the earlier case `repeat_of_id`", who linked it and when. A link
 *   is never deleted nor changed: unlinking marks it once with who, when and why (the case history has both
 *   steps too), and a case may then be linked again (a new row). At most one link of a case stands at a time.
 * - `complainants_id_number`: finds the earlier cases of an ID number while a clerk registers (the phone has
 *   its indexes already).
 * - `cases_statistics`: every column the statistics read, in order of receipt (a covering index: a month of a
 *   million-case register is some 45,000 narrow entries instead of 45,000 rows of a kilobyte);
 *   `cases_statistics_cells`: the same columns in the order the breakdowns group them (for long periods);
 *   `cases_handling`: the closed cases' days of receipt and of closing, in that order (handling times); and
 *   `cases_staff_findings`: the substantiated findings only, with the staff member complained about.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ddl = [
    `CREATE TABLE case_repeats (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      repeat_of_id INTEGER NOT NULL REFERENCES cases(id),
      linked_by INTEGER,
      linked_by_name TEXT NOT NULL,
      linked_at TEXT NOT NULL,
      unlinked_by INTEGER,
      unlinked_by_name TEXT,
      unlinked_at TEXT,
      unlink_reason TEXT,
      CHECK (case_id <> repeat_of_id),
      CHECK ((unlinked_at IS NULL) = (unlink_reason IS NULL) AND (unlinked_at IS NULL) = (unlinked_by_name IS NULL))
    )`,
    // One standing link per case; the repeats of a case found from the earlier one.
    `CREATE UNIQUE INDEX case_repeats_standing ON case_repeats(case_id) WHERE unlinked_at IS NULL`,
    `CREATE INDEX case_repeats_case ON case_repeats(case_id, id)`,
    `CREATE INDEX case_repeats_of ON case_repeats(repeat_of_id, case_id) WHERE unlinked_at IS NULL`,
    `CREATE TRIGGER case_repeats_no_delete BEFORE DELETE ON case_repeats BEGIN
      SELECT RAISE(ABORT, 'repeat links are never deleted: unlink them with a reason');
    END`,
    `CREATE TRIGGER case_repeats_frozen BEFORE UPDATE OF id, case_id, repeat_of_id, linked_by, linked_by_name, linked_at ON case_repeats BEGIN
      SELECT RAISE(ABORT, 'a repeat link is never changed: unlink it and link again');
    END`,
    `CREATE TRIGGER case_repeats_unlinked_once BEFORE UPDATE OF unlinked_by, unlinked_by_name, unlinked_at, unlink_reason ON case_repeats
      WHEN old.unlinked_at IS NOT NULL OR new.unlinked_at IS NULL BEGIN
      SELECT RAISE(ABORT, 'a repeat link is unlinked once');
    END`,
    `CREATE INDEX complainants_id_number ON complainants(id_number, case_id) WHERE id_number <> ''`,
    // Statistics read the cohort (cases received in a period) from these alone, never the wide case rows.
    `CREATE INDEX cases_statistics ON cases(received_at, status, handler_department_id, closed_at, overall_due, due_date, round,
      satisfaction, finding, severity, case_type, channel, respondent_department_id)`,
    // The same columns in the breakdowns' order: a long period (a year) is grouped walking this index whole,
    // without sorting half the register.
    `CREATE INDEX cases_statistics_cells ON cases(status, case_type, channel, severity, finding, respondent_department_id,
      handler_department_id, received_at, closed_at, overall_due, due_date, round, satisfaction)`,
    // The handling times: closed cases not answered on the spot, by day received and day closed.
    `CREATE INDEX cases_handling ON cases(substr(received_at, 1, 10), substr(closed_at, 1, 10))
      WHERE status = 'closed' AND handler_department_id IS NOT NULL`,
    // In (department, name) order, so counting per staff member needs no sort; `finding` too, so no row is read.
    `CREATE INDEX cases_staff_findings ON cases(respondent_department_id, respondent_staff, received_at, status, finding)
      WHERE finding IN ('substantiated', 'partly') AND respondent_staff <> ''`,
  ];
  for (const statement of ddl) await sql.raw(statement).execute(db);
}
