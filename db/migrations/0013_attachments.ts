import { sql, type Kysely } from 'kysely';

/**
 * Frozen in time: attachments (附件, issue 10 item 1).
 * 0001 created an `attachments` table nothing ever wrote (file_name, size_bytes, stored_name). It is rebuilt
 * with what the feature records; rows it might hold are carried over (kind from their media type), so
 * nothing is lost.
 * - `attachments`: one row per file attached to a case: the bytes' SHA-256 and size (the blob is
 *   `attachments/ab/<sha256>.bin` under the data folder, named by the hash alone), the name it is delivered
 *   under, its media type and kind as read from its first bytes, whether it can act when opened (a PDF with
 *   JavaScript: delivered only as a download), who added it (the user, NULL for the command line, and the name they had
 *   then, as the history records it) and when. Never deleted: a wrong one is voided
 *   with a reason (once), and triggers refuse every other change.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ddl = [
    `CREATE TABLE attachments_0013 (
      id INTEGER PRIMARY KEY,
      case_id INTEGER NOT NULL REFERENCES cases(id),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
      size INTEGER NOT NULL CHECK (size > 0),
      name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      mime_type TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('image', 'pdf', 'word', 'excel', 'text', 'audio')),
      active_content INTEGER NOT NULL DEFAULT 0 CHECK (active_content IN (0, 1)),
      added_by INTEGER REFERENCES users(id),
      added_by_name TEXT NOT NULL,
      added_at TEXT NOT NULL,
      voided_at TEXT,
      voided_by INTEGER REFERENCES users(id),
      voided_by_name TEXT,
      void_reason TEXT,
      CHECK ((voided_at IS NULL) = (void_reason IS NULL))
    )`,
    `INSERT INTO attachments_0013 (id, case_id, sha256, size, name, mime_type, kind, added_by, added_by_name, added_at, voided_at, voided_by_name, void_reason)
      SELECT id, case_id, lower(sha256), size_bytes, substr(file_name, 1, 200), mime_type,
        CASE
          WHEN mime_type LIKE 'image/%' THEN 'image'
          WHEN mime_type = 'application/pdf' THEN 'pdf'
          WHEN mime_type LIKE '%wordprocessingml%' THEN 'word'
          WHEN mime_type LIKE '%spreadsheetml%' THEN 'excel'
          WHEN mime_type LIKE 'audio/%' THEN 'audio'
          ELSE 'text'
        END,
        added_by, coalesce((SELECT display_name FROM users WHERE users.id = attachments.added_by), ''), added_at,
        voided_at, CASE WHEN voided_at IS NULL THEN NULL ELSE '' END, CASE WHEN voided_at IS NULL THEN NULL ELSE coalesce(void_reason, '') END
      FROM attachments`,
    `DROP TABLE attachments`,
    `ALTER TABLE attachments_0013 RENAME TO attachments`,
    `CREATE INDEX attachments_case ON attachments(case_id, id)`,
    `CREATE INDEX attachments_sha256 ON attachments(sha256)`,
    `CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments BEGIN
      SELECT RAISE(ABORT, 'attachments are never deleted (void them with a reason)');
    END`,
    `CREATE TRIGGER attachments_frozen BEFORE UPDATE OF id, case_id, sha256, size, name, mime_type, kind, active_content, added_by, added_by_name, added_at ON attachments BEGIN
      SELECT RAISE(ABORT, 'an attachment is never changed (void it with a reason)');
    END`,
    `CREATE TRIGGER attachments_voided_once BEFORE UPDATE OF voided_at, voided_by, voided_by_name, void_reason ON attachments
      WHEN old.voided_at IS NOT NULL OR new.voided_at IS NULL OR new.void_reason IS NULL OR new.void_reason = '' BEGIN
      SELECT RAISE(ABORT, 'an attachment is voided once, with a reason');
    END`,
  ];
  for (const statement of ddl) await sql.raw(statement).execute(db);
}
