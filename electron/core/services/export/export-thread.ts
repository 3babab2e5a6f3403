import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { databaseFileOf } from '../../../../db/open';
import type { Database } from '../../../../db/types';
import type { ExportEvents, ExportJob } from './export-run';
import type { WorkerMessage } from './export-worker';

/** Under tsx (and vitest) the TypeScript source through tsx's require hook; in a build, export-worker.js beside the bundle. */
function workerScript(): { code: string; eval: boolean } | null {
  if (__filename.endsWith('.ts')) {
    const source = path.join(__dirname, 'export-worker.ts');
    return fs.existsSync(source) ? { code: `require('tsx/cjs'); require(${JSON.stringify(source)});`, eval: true } : null;
  }
  const built = [__dirname, path.dirname(__dirname)].map((d) => path.join(d, 'export-worker.js')).find((f) => fs.existsSync(f));
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
  const script = file ? workerScript() : null;
  if (file === null || script === null) return null;
  const cancel = new Int32Array(new SharedArrayBuffer(4));
  const done = new Promise<number | null>((resolve, reject) => {
    const worker = new Worker(script.code, { eval: script.eval, workerData: { file, job, cancel }, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
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
