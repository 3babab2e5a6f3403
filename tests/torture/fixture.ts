import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openCore } from '../../electron/core/core';
import { seedDemo } from '../../electron/demo/bulk-writer';
import { DB_FILE_NAME } from '../../db/open';

/**
 * Shared pieces of the torture runs (tests/torture/run.ts and the small *.test.ts versions): a data folder
 * holding a small real register (the demo's office, accounts and a few stories, written through openCore),
 * a seeded random generator, and a logical dump of a register file to compare two registers by content.
 */

// The child bundler moved to tests/support (db/lock.test.ts's racers use it too, without this module's core imports).
export { bundledChild, disposeBundles } from '../support/child-bundle';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `torture-${prefix}-`));
}

/** A data folder with a migrated register: the demo office, its accounts and directory, `cases` demo stories. */
export async function makeRegister(dataDir: string, cases = 20, seed = 1): Promise<string> {
  fs.mkdirSync(dataDir, { recursive: true });
  const core = await openCore(dataDir, { log: () => {} });
  try {
    await seedDemo(core, { cases, seed, worker: false });
  } finally {
    await core.close();
  }
  return path.join(dataDir, DB_FILE_NAME);
}

/** mulberry32: the same run for the same seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
export const between = (rnd: () => number, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

/**
 * Every table's rows in primary-key order as text (sqlite_ tables and FTS shadow tables left out: they are
 * derived). Two registers with equal dumps hold the same data. `historyUpTo`: only the history rows up to that id.
 */
export function logicalDump(file: string, opts: { historyUpTo?: number } = {}): string {
  const raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    const out: string[] = [];
    for (const t of tables) {
      if (/^case_fts_/.test(t)) continue;
      const quoted = `"${t.replace(/"/g, '""')}"`;
      let rows: unknown[][];
      try {
        rows = t === 'history' && opts.historyUpTo !== undefined
          ? raw.prepare('SELECT * FROM history WHERE id <= ? ORDER BY 1').raw().all(opts.historyUpTo) as unknown[][]
          : raw.prepare(`SELECT * FROM ${quoted} ORDER BY 1`).raw().all() as unknown[][];
      } catch {
        continue; // a virtual table whose module is not loaded here
      }
      out.push(`## ${t} ${rows.length}`);
      for (const r of rows) out.push(JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) ? `blob:${v.toString('hex')}` : typeof v === 'bigint' ? String(v) : v)));
    }
    return out.join('\n');
  } finally {
    raw.close();
  }
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
