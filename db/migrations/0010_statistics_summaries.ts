import { sql, type Kysely } from 'kysely';

/**
 * Frozen in time: issued statistics summaries (签发, issue 9 item 2). Each row is one summary PDF as it was printed
 * and stored, for one period and version (公开版 and 内部版 are separate rows): the period as asked (kind, first
 * and last day, its label), whether it is the public version, the stored file's SHA-256, size and place
 * (`summaries/<year>/<sha256>.pdf` in the data folder), who issued it (their user id, and the name printed after
 * 制表人, as at the time) and when, and 数据截至 of the figures. Append-only: the database refuses every UPDATE and
 * DELETE; a summary issued again is a new row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ddl = [
    `CREATE TABLE statistics_summaries (
      id INTEGER PRIMARY KEY,
      period_kind TEXT NOT NULL CHECK (period_kind IN ('month', 'quarter', 'year', 'custom')),
      period_from TEXT NOT NULL CHECK (period_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      period_to TEXT NOT NULL CHECK (period_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      label TEXT NOT NULL,
      public INTEGER NOT NULL CHECK (public IN (0, 1)),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      bytes INTEGER NOT NULL CHECK (bytes > 0),
      file TEXT NOT NULL,
      issued_by INTEGER,
      issued_by_name TEXT NOT NULL,
      issued_at TEXT NOT NULL,
      as_of TEXT NOT NULL,
      CHECK (period_from <= period_to)
    )`,
    // the 已签发 list: newest first; a period's issues together
    `CREATE INDEX statistics_summaries_issued ON statistics_summaries(issued_at, id)`,
    `CREATE INDEX statistics_summaries_period ON statistics_summaries(period_from, period_to, public)`,
    `CREATE TRIGGER statistics_summaries_no_update BEFORE UPDATE ON statistics_summaries BEGIN
      SELECT RAISE(ABORT, 'an issued statistics summary is never changed');
    END`,
    `CREATE TRIGGER statistics_summaries_no_delete BEFORE DELETE ON statistics_summaries BEGIN
      SELECT RAISE(ABORT, 'issued statistics summaries are never deleted');
    END`,
    // INSERT OR REPLACE deletes the row it replaces without firing the DELETE trigger (recursive_triggers is off)
    `CREATE TRIGGER statistics_summaries_no_replace BEFORE INSERT ON statistics_summaries
      WHEN EXISTS (SELECT 1 FROM statistics_summaries WHERE id = new.id) BEGIN
      SELECT RAISE(ABORT, 'issued statistics summaries are never replaced');
    END`,
  ];
  for (const statement of ddl) await sql.raw(statement).execute(db);
}
