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
  const renderPeakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ letterPdfFirstMs, renderPeakRssMb })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
