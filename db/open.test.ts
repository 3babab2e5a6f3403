import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataLock, DataFolderLockedError } from './lock';
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

  it('lets only one process write a folder and takes over a lock left by a dead process', () => {
    const dir = tmp();
    const release = acquireDataLock(dir);
    fs.writeFileSync(path.join(dir, 'register.lock'), String(process.ppid)); // a live process that is not us
    expect(() => acquireDataLock(dir)).toThrow(DataFolderLockedError);
    expect(() => acquireDataLock(dir)).toThrow(/正在被另一个程序/);
    fs.writeFileSync(path.join(dir, 'register.lock'), '999999999'); // no such process
    const again = acquireDataLock(dir);
    expect(fs.readFileSync(path.join(dir, 'register.lock'), 'utf8')).toBe(String(process.pid));
    again();
    expect(fs.existsSync(path.join(dir, 'register.lock'))).toBe(false);
    release();
  });
});
