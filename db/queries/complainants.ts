import type { Insertable, Kysely, Transaction } from 'kysely';
import type { ComplainantRow, ComplainantsTable, Database } from '../types';

/** A case's complainants, in the order they were entered (`seq` from 1). */
type Db = Kysely<Database> | Transaction<Database>;

export function complainantsOf(db: Db, caseId: number): Promise<ComplainantRow[]> {
  return db.selectFrom('complainants').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
}

export async function insertComplainants(db: Db, rows: Insertable<ComplainantsTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('complainants').values(rows).execute();
}

export async function deleteComplainantsOf(db: Db, caseId: number): Promise<void> {
  await db.deleteFrom('complainants').where('case_id', '=', caseId).execute();
}
