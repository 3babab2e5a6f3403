import type BetterSqlite3 from 'better-sqlite3';
import { GENESIS_HASH, historyHash, UNRECORDED_CASE_COLUMNS } from '../services/history';
import type { ChainHead, VerificationFailure } from '../types';
import { firstDifference, replayCase, type CaseEntry } from './replay';

/**
 * One verification of a register, synchronous on one better-sqlite3 connection (the worker's own
 * read-only one, or the in-memory test database's): inside one read transaction, so the chain, the case
 * rows and the anchors are all checked against the same snapshot while the app goes on writing.
 *  1. the chain: each history row's hash recomputed from the row as stored, chained to the previous one,
 *     ids 1, 2, 3 ... without gaps (so row COUNT of an anchor is the row with id COUNT);
 *  2. the replay: each case's history replayed and compared with its case and complainant rows;
 *  3. anchors: the hash of row COUNT equals the HASH someone wrote down.
 */
export interface Progress { phase: 'chain' | 'replay' | 'anchor'; done: number; total: number }

export interface Findings {
  checked: number;
  casesChecked: number;
  head: ChainHead;
  brokenAtId: number | null;
  failures: VerificationFailure[];
  failureCount: number;
}

export interface AnchorVerdict { count: number; hash: string; ok: boolean; message: string | null }

/** The migration that makes every case replayable (older registration entries hold only a few columns). */
export const BASELINE_MIGRATION = '0003_history_baseline';
/** The row migration 0003 writes after its baselines: which ids they occupy. Baselines elsewhere are forged. */
export const BASELINE_SEAL = 'historyBaseline';

const MAX_FAILURES = 20;
const CHAIN_BATCH = 20_000;
const CASE_BATCH = 2_000;

export class Verification {
  private readonly failures: VerificationFailure[] = [];
  private failureCount = 0;
  private checked = 0;
  private casesChecked = 0;
  private head: ChainHead = { count: 0, hash: GENESIS_HASH };
  private brokenAtId: number | null = null;
  private gapless = true;
  private total = 0;
  private historyRows = 0;
  private baselineIds: number[] = [];
  private seal: { first: number; last: number } | null = null;
  private sealSeen = 0;

  constructor(private readonly raw: BetterSqlite3.Database, private readonly onProgress: (p: Progress) => void = () => {}) {}

  /** Opens the read transaction; the first read fixes the snapshot. */
  begin(): void {
    this.raw.exec('BEGIN');
    this.historyRows = Number(this.raw.prepare('SELECT count(*) FROM history').pluck().get());
    const cases = Number(this.raw.prepare('SELECT count(*) FROM cases').pluck().get());
    this.total = this.historyRows + cases;
  }

  end(): void {
    if (this.raw.inTransaction) this.raw.exec('COMMIT');
  }

  private fail(f: Omit<VerificationFailure, 'registerNo'> & { registerNo?: string | null }): void {
    this.failureCount++;
    if (this.failures.length < MAX_FAILURES) this.failures.push({ ...f, registerNo: f.registerNo ?? null });
  }

