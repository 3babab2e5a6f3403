import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, StatisticsSummariesTable, StatisticsSummaryRow } from '../types';

/** Issued statistics summaries (0010): append-only, the database refuses any change. */
type Db = Kysely<Database> | Transaction<Database>;

export async function insertStatisticsSummary(db: Db, values: Insertable<StatisticsSummariesTable>): Promise<number> {
  return (await db.insertInto('statistics_summaries').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export function statisticsSummaryById(db: Db, id: number): Promise<StatisticsSummaryRow | undefined> {
  return db.selectFrom('statistics_summaries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every issued summary, newest first (an office issues some two a month: the list stays short). */
export function statisticsSummaries(db: Db): Promise<StatisticsSummaryRow[]> {
  return db.selectFrom('statistics_summaries').selectAll().orderBy('issued_at', 'desc').orderBy('id', 'desc').execute();
}

/** Whether a recorded summary names this stored file (the same bytes issued twice share one file). */
export async function isSummaryFileRecorded(db: Db, file: string): Promise<boolean> {
  return (await db.selectFrom('statistics_summaries').select('id').where('file', '=', file).limit(1).executeTakeFirst()) !== undefined;
}
