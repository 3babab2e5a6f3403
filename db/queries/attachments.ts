import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { AttachmentRow, AttachmentsTable, Database } from '../types';

/** Attachments (附件): never deleted or changed; the database allows only voiding one once, with a reason. */
type Db = Kysely<Database> | Transaction<Database>;

/** Every attachment of a case, voided ones too, in the order they were added. */
export function attachmentsOfCase(db: Db, caseId: number): Promise<AttachmentRow[]> {
  return db.selectFrom('attachments').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export function attachmentById(db: Db, id: number): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The bytes a case's attachments take that are not voided (what counts against the per-case limit). */
export async function caseAttachmentBytes(db: Db, caseId: number): Promise<number> {
  const row = await db.selectFrom('attachments').select((eb) => eb.fn.sum<number | null>('size').as('n'))
    .where('case_id', '=', caseId).where('voided_at', 'is', null).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertAttachment(db: Db, values: Insertable<AttachmentsTable>): Promise<AttachmentRow> {
  return db.insertInto('attachments').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Voids an attachment: undefined when it was voided already (someone else did it first). */
export async function voidAttachment(
  db: Db, id: number, v: { at: string; by: number | null; byName: string; reason: string },
): Promise<AttachmentRow | undefined> {
  return db.updateTable('attachments').set({ voided_at: v.at, voided_by: v.by, voided_by_name: v.byName, void_reason: v.reason })
    .where('id', '=', id).where('voided_at', 'is', null).returningAll().executeTakeFirst();
}

/**
 * Does the register have the attachment store (migration 0013)? An older register, read without migrating it (verify on
 * a backup or another computer's register), has only 0001's never-written `attachments` table, without these columns.
 */
export async function hasAttachmentStore(db: Db): Promise<boolean> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM pragma_table_info('attachments') WHERE name IN ('size', 'kind')`.execute(db);
  return Number(r.rows[0]?.n ?? 0) === 2;
}

/** Each stored blob once (hash and size), voided ones too: blobs are never removed. For verify and backups. */
export function attachmentBlobs(db: Db): Promise<Array<{ sha256: string; size: number }>> {
  return db.selectFrom('attachments').select(['sha256', 'size']).distinct().orderBy('sha256').execute();
}

/**
 * For history verification (verify-run.ts, on its own better-sqlite3 connection inside its read transaction): the
 * attachment rows of a range of cases, [id, case_id, sha256, size, name, mime_type, voided_at, void_reason]. Null
 * before migration 0013 (0001's unused table has none of these columns).
 */
export type AttachmentCheckRow = [id: number, caseId: number, sha256: string, size: number, name: string, mimeType: string, voidedAt: string | null, voidReason: string | null];
export function attachmentReads(c: BetterSqlite3.Database): ((from: number, to: number) => AttachmentCheckRow[]) | null {
  if (!c.prepare("SELECT 1 FROM pragma_table_info('attachments') WHERE name = 'kind'").get()) return null;
  const st = c.prepare('SELECT id, case_id, sha256, size, name, mime_type, voided_at, void_reason FROM attachments WHERE case_id BETWEEN ? AND ? ORDER BY id').raw();
  return (from, to) => st.all(from, to) as AttachmentCheckRow[];
}
