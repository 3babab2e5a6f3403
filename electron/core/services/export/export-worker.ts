import { parentPort, workerData } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { openConnection } from '../../../../db/open';
import type { Database } from '../../../../db/types';
import { runExport, type ExportJob } from './export-run';
import type { WorkerMessage } from './export-sink';
import { writerSink, type WorkerScript } from './export-thread';

/**
 * Worker-thread side of a register export (export-thread.ts starts one per export): its own read-only
 * connection in one read transaction, so the export sees one moment of the register while the core goes on writing,
 * and the core's thread stays free. It reads and masks the rows; a second thread (export-writer-worker.ts, started
 * by export-thread.ts writerSink) writes them with exceljs meanwhile. Progress goes back as messages;
 * cancelling is a flag in shared memory the main thread sets, read between chunks.
 */

const { file, job, cancel, writer } = workerData as { file: string; job: ExportJob; cancel: Int32Array; writer: WorkerScript };
const port = parentPort!;

// A plain read-only connection, not the verifier's memory-mapped one: mapped pages of a 6 GB register count in the
// process's resident memory (1.2 GB at a million rows), read pages in the system's cache do not.
const raw = openConnection(file, { readonly: true });
// The export reads each page once: a small cache (16 MB instead of 64) keeps the indexes it walks, and memory low.
raw.pragma('cache_size = -16384');
const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: rowsAsArrays(raw) }) });

/**
 * The connection as kysely sees it, its rows read as arrays (better-sqlite3's raw mode) and made objects here: the
 * same rows, without better-sqlite3 setting each of a row's 29 columns on a fresh object through V8's API (100,000
 * export rows: 3.2 s of CPU read as objects, 1.9 s as arrays made objects in a loop).
 */
function rowsAsArrays(conn: BetterSqlite3.Database): SqliteDatabase {
  return {
    close: () => conn.close(),
    prepare(sql: string): SqliteStatement {
      const st = conn.prepare(sql);
      if (!st.reader) return st;
      const names = st.columns().map((c) => c.name);
      st.raw(true);
      const object = (a: unknown[]): Record<string, unknown> => {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < names.length; i++) o[names[i]] = a[i];
        return o;
      };
      return {
        reader: true,
        all: (parameters) => (st.all(...parameters) as unknown[][]).map(object),
        run: (parameters) => st.run(...parameters),
        *iterate(parameters) {
          for (const a of st.iterate(...parameters) as IterableIterator<unknown[]>) yield object(a);
        },
      };
    },
  };
}

async function main(): Promise<void> {
  raw.exec('BEGIN');
  try {
    const count = await runExport(db, job, {
      progress: (p) => port.postMessage({ type: 'progress', ...p } satisfies WorkerMessage),
      cancelled: () => Atomics.load(cancel, 0) === 1,
    }, (j) => writerSink(writer, j));
    port.postMessage({ type: 'done', count } satisfies WorkerMessage);
  } finally {
    raw.exec('COMMIT');
    await db.destroy();
  }
}

main().catch((err: unknown) => port.postMessage({ type: 'failed', message: String((err as Error)?.message ?? err) } satisfies WorkerMessage));
