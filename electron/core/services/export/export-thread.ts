import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { databaseFileOf } from '../../../../db/open';
import type { Database } from '../../../../db/types';
import type { ExportEvents, ExportJob } from './export-run';
import type { ExportSink, WorkerMessage } from './export-sink';
import type { WriterReply, WriterRequest } from './export-writer-worker';

/** How a worker thread of the export is started: its script (a file, or code to evaluate under tsx). */
export interface WorkerScript { code: string; eval: boolean }
/**
 * Each thread's heap: a small young generation, and an old one capped well above what either holds at once (a chunk
 * of rows and the writer's state; the ids of a million cases when the order is not the register's), so V8 collects
 * instead of growing: the process's peak memory stays near its floor whatever the export's size.
 */
const READ_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 128 };
const WRITE_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 };

/**
 * Under tsx (and vitest) the TypeScript source through tsx's require hook; in a build, `<name>.js` beside the bundle
 * (electron.vite.config.ts builds export-worker and export-writer-worker as entries of their own).
 */
function workerScript(name: 'export-worker' | 'export-writer-worker'): WorkerScript | null {
  if (__filename.endsWith('.ts')) {
    const source = path.join(__dirname, `${name}.ts`);
    return fs.existsSync(source) ? { code: `require('tsx/cjs'); require(${JSON.stringify(source)});`, eval: true } : null;
  }
  const built = [__dirname, path.dirname(__dirname)].map((d) => path.join(d, `${name}.js`)).find((f) => fs.existsSync(f));
  return built ? { code: built, eval: false } : null;
}

/**
 * Runs the export in a worker thread with its own read-only connection, when the register is a file and the
 * worker's script is there; null otherwise (the caller runs it on this thread, a chunk at a time).
 */
export function runInWorker(
  db: Kysely<Database>, job: ExportJob, events: Pick<ExportEvents, 'progress'>, inThread: boolean,
): { done: Promise<number | null>; cancel: () => void } | null {
  const file = inThread ? null : databaseFileOf(db);
  const script = file ? workerScript('export-worker') : null;
  const writer = file ? workerScript('export-writer-worker') : null;
  if (file === null || script === null || writer === null) return null;
  const cancel = new Int32Array(new SharedArrayBuffer(4));
  const done = new Promise<number | null>((resolve, reject) => {
    const worker = new Worker(script.code, { eval: script.eval, workerData: { file, job, cancel, writer }, resourceLimits: READ_LIMITS });
    worker.unref(); // an export never keeps the app from quitting
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') events.progress(m);
      else if (m.type === 'done') settle(() => resolve(m.count));
      else settle(() => reject(new Error(m.message)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`导出线程意外退出（${code}）`))));
  });
  // The worker reads the flag between chunks.
  return { done, cancel: () => Atomics.store(cancel, 0, 1) };
}

/**
 * The reading thread's sink (export-worker.ts): a second worker thread (export-writer-worker.ts, a fileSink), so
 * exceljs renders one chunk while this thread reads and masks the next. One chunk waits at most: `write` resolves
 * once the writer has taken the chunk before it. The chunk goes as one JSON string (one copy, not 22,000 strings).
 */
export function writerSink(script: WorkerScript, job: ExportJob): ExportSink {
  const worker = new Worker(script.code, {
    eval: script.eval, workerData: { file: job.file, head: job.head, sheetRows: job.sheetRows }, resourceLimits: WRITE_LIMITS,
  });
  let written = 0;
  let failure: Error | null = null;
  let finished = false;
  const waiting: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];
  const fail = (err: Error) => {
    failure ??= err;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.on('message', (m: WriterReply) => {
    if (m.type === 'failed') return fail(new Error(m.message));
    written = m.written;
    waiting.shift()?.resolve();
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!finished) fail(new Error(`导出写入线程意外退出（${code}）`));
  });
  const ask = (m: WriterRequest) => new Promise<void>((resolve, reject) => {
    if (failure) return reject(failure);
    waiting.push({ resolve, reject });
    worker.postMessage(m);
  });
  let inFlight: Promise<void> = Promise.resolve();
  const stop = async () => {
    finished = true;
    await worker.terminate();
  };
  return {
    async write(rows) {
      await inFlight;
      inFlight = ask({ type: 'rows', json: JSON.stringify(rows) });
      inFlight.catch(() => {}); // seen by the next write, commit or abort
    },
    get written() {
      return written;
    },
    async commit() {
      await inFlight;
      await ask({ type: 'commit' });
      await stop();
      return written;
    },
    async abort() {
      await inFlight.catch(() => {});
      await ask({ type: 'abort' }).catch(() => {});
      await stop();
      fs.rmSync(job.file, { force: true });
    },
  };
}
