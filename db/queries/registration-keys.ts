import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, RegistrationKeysTable } from '../types';

/** The idempotency keys of `cases/register` (migration 0005): a draft id, who used it and the case it made. */
type Db = Kysely<Database> | Transaction<Database>;

export function registrationKey(db: Db, key: string): Promise<Pick<Selectable<RegistrationKeysTable>, 'user_id' | 'case_id' | 'fingerprint'> | undefined> {
  return db.selectFrom('registration_keys').select(['user_id', 'case_id', 'fingerprint']).where('key', '=', key).executeTakeFirst();
}

export async function insertRegistrationKey(db: Db, values: Insertable<RegistrationKeysTable>): Promise<void> {
  await db.insertInto('registration_keys').values(values).execute();
}