  chain(): void {
    const st = this.raw.prepare(
      'SELECT id, entity, entity_id, action, actor_id, actor_name, at, before, after, note, prev_hash, hash FROM history WHERE id > ? ORDER BY id LIMIT ?',
    ).raw();
    let prev = GENESIS_HASH;
    let last = 0;
    let position = 0;
    for (;;) {
      const rows = st.all(last, CHAIN_BATCH) as unknown[][];
      if (rows.length === 0) break;
      for (const r of rows) {
        const id = r[0] as number;
        position++;
        const stored = {
          entity: r[1] as string, entity_id: r[2] as number, action: r[3] as string, actor_id: r[4] as number | null, actor_name: r[5] as string,
          at: r[6] as string, before: r[7] as string | null, after: r[8] as string | null, note: r[9] as string | null,
        };
        const caseId = stored.entity === 'case' ? stored.entity_id : null;
        if (id !== position && this.gapless) {
          this.gapless = false;
          this.fail({ kind: 'chain', historyId: id, caseId, field: null, message: `历史记录编号不连续：第 ${position} 条的编号是 ${id}（有记录被删除或插入）` });
          this.brokenAtId ??= id;
        }
        if (r[10] !== prev) {
          this.fail({ kind: 'chain', historyId: id, caseId, field: null, message: `第 ${id} 条历史记录与前一条接不上（其前面的记录被删除、插入或改写）` });
          this.brokenAtId ??= id;
        } else if (historyHash(prev, stored) !== r[11]) {
          this.fail({ kind: 'chain', historyId: id, caseId, field: null, message: `第 ${id} 条历史记录的内容与其哈希不符（该记录被改动）` });
          this.brokenAtId ??= id;
        }
        if (caseId !== null && stored.action === 'baseline') this.baselineIds.push(id);
        else if (stored.action === BASELINE_SEAL && stored.entity === 'settings') this.readSeal(id, stored.after);
        prev = r[11] as string;
        last = id;
      }
      this.checked = position;
      this.onProgress({ phase: 'chain', done: position, total: this.total });
    }
    this.head = { count: position, hash: prev };
    this.checkBaselines();
  }

  private readSeal(id: number, after: string | null): void {
    this.sealSeen++;
    const range = after ? (JSON.parse(after) as { first_id?: unknown; last_id?: unknown }) : {};
    if (this.sealSeen === 1 && Number.isInteger(range.first_id) && Number.isInteger(range.last_id)) {
      this.seal = { first: range.first_id as number, last: range.last_id as number };
    } else {
      this.fail({ kind: 'chain', historyId: id, caseId: null, field: null, message: `第 ${id} 条历史记录是多余的升级基线记录` });
    }
  }

  /** Baselines come only from migration 0003, in the id range it sealed: one anywhere else would let anything pass replay. */
  private checkBaselines(): void {
    for (const id of this.baselineIds) {
      if (this.seal === null || id < this.seal.first || id > this.seal.last) {
        this.fail({ kind: 'chain', historyId: id, caseId: null, field: null, message: `第 ${id} 条历史记录是升级时以外写入的“基线”，不予承认` });
      }
    }
    this.baselineIds = [];
  }

  replay(): void {
    const migrated = this.raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get()
      && this.raw.prepare('SELECT 1 FROM kysely_migration WHERE name = ?').get(BASELINE_MIGRATION);
    if (!migrated) {
      this.fail({ kind: 'error', historyId: null, caseId: null, field: null, message: '登记册尚未升级（缺少迁移 0003），无法逐案核对：请先用新版本打开一次' });
      return;
    }
    const columns = (this.raw.prepare("SELECT name FROM pragma_table_info('cases')").pluck().all() as string[]).filter((c) => !UNRECORDED_CASE_COLUMNS.has(c));
    const maxId = Number(this.raw.prepare(
      "SELECT max(coalesce((SELECT max(id) FROM cases), 0), coalesce((SELECT max(entity_id) FROM history WHERE entity = 'case'), 0))",
    ).pluck().get());
    const caseRows = this.raw.prepare('SELECT * FROM cases WHERE id BETWEEN ? AND ? ORDER BY id');
    const complainantRows = this.raw.prepare(
      'SELECT case_id, seq, name, gender, phone, id_number, address, employer FROM complainants WHERE case_id BETWEEN ? AND ? ORDER BY case_id, seq',
    );
    const historyRows = this.raw.prepare(
      "SELECT entity_id, id, action, after FROM history WHERE entity = 'case' AND entity_id BETWEEN ? AND ? ORDER BY entity_id, id",
    ).raw();
    for (let lo = 1; lo <= maxId; lo += CASE_BATCH) {
      const hi = lo + CASE_BATCH - 1;
      const entries = new Map<number, CaseEntry[]>();
      for (const [caseId, id, action, after] of historyRows.all(lo, hi) as Array<[number, number, string, string | null]>) {
        let list = entries.get(caseId);
        if (!list) entries.set(caseId, (list = []));
        list.push([id, action, after]);
      }
      const people = new Map<number, Array<Record<string, unknown>>>();
      for (const c of complainantRows.all(lo, hi) as Array<Record<string, unknown>>) {
        const id = c.case_id as number;
        let list = people.get(id);
        if (!list) people.set(id, (list = []));
        list.push(c);
      }
      for (const row of caseRows.all(lo, hi) as Array<Record<string, unknown>>) {
        const id = row.id as number;
        const registerNo = row.register_no as string;
        const replayed = replayCase(entries.get(id) ?? []);
        entries.delete(id);
        this.casesChecked++;
        if ('message' in replayed) {
          this.fail({ kind: 'replay', historyId: replayed.historyId, caseId: id, registerNo, field: replayed.field, message: `案件 ${registerNo}：${replayed.message}` });
          continue;
        }
        const field = firstDifference(replayed, row, columns, people.get(id) ?? []);
        if (field !== null) {
          const what = field === 'complainants' ? '诉求人信息' : `字段 ${field}`;
          this.fail({ kind: 'replay', historyId: null, caseId: id, registerNo, field, message: `案件 ${registerNo}：${what}与历史记录不符（案件数据被绕过系统直接修改）` });
        }
      }
      for (const [caseId, list] of entries) {
        this.fail({ kind: 'replay', historyId: list[0][0], caseId, field: null, message: `第 ${list[0][0]} 条历史记录属于不存在的案件（编号 ${caseId}）` });
      }
      this.onProgress({ phase: 'replay', done: this.historyRows + this.casesChecked, total: this.total });
    }
  }

