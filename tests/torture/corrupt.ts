import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { openCore } from '../../electron/core/core';
import { DB_FILE_NAME } from '../../db/open';
import { between, makeRegister, pick, random, tempDir } from './fixture';

/**
 * Corruption: `copies` damaged copies of a small register (its data folder, with a verified backup in backups/),
 * each opened by openCore in a child process (corrupt-child.ts). The kinds: bytes flipped at random offsets
 * (anywhere, or within the first page's header), a random page zeroed, the first page zeroed, the file cut at a
 * random length, the file replaced by random garbage, the file empty. Each copy must either open (and then its
 * integrity check and history verification say what they find), or be refused with CORRUPT: the file moved aside
 * as register.sqlite.corrupt-…, none left under the register's name, the message naming the newest verified
 * backup. Never a crash of the process, never another error.
 */
export const DAMAGE_KINDS = ['flip', 'flipHeader', 'zeroPage', 'zeroFirstPage', 'truncate', 'garbage', 'empty'] as const;
export type DamageKind = (typeof DAMAGE_KINDS)[number];

export interface CorruptFigures {
  copies: number;
  openedAndVerified: number;
  /** opened (quick_check passed) and then the integrity check or the history verification named the damage */
  openedDamageReported: number;
  /** opened, and the full integrity check found damage that the verification did not */
  openedIntegrityOnly: number;
  /** opened as a new, empty register although the folder's verified backup holds cases (the register's content lost unseen) */
  openedAsNewEmpty: number;
  quarantined: number;
  quarantinedNamingBackup: number;
  otherErrors: number;
  crashes: number;
  byKind: Record<DamageKind, { copies: number; opened: number; quarantined: number; bad: number }>;
  seconds: number;
  problems: string[];
  sampleMessage: string | null;
}

const CHILD = path.join(__dirname, 'corrupt-child.ts');

function damage(file: string, kind: DamageKind, rnd: () => number): string {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  try {
    const write = (offset: number, bytes: Buffer) => fs.writeSync(fd, bytes, 0, bytes.length, offset);
    switch (kind) {
      case 'flip': {
        const n = between(rnd, 1, 16);
        for (let i = 0; i < n; i++) {
          const at = between(rnd, 0, size - 1);
          const b = Buffer.alloc(1);
          fs.readSync(fd, b, 0, 1, at);
          b[0] ^= 1 << between(rnd, 0, 7);
          write(at, b);
        }
        return `${n} bytes flipped`;
      }
      case 'flipHeader': {
        const at = between(rnd, 0, 99);
        const b = Buffer.alloc(1);
        fs.readSync(fd, b, 0, 1, at);
        b[0] ^= 0xff;
        write(at, b);
        return `header byte ${at} flipped`;
      }
      case 'zeroPage': {
        const pages = Math.floor(size / 4096);
        const p = between(rnd, 1, pages - 1);
        write(p * 4096, Buffer.alloc(4096));
        return `page ${p + 1} zeroed`;
      }
      case 'zeroFirstPage':
        write(0, Buffer.alloc(4096));
        return 'first page zeroed';
      case 'truncate': {
        const to = between(rnd, 0, size - 1);
        fs.ftruncateSync(fd, to);
        return `cut to ${to} of ${size} bytes`;
      }
      case 'garbage': {
        const n = between(rnd, 1, 3 * 4096 * 8);
        fs.ftruncateSync(fd, 0);
        write(0, Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256))));
        return `${n} bytes of garbage`;
      }
      case 'empty':
        fs.ftruncateSync(fd, 0);
        return 'emptied';
    }
  } finally {
    fs.closeSync(fd);
  }
}

function copyFolder(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

interface Worker { child: ChildProcess; next: (line: string | null) => void }

function startWorker(): Promise<Worker> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { stdio: ['pipe', 'pipe', 'ignore'] });
    const w: Worker = { child, next: () => {} };
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (l) => {
      if (l === 'ready') resolve(w);
      else if (l.startsWith('result ')) w.next(l.slice('result '.length));
    });
    child.once('exit', () => w.next(null));
  });
}

