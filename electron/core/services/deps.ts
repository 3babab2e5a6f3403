import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types';

export interface Deps {
  db: Kysely<Database>;
  now: () => Date;
  log: (err: unknown) => void;
  /** the same connection without Kysely: history verification of an in-memory database runs on it */
  raw?: BetterSqlite3.Database;
}

export type Trx = Transaction<Database>;
