import fs from 'node:fs';
import { renderPdf } from '../../templates/pdf/render-pdf';
import { samplePaper } from './bench-paper-sample';

/**
 * The rendering process of `bench`: a fresh process renders its first letter (fonts parsed on the way, as
 * the first paper after the app starts), then a batch of 100 督办通知 in one PDF; it reports the first
 * letter's time and its own peak memory (maxRSS) as one JSON line.
 */
async function main() {
  const letter = samplePaper('accept');
  const t0 = performance.now();
  await renderPdf([letter]);
  const letterPdfFirstMs = performance.now() - t0;
  await renderPdf(Array.from({ length: 100 }, (_, i) => samplePaper('supervise', i)));
  const renderPeakRssMb = peakRssKb() / 1024;
  process.stdout.write(`${JSON.stringify({ letterPdfFirstMs, renderPeakRssMb })}\n`);
}

/**
 * This process's own peak: Linux keeps getrusage's maxRSS across exec, so a child of the bench (which holds a
 * large register) would report its parent's size; VmHWM belongs to this process image alone.
 */
function peakRssKb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch { /* not Linux */ }
  return process.resourceUsage().maxRSS;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
