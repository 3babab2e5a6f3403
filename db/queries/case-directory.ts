import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../types';

/** The directory as the cases see it: the names a case view shows for the ids it stores (departments, staff, user
 * accounts, inactive ones too), and who may be assigned a case. */
type Db = Kysely<Database> | Transaction<Database>;

export async function nameRows(db: Db) {
  const [departments, staff, users] = await Promise.all([
    db.selectFrom('departments').select(['id', 'name']).execute(),
    db.selectFrom('staff').select(['id', 'name']).execute(),
    db.selectFrom('users').select(['id', 'display_name']).execute(),
  ]);
  return { departments, staff, users };
}

/** A staff member's department and whether they are active: who may be assigned a case. */
export function staffPlacement(db: Db, staffId: number) {
  return db.selectFrom('staff').select(['department_id', 'active']).where('id', '=', staffId).executeTakeFirst();
}
