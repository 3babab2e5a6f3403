import { sql, type Kysely, type Transaction } from 'kysely';
import type { CaseRow, CaseUpdate, Database, NewCase } from '../types';

/** The case rows themselves, and the per-year counter their register numbers come from. */
type Db = Kysely<Database> | Transaction<Database>;

export function caseById(db: Db, id: number): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function registerNoOf(db: Db, id: number): Promise<string> {
  return (await db.selectFrom('cases').select('register_no').where('id', '=', id).executeTakeFirstOrThrow()).register_no;
}

/**
 * The next sequence number of `year`, taken by moving the counter: inside the inserting transaction, so a
 * failed save rolls the number back too (gap-free numbering).
 */
export async function takeRegisterSeq(db: Db, year: number): Promise<number> {
  const counter = await db
    .insertInto('register_counters')
    .values({ year, last_seq: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_seq: sql`last_seq + 1` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return counter.last_seq;
}

export function insertCase(db: Db, values: NewCase): Promise<CaseRow> {
  return db.insertInto('cases').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Writes `patch` if the row is still at `version` (optimistic lock): false when someone else's save came first. */
export async function updateCaseAtVersion(db: Db, id: number, version: number, patch: CaseUpdate): Promise<boolean> {
  const updated = await db.updateTable('cases').set(patch).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export async function updateCase(db: Db, id: number, patch: CaseUpdate): Promise<void> {
  await db.updateTable('cases').set(patch).where('id', '=', id).execute();
}

/** Cases whose due date waits for a calendar year the office has not imported yet. */
export function casesAwaitingCalendar(db: Db): Promise<CaseRow[]> {
  return db.selectFrom('cases').selectAll().where('calendar_missing_year', 'is not', null).execute();
}
