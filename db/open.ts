import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { putBackAfterLoad } from './bulk-load';
import { migrationProvider } from './migrations';
import { assertConnection } from './register-check';
import type { Database } from './types';

export const DB_FILE_NAME = 'register.sqlite';

export interface OpenedDatabase {
  db: Kysely<Database>;
  /** the same connection without Kysely (for db/ itself; elsewhere `connectionOf(db)`) */
  raw: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** Each opened Kysely instance's own better-sqlite3 connection. */
const connections = new WeakMap<Kysely<Database>, BetterSqlite3.Database>();

/**
 * The better-sqlite3 connection under a register opened here. The core and its services never use it:
 * it is for the tools that work below Kysely on purpose, each in one place: the demo's bulk loader,
 * the benchmark's hand-written floor queries, history verification of an in-memory register (which a
 * second connection cannot open), and tests that inspect or tamper with the stored rows.
 */
export function connectionOf(db: Kysely<Database>): BetterSqlite3.Database {
  const raw = connections.get(db);
  if (!raw) throw new Error('connectionOf: this database was not opened by db/open.ts');
  return raw;
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
  // Triggers and views may call only functions without side effects (a register file from elsewhere cannot
  // make this program run one by opening it).
  raw.pragma('trusted_schema = OFF');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('cache_size = -65536');
  return raw;
}

/**
 * A read-only connection for walking a whole register once (history verification in a worker thread):
 * a large cache for the indexes the walk uses, and the file mapped into memory so pages are read in place
 * instead of copied from the system's cache. Takes no lock; the app may go on writing meanwhile.
 */
export function openScanConnection(file: string): BetterSqlite3.Database {
  const raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  raw.pragma('busy_timeout = 5000');
  raw.pragma('cache_size = -131072'); // 128 MB: the walk reads each page once, the indexes it uses stay
  raw.pragma('mmap_size = 17179869184');
  return raw;
}

/** The file a database was opened on; null for an in-memory one. */
export function databaseFileOf(db: Kysely<Database>): string | null {
  const main = (connectionOf(db).pragma('database_list') as Array<{ name: string; file: string }>).find((d) => d.name === 'main');
  return main?.file ? main.file : null;
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
  try {
    assertConnection(raw, { readonly: options.readonly });
  } catch (err) {
    raw.close();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  connections.set(db, raw);
  if (!options.readonly) {
    await migrateToLatest(db);
    putBackAfterLoad(raw); // a bulk load that stopped half way: what it set aside comes back
    // Query planning at a million cases depends on statistics; SQLite's advice for long-lived connections:
    // sampled ANALYZE where needed at open (milliseconds once the statistics exist).
    raw.pragma('analysis_limit = 1000');
    raw.pragma('optimize = 0x10002');
  }
  return { db, raw, close: () => db.destroy() };
}
