import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { CaseNotesTable, Database } from '../types';

/** Investigation notes (调查记录) on a case, oldest first. */
type Db = Kysely<Database> | Transaction<Database>;

export function notesOf(db: Db, caseId: number): Promise<Selectable<CaseNotesTable>[]> {
  return db.selectFrom('case_notes').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export async function insertNote(db: Db, values: Insertable<CaseNotesTable>): Promise<void> {
  await db.insertInto('case_notes').values(values).execute();
}
