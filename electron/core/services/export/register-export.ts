import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ParsedInput } from '../../contract';
import { dueThresholds } from '../../domain/deadlines';
import { AppError } from '../../errors';
import { localDate, localDateTime } from '../../local-time';
import type { Actor } from '../../session';
import type { FileResult, RegisterExportProgress } from '../../types';
import type { CalendarService } from '../calendar';
import type { Deps } from '../deps';
import { registerFilterFor } from '../cases/register-list';
import { appendHistory } from '../history';
import type { SettingsService } from '../settings';
import { XLSX_MIME } from '../../../../templates/xlsx/cells';
import { runExport, type ExportJob, type ExportQuery } from './export-run';
import { fileSink } from './export-sink';
import { runInWorker } from './export-thread';
import { filtersInWords } from './filters-in-words';

/**
 * registerExport/*: the register (登记册) with its filters, order and search exported as a workbook, every matching
 * row (export-run.ts reads and writes them a chunk at a time). An export runs in the background — in a worker
 * thread with its own read-only connection for a register on disk, so the core goes on answering meanwhile; on the
 * core's thread, a chunk at a time, for an in-memory one — into `<data>/exports/<exportId>.xlsx.tmp`, renamed to
 * `.xlsx` when finished. Progress is asked for by the export's id; the file is handed once, to the user who started
 * it (anyone else: NOT_FOUND, as if there were none), and removed. A cancelled or failed export leaves no file;
 * whatever is left in exports/ when the core starts (the app stopped mid-export) is removed.
 *
 * History: a finished export appends one 'register.export' entry (who, when, the filters in words and as JSON, the
 * row count, masked or not, the purpose of an unmasked one); a cancelled one 'register.exportCancelled' with the rows
 * written. Both are ordinary chained rows (history/verify checks them).
 */
type StartInput = ParsedInput<'registerExport/start'>;

interface Running {
  progress: RegisterExportProgress;
  userId: number;
  file: string;
  cancel: boolean;
  finishedAt: number | null;
  /** removes the file and forgets the export once it has been kept KEEP_MS unfetched */
  expiry?: NodeJS.Timeout;
  done?: Promise<void>;
  /** tells the worker thread at once (it checks between chunks) */
  stop?: () => void;
}

export interface RegisterExportOptions {
  /** rows per sheet (tests) */
  sheetRows?: number;
  /** rows per chunk (tests) */
  chunk?: number;
  /** run on the core's thread even for a register on disk (tests compare both) */
  inThread?: boolean;
  /** export the first this many rows only (the benchmark) */
  maxRows?: number;
  /** how long a finished export waits to be fetched (tests) */
  keepMs?: number;
}

/**
 * Finished exports are forgotten (and their files removed) after this long without being fetched: by a timer, so
 * a file nobody asks for again (a closed dialog, a browser gone) does not stay for as long as the app runs.
 */
const KEEP_MS = 60 * 60 * 1000;

/**
 * Exports running at once, per user and in the office: each is a worker thread with its own connection, the
 * matching ids and a workbook writer (up to ~300 MB at a million rows), so a user (or a script) starting export
 * after export would otherwise exhaust the machine's memory. The dialog and the command line run one at a time.
 */
export const RUNNING_PER_USER = 2;
export const RUNNING_IN_OFFICE = 4;

/**
 * Starting an export forgets the user's older finished exports nobody fetched, all but the newest (the dialog and
 * the command line fetch the file as soon as it is done): otherwise export after export, each up to the whole
 * register, would stay in the data folder for an hour.
 */
function forgetUnfetched(jobs: Map<string, Running>, userId: number): void {
  const unfetched = [...jobs.entries()].filter(([, r]) => r.userId === userId && r.progress.state === 'done')
    .sort((a, b) => (b[1].finishedAt ?? 0) - (a[1].finishedAt ?? 0));
  for (const [id, r] of unfetched.slice(1)) {
    clearTimeout(r.expiry);
    fs.rmSync(r.file, { force: true });
    jobs.delete(id);
  }
}

