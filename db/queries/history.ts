import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, HistoryTable } from '../types';

/** The append-only, hash-chained history (the database refuses UPDATE and DELETE on it). */
type Db = Kysely<Database> | Transaction<Database>;

/** The hash of the last row, which the next row chains to; undefined for an empty history. */
export async function lastHistoryHash(db: Db): Promise<string | undefined> {
  return (await db.selectFrom('history').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst())?.hash;
}

export async function insertHistoryRow(db: Db, row: Insertable<HistoryTable>): Promise<void> {
  await db.insertInto('history').values(row).execute();
}
