import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './open';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'register-db-'));

describe('opening a data folder', () => {
  it('uses WAL with synchronous=FULL and foreign keys on', async () => {
    const dir = tmp();
    const { raw, close } = await openDatabase(path.join(dir, 'register.sqlite'));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    await close();
  });

  // The single-writer lock has its own test with racing processes: lock.test.ts.
});
