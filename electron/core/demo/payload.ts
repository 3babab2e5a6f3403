import { createCalendar, type CalendarOverride } from '../domain/calendar';
import type { Deadlines } from '../domain/deadlines';
import { formatRegisterNo } from '../domain/numbering';
import type { Directory } from './compose';
import { generateStories } from './generator';
import { historyHash } from './history-hash';
import type { CaseSim } from './simulate';
import { CASE_COLUMNS } from './tables';

/**
 * The producing half of a bulk load: stories turned into flat rows ready for prepared statements, with
 * ids, register numbers and the history hash chain already assigned. It needs no database, only a
 * snapshot of what the database holds (SeedState), so it can run in a worker thread while the main
 * thread inserts the previous batch. The data folder's lock guarantees nothing else writes meanwhile.
 */
export interface SeedState {
  cases: number;
  seed: number;
  today: string;
  nowAt: string;
  batchSize: number;
  prefix: string;
  counters: Array<[number, number]>;
  nextId: number;
  lastHash: string;
  calendar: { years: number[]; overrides: CalendarOverride[] };
  rules: Deadlines;
  dir: Directory;
}

type Value = string | number | null;
/** One transaction's rows, flattened: each table's values back to back in statement parameter order. */
export interface Payload {
  firstId: number;
  lastId: number;
  cases: Value[];
  complainants: Value[];
  notes: Value[];
  extensions: Value[];
  suspensions: Value[];
  rounds: Value[];
  history: Value[];
  counters: Array<[number, number]>;
  byStatus: Record<string, number>;
  extended: number;
  reopened: number;
  firstNo: string;
  lastNo: string;
}

export class PayloadBuilder {
  private readonly counters: Map<number, number>;
  private nextId: number;
  private prev: string;
  private p!: Payload;
  private touched = new Set<number>();

  constructor(private readonly prefix: string, counters: Array<[number, number]>, nextId: number, lastHash: string) {
    this.counters = new Map(counters);
    this.nextId = nextId;
    this.prev = lastHash;
    this.reset();
  }

  private reset(): void {
    this.p = {
      firstId: this.nextId, lastId: this.nextId - 1, cases: [], complainants: [], notes: [], extensions: [], suspensions: [], rounds: [],
      history: [], counters: [], byStatus: {}, extended: 0, reopened: 0, firstNo: '', lastNo: '',
    };
    this.touched = new Set();
  }

  get size(): number {
    return this.p.lastId - this.p.firstId + 1;
  }

  add(s: CaseSim): void {
    const row = s.row;
    const seq = (this.counters.get(row.reg_year) ?? 0) + 1;
    this.counters.set(row.reg_year, seq);
    this.touched.add(row.reg_year);
    const id = this.nextId++;
    row.id = id;
    row.reg_seq = seq;
    row.register_no = formatRegisterNo(this.prefix, row.reg_year, seq);
    const p = this.p;
    p.lastId = id;
    if (!p.firstNo) p.firstNo = row.register_no;
    p.lastNo = row.register_no;
    const r = row as unknown as Record<string, Value>;
    for (const c of CASE_COLUMNS) p.cases.push(r[c]);
    s.complainants.forEach((c, i) => p.complainants.push(id, i + 1, c.name, c.gender, c.phone, c.idNumber, c.address, c.employer));
    for (const n of s.notes) p.notes.push(id, n.round, n.noted_on, n.text, n.author_id, n.created_at);
    for (const e of s.extensions) p.extensions.push(id, e.round, e.old_due, e.new_due, e.reason, e.approver_id, e.notice, e.created_at);
    for (const x of s.suspensions) p.suspensions.push(id, x.round, x.suspended_on, x.material, x.resumed_on, x.created_by);
    for (const x of s.rounds) p.rounds.push(id, x.round, x.snapshot, x.ended_at);
    (s.events[0].after as Record<string, unknown>).register_no = row.register_no;
    for (const e of s.events) {
      const h = {
        entity: 'case', entity_id: id, action: e.action, actor_id: e.actor.id, actor_name: e.actor.displayName, at: e.at,
        before: e.before ? JSON.stringify(e.before) : null, after: e.after ? JSON.stringify(e.after) : null, note: e.note,
      };
      const hash = historyHash(this.prev, h);
      p.history.push(h.entity, h.entity_id, h.action, h.actor_id, h.actor_name, h.at, h.before, h.after, h.note, this.prev, hash);
      this.prev = hash;
    }
    p.byStatus[row.status] = (p.byStatus[row.status] ?? 0) + 1;
    if (s.extensions.length) p.extended++;
    if (s.rounds.length) p.reopened++;
  }

  /** The rows gathered so far, and a fresh start for the next batch. */
  take(): Payload {
    const p = this.p;
    p.counters = [...this.touched].map((y) => [y, this.counters.get(y)!]);
    this.reset();
    return p;
  }
}

/** Runs the whole generation, handing over one payload per `batchSize` stories. */
export function producePayloads(state: SeedState, emit: (p: Payload) => void): void {
  const cal = createCalendar(state.calendar.years, state.calendar.overrides);
  const builder = new PayloadBuilder(state.prefix, state.counters, state.nextId, state.lastHash);
  const stories = generateStories({ cases: state.cases, seed: state.seed, today: state.today, nowAt: state.nowAt }, { dir: state.dir, cal, rules: state.rules });
  for (const story of stories) {
    builder.add(story);
    if (builder.size >= state.batchSize) emit(builder.take());
  }
  if (builder.size > 0) emit(builder.take());
}