  /** Is row COUNT of the chain the one whose hash was written down as HASH? */
  anchor(count: number, hash: string): AnchorVerdict {
    this.onProgress({ phase: 'anchor', done: this.total, total: this.total });
    const verdict = (ok: boolean, message: string | null): AnchorVerdict => ({ count, hash, ok, message });
    if (count > this.head.count) {
      return verdict(false, `记下的链头为第 ${count} 条，而现在只有 ${this.head.count} 条历史记录：其后的记录被截去`);
    }
    if (count === 0) return verdict(hash.toLowerCase() === GENESIS_HASH, hash.toLowerCase() === GENESIS_HASH ? null : '第 0 条的链头只能是全零哈希');
    const stored = (this.gapless
      ? this.raw.prepare('SELECT hash FROM history WHERE id = ?').pluck().get(count)
      : this.raw.prepare('SELECT hash FROM history ORDER BY id LIMIT 1 OFFSET ?').pluck().get(count - 1)) as string | undefined;
    if (stored !== hash.toLowerCase()) {
      return verdict(false, `第 ${count} 条历史记录的哈希与记下的链头不符：该条及之前的历史被改写后重新串链`);
    }
    return verdict(true, null);
  }

  /** What was found; chain failures get the register number of their case (read in the same snapshot). */
  findings(): Findings {
    const registerNo = this.raw.prepare('SELECT register_no FROM cases WHERE id = ?').pluck();
    for (const f of this.failures) if (f.caseId !== null && f.registerNo === null) f.registerNo = (registerNo.get(f.caseId) as string | undefined) ?? null;
    return { checked: this.checked, casesChecked: this.casesChecked, head: this.head, brokenAtId: this.brokenAtId, failures: this.failures, failureCount: this.failureCount };
  }
}

/** Everything at once on the calling thread (the in-memory fallback, and the worker's body). */
export function verifyAll(raw: BetterSqlite3.Database, anchors: ChainHead[], onProgress?: (p: Progress) => void): { findings: Findings; anchors: AnchorVerdict[] } {
  const v = new Verification(raw, onProgress);
  v.begin();
  try {
    v.chain();
    v.replay();
    const verdicts = anchors.map((a) => v.anchor(a.count, a.hash));
    return { findings: v.findings(), anchors: verdicts };
  } finally {
    v.end();
  }
}
