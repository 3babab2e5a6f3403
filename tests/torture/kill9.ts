import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { openConnection } from '../../db/open';
import { verifyAll } from '../../electron/core/verify/verify-run';
import { between, bundledChild, disposeBundles, makeRegister, random, tempDir } from './fixture';

/**
 * kill -9 during saves. A child (save-child.ts) opens the register with openCore and saves through core.call,
 * acknowledging each save on stdout only after the call returned; this parent kills it with SIGKILL at random
 * moments (mostly a random 0–8 ms after a random number of acknowledgements, so the kill lands anywhere in a
 * save; some while it is still opening the register), starts a new one, and while the new one has opened the
 * register but not yet saved anything, checks on its own read-only connection:
 *  - lost: an acknowledged save missing (the case absent, or its version below the acknowledged one);
 *  - integrity: PRAGMA integrity_check is not 'ok';
 *  - half-written: the verifier's replay finds a case whose row and history rows disagree (a case row without
 *    its registration entry, history rows of a case that is not there, a change in one and not the other);
 *  - chain: the verifier's hash chain finds a broken row.
 * One check after every restart, and one more at the end.
 */
export interface Kill9Options {
  saves: number;
  kills: number;
  seed?: number;
  dir?: string;
  log?: (line: string) => void;
}

export interface Kill9Figures {
  saves: number;
  kills: number;
  killsWhileOpening: number;
  restartsChecked: number;
  lost: number;
  integrityFailures: number;
  halfWrittenCases: number;
  chainFailures: number;
  refusedSaves: number;
  casesAtEnd: number;
  historyRowsAtEnd: number;
  seconds: number;
  problems: string[];
}

const CHILD = path.join(__dirname, 'save-child.ts');

function startChild(dataDir: string, seed: number): ChildProcess {
  const { command, args, env } = bundledChild(CHILD);
  return spawn(command, [...args, dataDir, String(seed)], { stdio: ['pipe', 'pipe', 'inherit'], env });
}

export async function runKill9(opts: Kill9Options): Promise<Kill9Figures> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const rnd = random(opts.seed ?? 1);
  const dataDir = opts.dir ?? tempDir('kill9');
  const file = await makeRegister(dataDir, 10, opts.seed ?? 1);
  const acked = new Map<number, number>(); // case id -> highest acknowledged version
  const f: Kill9Figures = {
    saves: 0, kills: 0, killsWhileOpening: 0, restartsChecked: 0, lost: 0, integrityFailures: 0, halfWrittenCases: 0, chainFailures: 0,
    refusedSaves: 0, casesAtEnd: 0, historyRowsAtEnd: 0, seconds: 0, problems: [],
  };
  const problem = (p: string) => {
    if (f.problems.length < 20) f.problems.push(p);
    log(`  PROBLEM ${p}`);
  };
  const perKill = Math.max(1, Math.ceil(opts.saves / opts.kills));

  /** The register as this restart found it (the child has opened it and waits for `go`). */
  function check(): void {
    f.restartsChecked++;
    const raw = openConnection(file, { readonly: true });
    try {
      const integrity = raw.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
      if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok') {
        f.integrityFailures++;
        problem(`integrity_check after restart ${f.restartsChecked}: ${integrity.map((r) => r.integrity_check).slice(0, 3).join('; ')}`);
      }
      const versions = new Map((raw.prepare('SELECT id, version FROM cases').raw().all() as Array<[number, number]>));
      for (const [id, version] of acked) {
        const stored = versions.get(id);
        if (stored === undefined || stored < version) {
          f.lost++;
          problem(`acknowledged save lost after restart ${f.restartsChecked}: case ${id} version ${version}, stored ${stored ?? 'none'}`);
        }
      }
      const outcome = verifyAll(raw, []);
      for (const x of outcome.findings.failures) {
        if (x.kind === 'chain') f.chainFailures++;
        else f.halfWrittenCases++;
        problem(`verify after restart ${f.restartsChecked}: ${x.kind} ${x.message}`);
      }
      // failures beyond the listed ones still count
      const unlisted = outcome.findings.failureCount - outcome.findings.failures.length;
      if (unlisted > 0) f.halfWrittenCases += unlisted;
      f.casesAtEnd = versions.size;
      f.historyRowsAtEnd = outcome.head.count;
    } finally {
      raw.close();
    }
  }

  /** One child's life: until it is killed (or, `last`, checked once more and killed). */
  async function life(last: boolean): Promise<void> {
    const child = startChild(dataDir, between(rnd, 1, 2 ** 30));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const lines = readline.createInterface({ input: child.stdout! });
    const killWhileOpening = !last && rnd() < 0.1;
    const target = between(rnd, 1, 2 * perKill - 1);
    let mine = 0;
    let killed = false;
    let ready = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    // while it is still starting: loading, opening the register, migrating, seeding defaults
    const opening = killWhileOpening ? setTimeout(() => !ready && kill(), between(rnd, 100, 2000)) : null;
    lines.on('line', (line) => {
      if (line === 'ready') {
        if (killed) return;
        ready = true;
        if (opening) clearTimeout(opening);
        check();
        if (last) return kill();
        child.stdin!.write('go\n');
      } else if (line.startsWith('ack ')) {
        const [, id, version] = line.split(' ').map(Number);
        if ((acked.get(id) ?? 0) < version) acked.set(id, version);
        f.saves++;
        if (++mine === target) setTimeout(kill, Math.floor(rnd() * 8));
      } else if (line.startsWith('err ')) {
        f.refusedSaves++;
        problem(`refused: ${line.slice(4, 200)}`);
      } else if (line.startsWith('fatal ')) {
        problem(`child failed: ${line.slice(6, 400)}`);
        kill();
      }
    });
    await exited;
    await new Promise<void>((resolve) => (child.stdout!.readableEnded ? resolve() : child.stdout!.once('close', () => resolve())));
    if (!last) {
      f.kills++;
      if (!ready) f.killsWhileOpening++;
    }
  }

  try {
    while (f.saves < opts.saves || f.kills < opts.kills) {
      await life(false);
      if (f.kills % 10 === 0) log(`  kill -9: ${f.kills} kills, ${f.saves} acknowledged saves, ${f.lost} lost`);
      if (f.problems.some((p) => p.startsWith('child failed'))) break;
    }
    await life(true);
  } finally {
    disposeBundles();
  }
  f.seconds = (performance.now() - t0) / 1000;
  if (!opts.dir) fs.rmSync(dataDir, { recursive: true, force: true });
  return f;
}

/** Did the run keep every promise? */
export function kill9Passed(f: Kill9Figures): boolean {
  return f.lost === 0 && f.integrityFailures === 0 && f.halfWrittenCases === 0 && f.chainFailures === 0 && f.refusedSaves === 0 && f.problems.length === 0;
}
