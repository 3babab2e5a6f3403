import type BetterSqlite3 from 'better-sqlite3';
import { createCalendar, type CalendarOverride } from '../core/domain/calendar';
import type { DeadlineRules } from '../core/domain/deadlines';
import { formatRegisterNo } from '../core/domain/numbering';
import type { Directory } from './compose';
import { generateStories } from './generator';
import { caseSnapshotJson, historyHash, recordedComplainants } from '../core/services/history';
import type { CaseSim } from './simulate';
import { CASE_COLUMNS } from './tables';

/**
 * Turns stories into rows: assigns case ids, register numbers (gap-free per year, continuing the
 * counters) and the history hash chain, and binds every row through prepared statements on `db`: the
 * register itself, or a staging database a worker thread fills. It needs only a snapshot of the
 * register (SeedState), which holds while the loader has the data folder's single-writer lock.
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
  rules: DeadlineRules;
  dir: Directory;
}

/** What a batch did, for the counters, the full-text range and the report. */
export interface BatchSummary {
  firstId: number;
  lastId: number;
  counters: Array<[number, number]>;
  historyRows: number;
  byStatus: Record<string, number>;
  extended: number;
  reopened: number;
  firstNo: string;
  lastNo: string;
}

/** The insert statements of one database (the register, or a staging copy of its tables). */
export function rowStatements(db: BetterSqlite3.Database): Record<'caseRow' | 'complainant' | 'note' | 'extension' | 'suspension' | 'round' | 'history', BetterSqlite3.Statement> {
  return {
    caseRow: db.prepare(`INSERT INTO cases (${CASE_COLUMNS.join(', ')}) VALUES (${CASE_COLUMNS.map(() => '?').join(', ')})`),
    complainant: db.prepare('INSERT INTO complainants (case_id, seq, name, gender, phone, id_number, address, employer) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    note: db.prepare('INSERT INTO case_notes (case_id, round, noted_on, text, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    extension: db.prepare('INSERT INTO case_extensions (case_id, round, old_due, new_due, reason, approver_id, notice, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    suspension: db.prepare('INSERT INTO case_suspensions (case_id, round, suspended_on, material, resumed_on, created_by) VALUES (?, ?, ?, ?, ?, ?)'),
    round: db.prepare('INSERT INTO case_rounds (case_id, round, snapshot, ended_at) VALUES (?, ?, ?, ?)'),
    history: db.prepare('INSERT INTO history (entity, entity_id, action, actor_id, actor_name, at, before, after, note, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
  };
}
export type RowStatements = ReturnType<typeof rowStatements>;

export class StoryWriter {
  private readonly counters: Map<number, number>;
  private nextId: number;
  private prev: string;
  private b!: BatchSummary;
  private touched = new Set<number>();
  private readonly values: unknown[] = new Array(CASE_COLUMNS.length);

  constructor(private readonly state: Pick<SeedState, 'prefix' | 'counters' | 'nextId' | 'lastHash'>) {
    this.counters = new Map(state.counters);
    this.nextId = state.nextId;
    this.prev = state.lastHash;
    this.start();
  }

  /** Begins a batch summary (the rows themselves go wherever `add` is told). */
  start(): void {
    this.b = { firstId: this.nextId, lastId: this.nextId - 1, counters: [], historyRows: 0, byStatus: {}, extended: 0, reopened: 0, firstNo: '', lastNo: '' };
    this.touched = new Set();
  }

  /** Writes one story's rows through `st`; the caller holds the transaction. */
  add(st: RowStatements, s: CaseSim): void {
    const b = this.b;
    const row = s.row;
    const seq = (this.counters.get(row.reg_year) ?? 0) + 1;
    this.counters.set(row.reg_year, seq);
    this.touched.add(row.reg_year);
    const id = this.nextId++;
    row.id = id;
    row.reg_seq = seq;
    row.register_no = formatRegisterNo(this.state.prefix, row.reg_year, seq);
    const r = row as unknown as Record<string, unknown>;
    for (let i = 0; i < CASE_COLUMNS.length; i++) this.values[i] = r[CASE_COLUMNS[i]];
    st.caseRow.run(this.values); // positional from a reused array: a third faster than named parameters
    s.complainants.forEach((c, i) => st.complainant.run(id, i + 1, c.name, c.gender, c.phone, c.idNumber, c.address, c.employer));
    for (const n of s.notes) st.note.run(id, n.round, n.noted_on, n.text, n.author_id, n.created_at);
    for (const e of s.extensions) st.extension.run(id, e.round, e.old_due, e.new_due, e.reason, e.approver_id, e.notice, e.created_at);
    for (const x of s.suspensions) st.suspension.run(id, x.round, x.suspended_on, x.material, x.resumed_on, x.created_by);
    for (const x of s.rounds) st.round.run(id, x.round, x.snapshot, x.ended_at);
    for (const e of s.events) {
      let after: string | null = null;
      if (e.registered !== undefined) {
        // The services' registration entry, now that the row has its number.
        Object.assign(e.registered, { id, reg_seq: seq, register_no: row.register_no });
        after = caseSnapshotJson(e.registered, recordedComplainants(s.complainants));
      } else if (e.after) after = JSON.stringify(e.after);
      const h = {
        entity: 'case', entity_id: id, action: e.action, actor_id: e.actor.id, actor_name: e.actor.displayName, at: e.at,
        before: e.before ? JSON.stringify(e.before) : null, after, note: e.note,
      };
      const hash = historyHash(this.prev, h);
      st.history.run(h.entity, id, h.action, h.actor_id, h.actor_name, h.at, h.before, h.after, h.note, this.prev, hash);
      this.prev = hash;
    }
    b.historyRows += s.events.length;
    b.byStatus[row.status] = (b.byStatus[row.status] ?? 0) + 1;
    if (s.extensions.length) b.extended++;
    if (s.rounds.length) b.reopened++;
    b.lastId = id;
    b.firstNo ||= row.register_no;
    b.lastNo = row.register_no;
  }

  /** The batch's summary: its id range, the counters it moved, its counts. */
  finish(): BatchSummary {
    this.b.counters = [...this.touched].map((y) => [y, this.counters.get(y)!]);
    return this.b;
  }
}

/** Where batches go: `begin` opens a transaction and gives the statements to write through, `end` commits. */
export interface BatchSink {
  begin(): RowStatements;
  end(summary: BatchSummary): void;
}

/**
 * Generates every story of the seed and writes each as soon as it is made (so stories die young and
 * garbage collection stays cheap), `batchSize` stories per transaction, in registration order.
 */
export function streamStories(state: SeedState, sink: BatchSink): void {
  const cal = createCalendar(state.calendar.years, state.calendar.overrides);
  const writer = new StoryWriter(state);
  let st: RowStatements | null = null;
  let n = 0;
  for (const story of generateStories({ cases: state.cases, seed: state.seed, today: state.today, nowAt: state.nowAt }, { dir: state.dir, cal, rules: state.rules })) {
    if (st === null) {
      st = sink.begin();
      writer.start();
    }
    writer.add(st, story);
    if (++n === state.batchSize) {
      sink.end(writer.finish());
      st = null;
      n = 0;
    }
  }
  if (st !== null) sink.end(writer.finish());
}
