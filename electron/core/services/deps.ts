import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types';

export interface Deps {
  db: Kysely<Database>;
  now: () => Date;
  log: (err: unknown) => void;
  /** the folder issued papers are stored under (papers/<year>/<sha256>.pdf): the data folder; null when there is none */
  papersRoot?: string | null;
}

export type Trx = Transaction<Database>;
