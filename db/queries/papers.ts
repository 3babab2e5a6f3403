import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Database, PaperRow, PapersTable } from '../types';

/** Issued papers (frozen; the database refuses any change but marking one superseded) and their number counters. */
type Db = Kysely<Database> | Transaction<Database>;

/** Every paper of a case, all versions, newest first. */
export function papersOfCase(db: Db, caseId: number): Promise<PaperRow[]> {
  return db.selectFrom('papers').selectAll().where('case_id', '=', caseId).orderBy('id', 'desc').execute();
}

export function paperById(db: Db, id: number): Promise<PaperRow | undefined> {
  return db.selectFrom('papers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The highest version of a type issued for a case (0: none yet). */
export async function lastPaperVersion(db: Db, caseId: number, type: string): Promise<number> {
  const row = await db.selectFrom('papers').select((eb) => eb.fn.max<number | null>('version').as('v'))
    .where('case_id', '=', caseId).where('type', '=', type).executeTakeFirst();
  return row?.v ?? 0;
}

/** The paper of a type in force for a case (issued and not superseded), if any. */
export function currentPaper(db: Db, caseId: number, type: string): Promise<PaperRow | undefined> {
  return db.selectFrom('papers').selectAll().where('case_id', '=', caseId).where('type', '=', type)
    .where('superseded_at', 'is', null).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function insertPaper(db: Db, values: Insertable<PapersTable>): Promise<number> {
  return (await db.insertInto('papers').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Marks a paper superseded by a newer one: false when it already was (someone re-issued it first). */
export async function markSuperseded(db: Db, id: number, by: number, at: string, reason: string): Promise<boolean> {
  const r = await db.updateTable('papers').set({ superseded_by: by, superseded_at: at, superseded_reason: reason })
    .where('id', '=', id).where('superseded_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The last number given for a type in a year (0: none yet). */
export async function lastPaperSeq(db: Db, type: string, year: number): Promise<number> {
  const row = await db.selectFrom('paper_counters').select('last_seq').where('type', '=', type).where('year', '=', year).executeTakeFirst();
  return row?.last_seq ?? 0;
}

/**
 * Moves the counter from `expected` to `expected + count` (the numbers of `count` papers recorded at once):
 * false when someone else took a number since it was read (the caller renders again with the next ones).
 */
export async function advancePaperSeq(db: Db, type: string, year: number, expected: number, count = 1): Promise<boolean> {
  if (expected === 0) {
    const r = await db.insertInto('paper_counters').values({ type, year, last_seq: count }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const r = await db.updateTable('paper_counters').set({ last_seq: expected + count })
    .where('type', '=', type).where('year', '=', year).where('last_seq', '=', expected).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The case a register number names (the command line's `doc --case 2026-000123`). */
export async function caseIdByRegisterNo(db: Db, registerNo: string): Promise<number | undefined> {
  return (await db.selectFrom('cases').select('id').where('register_no', '=', registerNo).executeTakeFirst())?.id;
}

export async function activeUserIdByName(db: Db, username: string): Promise<number | undefined> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).where('active', '=', 1).executeTakeFirst())?.id;
}

/**
 * What the 签发 / 重新签发 history row that issued this paper says of it (`after.paper`, documents.ts writes it):
 * the hashes a download checks the stored paper against. Undefined when no such row exists.
 */
export async function issuedPaperRecord(db: Db, caseId: number, paperId: number): Promise<Record<string, unknown> | undefined> {
  const row = await db.selectFrom('history').select('after')
    .where('entity', '=', 'case').where('entity_id', '=', caseId).where('action', 'in', ['paperIssued', 'paperReissued'])
    .where(sql<number>`json_extract("after", '$.paper.id')`, '=', paperId)
    .executeTakeFirst();
  if (!row?.after) return undefined;
  const paper = (JSON.parse(row.after) as { paper?: unknown }).paper;
  return paper && typeof paper === 'object' ? (paper as Record<string, unknown>) : undefined;
}
