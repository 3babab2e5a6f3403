import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, SettingsTable } from '../types';

/** The office settings: one row per group (office, numbering, deadlines), its value as JSON text. */
type Db = Kysely<Database> | Transaction<Database>;
export type SettingsRow = Selectable<SettingsTable>;

export function allSettings(db: Db): Promise<SettingsRow[]> {
  return db.selectFrom('settings').selectAll().execute();
}

export async function upsertSetting(db: Db, key: string, value: string): Promise<void> {
  await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}
