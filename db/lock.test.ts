import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataLock, DataFolderLockedError, LOCK_FILE_NAME, parseLock } from './lock';
import { bundledChild, disposeBundles } from '../tests/support/child-bundle';

/**
 * The single-writer lock, raced by real processes: every round, many children try to take the same
 * folder at the same moment and exactly one may win — on a fresh folder, over a lock left by a crashed
 * process (which each of them will try to take over at once), and over a lock whose pid now belongs to
 * another program.
 */
const RACERS = 8;
const ROUNDS = Number(process.env.LOCK_RACE_ROUNDS ?? 6);
const tmpDirs: string[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-lock-'));
  tmpDirs.push(dir);
  return dir;
};

interface Answer { won?: boolean; pid: number; message?: string; ready?: boolean; released?: boolean }
let racers: ChildProcess[] = [];

function next(child: ChildProcess): Promise<Answer> {
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as Answer));
    child.once('exit', (code) => reject(new Error(`racer exited with ${code}`)));
  });
}

/** Each racer is plain node on the child bundled once (tests/support/child-bundle.ts), not tsx compiling it per process. */
function spawnRacer(): Promise<ChildProcess> {
  const racer = bundledChild(path.join(__dirname, 'lock.race-child.ts'));
  const child = fork(racer.args[0], [], { execPath: racer.command, execArgv: [], env: racer.env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return next(child).then(() => child);
}

/** All racers take the folder at once; resolves with their answers. */
async function race(dir: string): Promise<Answer[]> {
  const answers = racers.map(next);
  for (const r of racers) r.send({ take: dir });
  return Promise.all(answers);
}

async function releaseAll(): Promise<void> {
  await Promise.all(racers.map((r) => { const done = next(r); r.send({ release: true }); return done; }));
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  return Number(pid);
}

beforeAll(async () => {
  racers = await Promise.all(Array.from({ length: RACERS }, spawnRacer));
}, 60_000);

afterAll(() => {
  for (const r of racers) r.kill('SIGKILL');
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
  disposeBundles();
});

describe('data-folder lock raced by separate processes', () => {
  it(`lets exactly one of ${RACERS} win a fresh folder, round after round`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const dir = tmp();
      const answers = await race(dir);
      const winners = answers.filter((a) => a.won);
      expect({ round, winners: winners.length }).toEqual({ round, winners: 1 });
      const holder = parseLock(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8'));
      expect(holder?.pid).toBe(winners[0].pid);
      for (const loser of answers.filter((a) => !a.won)) {
        expect(loser.message).toContain(`正在被另一个程序（进程号 ${winners[0].pid}，`);
        expect(loser.message).toContain(path.join(dir, LOCK_FILE_NAME));
        expect(loser.message).toContain('只有确认没有任何投诉登记册程序');
      }
      await releaseAll();
      expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
    }
  }, 60_000);

  it(`lets exactly one of ${RACERS} take over a lock left by a crashed process`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const dir = tmp();
      const stale = round % 2 === 0
        ? String(deadPid()) // what earlier versions wrote
        : JSON.stringify({ program: 'complaint-register', pid: deadPid(), host: os.hostname(), procStart: null, startedAt: '2026-12-01 08:00:00', token: `t${round}` });
      fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), stale);
      const winners = (await race(dir)).filter((a) => a.won);
      expect({ round, winners: winners.length }).toEqual({ round, winners: 1 });
      expect(parseLock(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8'))?.pid).toBe(winners[0].pid);
      expect(fs.readdirSync(dir).filter((f) => f !== LOCK_FILE_NAME)).toEqual([]); // no takeover or temporary files left
      await releaseAll();
    }
  }, 60_000);

  it('takes over the lock of a racer killed while holding it, and only then', async () => {
    const dir = tmp();
    const winner = (await race(dir)).find((a) => a.won)!;
    const child = racers.find((r) => r.pid === winner.pid)!;
    await releaseAll(); // the others hold nothing
    child.send({ take: dir });
    await next(child);
    const gone = new Promise((r) => child.once('exit', r));
    child.send({ die: true });
    await gone;
    racers = [...racers.filter((r) => r !== child), await spawnRacer()];
    expect(parseLock(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8'))?.pid).toBe(winner.pid);
    expect((await race(dir)).filter((a) => a.won).length).toBe(1);
    await releaseAll();
  }, 60_000);

  it.runIf(process.platform === 'linux')('treats a lock whose pid now belongs to another program as stale (Linux: start times differ)', async () => {
    const dir = tmp();
    // A live process (this test runner) but a start time it never had: the pid was reused.
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify({ program: 'complaint-register', pid: process.pid, host: os.hostname(), procStart: '1', startedAt: '', token: 'x' }));
    expect((await race(dir)).filter((a) => a.won).length).toBe(1);
    await releaseAll();
  }, 60_000);

  it('refuses them all while a live process of this program holds the folder', async () => {
    const dir = tmp();
    const release = acquireDataLock(dir);
    try {
      const answers = await race(dir);
      expect(answers.filter((a) => a.won)).toEqual([]);
      expect(answers[0].message).toContain(`进程号 ${process.pid}`);
      // In this process too: a second core on the same folder is refused, not let in.
      expect(() => acquireDataLock(dir)).toThrow(DataFolderLockedError);
    } finally {
      release();
    }
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  }, 60_000);

  it('refuses a live pid it cannot confirm, and a lock it cannot read, naming the lock file', () => {
    const dir = tmp();
    const lockPath = path.join(dir, LOCK_FILE_NAME);
    fs.writeFileSync(lockPath, String(process.ppid)); // an old-style lock of a live process: not provably stale
    expect(() => acquireDataLock(dir)).toThrow(/正在被另一个程序（进程号 \d+）使用/);
    fs.writeFileSync(lockPath, JSON.stringify({ program: 'complaint-register', pid: process.ppid, host: 'another-pc', procStart: null, startedAt: '', token: 'y' }));
    expect(() => acquireDataLock(dir)).toThrow(/另一台电脑（another-pc）/);
    fs.writeFileSync(lockPath, 'something else wrote this');
    expect(() => acquireDataLock(dir)).toThrow(`锁文件 ${lockPath} 无法识别`);
    expect(fs.readFileSync(lockPath, 'utf8')).toBe('something else wrote this'); // refused, not removed
  });
});
