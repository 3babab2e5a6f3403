import { sql, type Kysely } from 'kysely';

/**
 * Search must not confirm an identity its user may not see. The full-text index kept the complainants'
 * names in the same text as the case's subject and account, so a match could not tell which of them it
 * came from. Now:
 * - `case_fts` has two columns, `body` (事由, 详细情况, 诉求, 被投诉人员) and `names` (the complainants'
 *   names), so a query can ask for the text alone or for the names alone;
 * - `cases_confidential` lists the confidential cases with the two users who may see their identity
 *   (recorder, first receiver), so "may this clerk see it" is answered from this small index and never
 *   from the wide case rows.
 * Each indexed text ends with a space, as before: a two-character term is found through the trigrams
 * that start with it, and every occurrence is then followed by something.
 * The index is rebuilt from the case rows: it is contentless, so nothing of it can be split in place.
 */
const BODY = (t: string) => `${t}.subject || ' ' || ${t}.account || ' ' || ${t}.request || ' ' || coalesce(${t}.respondent_staff, '') || ' '`;
const NAMES = (t: string) => `${t}.complainant_names || ' '`;

export async function up(db: Kysely<any>): Promise<void> {
  const ddl = [
    'DROP TRIGGER cases_fts_insert',
    'DROP TRIGGER cases_fts_update',
    'DROP TABLE case_fts_vocab',
    'DROP TABLE case_fts',
    `CREATE VIRTUAL TABLE case_fts USING fts5(body, names, content='', contentless_delete=1, tokenize='trigram')`,
    `CREATE VIRTUAL TABLE case_fts_vocab USING fts5vocab(case_fts, 'row')`,
    // One statement: FTS5 writes its pending terms whenever they pass `hashsize`, so a larger one while
    // the whole register is indexed writes far fewer segments to merge. Put back to FTS5's default after.
    `INSERT INTO case_fts(case_fts, rank) VALUES ('hashsize', ${64 * 1024 * 1024})`,
    `INSERT INTO case_fts(rowid, body, names) SELECT cases.id, ${BODY('cases')}, ${NAMES('cases')} FROM cases`,
    `INSERT INTO case_fts(case_fts, rank) VALUES ('hashsize', ${1024 * 1024})`,
    `CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
      INSERT INTO case_fts(rowid, body, names) VALUES (new.id, ${BODY('new')}, ${NAMES('new')});
    END`,
    `CREATE TRIGGER cases_fts_update AFTER UPDATE OF subject, account, request, respondent_staff, complainant_names ON cases BEGIN
      DELETE FROM case_fts WHERE rowid = old.id;
      INSERT INTO case_fts(rowid, body, names) VALUES (new.id, ${BODY('new')}, ${NAMES('new')});
    END`,
    'CREATE INDEX cases_confidential ON cases(id, recorder_id, first_receiver_id) WHERE is_confidential = 1',
  ];
  for (const statement of ddl) await sql.raw(statement).execute(db);
}
