import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { CaseExtensionsTable, Database } from '../types';

/** Extensions of a case's time limit (延期), oldest first. */
type Db = Kysely<Database> | Transaction<Database>;

export function extensionsOf(db: Db, caseId: number): Promise<Selectable<CaseExtensionsTable>[]> {
  return db.selectFrom('case_extensions').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export async function insertExtension(db: Db, values: Insertable<CaseExtensionsTable>): Promise<void> {
  await db.insertInto('case_extensions').values(values).execute();
}
