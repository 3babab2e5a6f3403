import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { exportCount, exportIds, exportRows, type ExportRow } from '../../../../db/queries/register-export';
import type { Database } from '../../../../db/types';
import { registerWorkbookWriter, type RegisterLine, type RegisterWorkbookHead } from '../../../../templates/xlsx/register-workbook';
import type { ParsedInput } from '../../contract';
import type { DueThresholds } from '../../domain/deadlines';
import { dueStateOf } from '../../domain/deadlines';
import { identityScrubber, maskName, maskPhone, type IdentityPerson } from '../../domain/masking';
import { DUE_STATE_LABELS, FINDING_LABELS, REPLY_METHOD_LABELS, SATISFACTION_LABELS, STATUS_LABELS } from '../../domain/vocab';
import type { Actor } from '../../session';
import { mayRevealIdentityOf } from '../cases/identity-rules';
import { searchFor } from '../cases/register-list';

/**
 * One register export, start to end, on whichever connection it is given: the worker thread's own read-only
 * connection (export-worker.ts, a file register) or the core's (an in-memory register, tests). Everything it
 * needs is plain data, so the worker receives it as a message: the query as cases/list parsed it, the reader,
 * the due thresholds and the register-number prefix the core computed, the workbook's head, the temp file.
 */
export type ExportQuery = Omit<ParsedInput<'registerExport/start'>, 'unmasked' | 'purpose'>;

export interface ExportJob {
  actor: Actor;
  query: ExportQuery;
  unmasked: boolean;
  t: DueThresholds;
  prefix: string;
  head: RegisterWorkbookHead;
  /** the file written (the `.xlsx.tmp` the core renames when the export is done) */
  file: string;
  /** rows per sheet (tests make it small) */
  sheetRows?: number;
  /** rows read and written per chunk */
  chunk?: number;
}

export interface ExportEvents {
  /** the count at start, then rows written after each chunk */
  progress(p: { total?: number; written: number }): void;
  cancelled(): boolean;
  /** between chunks: lets the thread answer other calls (the main-thread run) */
  pause?(): Promise<void>;
}

const CHUNK = 1000;

/**
 * Whether this case's complainant is written masked: a masked export masks every case; an unmasked one (for
 * supervisors and auditors) shows what cases/revealIdentity would show this reader, case by case (identity-rules.ts).
 */
export const exportMasks = (actor: Actor, unmasked: boolean, r: ExportRow): boolean => !unmasked || !mayRevealIdentityOf(actor, r);

const label = <K extends string>(labels: Record<K, string>, v: string | null): string => (v === null ? '' : labels[v as K] ?? v);
const day = (v: string | null): string => (v ?? '').slice(0, 10);

/** A case as the exported line this reader may see. */
export function exportLine(r: ExportRow, masked: boolean, t: DueThresholds): RegisterLine {
  const people = masked
    ? (JSON.parse(r.people) as Array<[string, string, string, string, string]>).map(([name, phone, idNumber, address, employer]): IdentityPerson => ({ name, phone, idNumber, address, employer }))
    : [];
  const text = masked ? identityScrubber(people) : (s: string) => s;
  const name = r.is_anonymous ? '（匿名）' : r.name ?? '';
  const due = dueStateOf(r.due_date, t);
  return {
    registerNo: r.register_no,
    receivedAt: r.received_at,
    channel: r.channel,
    caseType: r.case_type,
    subject: text(r.subject),
    complainant: masked && !r.is_anonymous ? maskName(name) : name,
    phone: masked ? maskPhone(r.phone ?? '') : r.phone ?? '',
    respondentDepartment: r.respondent_department ?? '',
    respondentStaff: text(r.respondent_staff ?? ''),
    status: label(STATUS_LABELS, r.status),
    acceptedOn: day(r.accepted_at),
    handlerDepartment: r.handler_department ?? '',
    handlerStaff: r.handler_staff ?? '',
    dueDate: day(r.due_date ?? r.overall_due),
    dueState: due === null ? '' : DUE_STATE_LABELS[due],
    extended: r.extensions > 0 ? '是' : '',
    closedOn: day(r.closed_at),
    finding: label(FINDING_LABELS, r.finding),
    repliedOn: day(r.replied_on),
    replyMethod: label(REPLY_METHOD_LABELS, r.reply_method),
    satisfaction: label(SATISFACTION_LABELS, r.satisfaction),
    repeatOf: r.repeat_of_register_no ?? '',
  };
}

/**
 * Writes the export to `job.file` and answers how many rows it holds, or null when it was cancelled (the file is
 * removed). Reads the matching ids once, then the rows a chunk at a time; each chunk's rows are written and
 * committed before the next is read.
 */
export async function runExport(db: Kysely<Database>, job: ExportJob, events: ExportEvents): Promise<number | null> {
  const search = job.query.search ? await searchFor({ db }, job.actor, job.prefix, job.query.search) : null;
  const total = await exportCount(db, job.query, job.t, search);
  events.progress({ total, written: 0 });
  const ids = await exportIds(db, job.query, job.t, search);
  const out = fs.createWriteStream(job.file);
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  const book = registerWorkbookWriter(out, job.head, { sheetRows: job.sheetRows });
  const chunk = job.chunk ?? CHUNK;
  try {
    for (let i = 0; i < ids.length; i += chunk) {
      if (events.cancelled()) throw CANCELLED;
      for (const r of await exportRows(db, ids.slice(i, i + chunk))) book.add(exportLine(r, exportMasks(job.actor, job.unmasked, r), job.t));
      events.progress({ written: book.written });
      await waitForDrain(out);
      await events.pause?.();
    }
    if (events.cancelled()) throw CANCELLED;
    await book.commit();
    await closed;
    return book.written;
  } catch (err) {
    out.destroy();
    await closed.catch(() => {});
    fs.rmSync(job.file, { force: true });
    if (err === CANCELLED) return null;
    throw err;
  }
}

const CANCELLED = Symbol('cancelled');

/** Lets the file catch up when the writer is ahead of the disk (keeps memory flat). */
function waitForDrain(out: fs.WriteStream): Promise<void> {
  return out.writableNeedDrain ? new Promise((resolve) => out.once('drain', () => resolve())) : Promise.resolve();
}
