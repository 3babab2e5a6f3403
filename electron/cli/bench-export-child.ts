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
  await exporter.settled();
  const seconds = (performance.now() - t0) / 1000;
  const p = await exporter.progress(COMMAND_LINE_EXPORTER, { exportId: started.exportId });
  if (p.state !== 'done') throw new Error(`导出未完成：${p.state} ${p.message ?? ''}`);
  const file = await exporter.file(COMMAND_LINE_EXPORTER, { exportId: started.exportId });
  return { seconds, rows: p.written, mb: file.bytes.length / 1048576 };
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
