import { sql, type Kysely } from 'kysely';

/**
 * Frozen in time: the office's papers (文书, issue 8).
 * - `paper_templates`: each saved version of a type's template text (JSON of title, recipient, body, contact,
 *   copyTo); the highest version is the one in use. Version 0, the default shipped in templates/, is not stored.
 * - `papers`: every issued paper, frozen: the composed document as JSON (so the Word file is rebuilt exactly),
 *   the fill-ins typed for it, the stored PDF's SHA-256, size and file (relative to the data folder), who issued
 *   it and when. Re-issuing makes a new version (1, 2… per case and type) with its own number and marks the old
 *   one superseded; triggers refuse every other change and every deletion.
 * - `paper_counters`: the last number given per type and year. A (type, year, seq) may be used once: numbers
 *   are gap-free and never reused.
 * Paper settings (abbreviation, patterns, contact line, font files) are one more row of `settings` (key 'papers').
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ddl = [
    `CREATE TABLE paper_templates (
      type TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      text TEXT NOT NULL,
      created_by INTEGER,
      created_by_name TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (type, version)
    ) WITHOUT ROWID`,
    `CREATE TRIGGER paper_templates_frozen BEFORE UPDATE ON paper_templates BEGIN
      SELECT RAISE(ABORT, 'paper template versions are never changed');
    END`,
    `CREATE TRIGGER paper_templates_no_delete BEFORE DELETE ON paper_templates BEGIN
      SELECT RAISE(ABORT, 'paper template versions are never deleted');
    END`,
    `CREATE TABLE papers (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      type TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      number TEXT,
      number_year INTEGER,
      number_seq INTEGER,
      template_version INTEGER NOT NULL,
      document TEXT NOT NULL,
      fill_ins TEXT NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      size INTEGER NOT NULL,
      file TEXT NOT NULL,
      issued_by INTEGER,
      issued_by_name TEXT NOT NULL,
      issued_at TEXT NOT NULL,
      superseded_by INTEGER REFERENCES papers(id),
      superseded_at TEXT,
      superseded_reason TEXT,
      CHECK ((number IS NULL) = (number_seq IS NULL) AND (number_seq IS NULL) = (number_year IS NULL)),
      UNIQUE (case_id, type, version),
      UNIQUE (type, number_year, number_seq)
    )`,
    `CREATE INDEX papers_case ON papers(case_id, id)`,
    `CREATE TRIGGER papers_no_delete BEFORE DELETE ON papers BEGIN
      SELECT RAISE(ABORT, 'issued papers are never deleted');
    END`,
    `CREATE TRIGGER papers_frozen BEFORE UPDATE OF id, case_id, type, version, number, number_year, number_seq, template_version,
      document, fill_ins, sha256, size, file, issued_by, issued_by_name, issued_at ON papers BEGIN
      SELECT RAISE(ABORT, 'an issued paper is never changed');
    END`,
    `CREATE TRIGGER papers_superseded_once BEFORE UPDATE OF superseded_by, superseded_at, superseded_reason ON papers
      WHEN old.superseded_at IS NOT NULL OR new.superseded_at IS NULL OR new.superseded_by IS NULL BEGIN
      SELECT RAISE(ABORT, 'a paper is superseded once, by a newer paper');
    END`,
    `CREATE TABLE paper_counters (
      type TEXT NOT NULL,
      year INTEGER NOT NULL,
      last_seq INTEGER NOT NULL CHECK (last_seq >= 1),
      PRIMARY KEY (type, year)
    ) WITHOUT ROWID`,
  ];
  for (const statement of ddl) await sql.raw(statement).execute(db);
}
