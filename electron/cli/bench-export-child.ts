import fs from 'node:fs';
import { openCore } from '../core/core';
import { createRegisterExport, type RegisterExportOptions } from '../core/services/export/register-export';
import { COMMAND_LINE_EXPORTER } from './export';

/**
 * The export process of `bench` (bench-export.ts spawns it on the bench's data folder, which the bench has closed):
 * the register exported as the command line's operator (an auditor, masked), the way registerExport/start runs it
 * (a worker thread with its own read-only connection): first the first 100,000 rows in register order, then the
 * whole register. Reports one JSON line: each export's seconds (start to the file renamed), rows and file size, and
 * this process's peak memory after the first export and after both.
 */
const dir = process.argv[2];

async function timed(options: RegisterExportOptions, core: Awaited<ReturnType<typeof openCore>>) {
  const exporter = createRegisterExport(core.services.deps, core.services.settings, core.services.calendar, options);
  const t0 = performance.now();
  const started = await exporter.start(COMMAND_LINE_EXPORTER, { sortBy: 'registerNo', sortOrder: 'desc', unmasked: false, purpose: '' });
  // Meanwhile the core answers: a register page (50 rows) every 100 ms, timed, until the export is done.
  let running = true;
  const pages: number[] = [];
  const settled = exporter.settled().then(() => {
    running = false;
  });
  // When the first rows were written (after the count, the ids and the worker's start): the rest is per row.
  let first: { at: number; written: number } | null = null;
  while (running) {
    if (first === null) {
      const w = (await exporter.progress(COMMAND_LINE_EXPORTER, { exportId: started.exportId })).written;
      if (w > 0) first = { at: performance.now(), written: w };
    }
    const t = performance.now();
    const r = await core.callAsOperator('cases/list', { pageSize: 50, status: ['assigned'] }, COMMAND_LINE_EXPORTER);
    if (!r.ok) throw new Error(r.error.message);
    pages.push(performance.now() - t);
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  const seconds = (performance.now() - t0) / 1000;
  const sorted = pages.sort((a, b) => a - b);
  const pageP95Ms = sorted.length ? sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] : 0;
  const p = await exporter.progress(COMMAND_LINE_EXPORTER, { exportId: started.exportId });
  if (p.state !== 'done') throw new Error(`导出未完成：${p.state} ${p.message ?? ''}`);
  const file = await exporter.file(COMMAND_LINE_EXPORTER, { exportId: started.exportId });
  const startSeconds = first ? (first.at - t0) / 1000 : seconds;
  const perRowSeconds = first && p.written > first.written ? (seconds - startSeconds) / (p.written - first.written) : 0;
  return { seconds, rows: p.written, mb: file.bytes.length / 1048576, pages: pages.length, pageP95Ms, startSeconds, firstRows: first?.written ?? 0, perRowSeconds };
}

/** This process's own peak (VmHWM; getrusage's maxRSS would carry the parent's across exec). */
function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch { /* not Linux */ }
  return process.resourceUsage().maxRSS / 1024;
}

async function main() {
  const core = await openCore(dir, { log: (err) => console.error(err) });
  try {
    const first = await timed({ maxRows: 100_000 }, core);
    const firstPeakMb = peakRssMb();
    const all = await timed({}, core);
    process.stdout.write(`${JSON.stringify({ first, firstPeakMb, all, allPeakMb: peakRssMb() })}\n`);
  } finally {
    await core.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
