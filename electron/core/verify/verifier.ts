import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { connectionOf, databaseFileOf, openConnection } from '../../../db/open';
import { localDateTime } from '../local-time';
import { AppError } from '../errors';
import type { Deps } from '../services/deps';
import type { ChainHead, HistoryVerification, VerificationFailure } from '../types';
import { combine, split, verifyAll, type AnchorVerdict, type Findings, type Outcome, type Progress, type Snapshot } from './verify-run';

/**
 * history/verify as a job: a run takes about a minute at a million cases, so it runs in a worker thread
 * with its own read-only connection, and the request answers at once with the run's progress; the
 * caller asks again with the job number until it is done. One run at a time: a request while one runs
 * joins it (and adds its anchor to the ones it checks). An in-memory database (tests) cannot be opened
 * by a second connection: there the run is done on the calling thread, on the core's connection while no
 * transaction holds it, and the first answer is already the finished result.
 */
export interface VerifyInput { anchor?: string; job?: number }

interface Job {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  progress: Progress | null;
  findings: Outcome['findings'] | null;
  head: ChainHead | null;
  error: string | null;
  /** anchors to check, by `count:hash`; their verdicts once checked */
  anchors: Map<string, AnchorVerdict | null>;
  /** false once the worker has been given the anchors */
  acceptsAnchors: boolean;
  finished: Promise<void>;
}

const KEEP_FINISHED = 5;

export function parseAnchor(text: string): ChainHead {
  const [count, hash] = text.trim().split(':');
  return { count: Number(count), hash: hash.toLowerCase() };
}
const anchorKey = (a: ChainHead) => `${a.count}:${a.hash}`;

/**
 * The worker's script: under tsx (and vitest) the TypeScript source through tsx's require hook; in a
 * build, `verify-worker.js` beside the bundle (electron.vite.config.ts builds it as its own entry).
 */
function workerScript(): { code: string; eval: boolean } | null {
  if (__filename.endsWith('.ts')) {
    const source = path.join(__dirname, 'verify-worker.ts');
    return fs.existsSync(source) ? { code: `require('tsx/cjs'); require(${JSON.stringify(source)});`, eval: true } : null;
  }
  const built = [__dirname, path.dirname(__dirname)].map((d) => path.join(d, 'verify-worker.js')).find((f) => fs.existsSync(f));
  return built ? { code: built, eval: false } : null;
}

/** The register's two cores: the app's own thread is mostly idle meanwhile. */
const WORKERS = 2;

const PHASE_ORDER: Record<VerificationFailure['kind'], number> = { error: 0, chain: 1, anchor: 2, replay: 3 };

