import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { renderDocx } from '../../../../templates/docx/render-docx';
import type { FontOptions } from '../../../../templates/fonts/fonts';
import type { PaperDocument } from '../../../../templates/papers/paper-document';
import { renderPdf } from '../../../../templates/pdf/render-pdf';
import { statisticsSummaryBytes, type StatisticsSummaryView } from '../../../../templates/pdf/statistics-summary';
import type { RenderAnswer, RenderJob } from './render-worker';

/**
 * The papers' renderers on worker threads: up to `size` workers (each parses the fonts once, ~200 MB), started
 * when the first paper is rendered; a worker holds the process only while it renders (ref'd), so an idle one
 * never keeps the app or a command from quitting. Renders go to an idle
 * worker, else wait in line: a batch renders on two cores, and the core's thread (IPC, HTTP) stays free while a
 * PDF is drawn. Without the worker script (a build that did not bundle it) everything renders on this thread.
 */
export interface PaperRenderers {
  pdf(docs: readonly PaperDocument[], fonts?: FontOptions): Promise<Uint8Array>;
  docx(doc: PaperDocument): Promise<Uint8Array>;
}

/** The pool also draws the statistics summary PDF (statistics/pdf, 签发): pages of tables and charts, seconds of layout. */
export interface RenderPool extends PaperRenderers {
  statisticsSummary(view: StatisticsSummaryView): Promise<Uint8Array>;
}

/** Under tsx (and vitest) the TypeScript source through tsx's require hook; in a build, render-worker.js beside the bundle. */
function workerScript(): { code: string; eval: boolean } | null {
  if (__filename.endsWith('.ts')) {
    const source = path.join(__dirname, 'render-worker.ts');
    return fs.existsSync(source) ? { code: `require('tsx/cjs'); require(${JSON.stringify(source)});`, eval: true } : null;
  }
  const built = [__dirname, path.dirname(__dirname)].map((d) => path.join(d, 'render-worker.js')).find((f) => fs.existsSync(f));
  return built ? { code: built, eval: false } : null;
}

/** Two workers: a batch on two cores; more would each hold another copy of the fonts. */
export const RENDER_WORKERS = Math.max(1, Math.min(2, os.availableParallelism()));

export function createRenderPool(size = RENDER_WORKERS): RenderPool {
  const script = workerScript();
  if (script === null) return { pdf: (docs, fonts) => renderPdf(docs, fonts), docx: (doc) => renderDocx(doc), statisticsSummary: (view) => statisticsSummaryBytes(view) };

  interface Slot { worker: Worker; busy: boolean }
  const slots: Slot[] = [];
  const waiting: Array<{ request: RenderJob; resolve: (b: Uint8Array) => void; reject: (e: Error) => void }> = [];
  const pending = new Map<number, { slot: Slot; resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
  let nextId = 1;

  function spawn(): Slot {
    const slot: Slot = { worker: new Worker(script!.code, { eval: script!.eval }), busy: false };
    slot.worker.on('message', (m: RenderAnswer) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      slot.busy = false;
      slot.worker.unref();
      if ('error' in m) p.reject(new Error(m.error));
      else p.resolve(m.bytes);
      pump();
    });
    const lost = (err: Error) => {
      // A worker that died takes its render with it: that paper fails, the next render starts a new worker.
      for (const [id, p] of pending) if (p.slot === slot) { pending.delete(id); p.reject(err); }
      slots.splice(slots.indexOf(slot), 1);
      pump();
    };
    slot.worker.once('error', lost);
    slot.worker.once('exit', (code) => { if (slots.includes(slot)) lost(new Error(`文书渲染线程意外退出（${code}）`)); });
    // Last, after the listeners (which would hold the thread's handle again): an idle worker never keeps the app from quitting.
    slot.worker.unref();
    slots.push(slot);
    return slot;
  }

  function pump(): void {
    while (waiting.length > 0) {
      const slot = slots.find((s) => !s.busy) ?? (slots.length < size ? spawn() : null);
      if (!slot) return;
      const job = waiting.shift()!;
      const id = nextId++;
      slot.busy = true;
      // Held while it renders (someone awaits the answer), let go when idle.
      slot.worker.ref();
      pending.set(id, { slot, resolve: job.resolve, reject: job.reject });
      slot.worker.postMessage({ ...job.request, id });
    }
  }

  const run = (request: RenderJob) => new Promise<Uint8Array>((resolve, reject) => {
    waiting.push({ request, resolve, reject });
    pump();
  });

  return {
    pdf: (docs, fonts) => run({ kind: 'pdf', docs: [...docs], fonts }),
    docx: (doc) => run({ kind: 'docx', docs: [doc] }),
    statisticsSummary: (view) => run({ kind: 'statisticsSummary', view }),
  };
}

let shared: RenderPool | null = null;
/** One pool per process, whatever the number of cores opened (tests open many). */
export function sharedRenderPool(): RenderPool {
  shared ??= createRenderPool();
  return shared;
}
