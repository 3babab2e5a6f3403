import type { Kysely } from 'kysely';
import { exportCount, exportIds, exportPage, exportRows, pagesInRegisterOrder, type ExportRow } from '../../../../db/queries/register-export';
import type { RegisterSearch } from '../../../../db/queries/register-search';
import type { Database } from '../../../../db/types';
import { lineValues, type RegisterLine } from '../../../../templates/xlsx/register-columns';
import type { RegisterWorkbookHead } from '../../../../templates/xlsx/register-workbook';
import type { ParsedInput } from '../../contract';
import type { DueThresholds } from '../../domain/deadlines';
import { dueStateOf } from '../../domain/deadlines';
import { identityScrubber, maskName, maskPhone, type IdentityPerson } from '../../domain/masking';
import { DUE_STATE_LABELS, FINDING_LABELS, REPLY_METHOD_LABELS, SATISFACTION_LABELS, STATUS_LABELS } from '../../domain/vocab';
import type { Actor } from '../../session';
import { masksIdentityFor, mayRevealIdentityOf } from '../cases/identity-rules';
import { searchFor } from '../cases/register-list';
import type { ExportSink } from './export-sink';

/**
 * One register export, start to end, on whichever connection it is given: the worker thread's own read-only
 * connection (export-worker.ts, a file register) or the core's (an in-memory register, tests). Everything it
 * needs is plain data, so the worker receives it as a message: the query as cases/list parsed it, the reader,
 * the due thresholds and the register-number prefix the core computed, the workbook's head, the temp file.
 */
/** The filters as cases/list parsed them, with the reader's repeat scope (register-list.ts registerFilterFor, set at start). */
export type ExportQuery = Omit<ParsedInput<'registerExport/start'>, 'unmasked' | 'purpose'> & { repeatSeenBy?: number };

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
  /** the first this many rows only (the benchmark's 100,000-row export of a bigger register) */
  maxRows?: number;
}


export interface ExportEvents {
  /** the count at start, then rows written after each chunk */
  progress(p: { total?: number; written: number }): void;
  cancelled(): boolean;
  /** between chunks: lets the thread answer other calls (the main-thread run) */
  pause?(): Promise<void>;
}

/**
 * Rows per chunk. Each thread holds about one chunk (its rows, lines, their JSON) through most of the young
 * generation's collections, which copy what is alive: 1,000 rows made those copies (and the GC helper threads) a
 * good part of the export's CPU. 250 (100,000 rows of a million, in turn, load ~17): 8.4–9.5 s of CPU instead of
 * 10.9–11.5, peak 251–282 MB instead of 303.
 */
const CHUNK = 250;

/**
 * Whether this case's complainant is written masked: a masked export masks every case; an unmasked one (for
 * supervisors and auditors) shows what cases/revealIdentity would show this reader, case by case (identity-rules.ts).
 */
export const exportMasks = (actor: Actor, unmasked: boolean, r: ExportRow): boolean => !unmasked || !mayRevealIdentityOf(actor, r);

const label = <K extends string>(labels: Record<K, string>, v: string | null): string => (v === null ? '' : labels[v as K] ?? v);
const day = (v: string | null): string => (v ?? '').slice(0, 10);

const asTyped = (s: string) => s;
const DIGIT = /[0-9\uFF10-\uFF19]/g;
const NOT_ID_CHAR = /[^0-9Xx]/g;
const ASCII_ID = /^[0-9Xx]*$/;

/** Whether a name, address or employer can occur in `texts`: its first and last characters are there. */
function mayOccur(v: string, texts: string): boolean {
  const chars = Array.from(v.trim());
  return chars.length >= 2 && texts.includes(chars[0]) && texts.includes(chars[chars.length - 1]);
}

/** A phone or ID number kept only when `texts` has at least its digits (ASCII or full-width). */
function numberIn(v: string, digits: number): string {
  if (v === '') return '';
  const n = ASCII_ID.test(v) ? v.length : v.normalize('NFKC').replace(NOT_ID_CHAR, '').length;
  return n <= digits + 1 ? v : '';
}

/**
 * identityScrubber (domain/masking.ts) for this case's complainants, given only the fields that can occur in
 * `texts`: the same result, without compiling a scrubber for the many cases whose subject names nobody (building
 * one per row was most of an export's time). A phone or ID number needs at least its digits in the text (ASCII or
 * full-width); a name, address or employer its first and last characters (the scrubber allows only spaces between
 * them). A field that cannot occur is left out, which leaves every other rule as it was.
 */
