import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { localDate, localDateTime } from '../core/local-time';
import type { Core } from '../core/core';
import { STATUSES } from '../core/domain/vocab';
import { COMMAND_LINE_ACTOR } from '../core/session';
import { putBackAfterLoad, setAsideForLoad } from '../../db/bulk-load';
import { ensureDirectory, type DemoAccount } from './directory';
import { GENESIS_HASH } from '../core/services/history';
import { HistoryWriter } from './history-writer';
import { rowStatements, streamStories, type BatchSummary, type SeedState } from './story-writer';
import { copyStatements, openStaging } from './tables';
import { DEMO_OFFICE } from './vocabulary';
import { connectionOf } from '../../db/open';

export interface SeedOptions {
  cases: number;
  seed: number;
  /** the register's today (YYYY-MM-DD); default: the core's clock */
  today?: string;
  /** latest moment of activity; default: the core's clock now, or `${today} 18:00:00` when today is given */
  nowAt?: string;
  /** cases per transaction */
  batchSize?: number;
  /** generate in a worker thread while the main thread inserts (default: when the worker file is present) */
  worker?: boolean;
  onProgress?: (written: number) => void;
}

export interface SeedResult {
  cases: number;
  historyRows: number;
  byStatus: Record<string, number>;
  extended: number;
  reopened: number;
  accounts: DemoAccount[];
  today: string;
  firstRegisterNo: string | null;
  lastRegisterNo: string | null;
  usedWorker: boolean;
  /** seconds the main thread spent inside the insert transactions */
  insertSeconds: number;
  /** the full-text indexes were filled once per batch (the fast path) rather than by their triggers per case */
  ftsPerBatch: boolean;
}

/** The full-text insert triggers (the case text, the complainants' names: migration 0006). */
const FTS_TRIGGERS = ['cases_fts_insert', 'cases_name_fts_insert'];

/**
 * A full-text insert trigger, and the text it indexes as a column expression. When a trigger has the
 * migrations' simple shape (`INSERT INTO <index>(rowid, <column>) VALUES (new.id, <text>)`), a batch drops
 * it, inserts its cases, indexes them with one INSERT ... SELECT of that same text and recreates it, all
 * in the batch's transaction: FTS5 flushes its pending terms at every statement, so one statement per
 * batch instead of one per case is about six times faster, and no crash can leave the trigger missing.
 * Any other shape: the trigger stays and indexes each case as it is inserted (slower, same result).
 */
function ftsTrigger(raw: BetterSqlite3.Database, name: string): { name: string; sql: string; index: string; column: string; text: string } | null {
  const sql = raw.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(name) as string | undefined;
  const m = sql && /^CREATE TRIGGER (\w+) AFTER INSERT ON cases BEGIN\s+INSERT INTO (\w+)\s*\(rowid, (\w+)\)\s+VALUES \(new\.id, ([^;]+)\);\s+END$/.exec(sql);
  return m && m[1] === name ? { name, sql: sql!, index: m[2], column: m[3], text: m[4].replaceAll('new.', 'cases.') } : null;
}

const ftsTriggers = (raw: BetterSqlite3.Database) => FTS_TRIGGERS.map((name) => ftsTrigger(raw, name));

/**
 * The main thread's side of one batch, one transaction: `begin` opens it (and sets the FTS triggers aside),
 * the rows go in, `end` moves the counters, indexes the batch's text and commits.
 */
function loader(raw: BetterSqlite3.Database) {
  const triggers = ftsTriggers(raw).filter((t) => t !== null);
  const counter = raw.prepare('INSERT INTO register_counters (year, last_seq) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET last_seq = excluded.last_seq');
  const fills = triggers.map((t) => raw.prepare(`INSERT INTO ${t.index} (rowid, ${t.column}) SELECT cases.id, ${t.text} FROM cases WHERE cases.id BETWEEN ? AND ?`));
  return {
    begin(): void {
      raw.exec('BEGIN');
      for (const t of triggers) raw.exec(`DROP TRIGGER ${t.name}`);
    },
    end(b: BatchSummary): void {
      for (const [year, seq] of b.counters) counter.run(year, seq);
      fills.forEach((fill, i) => {
        fill.run(b.firstId, b.lastId);
        raw.exec(triggers[i].sql);
      });
      raw.exec('COMMIT');
    },
    /** After a failure: nothing of the unfinished batch stays, the triggers included. */
    abort(): void {
      if (raw.inTransaction) raw.exec('ROLLBACK');
    },
  };
}
type Loader = ReturnType<typeof loader>;

