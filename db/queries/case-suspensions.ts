import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { CaseSuspensionsTable, Database } from '../types';

/** Suspensions of a case while material is awaited (中止), oldest first; an open one has no `resumed_on`. */
type Db = Kysely<Database> | Transaction<Database>;
export type SuspensionRow = Selectable<CaseSuspensionsTable>;

export function suspensionsOf(db: Db, caseId: number): Promise<SuspensionRow[]> {
  return db.selectFrom('case_suspensions').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

/** The latest suspension not yet resumed. */
export function openSuspensionOf(db: Db, caseId: number): Promise<SuspensionRow | undefined> {
  return db.selectFrom('case_suspensions').selectAll().where('case_id', '=', caseId).where('resumed_on', 'is', null).orderBy('id', 'desc').executeTakeFirst();
}

export async function insertSuspension(db: Db, values: Insertable<CaseSuspensionsTable>): Promise<void> {
  await db.insertInto('case_suspensions').values(values).execute();
}

export async function markResumed(db: Db, suspensionId: number, resumedOn: string): Promise<void> {
  await db.updateTable('case_suspensions').set({ resumed_on: resumedOn }).where('id', '=', suspensionId).execute();
}
