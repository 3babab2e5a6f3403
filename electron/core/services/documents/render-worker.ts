import { parentPort } from 'node:worker_threads';
import { renderDocx } from '../../../../templates/docx/render-docx';
import type { FontOptions } from '../../../../templates/fonts/fonts';
import type { PaperDocument } from '../../../../templates/papers/paper-document';
import { renderPdf } from '../../../../templates/pdf/render-pdf';
import { statisticsSummaryBytes, type StatisticsSummaryView } from '../../../../templates/pdf/statistics-summary';

/**
 * Worker-thread side of the papers' renderer (render-pool.ts): renders PDFs and Word files off the core's
 * thread, so a batch of papers renders on several cores and the app keeps answering meanwhile. Each worker
 * parses its fonts once and keeps them.
 */
export type RenderJob =
  | { kind: 'pdf'; docs: PaperDocument[]; fonts?: FontOptions }
  | { kind: 'docx'; docs: [PaperDocument] }
  /** the statistics summary (statistics/pdf): a report of many pages drawn for seconds at a million cases */
  | { kind: 'statisticsSummary'; view: StatisticsSummaryView };
export type RenderRequest = RenderJob & { id: number };
export type RenderAnswer = { id: number; bytes: Uint8Array } | { id: number; error: string };

const port = parentPort!;
port.on('message', (m: RenderRequest) => {
  const work = m.kind === 'pdf' ? renderPdf(m.docs, m.fonts) : m.kind === 'docx' ? renderDocx(m.docs[0]) : statisticsSummaryBytes(m.view);
  work.then(
    (bytes) => port.postMessage({ id: m.id, bytes } satisfies RenderAnswer),
    (err: unknown) => port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) } satisfies RenderAnswer),
  );
});
