import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database, LookupsTable } from '../types';

/** The office's option lists: source channels (来源渠道) and case types (类型). */
type Db = Kysely<Database> | Transaction<Database>;
export type LookupRow = Selectable<LookupsTable>;
export type LookupKind = LookupsTable['kind'];

export function allLookups(db: Db): Promise<LookupRow[]> {
  return db.selectFrom('lookups').selectAll().orderBy('kind').orderBy('sort_order').orderBy('id').execute();
}

export async function hasAnyLookup(db: Db): Promise<boolean> {
  return (await db.selectFrom('lookups').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export function lookupById(db: Db, id: number): Promise<LookupRow | undefined> {
  return db.selectFrom('lookups').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The active option of that kind with exactly that name, if there is one. */
export function activeLookupByName(db: Db, kind: LookupKind, name: string): Promise<{ id: number } | undefined> {
  return db.selectFrom('lookups').select('id').where('kind', '=', kind).where('name', '=', name).where('active', '=', 1).executeTakeFirst();
}

export async function insertLookups(db: Db, rows: ReadonlyArray<Insertable<LookupsTable>>): Promise<void> {
  if (rows.length > 0) await db.insertInto('lookups').values([...rows]).execute();
}

export async function insertLookup(db: Db, values: Insertable<LookupsTable>): Promise<number> {
  return (await db.insertInto('lookups').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateLookup(db: Db, id: number, patch: Updateable<LookupsTable>): Promise<void> {
  await db.updateTable('lookups').set(patch).where('id', '=', id).execute();
}
