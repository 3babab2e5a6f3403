import { sql, type Kysely } from 'kysely';

/**
 * What a clerk types into the register's search box, answered from an index at any register size, and the
 * register's total counted exactly where counting is free:
 * - `complainants_initial`: each complainant's first character (lower-cased as SQLite does, ASCII only),
 *   then the case id and the complainant's place in it: "a surname" (张) finds its cases newest first by
 *   walking this index alone backwards (a case with two 张 is counted once, by its first), and a page stops
 *   after its rows however many cases the surname has;
 * - `complainants_phone_tail`: each phone's last four digits (a landline's dash left out), then the case
 *   id: "the last digits" (2233) is one lookup, a longer tail is checked on the few phones ending in its four.
 * Both hold every complainant (an empty name or phone gives '', which no search asks for) rather than being
 * partial: a partial index's condition is a column the index does not hold, and checking it would read
 * each complainant's row instead of the index alone;
 * - `case_counts`: how many cases are in each status, kept by two triggers (cases are never deleted, the
 *   cases_no_delete trigger refuses it): the whole register, or a status filter, is counted exactly by
 *   adding a handful of numbers instead of reading a million index entries.
 * A sequence number alone (000005) needs nothing new: the cases' unique (year, sequence) key answers it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ddl = [
    `CREATE INDEX complainants_initial ON complainants(lower(substr(name, 1, 1)), case_id, seq)`,
    `CREATE INDEX complainants_phone_tail ON complainants(substr(replace(phone, '-', ''), -4), case_id)`,
    `CREATE TABLE case_counts (status TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID`,
    `INSERT INTO case_counts (status, n) SELECT status, count(*) FROM cases GROUP BY status`,
    `CREATE TRIGGER cases_count_insert AFTER INSERT ON cases BEGIN
      INSERT INTO case_counts (status, n) VALUES (new.status, 1) ON CONFLICT (status) DO UPDATE SET n = n + 1;
    END`,
    `CREATE TRIGGER cases_count_status AFTER UPDATE OF status ON cases WHEN old.status <> new.status BEGIN
      UPDATE case_counts SET n = n - 1 WHERE status = old.status;
      INSERT INTO case_counts (status, n) VALUES (new.status, 1) ON CONFLICT (status) DO UPDATE SET n = n + 1;
    END`,
  ];
  for (const statement of ddl) await sql.raw(statement).execute(db);
}
