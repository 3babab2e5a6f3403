import { sql, type Kysely } from 'kysely';

/**
 * Frozen in time: the staff member complained about, picked from the directory (issue 9 item 7).
 * - `cases.respondent_staff_id`: the directory's staff member when the clerk picked one (NULL when typed, and for
 *   every case registered before). `respondent_staff` keeps the name as before (the directory's name when picked),
 *   so search, papers and older readers are unchanged.
 * - `cases_staff_findings` is rebuilt with the id after the department: counting per staff member groups by
 *   (department, staff id, name) walking the index in order, still without reading a case row or sorting.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ddl = [
    `ALTER TABLE cases ADD COLUMN respondent_staff_id INTEGER REFERENCES staff(id)`,
    `DROP INDEX IF EXISTS cases_staff_findings`,
    `CREATE INDEX cases_staff_findings ON cases(respondent_department_id, respondent_staff_id, respondent_staff, received_at, status, finding)
      WHERE finding IN ('substantiated', 'partly') AND respondent_staff <> ''`,
  ];
  for (const statement of ddl) await sql.raw(statement).execute(db);
}
