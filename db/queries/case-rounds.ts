import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { CaseRoundsTable, Database } from '../types';

/** Past rounds of a reopened case (复查): each round's results as a JSON snapshot, in round order. */
type Db = Kysely<Database> | Transaction<Database>;

export function roundsOf(db: Db, caseId: number): Promise<Selectable<CaseRoundsTable>[]> {
  return db.selectFrom('case_rounds').selectAll().where('case_id', '=', caseId).orderBy('round').execute();
}

export async function insertRound(db: Db, values: Insertable<CaseRoundsTable>): Promise<void> {
  await db.insertInto('case_rounds').values(values).execute();
}
