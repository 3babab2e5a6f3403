import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connectionOf, databaseFileOf, openDatabase } from './open';
import type { Database } from './types';
import { tempDirs } from '../tests/support/temp-dirs';

const tmp = tempDirs('register-db-');

describe('opening a data folder', () => {
  it('uses WAL with synchronous=FULL and foreign keys on', async () => {
    const dir = tmp();
    const { raw, close } = await openDatabase(path.join(dir, 'register.sqlite'));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    await close();
  });

  it('knows the connection and the file under each database it opened, and no other', async () => {
    const dir = tmp();
    const file = path.join(dir, 'register.sqlite');
    const opened = await openDatabase(file);
    const memory = await openDatabase(':memory:');
    expect(connectionOf(opened.db)).toBe(opened.raw);
    expect(connectionOf(memory.db)).toBe(memory.raw);
    expect(databaseFileOf(opened.db)).toBe(fs.realpathSync(file));
    expect(databaseFileOf(memory.db)).toBeNull();
    const foreign = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
    expect(() => connectionOf(foreign)).toThrow(/not opened by db\/open\.ts/);
    await Promise.all([opened.close(), memory.close(), foreign.destroy()]);
  });

  // The core works through Kysely; only history verification (an in-memory register cannot be opened twice)
  // takes the connection underneath, and the Core interface no longer offers it.
  it('is asked for its raw connection by no part of the core but history verification', () => {
    const root = path.join(__dirname, '..', 'electron', 'core');
    const files = (fs.readdirSync(root, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.split(path.sep).join('/'));
    const askers = files.filter((f) => /\bconnectionOf\b|\b(core|deps)\.raw\b/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(askers).toEqual(['verify/verifier.ts']);
  });

  // The single-writer lock has its own test with racing processes: lock.test.ts.
});
