import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types';

export interface Deps {
  db: Kysely<Database>;
  now: () => Date;
  log: (err: unknown) => void;
}

export type Trx = Transaction<Database>;