export function scrubberFor(peopleJson: string, texts: string): (text: string) => string {
  let people: IdentityPerson[] | null = null;
  let digits = -1;
  for (const [name, phone, idNumber, address, employer] of JSON.parse(peopleJson) as Array<[string, string, string, string, string]>) {
    if (digits < 0) digits = texts.match(DIGIT)?.length ?? 0;
    const p = {
      name: mayOccur(name, texts) ? name : '', phone: numberIn(phone ?? '', digits), idNumber: numberIn(idNumber ?? '', digits),
      address: address && mayOccur(address, texts) ? address : '', employer: employer && mayOccur(employer, texts) ? employer : '',
    };
    if (p.name || p.phone || p.idNumber || p.address || p.employer) (people ??= []).push(p);
  }
  return people === null ? asTyped : identityScrubber(people);
}

/**
 * The register number this case repeats, as this reader may be shown it: only to whoever sees both cases'
 * complainants alike, both in full or both masked (the case page's rule, case-repeats.ts linkShownTo). A clerk
 * who sees one end masked (someone else's confidential case) would otherwise tie its protected complainant to
 * the one named in full on the other case — in a masked export too, since the clerk can open the other case.
 */
export function repeatOfShown(reader: Actor, r: ExportRow): string {
  if (r.repeat_of === null) return '';
  const [registerNo, isConfidential, recorderId, firstReceiverId] = JSON.parse(r.repeat_of) as [string, number, number, number];
  const earlier = masksIdentityFor(reader, { is_confidential: isConfidential, recorder_id: recorderId, first_receiver_id: firstReceiverId });
  return earlier === masksIdentityFor(reader, r) ? registerNo : '';
}

/** A case as the exported line this reader may see. */
export function exportLine(r: ExportRow, masked: boolean, t: DueThresholds, reader: Actor): RegisterLine {
  const text = masked ? scrubberFor(r.people, `${r.subject}\n${r.respondent_staff ?? ''}`) : asTyped;
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
    repeatOf: repeatOfShown(reader, r),
  };
}

/**
 * The matching cases' rows, a chunk at a time, at most `total`: keyset pages in register-number order
 * (exportPage: no ids held), otherwise the ids read once and their rows a chunk at a time.
 */
async function* chunksOf(db: Kysely<Database>, job: ExportJob, search: RegisterSearch | null, total: number, chunk: number): AsyncGenerator<ExportRow[]> {
  if (pagesInRegisterOrder(job.query, search)) {
    let after: number | null = null;
    for (let left = total; left > 0;) {
      const rows = await exportPage(db, job.query, job.t, search, after, Math.min(chunk, left));
      if (rows.length === 0) return;
      yield rows;
      left -= rows.length;
      after = rows[rows.length - 1].id;
    }
    return;
  }
  const ids = await exportIds(db, job.query, job.t, search, total);
  for (let i = 0; i < ids.length; i += chunk) yield await exportRows(db, ids.slice(i, i + chunk));
}

/**
 * Where the lines go: export-sink.ts fileSink (the workbook on this thread: the core's, for an in-memory register) or
 * export-thread.ts writerSink (a second worker thread, from the reading one). Given by the caller, so the reading
 * thread never loads exceljs.
 */
export type SinkFor = (job: ExportJob) => ExportSink;

/**
 * Writes the export to `job.file` and answers how many rows it holds, or null when it was cancelled (the file is
 * removed). Counts the matches, then reads the rows a chunk at a time (chunksOf) and hands each chunk's lines to
 * the sink, which takes the next once the rows before it are on their way to the file.
 */
export async function runExport(db: Kysely<Database>, job: ExportJob, events: ExportEvents, sinkFor: SinkFor): Promise<number | null> {
  const search = job.query.search ? await searchFor({ db }, job.actor, job.prefix, job.query.search) : null;
  const cap = job.maxRows ?? Infinity;
  const total = Math.min(cap, await exportCount(db, job.query, job.t, search));
  events.progress({ total, written: 0 });
  const sink = sinkFor(job);
  try {
    for await (const rows of chunksOf(db, job, search, total, job.chunk ?? CHUNK)) {
      if (events.cancelled()) throw CANCELLED;
      const lines: string[][] = [];
      for (const r of rows) lines.push(lineValues(exportLine(r, exportMasks(job.actor, job.unmasked, r), job.t, job.actor)));
      await sink.write(lines);
      events.progress({ written: sink.written });
      await events.pause?.();
    }
    if (events.cancelled()) throw CANCELLED;
    const written = await sink.commit();
    events.progress({ written });
    return written;
  } catch (err) {
    await sink.abort();
    if (err === CANCELLED) return null;
    throw err;
  }
}

const CANCELLED = Symbol('cancelled');