export function createRegisterExport(deps: Deps, settings: SettingsService, calendar: CalendarService, options: RegisterExportOptions = {}) {
  // The data folder's exports/; a core without one (in memory) gets a folder of its own under the system's temp.
  const folder = deps.papersRoot ? path.join(deps.papersRoot, 'exports') : path.join(os.tmpdir(), `complaint-register-exports-${process.pid}-${randomUUID()}`);
  const jobs = new Map<string, Running>();
  /** set by close(): no export starts any more */
  let closing = false;

  const now = () => localDateTime(deps.now());
  const view = (j: Running): RegisterExportProgress => ({ ...j.progress });

  function own(actor: Actor, exportId: string): Running {
    const j = jobs.get(exportId);
    if (!j || j.userId !== actor.id) throw new AppError('NOT_FOUND', '找不到该导出（导出编号不存在、已下载或已过期）', 'exportId');
    return j;
  }

  /** The export's file removed and the export forgotten (fetched, expired, superseded, or the core closing). */
  function forget(id: string, j: Running): void {
    clearTimeout(j.expiry);
    fs.rmSync(j.file, { force: true });
    jobs.delete(id);
  }

  async function record(actor: Actor, action: 'register.export' | 'register.exportCancelled', after: Record<string, unknown>, note: string): Promise<void> {
    await deps.db.transaction().execute((trx) => appendHistory(trx, { entity: 'export', entityId: 0, action, actor, at: now(), after, note }));
  }

  async function start(actor: Actor, input: StartInput): Promise<RegisterExportProgress> {
    if (input.unmasked && actor.role !== 'supervisor' && actor.role !== 'auditor') {
      throw new AppError('FORBIDDEN', '只有主管和审计人员可以导出未遮蔽身份的登记册（请选择「遮蔽身份」）', 'unmasked');
    }
    const { unmasked, purpose, ...query } = input;
    const s = await settings.get();
    const t = dueThresholds(await calendar.load(), localDate(deps.now()));
    const exportedAt = now().slice(0, 16);
    const words = await filtersInWords(deps.db, query);
    // Checked with no await before jobs.set below, so two starts at once cannot both pass (nor one after close()).
    if (closing) throw new AppError('CONFLICT', '登记册正在关闭，不能再导出');
    const running = [...jobs.values()].filter((r) => r.progress.state === 'running');
    if (running.filter((r) => r.userId === actor.id).length >= RUNNING_PER_USER) {
      throw new AppError('CONFLICT', `您已有 ${RUNNING_PER_USER} 个登记册导出正在进行，请等其完成或取消后再导出`);
    }
    if (running.length >= RUNNING_IN_OFFICE) throw new AppError('CONFLICT', `已有 ${RUNNING_IN_OFFICE} 个登记册导出正在进行，请稍后再导出`);
    forgetUnfetched(jobs, actor.id);
    const exportId = randomUUID();
    fs.mkdirSync(folder, { recursive: true });
    const j: Running = {
      progress: {
        exportId, state: 'running', written: 0, total: 0, unmasked, message: null,
        fileName: `登记册导出_${exportedAt.slice(0, 10).replace(/-/g, '')}_${exportedAt.slice(11, 16).replace(':', '')}.xlsx`,
      },
      userId: actor.id,
      file: path.join(folder, `${exportId}.xlsx`),
      cancel: false,
      finishedAt: null,
    };
    const job: ExportJob = {
      // the filters as this reader may apply them (the register list's rule), decided once here in the core
      actor, query: registerFilterFor(actor, query as ExportQuery), unmasked, t, prefix: s.numbering.prefix,
      head: { officeName: s.office.name, exportedAt, filters: words, unmasked },
      file: `${j.file}.tmp`, sheetRows: options.sheetRows, chunk: options.chunk, maxRows: options.maxRows,
    };
    // The call answers once the count is known: the dialog shows written / total from the first poll.
    jobs.set(exportId, j);
    let counted!: () => void;
    const countKnown = new Promise<void>((resolve) => (counted = resolve));
    const events = {
      progress: (p: { total?: number; written: number }) => {
        if (p.total !== undefined) {
          j.progress.total = p.total;
          counted();
        }
        j.progress.written = p.written;
      },
      cancelled: () => j.cancel,
    };
    const worker = runInWorker(deps.db, job, events, options.inThread === true);
    j.stop = worker?.cancel;
    const run = worker?.done ?? runExport(deps.db, job, { ...events, pause: () => new Promise((resolve) => setImmediate(resolve)) },
      (jb) => fileSink(jb.file, jb.head, jb.sheetRows));
    const done = run.then(async (count) => {
      if (count === null) {
        j.progress.state = 'cancelled';
        await record(actor, 'register.exportCancelled', { filters: query, filtersText: words, written: j.progress.written, total: j.progress.total, unmasked }, `登记册导出已取消（已写 ${j.progress.written} 行）`);
      } else {
        fs.renameSync(job.file, j.file);
        j.progress.written = count;
        await record(actor, 'register.export', { filters: query, filtersText: words, rows: count, unmasked, ...(unmasked ? { purpose } : {}) },
          `导出登记册 ${count} 行，${unmasked ? `未遮蔽身份，用途：${purpose}` : '身份已遮蔽'}；筛选条件：${words}`);
        j.progress.state = 'done';
      }
    }).catch((err: unknown) => {
      deps.log(err);
      fs.rmSync(job.file, { force: true });
      fs.rmSync(j.file, { force: true });
      j.progress.state = 'failed';
      j.progress.message = `导出失败：${String((err as Error)?.message ?? err)}`;
    }).finally(() => {
      j.finishedAt = Date.now();
      // unref: a file waiting to be fetched never keeps the app (or a command) from ending
      if (!closing) j.expiry = setTimeout(() => forget(exportId, j), options.keepMs ?? KEEP_MS).unref();
    });
    j.done = done;
    finishing.add(done);
    void done.finally(() => finishing.delete(done));
    await Promise.race([done, countKnown]);
    return view(j);
  }

  const finishing = new Set<Promise<void>>();

  return {
    start,
    async progress(actor: Actor, input: { exportId: string }): Promise<RegisterExportProgress> {
      return view(own(actor, input.exportId));
    },
    async cancel(actor: Actor, input: { exportId: string }): Promise<RegisterExportProgress> {
      const j = own(actor, input.exportId);
      if (j.progress.state === 'running') {
        j.cancel = true;
        j.stop?.();
        await j.done;
      }
      return view(j);
    },
    async file(actor: Actor, input: { exportId: string }): Promise<FileResult> {
      const j = own(actor, input.exportId);
      if (j.progress.state !== 'done') throw new AppError('CONFLICT', j.progress.state === 'running' ? '导出尚未完成，请稍候' : '该导出没有完成，没有文件', 'exportId');
      const bytes = new Uint8Array(fs.readFileSync(j.file));
      forget(input.exportId, j);
      return { name: j.progress.fileName, mimeType: XLSX_MIME, bytes };
    },
    /**
     * Removes what a previous run left in exports/ (the app stopped mid-export, or before its file was fetched:
     * nobody can fetch it now). Called by the core that holds the data folder's writer lock, when it opens.
     */
    removeLeftovers(): void {
      if (deps.papersRoot) fs.rmSync(folder, { recursive: true, force: true });
    },
    /**
     * Closing the core: exports still running are cancelled (recorded as cancelled, their files removed) and the
     * finished ones nobody fetched are removed — nobody can fetch them once the core is closed, and the next start
     * would only remove them then (removeLeftovers), if the register is ever opened here again.
     */
    async close(): Promise<void> {
      closing = true;
      for (const j of jobs.values()) {
        if (j.progress.state !== 'running') continue;
        j.cancel = true;
        j.stop?.();
      }
      await Promise.all([...finishing]);
      for (const [id, j] of jobs) forget(id, j);
      if (!deps.papersRoot) fs.rmSync(folder, { recursive: true, force: true }); // this core's own folder
    },
    /** Waits for the exports still running (tests, the command line, closing the core). */
    async settled(): Promise<void> {
      await Promise.all([...finishing]);
    },
  };
}

export type RegisterExport = ReturnType<typeof createRegisterExport>;
