import { parentPort, workerData } from 'node:worker_threads';
import type { RegisterWorkbookHead } from '../../../../templates/xlsx/register-workbook';
import { fileSink } from './export-sink';

/**
 * The writing thread of a register export (export-thread.ts writerSink starts it from the reading thread,
 * export-worker.ts): exceljs writes each chunk of lines the reading thread sends while that thread reads and masks
 * the next. One request at a time, each answered once; it loads the workbook writer and nothing of the register.
 */
export type WriterRequest = { type: 'rows'; json: string } | { type: 'commit' } | { type: 'abort' };
export type WriterReply = { type: 'took' | 'committed' | 'aborted'; written: number } | { type: 'failed'; message: string };

const { file, head, sheetRows } = workerData as { file: string; head: RegisterWorkbookHead; sheetRows?: number };
const port = parentPort!;
const sink = fileSink(file, head, sheetRows);

async function answer(m: WriterRequest): Promise<WriterReply> {
  if (m.type === 'rows') {
    await sink.write(JSON.parse(m.json) as string[][]);
    return { type: 'took', written: sink.written };
  }
  if (m.type === 'commit') return { type: 'committed', written: await sink.commit() };
  await sink.abort();
  return { type: 'aborted', written: sink.written };
}

let queue = Promise.resolve();
port.on('message', (m: WriterRequest) => {
  queue = queue.then(() => answer(m)).then(
    (r) => port.postMessage(r),
    (err: unknown) => port.postMessage({ type: 'failed', message: String((err as Error)?.message ?? err) } satisfies WriterReply),
  );
});
