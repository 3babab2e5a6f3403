import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { acquireDataLock } from '../../db/lock';
import { DB_FILE_NAME } from '../../db/open';
import { openCore } from '../../electron/core/core';
import { restoreFiles } from '../../electron/core/services/backup/restore';
import { verifyAll } from '../../electron/core/verify/verify-run';
import { between, bundledChild, disposeBundles, logicalDump, makeRegister, random, tempDir } from './fixture';

/**
 * Restore round trip. A backup of a small register is made by the register's backup service; its logical dump
 * is the snapshot. Then, `restores` times: a data folder where a writer (save-child.ts) saved for a while and
 * was killed with SIGKILL (its register.sqlite-wal, -shm and lock left behind) gets that backup restored by
 * restoreFiles (the data folder's lock taken first, as the command line's restore does). Each must give:
 *  - identical: the restored register's logical dump equal to the snapshot's (history up to the backup's head),
 *    plus exactly one new history row, register.restore; and it verifies (chain, replay);
 *  - safety copy: the file restore named exists, and holds every save the killed writer acknowledged (the stale
 *    WAL's commits were not lost on the way);
 *  - the stale -wal/-shm were moved aside, not replayed into the restored register.
 */
export interface RestoreFigures {
  restores: number;
  identical: number;
  safetyCopies: number;
  safetyCopiesWithAllAcks: number;
  staleSidecarsFound: number;
  verified: number;
  meanRestoreMs: number;
  seconds: number;
  problems: string[];
}

const CHILD = path.join(__dirname, 'save-child.ts');

/** Saves into `dataDir` until `saves` are acknowledged, then SIGKILL: the acknowledged versions. */
async function killedWriter(dataDir: string, saves: number, seed: number): Promise<Map<number, number>> {
  const { command, args, env } = bundledChild(CHILD);
  const child = spawn(command, [...args, dataDir, String(seed)], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const acked = new Map<number, number>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let n = 0;
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === 'ready') child.stdin!.write('go\n');
    else if (line.startsWith('ack ')) {
      const [, id, version] = line.split(' ').map(Number);
      acked.set(id, Math.max(acked.get(id) ?? 0, version));
      if (++n === saves) child.kill('SIGKILL');
    } else if (line.startsWith('fatal ')) child.kill('SIGKILL');
  });
  await exited;
  return acked;
}

export async function runRestoreTrip(opts: { restores: number; seed?: number; log?: (l: string) => void }): Promise<RestoreFigures> {
  const t0 = performance.now();
  const rnd = random(opts.seed ?? 13);
  const dir = tempDir('restore');
  const f: RestoreFigures = { restores: 0, identical: 0, safetyCopies: 0, safetyCopiesWithAllAcks: 0, staleSidecarsFound: 0, verified: 0, meanRestoreMs: 0, seconds: 0, problems: [] };
  const problem = (p: string) => {
    if (f.problems.length < 20) f.problems.push(p);
    opts.log?.(`  PROBLEM ${p}`);
  };
  try {
    const base = path.join(dir, 'base');
    await makeRegister(base, 40, opts.seed ?? 13);
    const core = await openCore(base, { log: () => {} });
    let backup: string;
    try {
      const p = await core.services.backups.runNow('manual', path.join(dir, 'backups'));
      const made = p.results[0]?.backup;
      if (!made) throw new Error(`the backup to restore could not be made: ${p.results[0]?.error}`);
      backup = made.file;
    } finally {
      await core.close();
    }
    const raw = new BetterSqlite3(backup, { readonly: true, fileMustExist: true });
    const head = raw.prepare('SELECT count(*) FROM history').pluck().get() as number;
    raw.close();
    const snapshot = logicalDump(backup);
    let restoreMs = 0;
    for (let i = 0; i < opts.restores; i++) {
      const data = path.join(dir, `data-${i}`);
      fs.cpSync(base, data, { recursive: true });
      const acked = await killedWriter(data, between(rnd, 5, 60), between(rnd, 1, 1e9));
      const register = path.join(data, DB_FILE_NAME);
      if (fs.existsSync(`${register}-wal`) && fs.statSync(`${register}-wal`).size > 0 && fs.existsSync(`${register}-shm`)) f.staleSidecarsFound++;
      else problem(`restore ${i + 1}: the killed writer left no -wal/-shm (nothing stale to test against)`);
      f.restores++;
      const release = acquireDataLock(data);
      let result;
      const tr = performance.now();
      try {
        result = await restoreFiles(data, backup, { actor: null, log: () => {} });
      } catch (err) {
        problem(`restore ${i + 1} failed: ${String((err as Error)?.message ?? err)}`);
        continue;
      } finally {
        restoreMs += performance.now() - tr;
        release();
      }
      // identical to the snapshot, plus the restore's own history row
      const restored = logicalDump(register, { historyUpTo: head });
      const extra = new BetterSqlite3(register, { readonly: true, fileMustExist: true });
      try {
        const added = extra.prepare('SELECT action FROM history WHERE id > ? ORDER BY id').pluck().all(head) as string[];
        if (restored === snapshot && added.length === 1 && added[0] === 'register.restore') f.identical++;
        else problem(`restore ${i + 1}: not identical to the snapshot (${restored === snapshot ? 'same rows' : 'rows differ'}; added history: ${added.join(', ') || 'none'})`);
        const o = verifyAll(extra, []);
        if (o.findings.failureCount === 0) f.verified++;
        else problem(`restore ${i + 1}: the restored register does not verify: ${o.findings.failures[0]?.message}`);
      } finally {
        extra.close();
      }
      // the safety copy, with the killed writer's acknowledged saves
      if (result.safetyCopy && fs.existsSync(result.safetyCopy)) {
        f.safetyCopies++;
        const s = new BetterSqlite3(result.safetyCopy, { readonly: true, fileMustExist: true });
        try {
          const versions = new Map(s.prepare('SELECT id, version FROM cases').raw().all() as Array<[number, number]>);
          const missing = [...acked].filter(([id, v]) => (versions.get(id) ?? 0) < v);
          if (missing.length === 0) f.safetyCopiesWithAllAcks++;
          else problem(`restore ${i + 1}: the safety copy lacks ${missing.length} of the killed writer's acknowledged saves`);
        } finally {
          s.close();
        }
      } else problem(`restore ${i + 1}: no safety copy (${result.safetyCopy || 'none named'})`);
      fs.rmSync(data, { recursive: true, force: true });
      opts.log?.(`  restore ${i + 1}/${opts.restores} done`);
    }
    f.meanRestoreMs = f.restores ? restoreMs / f.restores : 0;
  } finally {
    disposeBundles();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  f.seconds = (performance.now() - t0) / 1000;
  return f;
}

export function restorePassed(f: RestoreFigures): boolean {
  return f.problems.length === 0 && [f.identical, f.safetyCopies, f.safetyCopiesWithAllAcks, f.staleSidecarsFound, f.verified].every((n) => n === f.restores);
}