export async function runCorrupt(opts: { copies: number; seed?: number; kinds?: readonly DamageKind[]; log?: (l: string) => void }): Promise<CorruptFigures> {
  const kinds = opts.kinds ?? DAMAGE_KINDS;
  const t0 = performance.now();
  const rnd = random(opts.seed ?? 5);
  const dir = tempDir('corrupt');
  const base = path.join(dir, 'base');
  const file = await makeRegister(base, 60, opts.seed ?? 5);
  // a verified backup in the default destination, made by the register's own backup service
  const core = await openCore(base, { log: () => {} });
  let backupFile: string;
  try {
    const p = await core.services.backups.runNow('manual', null);
    const made = p.results.find((r) => r.backup)?.backup;
    if (!made) throw new Error(`could not make the base backup: ${p.results.map((r) => r.error).join('; ')}`);
    backupFile = made.file;
  } finally {
    await core.close();
  }
  const raw = new BetterSqlite3(file);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  const baseCases = raw.prepare('SELECT count(*) FROM cases').pluck().get() as number;
  raw.close();
  const byKind = Object.fromEntries(DAMAGE_KINDS.map((k) => [k, { copies: 0, opened: 0, quarantined: 0, bad: 0 }])) as CorruptFigures['byKind'];
  const f: CorruptFigures = {
    copies: 0, openedAndVerified: 0, openedDamageReported: 0, openedIntegrityOnly: 0, openedAsNewEmpty: 0, quarantined: 0, quarantinedNamingBackup: 0, otherErrors: 0, crashes: 0,
    byKind, seconds: 0, problems: [], sampleMessage: null,
  };
  const problem = (p: string) => {
    if (f.problems.length < 20) f.problems.push(p);
    opts.log?.(`  PROBLEM ${p}`);
  };
  let worker = await startWorker();
  try {
    for (let i = 0; i < opts.copies; i++) {
      const kind = kinds[i % kinds.length];
      const trial = path.join(dir, `copy-${i}`);
      copyFolder(base, trial);
      const what = damage(path.join(trial, DB_FILE_NAME), kind, rnd);
      const answer = await new Promise<string | null>((resolve) => {
        const timer = setTimeout(() => resolve('timeout'), 120_000);
        worker.next = (line) => {
          clearTimeout(timer);
          resolve(line);
        };
        worker.child.stdin!.write(`${trial}\n`);
      });
      f.copies++;
      byKind[kind].copies++;
      if (answer === null || answer === 'timeout') {
        f.crashes++;
        byKind[kind].bad++;
        problem(`${kind} (${what}): the process ${answer === null ? 'crashed' : 'hung'}`);
        if (answer === 'timeout') worker.child.kill('SIGKILL');
        worker = await startWorker();
        continue;
      }
      const r = JSON.parse(answer) as { outcome: 'opened' | 'refused'; code?: string; message?: string; integrity?: string; verify?: string | null; cases?: number };
      if (r.outcome === 'opened') {
        byKind[kind].opened++;
        if (r.cases === 0) {
          f.openedAsNewEmpty++;
          byKind[kind].bad++;
          problem(`${kind} (${what}): opened as a new, empty register (0 cases; the verified backup beside it has ${baseCases}), nothing quarantined, no restore offered`);
        } else if (r.integrity === 'ok' && r.verify === null) f.openedAndVerified++;
        else if (r.verify !== null) f.openedDamageReported++;
        else {
          f.openedIntegrityOnly++;
          byKind[kind].bad++;
          problem(`${kind} (${what}): opened for writing although integrity_check says ${r.integrity}`);
        }
      } else if (r.code === 'CORRUPT') {
        f.quarantined++;
        byKind[kind].quarantined++;
        f.sampleMessage ??= r.message ?? null;
        const left = fs.readdirSync(trial);
        const moved = left.some((n) => n.startsWith(`${DB_FILE_NAME}.corrupt-`));
        const names = (r.message ?? '').includes(path.basename(backupFile));
        if (!left.includes(DB_FILE_NAME) && moved && names) f.quarantinedNamingBackup++;
        else {
          byKind[kind].bad++;
          problem(`${kind} (${what}): CORRUPT but ${!moved ? 'not moved aside' : left.includes(DB_FILE_NAME) ? 'a register.sqlite left' : 'the message names no backup'}: ${r.message?.slice(0, 200)}`);
        }
      } else {
        f.otherErrors++;
        byKind[kind].bad++;
        problem(`${kind} (${what}): ${r.code ?? 'error'} ${r.message?.slice(0, 300)}`);
      }
      fs.rmSync(trial, { recursive: true, force: true });
      if ((i + 1) % 50 === 0) opts.log?.(`  corruption: ${i + 1}/${opts.copies}`);
    }
  } finally {
    worker.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  f.seconds = (performance.now() - t0) / 1000;
  return f;
}

export function corruptPassed(f: CorruptFigures): boolean {
  return f.crashes === 0 && f.otherErrors === 0 && f.openedIntegrityOnly === 0 && f.openedAsNewEmpty === 0 && f.quarantined === f.quarantinedNamingBackup
    && f.openedAndVerified + f.openedDamageReported + f.quarantined === f.copies;
}