/**
 * The worker's script: under tsx the TypeScript source, loaded through tsx's require hook (a worker does
 * not inherit the loader tsx gave the main thread); in a build, `seed-worker.js` emitted beside the bundle
 * (or beside its chunks folder). Without it the load runs in one thread, about half as fast.
 */
function workerScript(): { code: string; eval: boolean } | null {
  if (__filename.endsWith('.ts')) {
    const source = path.join(__dirname, 'seed-worker.ts');
    return fs.existsSync(source) ? { code: `require('tsx/cjs'); require(${JSON.stringify(source)});`, eval: true } : null;
  }
  const built = [__dirname, path.dirname(__dirname)].map((d) => path.join(d, 'seed-worker.js')).find((f) => fs.existsSync(f));
  return built ? { code: built, eval: false } : null;
}

const SLOTS = 3;

/** Stories made and staged by a worker thread; each staged batch copied in by the main thread. */
async function runInWorker(raw: BetterSqlite3.Database, script: { code: string; eval: boolean }, state: SeedState, loader: Loader, done: (b: BatchSummary) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'register-demo-'));
  const files = Array.from({ length: SLOTS }, (_, i) => path.join(dir, `stage${i}.sqlite`));
  const attached: string[] = [];
  try {
    for (const [i, f] of files.entries()) {
      openStaging(BetterSqlite3, f).close();
      raw.prepare('ATTACH DATABASE ? AS ?').run(f, `demo_stage${i}`);
      raw.pragma(`demo_stage${i}.mmap_size = 268435456`); // read the staged batch from memory, not page by page
      attached.push(`demo_stage${i}`);
    }
    const copies = attached.map((schema) => copyStatements(raw, schema));
    const ahead = new SharedArrayBuffer(4);
    const queued = new Int32Array(ahead);
    // A larger young generation: the stories are short-lived objects, and fewer scavenges save ~10 %.
    const worker = new Worker(script.code, { eval: script.eval, workerData: { state, ahead, files }, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (err: unknown) => {
        failed = true;
        void worker.terminate();
        reject(err);
      };
      worker.on('message', (m: (BatchSummary & { slot: number }) | null) => {
        if (failed) return;
        if (m === null) return resolve();
        try {
          loader.begin();
          for (const stmt of copies[m.slot]) stmt.run();
          loader.end(m);
          done(m);
        } catch (err) {
          loader.abort();
          return fail(err);
        }
        Atomics.sub(queued, 0, 1);
        Atomics.notify(queued, 0);
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0 && !failed) fail(new Error(`演示数据生成线程异常退出（${code}）`));
      });
    }).finally(() => worker.terminate());
  } finally {
    for (const schema of attached) raw.prepare('DETACH DATABASE ?').run(schema);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Seeds an opened core with demo data: the office's details, directory and accounts first (if missing), then `cases` stories
 * written in batches straight through the raw connection. Settings and the calendar come from the
 * database, so due dates are exactly what the services would compute for this office.
 */
export async function seedDemo(core: Core, opts: SeedOptions): Promise<SeedResult> {
  const raw = connectionOf(core.db);
  const now = core.services.deps.now();
  const today = opts.today ?? localDate(now);
  const nowAt = opts.nowAt ?? (opts.today ? `${opts.today} 18:00:00` : localDateTime(now));
  const [settings, cal] = [await core.services.settings.get(), await core.services.calendar.load()];
  // Papers print the office's name, address and phone: without them a demo register could issue none.
  // Written through the settings service, as 首次设置 writes them, before the raw writers chain on.
  if (!settings.office.name) {
    await core.db.transaction().execute((trx) => core.services.settings.write(trx, COMMAND_LINE_ACTOR, { office: { ...DEMO_OFFICE } }));
  }
  const history = new HistoryWriter(raw);
  const { dir, accounts } = await ensureDirectory(raw, history, nowAt);
  const state: SeedState = {
    cases: opts.cases, seed: opts.seed, today, nowAt, batchSize: opts.batchSize ?? 10_000, prefix: settings.numbering.prefix,
    counters: (raw.prepare('SELECT year, last_seq FROM register_counters').raw().all() as Array<[number, number]>),
    nextId: Number(raw.prepare('SELECT coalesce(max(id), 0) FROM cases').pluck().get()) + 1,
    lastHash: (raw.prepare('SELECT hash FROM history ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS_HASH,
    calendar: { years: [...cal.years], overrides: [...cal.overrides].map(([date, o]) => ({ date, ...o })) },
    rules: settings.deadlines, dir,
  };
  const total = { cases: 0, history: history.count, extended: 0, reopened: 0, first: null as string | null, last: null as string | null };
  const byStatus: Record<string, number> = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  const load = loader(raw);
  let insertMs = 0;
  let t0 = 0;
  const done = (p: BatchSummary) => {
    insertMs += performance.now() - t0;
    total.cases += p.lastId - p.firstId + 1;
    total.history += p.historyRows;
    total.extended += p.extended;
    total.reopened += p.reopened;
    total.first ??= p.firstNo;
    total.last = p.lastNo;
    for (const [k, v] of Object.entries(p.byStatus)) byStatus[k] = (byStatus[k] ?? 0) + v;
    opts.onProgress?.(total.cases);
  };

  const previous = { cache: raw.pragma('cache_size', { simple: true }), journal: raw.pragma('journal_mode', { simple: true }), sync: raw.pragma('synchronous', { simple: true }) };
  raw.pragma('cache_size = -524288'); // 512 MB while loading: the indexes stay in memory
  // A rollback journal writes the appended pages once; WAL would write them twice (log, then checkpoint).
  if (previous.journal === 'wal') raw.pragma('journal_mode = DELETE');
  // Into a register without cases, batches are not synced one by one (a crash of the program loses
  // nothing; a power cut mid-load means seeding again); a register that already holds cases keeps its
  // synchronous=FULL for every batch. Either way the end of the load is made durable below.
  const fresh = state.nextId === 1;
  if (fresh) raw.pragma('synchronous = OFF');
  setAsideForLoad(raw, { deferIndexes: fresh });
  const script = opts.worker === false ? null : workerScript();
  let loaded = false;
  let putBackError: unknown = null;
  try {
    const timed: Loader = { ...load, begin: () => ((t0 = performance.now()), load.begin()) };
    if (script) await runInWorker(raw, script, state, timed, done);
    else {
      const st = rowStatements(raw);
      try {
        streamStories(state, { begin: () => (timed.begin(), st), end: (b) => (load.end(b), done(b)) });
      } catch (err) {
        load.abort();
        throw err;
      }
    }
    loaded = true;
  } finally {
    // After a failed load its own error is the one to report; what is left is put back at the next open.
    try {
      putBackAfterLoad(raw);
    } catch (err) {
      putBackError = err;
    }
    raw.pragma('synchronous = FULL');
    // A last small write transaction with FULL sync flushes the whole file, and with it every batch.
    raw.transaction(() => {
      for (const c of raw.prepare('SELECT year, last_seq FROM register_counters').all() as Array<{ year: number; last_seq: number }>) {
        raw.prepare('INSERT OR REPLACE INTO register_counters (year, last_seq) VALUES (?, ?)').run(c.year, c.last_seq);
      }
    })();
    raw.pragma(`cache_size = ${previous.cache}`);
    if (previous.journal === 'wal') raw.pragma('journal_mode = WAL');
    raw.pragma(`synchronous = ${previous.sync}`);
  }
  if (loaded && putBackError) throw putBackError;
  // Statistics for the query planner after a bulk load (sampled: about a second for a million cases).
  // Without them SQLite guesses, and e.g. "overdue complaints" walks every complaint instead of the due index.
  raw.pragma('optimize = 0x10002');
  return {
    cases: total.cases, historyRows: total.history, byStatus, extended: total.extended, reopened: total.reopened, accounts, today,
    firstRegisterNo: total.first, lastRegisterNo: total.last, usedWorker: script !== null, insertSeconds: insertMs / 1000, ftsPerBatch: ftsTriggers(raw).every((t) => t !== null),
  };
}
