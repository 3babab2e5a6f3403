import { sql, type Kysely } from 'kysely';

/**
 * Search must not confirm an identity its user may not see. The full-text index kept the complainants'
 * names in the same text as the case's subject and account, so a match could not tell which of them it
 * came from. Now:
 * - `case_fts` holds the case text alone (事由, 详细情况, 诉求, 被投诉人员), for everyone;
 * - `case_name_fts` holds the complainants' names, matched only in cases whose identity the searcher
 *   sees. A separate index rather than a second column: a column filter still reads every occurrence of
 *   a term in the other column, while the names' own index is small and answers in microseconds, so a
 *   text search that matches no name costs what it did before;
 * - `cases_confidential` lists the confidential cases with the two users who may see their identity
 *   (recorder, first receiver): "may this clerk see it" is answered from this small index, never from
 *   the wide case rows.
 * Each indexed text ends with a space, as before: a two-character term is found through the trigrams
 * that start with it, and every occurrence is then followed by something. `case_fts` is rebuilt from the
 * case rows: it is contentless, so the names cannot be taken out of it in place. Each insert trigger keeps
 * the one-statement shape the demo loader recognises (demo/bulk-writer.ts).
 */
const BODY = (t: string) => `${t}.subject || ' ' || ${t}.account || ' ' || ${t}.request || ' ' || coalesce(${t}.respondent_staff, '') || ' '`;
const NAMES = (t: string) => `${t}.complainant_names || ' '`;
const FTS = `content='', contentless_delete=1, tokenize='trigram'`;

export async function up(db: Kysely<any>): Promise<void> {
  const ddl = [
    'DROP TRIGGER cases_fts_insert',
    'DROP TRIGGER cases_fts_update',
    'DROP TABLE case_fts_vocab',
    'DROP TABLE case_fts',
    `CREATE VIRTUAL TABLE case_fts USING fts5(body, ${FTS})`,
    `CREATE VIRTUAL TABLE case_fts_vocab USING fts5vocab(case_fts, 'row')`,
    `CREATE VIRTUAL TABLE case_name_fts USING fts5(names, ${FTS})`,
    `CREATE VIRTUAL TABLE case_name_fts_vocab USING fts5vocab(case_name_fts, 'row')`,
    // One statement each: FTS5 writes its pending terms whenever they pass `hashsize`, so a larger one
    // while the whole register is indexed writes far fewer segments to merge. Back to FTS5's default after.
    `INSERT INTO case_fts(case_fts, rank) VALUES ('hashsize', ${64 * 1024 * 1024})`,
    `INSERT INTO case_fts(rowid, body) SELECT cases.id, ${BODY('cases')} FROM cases`,
    `INSERT INTO case_fts(case_fts, rank) VALUES ('hashsize', ${1024 * 1024})`,
    `INSERT INTO case_name_fts(rowid, names) SELECT cases.id, ${NAMES('cases')} FROM cases`,
    `CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
      INSERT INTO case_fts(rowid, body) VALUES (new.id, ${BODY('new')});
    END`,
    `CREATE TRIGGER cases_name_fts_insert AFTER INSERT ON cases BEGIN
      INSERT INTO case_name_fts(rowid, names) VALUES (new.id, ${NAMES('new')});
    END`,
    `CREATE TRIGGER cases_fts_update AFTER UPDATE OF subject, account, request, respondent_staff ON cases BEGIN
      DELETE FROM case_fts WHERE rowid = old.id;
      INSERT INTO case_fts(rowid, body) VALUES (new.id, ${BODY('new')});
    END`,
    `CREATE TRIGGER cases_name_fts_update AFTER UPDATE OF complainant_names ON cases BEGIN
      DELETE FROM case_name_fts WHERE rowid = old.id;
      INSERT INTO case_name_fts(rowid, names) VALUES (new.id, ${NAMES('new')});
    END`,
    'CREATE INDEX cases_confidential ON cases(id, recorder_id, first_receiver_id) WHERE is_confidential = 1',
  ];
  for (const statement of ddl) await sql.raw(statement).execute(db);
}