export function createVerifier(deps: Deps) {
  let nextId = 1;
  let running: Job | null = null;
  const finished: Job[] = [];
  const now = () => localDateTime(deps.now());


  function finish(job: Job, outcome: Outcome | { error: string }): void {
    if ('error' in outcome) job.error = outcome.error;
    else {
      job.findings = outcome.findings;
      job.head = outcome.head;
      const units = outcome.findings.checked + outcome.findings.casesChecked;
      job.progress = { phase: 'anchor', done: units, total: units };
      for (const verdict of outcome.anchors) job.anchors.set(anchorKey(verdict), verdict);
    }
    job.acceptsAnchors = false;
    job.finishedAt = now();
    if (running === job) running = null;
    finished.unshift(job);
    finished.length = Math.min(finished.length, KEEP_FINISHED);
  }

  function pendingAnchors(job: Job): ChainHead[] {
    return [...job.anchors.keys()].map(parseAnchor);
  }

  /** The core's own connection, taken from Kysely so that no transaction of a request is half way through. */
  async function runHere(job: Job, raw: BetterSqlite3.Database): Promise<void> {
    await deps.db.connection().execute(async () => {
      job.acceptsAnchors = false;
      finish(job, verifyAll(raw, pendingAnchors(job), (p) => (job.progress = p)));
    });
  }

  /**
   * Two workers, each with its own read-only connection and half of the chain and of the cases: on two
   * cores the run takes half as long. They start only when their snapshots see the same chain head (a
   * write between their first reads: both take a new snapshot).
   */
  function runInWorkers(job: Job, file: string, script: { code: string; eval: boolean }): Promise<void> {
    return new Promise<void>((resolve) => {
      const n = WORKERS;
      const workers = Array.from({ length: n }, () => new Worker(script.code, { eval: script.eval, workerData: { file }, resourceLimits: { maxYoungGenerationSizeMb: 64 } }));
      const snapshots: Array<Snapshot | null> = new Array(n).fill(null);
      const results: Array<{ findings: Findings; anchors: AnchorVerdict[] } | null> = new Array(n).fill(null);
      const done: number[] = new Array(n).fill(0);
      let total = 0;
      let restarts = 0;
      let settled = false;
      const settle = (outcome: Parameters<typeof finish>[1]) => {
        if (settled) return;
        settled = true;
        finish(job, outcome);
        for (const w of workers) void w.terminate();
        resolve();
      };
      workers.forEach((worker, i) => {
        worker.unref(); // a verification never keeps the app from quitting
        worker.on('message', (m: { type: string } & Record<string, any>) => {
          if (m.type === 'snapshot') {
            snapshots[i] = m.snapshot;
            if (snapshots.some((x) => x === null)) return;
            const heads = snapshots.map((x) => `${x!.head.count}:${x!.head.hash}:${x!.maxCaseId}`);
            if (heads.some((h) => h !== heads[0])) {
              if (restarts++ >= 20) return settle({ error: '登记册一直在写入，未能取得一致的快照，请稍后再试' });
              snapshots.fill(null);
              for (const w of workers) w.postMessage({ type: 'restart' });
              return;
            }
            const s = snapshots[0]!;
            total = s.maxHistoryId + s.cases;
            job.progress = { phase: 'chain', done: 0, total };
            split(s, n).forEach((part, k) => workers[k].postMessage({ type: 'go', part, anchors: k === 0 }));
          } else if (m.type === 'progress') {
            done[i] = m.done;
            job.progress = { phase: 'chain', done: done.reduce((a, b) => a + b, 0), total };
          } else if (m.type === 'checked') {
            job.acceptsAnchors = false;
            job.progress = { phase: 'anchor', done: job.progress?.done ?? 0, total };
            worker.postMessage({ type: 'anchors', anchors: pendingAnchors(job) });
          } else if (m.type === 'done') {
            results[i] = { findings: m.findings, anchors: m.anchors };
            if (results.every((r) => r !== null)) {
              settle({ findings: combine(results.map((r) => r!.findings)), head: snapshots[0]!.head, anchors: results[0]!.anchors });
            }
          } else if (m.type === 'failed') settle({ error: m.message });
        });
        worker.on('error', (err) => settle({ error: String(err?.message ?? err) }));
        worker.on('exit', (code) => {
          if (!results[i]) settle({ error: `核验线程意外退出（${code}）` });
        });
      });
    });
  }

  /** A file database whose worker script is missing (a broken build): still verified, on this thread. */
  async function runOnOwnConnection(job: Job, file: string): Promise<void> {
    deps.log(new Error('verify-worker script not found: verifying on the main thread'));
    const raw = openConnection(file, { readonly: true });
    try {
      finish(job, verifyAll(raw, pendingAnchors(job), (p) => (job.progress = p)));
    } finally {
      raw.close();
    }
  }

  async function start(anchor: ChainHead | null): Promise<Job> {
    const job: Job = {
      id: nextId++, startedAt: now(), finishedAt: null, progress: null, findings: null, head: null, error: null,
      anchors: new Map(anchor ? [[anchorKey(anchor), null]] : []), acceptsAnchors: true, finished: Promise.resolve(),
    };
    running = job;
    const file = databaseFileOf(deps.db);
    const script = file ? workerScript() : null;
    if (file === null) {
      job.finished = runHere(job, connectionOf(deps.db)).catch((err) => finish(job, { error: String((err as Error)?.message ?? err) }));
      await job.finished;
    } else if (script) {
      job.finished = runInWorkers(job, file, script);
    } else {
      job.finished = runOnOwnConnection(job, file).catch((err) => finish(job, { error: String((err as Error)?.message ?? err) }));
      await job.finished;
    }
    return job;
  }

  function status(job: Job, anchor: ChainHead | null): HistoryVerification {
    const done = job.finishedAt !== null;
    const f = job.findings;
    const failures: VerificationFailure[] = [...(f?.failures ?? [])];
    let failureCount = f?.failureCount ?? 0;
    const none = { historyId: null, caseId: null, registerNo: null, field: null };
    if (job.error) {
      failures.push({ kind: 'error', message: `核验未能完成：${job.error}`, ...none });
      failureCount++;
    }
    const verdict = anchor ? job.anchors.get(anchorKey(anchor)) ?? null : null;
    if (done && anchor && !job.error) {
      if (!verdict) failures.push({ kind: 'anchor', message: '该链头未在这次核验中核对，请重新开始核验', ...none });
      else if (!verdict.ok) failures.push({ kind: 'anchor', message: verdict.message ?? '链头不符', ...none, historyId: verdict.count || null });
      if (!verdict || !verdict.ok) failureCount++;
    }
    failures.sort((a, b) => PHASE_ORDER[a.kind] - PHASE_ORDER[b.kind]);
    const total = job.progress?.total ?? 0;
    return {
      job: job.id,
      state: done ? 'done' : 'running',
      phase: done ? 'done' : job.progress?.phase ?? 'starting',
      progress: { done: done ? total : job.progress?.done ?? 0, total },
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      ok: done ? failureCount === 0 : null,
      checked: f?.checked ?? 0,
      casesChecked: f?.casesChecked ?? 0,
      head: job.head,
      brokenAtId: f?.brokenAtId ?? null,
      anchor: verdict ? { count: verdict.count, hash: verdict.hash, ok: verdict.ok } : null,
      failures,
      failureCount,
    };
  }

  return {
    /** Starts a run (or joins the one running), or with `job` reports on one. */
    async verify(input: VerifyInput): Promise<HistoryVerification> {
      const anchor = input.anchor ? parseAnchor(input.anchor) : null;
      if (input.job !== undefined) {
        const job = running?.id === input.job ? running : finished.find((j) => j.id === input.job);
        if (!job) throw new AppError('NOT_FOUND', '该次核验已不存在，请重新开始核验', 'job');
        if (anchor && job.acceptsAnchors && !job.anchors.has(anchorKey(anchor))) job.anchors.set(anchorKey(anchor), null);
        return status(job, anchor);
      }
      if (running && !running.acceptsAnchors) await running.finished; // handing over its anchors: a new run follows it
      if (running) {
        if (anchor && !running.anchors.has(anchorKey(anchor))) running.anchors.set(anchorKey(anchor), null);
        return status(running, anchor);
      }
      return status(await start(anchor), anchor);
    },
    /** Waits for the running job (tests, and closing the core). */
    async settled(): Promise<void> {
      await running?.finished;
    },
  };
}

export type Verifier = ReturnType<typeof createVerifier>;
