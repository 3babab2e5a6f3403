import type { Kysely, Transaction } from 'kysely';
import type { Database, HistoryRow } from '../types';

/** One case's entries in the history (its timeline). Writing goes through the history service, which chains the hashes. */
type Db = Kysely<Database> | Transaction<Database>;

export function historyOfCase(db: Db, caseId: number): Promise<HistoryRow[]> {
  return db.selectFrom('history').selectAll().where('entity', '=', 'case').where('entity_id', '=', caseId).orderBy('id').execute();
}

/** When the case's latest entry of one of these actions was written; undefined when there is none. */
export async function lastActionAt(db: Db, caseId: number, actions: readonly string[]): Promise<string | undefined> {
  const row = await db.selectFrom('history').select('at').where('entity', '=', 'case').where('entity_id', '=', caseId)
    .where('action', 'in', actions).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.at;
}
