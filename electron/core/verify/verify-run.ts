import { hash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import * as q from '../../../db/queries/history-verification';
import { GENESIS_HASH, historyHash, UNRECORDED_CASE_COLUMNS } from '../services/history';
import type { ChainHead, VerificationFailure } from '../types';
import { PAPER_TYPE_INFO, type PaperType } from '../../../templates/papers/catalogue';
import { COMPLAINANT_FIELDS, firstDifference, replayCase, replaysTo, type CaseEntry, type Replayed } from './replay';
import { attachmentReads } from '../../../db/queries/attachments';
import { ATTACHMENT_ACTIONS, checkAttachmentRows, noteAttachmentEntry, type RecordedAttachment } from './attachment-rows';

/**
 * One verification of a register, synchronous on one better-sqlite3 connection (a worker's own
 * read-only one, or the in-memory test database's), inside one read transaction so that everything is
 * checked against the same snapshot while the app goes on writing:
 *  1. the chain: each history row's hash recomputed from the row as stored, chained to the previous one,
 *     ids 1, 2, 3 ... without gaps (so row COUNT of an anchor is the row with id COUNT);
 *  2. the replay: each case's history replayed and compared with its case and complainant rows;
 *  3. anchors: the hash of row COUNT equals the HASH someone wrote down.
 * Neither pass depends on a previous row's result (each row carries the hash it claims to follow), so a
 * run is split into parts, each a range of history ids and a range of case ids, for two threads at once.
 *
 * Both passes let SQLite do the bulk of the work in C and re-check in JavaScript only what seems wrong:
 * the chain hashes the JSON text SQLite builds (json_array writes exactly what JSON.stringify does, for
 * every well-formed text), and a row whose hash does not match is hashed again from its fields exactly
 * as appendHistory does; the replay compares the JSON SQLite renders of each case row with the replayed
 * state, and names the column from the row's values when the texts differ. Equal JSON texts mean equal
 * values, so the fast path can only pass what the exact check would pass.
 */
export interface Progress { phase: 'chain' | 'replay' | 'anchor'; done: number; total: number }

/** A part of a run: history ids and case ids, both inclusive. */
export interface Part { historyFrom: number; historyTo: number; caseFrom: number; caseTo: number }

export interface Snapshot {
  head: ChainHead;
  /** the highest history id (equals head.count when the ids have no gaps) */
  maxHistoryId: number;
  maxCaseId: number;
  cases: number;
}

export interface Findings {
  checked: number;
  casesChecked: number;
  brokenAtId: number | null;
  failures: VerificationFailure[];
  failureCount: number;
  /** history ids of `baseline` rows, as [first, last] runs, and the seals found: checked across parts */
  baselines: Array<[number, number]>;
  seals: Array<{ id: number; after: string | null }>;
}

export interface AnchorVerdict { count: number; hash: string; ok: boolean; message: string | null }

/** The migration that makes every case replayable (older registration entries hold only a few columns). */
export const BASELINE_MIGRATION = '0003_history_baseline';
/** The row migration 0003 writes after its baselines: which ids they occupy. Baselines elsewhere are forged. */
export const BASELINE_SEAL = 'historyBaseline';

export const MAX_FAILURES = 20;
const CHAIN_BATCH = 1_000;
const CASE_BATCH = 1_000;

export class Verification {
  private failures: VerificationFailure[] = [];
  private failureCount = 0;
  private checked = 0;
  private casesChecked = 0;
  private brokenAtId: number | null = null;
  private baselines: Array<[number, number]> = [];
  private seals: Findings['seals'] = [];
  snapshot: Snapshot | null = null;

  constructor(private readonly raw: BetterSqlite3.Database, private readonly onProgress: (p: Progress) => void = () => {}) {}

  /** Opens the read transaction; the first read fixes the snapshot, whose head the parts compare. */
  begin(): Snapshot {
    q.beginRead(this.raw);
    const x = q.registerExtent(this.raw);
    this.snapshot = {
      head: { count: x.historyCount, hash: x.last?.hash ?? GENESIS_HASH }, maxHistoryId: x.last?.id ?? 0,
      maxCaseId: Math.max(x.maxCaseId, x.maxHistoryCaseId), cases: x.cases,
    };
    return this.snapshot;
  }

  /** A new snapshot (when another thread's read transaction saw a different head). */
  restart(): Snapshot {
    this.end();
    return this.begin();
  }

  end(): void {
    q.endRead(this.raw);
  }

  /** The whole register as one part. */
  whole(): Part {
    const s = this.snapshot!;
    return { historyFrom: 1, historyTo: s.maxHistoryId, caseFrom: 1, caseTo: s.maxCaseId };
  }

  private fail(f: Omit<VerificationFailure, 'registerNo'> & { registerNo?: string | null }): void {
    this.failureCount++;
    if (this.failures.length < MAX_FAILURES) this.failures.push({ ...f, registerNo: f.registerNo ?? null });
  }

  private failChain(id: number, message: string): void {
    const row = q.historyEntity(this.raw, id);
    this.fail({ kind: 'chain', historyId: id, caseId: row?.entity === 'case' ? row.entity_id : null, field: null, message });
    this.brokenAtId = this.brokenAtId === null ? id : Math.min(this.brokenAtId, id);
  }

  /** Does the row hash as appendHistory hashed it? (The exact definition, for rows the fast path doubts.) */
  private exactHashMatches(id: number, prev: string): boolean {
    const row = q.historyEntry(this.raw, id)!;
    return historyHash(prev, row) === row.hash;
  }

  chain(from: number, to: number): void {
    const before = from > 1 ? q.hashBefore(this.raw, from) : undefined;
    // The chain so far: the hash the next row must follow, and the id it must have.
    const at = { prev: before ?? GENESIS_HASH, expected: from };
    const groups = q.chainGroups(this.raw, BASELINE_SEAL);
    const rows = q.chainBatches(this.raw, BASELINE_SEAL);
    for (let lo = from; lo <= to; lo += CHAIN_BATCH) {
      const hi = Math.min(lo + CHAIN_BATCH - 1, to);
      if (!this.chainGroup(groups, lo, hi, at)) this.chainRows(rows, lo, hi, at);
      this.onProgress({ phase: 'chain', done: this.checked + this.casesChecked, total: 0 });
    }
    // Exactly one part has from 1 and a row (a part of an empty range also starts at 1): it checks the summaries.
    if (from === 1 && to >= 1) this.checkSummaries();
  }

  /**
   * The issued statistics summaries against the history rows that issued them (the table is append-only by its
   * triggers, but a trigger can be dropped): each row has its statistics.issue row (entity statistics, the same
   * id) saying the same period, version, SHA-256, size, file, issuer, time and 数据截至, and no such history row
   * names a summary that is gone. Few rows (some two a month), read whole from the index history_entity.
   */
  private checkSummaries(): void {
    const reads = q.summaryReads(this.raw);
    if (!reads) return;
    const issued = new Map(reads.issues().map((h) => [h.entity_id, h]));
    const fail = (historyId: number | null, field: string, message: string) => this.fail({ kind: 'replay', historyId, caseId: null, field, message });
    for (const row of reads.rows()) {
      const what = `已签发的统计汇总表「${row.label}」（${row.public === 1 ? '公开版' : '内部版'}，记录 ${row.id}）`;
      const h = issued.get(row.id);
      issued.delete(row.id);
      if (!h) {
        fail(null, 'statistics_summaries', `${what}没有签发它的历史记录（签发记录被绕过系统直接写入）`);
        continue;
      }
      let said: Record<string, unknown> = {};
      try {
        said = ((JSON.parse(h.after ?? 'null') as { summary?: Record<string, unknown> } | null)?.summary) ?? {};
      } catch { /* an unreadable row differs in every column below */ }
      const period = (said.period ?? {}) as Record<string, unknown>;
      const recorded: Record<string, unknown> = {
        period_kind: period.kind, period_from: period.from, period_to: period.to, label: period.label, public: said.public === true ? 1 : said.public === false ? 0 : said.public,
        sha256: said.sha256, bytes: said.bytes, file: said.file, as_of: said.asOf, issued_by: h.actor_id, issued_by_name: h.actor_name, issued_at: h.at,
      };
      for (const [column, value] of Object.entries(recorded)) {
        if (row[column as keyof typeof row] !== value) fail(h.id, `statistics_summaries.${column}`, `${what}的 ${column} 与签发它的第 ${h.id} 条历史记录不符（签发记录被绕过系统直接修改）`);
      }
    }
    for (const [id, h] of issued) fail(h.id, 'statistics_summaries', `第 ${h.id} 条历史记录签发的统计汇总表（记录 ${id}）已不存在（签发记录被删除）`);
  }

  /**
   * Ids `lo` to `hi` as one group, when that group is whole and sound: every id there, each row's preimage hashing to
   * its stored hash and starting with the previous row's hash. True when it checked them; false, having changed
   * nothing, when anything is irregular or wrong (a gap, a link or hash that does not match, a value json_array
   * refuses): then chainRows checks the group row by row and names what is wrong, as before. So the group can only
   * pass what chainRows would pass. The rows' preimages come as one buffer: each is prev_hash (64 bytes, checked), a
   * newline and a JSON array (json_array escapes every control character: no newline), so the next row starts 64 bytes
   * before the next newline.
   */
  private chainGroup(groups: ReturnType<typeof q.chainGroups>, lo: number, hi: number, at: { prev: string; expected: number }): boolean {
    if (at.expected !== lo) return false;
    let n: number; let pre: Buffer | null; let hashes: string | null; let irregular: number | null; let markers: string | null;
    try {
      [n, pre, hashes, irregular, markers] = groups(lo, hi);
    } catch {
      return false; // a value json_array refuses (a BLOB someone put there)
    }
    if (n !== hi - lo + 1 || pre === null || hashes === null || irregular !== 0 || hashes.length !== 64 * n) return false;
    const stored = Buffer.from(hashes, 'latin1');
    if (pre.compare(Buffer.from(at.prev, 'latin1'), 0, 64, 0, 64) !== 0) return false;
    let start = 0;
    for (let k = 0; k < n; k++) {
      if (pre[start + 64] !== 10) return false;
      let end = pre.length;
      if (k < n - 1) {
        const newline = pre.indexOf(10, start + 65);
        if (newline < 0) return false;
        end = newline - 64;
        // the next row's prev_hash must be this row's hash
        if (pre.compare(stored, 64 * k, 64 * k + 64, end, end + 64) !== 0) return false;
      }
      if (hash('sha256', pre.subarray(start, end), 'hex') !== hashes.substr(64 * k, 64)) return false;
      start = end;
    }
    if (start !== pre.length) return false;
    if (markers !== null) for (const id of markers.split(',')) this.noteBaseline(Number(id));
    this.checked += n;
    at.prev = hashes.slice(-64);
    at.expected = hi + 1;
    return true;
  }

  /** Ids `lo` to `hi` row by row: each failure named (the path for groups chainGroup does not pass). */
  private chainRows(rows: ReturnType<typeof q.chainBatches>, lo: number, hi: number, at: { prev: string; expected: number }): void {
    let next = lo;
    while (next <= hi) {
      let batch: unknown[][];
      try {
        batch = rows(next, hi, CHAIN_BATCH);
      } catch {
        batch = this.exactBatch(next, hi); // a value json_array refuses (a BLOB someone put there)
      }
      if (batch.length === 0) break;
      for (const r of batch) {
        const id = r[0] as number;
        if (id !== at.expected) {
          this.failChain(id, `历史记录编号不连续：应为第 ${at.expected} 条，却是编号 ${id}（有记录被删除或插入）`);
          at.expected = id;
        }
        at.expected++;
        if (r[1] !== at.prev) {
          this.failChain(id, `第 ${id} 条历史记录与前一条接不上（其前面的记录被删除、插入或改写）`);
        } else if (hash('sha256', r[3] as Buffer, 'hex') !== r[2] && !this.exactHashMatches(id, at.prev)) {
          this.failChain(id, `第 ${id} 条历史记录的内容与其哈希不符（该记录被改动）`);
        }
        if (r[4]) this.noteBaseline(id);
        at.prev = r[2] as string;
        this.checked++;
      }
      next = (batch[batch.length - 1][0] as number) + 1;
    }
  }

  /** The fast path's columns, built in JavaScript (never reached by rows the app wrote). */
  private exactBatch(from: number, to: number): unknown[][] {
    const rows = q.chainRows(this.raw, from, to, CHAIN_BATCH);
    return rows.map((r) => {
      const content = `${r.prev_hash}\n${JSON.stringify([r.entity, r.entity_id, r.action, r.actor_id, r.actor_name, r.at, r.before, r.after, r.note])}`;
      return [r.id, r.prev_hash, r.hash, Buffer.from(content), r.action === 'baseline' || r.action === BASELINE_SEAL];
    });
  }

  private noteBaseline(id: number): void {
    const row = q.historyMarker(this.raw, id);
    if (row.action === BASELINE_SEAL && row.entity === 'settings') this.seals.push({ id, after: row.after });
    else if (row.action === 'baseline' && row.entity === 'case') {
      const run = this.baselines.at(-1);
      if (run && run[1] === id - 1) run[1] = id;
      else this.baselines.push([id, id]);
    }
  }

  replay(from: number, to: number): void {
    if (!q.hasMigration(this.raw, BASELINE_MIGRATION)) {
      if (from === 1) this.fail({ kind: 'error', historyId: null, caseId: null, field: null, message: '登记册尚未升级（缺少迁移 0003），无法逐案核对：请先用新版本打开一次' });
      return;
    }
    const recorded = q.caseColumnNames(this.raw).filter((c) => !UNRECORDED_CASE_COLUMNS.has(c));
    const positions = new Map(recorded.map((c, i) => [c, i]));
    const reads = q.replayReads(this.raw, recorded, COMPLAINANT_FIELDS);
    const papers = q.paperReads(this.raw);
    const attachments = attachmentReads(this.raw);
    for (let lo = from; lo <= to; lo += CASE_BATCH) {
      const hi = Math.min(lo + CASE_BATCH - 1, to);
      const entries = new Map<number, CaseEntry[]>();
      const issued = new Map<number, IssuedPaper>();
      const attached = new Map<number, RecordedAttachment>();
      for (const [caseId, id, action, after] of reads.history(lo, hi)) {
        let list = entries.get(caseId);
        if (!list) entries.set(caseId, (list = []));
        list.push([id, action, after]);
        if (action === 'paperIssued' || action === 'paperReissued') {
          const paper = issuedPaper(after);
          if (paper) issued.set(paper.id, { ...paper, historyId: id, caseId });
        }
        if (ATTACHMENT_ACTIONS.has(action)) noteAttachmentEntry(attached, caseId, id, action, after);
      }
      const registerNos = new Map<number, string>();
      for (const [id, registerNo, rowJson, peopleJson] of reads.cases(lo, hi)) {
        registerNos.set(id, registerNo);
        const list = entries.get(id) ?? [];
        entries.delete(id);
        this.casesChecked++;
        if (replaysTo(list, positions, rowJson, peopleJson)) continue;
        const replayed = replayCase(list);
        if ('message' in replayed) {
          this.fail({ kind: 'replay', historyId: replayed.historyId, caseId: id, registerNo, field: replayed.field, message: `案件 ${registerNo}：${replayed.message}` });
          continue;
        }
        if (rendered(replayed, recorded) === `${rowJson}\n${peopleJson}`) continue;
        const field = this.differingField(id, replayed);
        if (field !== null) {
          const what = field === 'complainants' ? '诉求人信息' : `字段 ${field} `;
          this.fail({ kind: 'replay', historyId: null, caseId: id, registerNo, field, message: `案件 ${registerNo}：${what}与历史记录不符（案件数据被绕过系统直接修改）` });
        }
      }
      for (const [caseId, list] of entries) {
        this.fail({ kind: 'replay', historyId: list[0][0], caseId, field: null, message: `第 ${list[0][0]} 条历史记录属于不存在的案件（编号 ${caseId}）` });
      }
      if (papers) this.checkPapers(papers(lo, hi), issued, registerNos);
      if (attachments) {
        for (const f of checkAttachmentRows(attachments(lo, hi), attached)) {
          const registerNo = registerNos.get(f.caseId) ?? null;
          this.fail({ kind: 'replay', historyId: f.historyId, caseId: f.caseId, registerNo, field: f.field, message: `案件 ${registerNo ?? f.caseId}：${f.message}` });
        }
      }
      this.onProgress({ phase: 'replay', done: this.checked + this.casesChecked, total: 0 });
    }
  }

  /**
   * The issued papers of a batch of cases against the history rows that issued them (papers are frozen, the
   * database's triggers refuse changes, but a trigger can be dropped): each row has its 签发 row with the same
   * case, type, version, number, SHA-256, size and document hash, is marked superseded exactly when a later 重新签发 row says
   * so, and no 签发 row names a paper that is gone.
   */
  private checkPapers(rows: ReturnType<NonNullable<ReturnType<typeof q.paperReads>>>, issued: Map<number, IssuedPaper>, registerNos: Map<number, string>): void {
    const replacedBy = new Map<number, number>();
    for (const [id, h] of issued) if (h.supersedes !== null) replacedBy.set(h.supersedes, id);
    const fail = (caseId: number, historyId: number | null, field: string, message: string) =>
      this.fail({ kind: 'replay', historyId, caseId, registerNo: registerNos.get(caseId) ?? null, field, message: `案件 ${registerNos.get(caseId) ?? caseId}：${message}` });
    for (const [id, caseId, type, version, number, sha256, size, supersededBy, document] of rows) {
      const what = `文书「${paperName(type)}」第 ${version} 版（文书记录 ${id}）`;
      const h = issued.get(id);
      issued.delete(id);
      if (!h) {
        fail(caseId, null, 'papers', `${what}没有签发它的历史记录（文书记录被绕过系统直接写入或改动）`);
        continue;
      }
      const stored: Record<string, unknown> = { case_id: caseId, type, version, number, sha256, size };
      const recorded: Record<string, unknown> = { case_id: h.caseId, type: h.type, version: h.version, number: h.number, sha256: h.sha256, size: h.size };
      for (const column of Object.keys(stored)) {
        if (stored[column] !== recorded[column]) fail(caseId, h.historyId, `papers.${column}`, `${what}的 ${column} 与签发它的第 ${h.historyId} 条历史记录不符（文书记录被绕过系统直接修改）`);
      }
      // The document the Word file is built from (its hash recorded since the 签发 rows carry it).
      if (typeof h.documentSha256 === 'string' && hash('sha256', document, 'hex') !== h.documentSha256) {
        fail(caseId, h.historyId, 'papers.document', `${what}的文书内容与签发它的第 ${h.historyId} 条历史记录不符（文书记录被绕过系统直接修改）`);
      }
      const expected = replacedBy.get(id) ?? null;
      if (supersededBy !== expected) {
        fail(caseId, h.historyId, 'papers.superseded_by', `${what}的替代标记与历史记录不符（历史记录：${expected === null ? '未被替代' : `已被文书记录 ${expected} 替代`}）`);
      }
    }
    for (const [id, h] of issued) fail(h.caseId, h.historyId, 'papers', `第 ${h.historyId} 条历史记录签发的文书（文书记录 ${id}）已不存在（文书记录被删除）`);
  }

  /** The exact comparison, from the row's values: which column differs (null: none, the JSON texts only). */
  private differingField(id: number, replayed: Replayed): string | null {
    const stored = q.caseValues(this.raw, id, COMPLAINANT_FIELDS);
    const columns = stored.columns.flatMap((name, i) => (UNRECORDED_CASE_COLUMNS.has(name) ? [] : [[name, i] as const]));
    return firstDifference(replayed, stored.values, columns, stored.complainants);
  }

  /** Is row COUNT of the chain the one whose hash was written down as HASH? */
  anchor(count: number, anchorHash: string): AnchorVerdict {
    const h = anchorHash.toLowerCase();
    const verdict = (ok: boolean, message: string | null): AnchorVerdict => ({ count, hash: h, ok, message });
    const head = this.snapshot!.head;
    if (count > head.count) return verdict(false, `记下的链头为第 ${count} 条，而现在只有 ${head.count} 条历史记录：其后的记录被截去`);
    if (count === 0) return verdict(h === GENESIS_HASH, h === GENESIS_HASH ? null : '第 0 条的链头只能是全零哈希');
    const gapless = head.count === this.snapshot!.maxHistoryId;
    const stored = q.hashOfRow(this.raw, count, gapless);
    if (stored !== h) return verdict(false, `第 ${count} 条历史记录的哈希与记下的链头不符：该条及之前的历史被改写后重新串链`);
    return verdict(true, null);
  }

  /** What this part found; chain failures get the register number of their case (read in the same snapshot). */
  findings(): Findings {
    const registerNo = q.registerNoLookup(this.raw);
    for (const f of this.failures) if (f.caseId !== null && f.registerNo === null) f.registerNo = registerNo(f.caseId) ?? null;
    return {
      checked: this.checked, casesChecked: this.casesChecked, brokenAtId: this.brokenAtId, failures: this.failures, failureCount: this.failureCount,
      baselines: this.baselines, seals: this.seals,
    };
  }
}

/** What a 签发 / 重新签发 history row says of the paper it issued (documents.ts writes `after.paper`). */
interface IssuedPaper {
  id: number; type: unknown; version: unknown; number: unknown; sha256: unknown; size: unknown; supersedes: number | null;
  /** The SHA-256 of the stored document JSON (absent from rows written before it was recorded). */
  documentSha256: unknown;
  historyId: number; caseId: number;
}

function issuedPaper(after: string | null): Omit<IssuedPaper, 'historyId' | 'caseId'> | null {
  let paper: unknown;
  try {
    paper = after ? (JSON.parse(after) as { paper?: unknown }).paper : null;
  } catch {
    return null;
  }
  if (!paper || typeof paper !== 'object') return null;
  const p = paper as Record<string, unknown>;
  if (typeof p.id !== 'number') return null;
  return { id: p.id, type: p.type, version: p.version, number: p.number ?? null, sha256: p.sha256, size: p.size, supersedes: typeof p.supersedes === 'number' ? p.supersedes : null, documentSha256: p.documentSha256 };
}

const paperName = (type: string): string => (Object.hasOwn(PAPER_TYPE_INFO, type) ? PAPER_TYPE_INFO[type as PaperType].name : type);

/** The replayed case as the JSON texts SQLite renders of the row and its complainants. */
function rendered(replayed: Replayed, columns: readonly string[]): string {
  const { state } = replayed;
  const values = columns.map((c) => (state[c] === undefined ? null : state[c]));
  const people = Array.isArray(replayed.complainants)
    ? replayed.complainants.map((p) => (p && typeof p === 'object' ? COMPLAINANT_FIELDS.map((f) => (p as Record<string, unknown>)[f] ?? null) : p))
    : replayed.complainants;
  return `${JSON.stringify(values)}\n${JSON.stringify(people)}`;
}

/**
 * The parts' findings as one, with what only the whole can tell: baselines must lie in the range of the
 * one seal migration 0003 wrote (a baseline anywhere else would let a doctored case pass replay).
 */
export function combine(parts: Findings[]): Omit<Findings, 'baselines' | 'seals'> {
  const failures = parts.flatMap((p) => p.failures);
  let failureCount = parts.reduce((n, p) => n + p.failureCount, 0);
  const extra: VerificationFailure[] = [];
  const seals = parts.flatMap((p) => p.seals).sort((a, b) => a.id - b.id);
  let range: { first: number; last: number } | null = null;
  for (const [i, s] of seals.entries()) {
    let r: { first_id?: unknown; last_id?: unknown } = {};
    try {
      r = s.after ? (JSON.parse(s.after) as typeof r) ?? {} : {};
    } catch {
      extra.push({ kind: 'chain', historyId: s.id, caseId: null, registerNo: null, field: null, message: `第 ${s.id} 条历史记录（升级基线的封记）的内容不是有效的 JSON（该记录被改动）` });
      continue;
    }
    if (i === 0 && Number.isInteger(r.first_id) && Number.isInteger(r.last_id)) range = { first: r.first_id as number, last: r.last_id as number };
    else extra.push({ kind: 'chain', historyId: s.id, caseId: null, registerNo: null, field: null, message: `第 ${s.id} 条历史记录是多余的升级基线记录` });
  }
  for (const [first, last] of parts.flatMap((p) => p.baselines)) {
    for (const [a, b] of range ? [[first, Math.min(last, range.first - 1)], [Math.max(first, range.last + 1), last]] : [[first, last]]) {
      if (a > b) continue;
      extra.push({ kind: 'chain', historyId: a, caseId: null, registerNo: null, field: null, message: `第 ${a}${b > a ? `–${b}` : ''} 条历史记录是升级时以外写入的“基线”，不予承认` });
    }
  }
  failureCount += extra.length;
  const brokenIds = parts.map((p) => p.brokenAtId).filter((x): x is number => x !== null);
  return {
    checked: parts.reduce((n, p) => n + p.checked, 0),
    casesChecked: parts.reduce((n, p) => n + p.casesChecked, 0),
    brokenAtId: brokenIds.length ? Math.min(...brokenIds) : null,
    failures: [...failures.filter((f) => f.kind === 'chain'), ...extra, ...failures.filter((f) => f.kind !== 'chain')].slice(0, MAX_FAILURES),
    failureCount,
  };
}

/** Splits a snapshot into `n` parts of about equal work. */
export function split(s: Snapshot, n: number): Part[] {
  const cut = (max: number, i: number) => Math.floor((max * i) / n);
  return Array.from({ length: n }, (_, i) => ({
    historyFrom: cut(s.maxHistoryId, i) + 1, historyTo: cut(s.maxHistoryId, i + 1),
    caseFrom: cut(s.maxCaseId, i) + 1, caseTo: cut(s.maxCaseId, i + 1),
  }));
}

export interface Outcome { findings: ReturnType<typeof combine>; head: ChainHead; anchors: AnchorVerdict[] }

/** Everything at once on the calling thread (the in-memory fallback). */
export function verifyAll(raw: BetterSqlite3.Database, anchors: ChainHead[], onProgress?: (p: Progress) => void): Outcome {
  const v = new Verification(raw, onProgress);
  const snapshot = v.begin();
  try {
    const part = v.whole();
    v.chain(part.historyFrom, part.historyTo);
    v.replay(part.caseFrom, part.caseTo);
    const verdicts = anchors.map((a) => v.anchor(a.count, a.hash));
    return { findings: combine([v.findings()]), head: snapshot.head, anchors: verdicts };
  } finally {
    v.end();
  }
}
