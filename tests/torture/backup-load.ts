import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { openConnection } from '../../db/open';
import { manifestNameOf, readManifest } from '../../electron/core/services/backup/manifest';
import { verifyCopy } from '../../electron/core/services/backup/verify-copy';
import { between, makeRegister, random, tempDir } from './fixture';

/**
 * Backups under write load. One writer (save-child.ts under tsx, so the backup's verification runs in its worker
 * thread as in the app) saves through core.call without pause; meanwhile this parent asks it, one after another,
 * for `backups` backups by the register's own backup service (backups.runNow, the live connection's online
 * backup), each into a folder of its own (rotation would otherwise thin out the same day's backups). Each backup
 * is then checked here, independently of what the backup service said about it:
 *  - verified: the manifest parses, names the file, and its size and SHA-256 are the file's; verifyCopy passes
 *    (full integrity check, foreign keys, the history chain and the replay of every case);
 *  - consistent: the copy's head is the manifest's; its case count is the manifest's and the number of cases its
 *    own history registered; every save acknowledged before the backup was asked for is in it; and its head is a
 *    row of the live register's chain at the end (the copy is a prefix of the live history, not a fork).
 */
export interface BackupLoadFigures {
  backups: number;
  verified: number;
  consistent: number;
  failedRuns: number;
  savesDuringBackups: number;
  savesTotal: number;
  meanBackupMs: number;
  seconds: number;
  problems: string[];
}

const CHILD = path.join(__dirname, 'save-child.ts');

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export async function runBackupLoad(opts: { backups: number; cases?: number; seed?: number; log?: (l: string) => void }): Promise<BackupLoadFigures> {
  const t0 = performance.now();
  const rnd = random(opts.seed ?? 3);
  const dir = tempDir('backup-load');
  const dataDir = path.join(dir, 'data');
  const file = await makeRegister(dataDir, opts.cases ?? 200, opts.seed ?? 3);
  const f: BackupLoadFigures = { backups: 0, verified: 0, consistent: 0, failedRuns: 0, savesDuringBackups: 0, savesTotal: 0, meanBackupMs: 0, seconds: 0, problems: [] };
  const problem = (p: string) => {
    if (f.problems.length < 20) f.problems.push(p);
    opts.log?.(`  PROBLEM ${p}`);
  };
  const acked = new Map<number, number>();
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(opts.seed ?? 3)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = readline.createInterface({ input: child.stdout! });
  let onBackup: ((json: string) => void) | null = null;
  let ready: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  let backupRunning = false;
  lines.on('line', (line) => {
    if (line === 'ready') ready();
    else if (line.startsWith('ack ')) {
      const [, id, version] = line.split(' ').map(Number);
      if ((acked.get(id) ?? 0) < version) acked.set(id, version);
      f.savesTotal++;
      if (backupRunning) f.savesDuringBackups++;
    } else if (line.startsWith('backup ')) onBackup?.(line.slice('backup '.length));
    else if (line.startsWith('err ') || line.startsWith('fatal ')) problem(`writer: ${line.slice(0, 300)}`);
  });
  const made: Array<{ file: string; count: number; hash: string }> = [];
  let backupMs = 0;
  try {
    await isReady;
    child.stdin!.write('go\n');
    for (let i = 0; i < opts.backups; i++) {
      await new Promise((r) => setTimeout(r, between(rnd, 50, 400))); // let the writer get going between backups
      const before = new Map(acked);
      const to = path.join(dir, `dest-${String(i + 1).padStart(2, '0')}`);
      const tb = performance.now();
      backupRunning = true;
      const answer = await new Promise<string>((resolve) => {
        onBackup = resolve;
        child.stdin!.write(`backup ${to}\n`);
      });
      backupRunning = false;
      backupMs += performance.now() - tb;
      f.backups++;
      const result = JSON.parse(answer) as { phase: string; results: Array<{ file: string | null; error: string | null }> };
      const backup = result.results[0]?.file ?? null;
      if (result.phase !== 'done' || !backup) {
        f.failedRuns++;
        problem(`backup ${i + 1} failed: ${result.results.map((r) => r.error).join('; ')}`);
        continue;
      }
      // verified
      const read = readManifest(path.join(path.dirname(backup), manifestNameOf(path.basename(backup))));
      if ('problem' in read) {
        problem(`backup ${i + 1}: ${read.problem}`);
        continue;
      }
      const m = read.manifest;
      const size = fs.statSync(backup).size;
      const verdict = await verifyCopy(backup, () => {});
      const verified = m.database.file === path.basename(backup) && m.database.size === size && m.database.sha256 === sha256(backup) && verdict.ok;
      if (!verified) {
        problem(`backup ${i + 1} not verified: ${verdict.problem ?? 'manifest does not match the file'}`);
        continue;
      }
      f.verified++;
      // consistent
      const raw = new BetterSqlite3(backup, { readonly: true, fileMustExist: true });
      let consistent = false;
      try {
        const cases = raw.prepare('SELECT count(*) FROM cases').pluck().get() as number;
        const registered = raw.prepare("SELECT count(DISTINCT entity_id) FROM history WHERE entity = 'case' AND action IN ('register', 'answeredOnSpot', 'baseline')").pluck().get() as number;
        const versions = new Map(raw.prepare('SELECT id, version FROM cases').raw().all() as Array<[number, number]>);
        const missing = [...before].filter(([id, v]) => (versions.get(id) ?? 0) < v);
        consistent = m.history.count === verdict.head.count && m.history.head === verdict.head.hash && m.cases === cases && cases === registered && missing.length === 0;
        if (!consistent) problem(`backup ${i + 1} not consistent: manifest ${m.cases} cases / ${m.history.count} rows, copy ${cases} cases, ${registered} registered in its history, ${missing.length} acknowledged saves missing`);
      } finally {
        raw.close();
      }
      if (consistent) {
        f.consistent++;
        made.push({ file: backup, count: verdict.head.count, hash: verdict.head.hash });
      }
      opts.log?.(`  backup ${i + 1}/${opts.backups}: ${verified ? 'verified' : 'NOT verified'}, ${consistent ? 'consistent' : 'NOT consistent'}, ${m.cases} cases, ${m.history.count} history rows`);
    }
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  // Each copy's head is a row of the live chain (read after the writer is gone).
  const live = openConnection(file, { readonly: true });
  try {
    const hashOf = live.prepare('SELECT hash FROM history WHERE id = ?').pluck();
    for (const b of made) {
      if (hashOf.get(b.count) !== b.hash) {
        f.consistent--;
        problem(`${path.basename(b.file)}: its head (row ${b.count}) is not in the live register's chain`);
      }
    }
  } finally {
    live.close();
  }
  f.meanBackupMs = f.backups ? backupMs / f.backups : 0;
  f.seconds = (performance.now() - t0) / 1000;
  fs.rmSync(dir, { recursive: true, force: true });
  return f;
}
