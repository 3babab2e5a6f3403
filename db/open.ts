import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider } from './migrations';
import type { Database } from './types';

export const DB_FILE_NAME = 'register.sqlite';

export interface OpenedDatabase {
  db: Kysely<Database>;
  /** the raw connection, for the benchmark's hand-written floor queries and for pragmas */
  raw: BetterSqlite3.Database;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) a register database with the pragmas durability needs: WAL with
 * synchronous=FULL set after journal_mode (better-sqlite3 drops to NORMAL when WAL is switched on),
 * foreign keys on. Pass ':memory:' for throwaway test databases.
 */
export function openConnection(file: string, options: { readonly?: boolean } = {}): BetterSqlite3.Database {
  const raw = new BetterSqlite3(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('cache_size = -65536');
  return raw;
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`数据库升级失败（${failed?.migrationName ?? '未知迁移'}）：${String(error)}`);
  }
}

export async function openDatabase(file: string, options: { readonly?: boolean } = {}): Promise<OpenedDatabase> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = openConnection(file, options);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  if (!options.readonly) {
    await migrateToLatest(db);
    // Query planning at a million cases depends on statistics; SQLite's advice for long-lived connections:
    // sampled ANALYZE where needed at open (milliseconds once the statistics exist).
    raw.pragma('analysis_limit = 1000');
    raw.pragma('optimize = 0x10002');
  }
  return { db, raw, close: () => db.destroy() };
}
