import fs from 'node:fs';
import { registerWorkbookWriter, type RegisterWorkbookHead } from '../../../../templates/xlsx/register-workbook';

/**
 * Where an export's lines go (export-run.ts runExport): each chunk's lines as cells in REGISTER_COLUMNS' order
 * (lineValues), already masked and labelled. fileSink writes the workbook on this thread; export-thread.ts
 * writerSink hands the chunks to a second worker thread that runs a fileSink, so reading the next chunk and
 * writing this one go on at the same time (the export's two halves each took about half its time).
 */
export interface ExportSink {
  /** Takes a chunk; resolves when the sink can take the next one (the rows before it are on their way to the file). */
  write(rows: string[][]): Promise<void>;
  /** Rows written so far. */
  readonly written: number;
  /** Finishes the file (closed on disk when it resolves) and answers the rows it holds. */
  commit(): Promise<number>;
  /** Stops: the file is removed. */
  abort(): Promise<void>;
}

/** The workbook written into `file` on this thread (exceljs' streaming writer, templates/xlsx/register-workbook.ts). */
export function fileSink(file: string, head: RegisterWorkbookHead, sheetRows?: number): ExportSink {
  const out = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  closed.catch(() => {}); // looked at in commit and abort
  const book = registerWorkbookWriter(out, head, { sheetRows });
  return {
    async write(rows) {
      for (const values of rows) book.addValues(values);
      await book.drained();
      // Lets the file catch up when the writer is ahead of the disk (keeps memory flat).
      if (out.writableNeedDrain) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    },
    get written() {
      return book.written;
    },
    async commit() {
      await book.commit();
      await closed;
      return book.written;
    },
    async abort() {
      out.destroy();
      await closed.catch(() => {});
      fs.rmSync(file, { force: true });
    },
  };
}

/** What the reading thread (export-worker.ts) tells the core's thread (export-thread.ts). */
export type WorkerMessage = { type: 'progress'; total?: number; written: number } | { type: 'done'; count: number | null } | { type: 'failed'; message: string };
