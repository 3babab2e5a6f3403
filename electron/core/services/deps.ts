import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types';

export interface Deps {
  db: Kysely<Database>;
  now: () => Date;
  log: (err: unknown) => void;
  /** the folder issued papers are stored under (papers/<year>/<sha256>.pdf): the data folder; null when there is none */
  papersRoot?: string | null;
  /** the data folder (backups/, backup-status.json, attachments/); null for an in-memory register */
  dataDir?: string | null;
  /**
   * Register exports on the core's thread, a chunk at a time, even for a register on disk (tools and tests that
   * run many small exports under tsx, where each worker thread would first compile the export's modules)
   */
  exportInThread?: boolean;
}

export type Trx = Transaction<Database>;
