import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openCore } from '../../electron/core/core';
import { seedDemo } from '../../electron/demo/bulk-writer';
import { runVerify } from '../../electron/cli/verify';
import { historyHash } from '../../electron/core/services/history';
import { Verification, verifyAll, type Outcome } from '../../electron/core/verify/verify-run';
import { DB_FILE_NAME, openScanConnection } from '../../db/open';
import { between, makeRegister, pick, random, tempDir } from './fixture';

/**
 * Tampering with the history table behind the app's back, on copies of a small register: the append-only
 * triggers dropped in the copy, then one random change of one of these kinds, and the copy verified with the
 * register's own verifier (verifyAll: chain, replay, anchors) against the untouched register's head as the
 * anchor (what the newest backup's manifest holds). Each kind says which row must be named first:
 *  - field:    one hashed column of row k changed (entity, entity_id, action, actor, time, before, after, note) → row k
 *  - hash:     row k's hash or prev_hash replaced → row k
 *  - delete:   row k removed (not the last) → row k+1 (where the ids jump)
 *  - insert:   a forged row put in at k (later rows renumbered), its own hash correct → row k+1 (whose link it breaks)
 *  - append:   a forged row after the head: with a made-up hash → that row; with a correct hash that changes a
 *              case → the case (the replay: the case row does not say what its history says)
 *  - swap:     rows i < j exchanged (all but the id) → row i
 *  - truncate: rows t… cut off → the anchor fails, saying only t-1 rows are left
 *  - rechain:  row k edited and every hash from k recomputed → the anchor fails (row COUNT's hash is not the backup's)
 *  - badJson:  row k's `after` (JSON the replay reads) made text that is not JSON → row k
 */
export const TAMPER_KINDS = ['field', 'hash', 'delete', 'insert', 'append', 'swap', 'truncate', 'rechain', 'badJson'] as const;
export type TamperKind = (typeof TAMPER_KINDS)[number];

export interface TamperFigures {
  trials: number;
  detected: number;
  named: number;
  /** untouched copies (triggers dropped, nothing changed) that the verifier did not pass */
  controls: number;
  falseAlarms: number;
  historyRows: number;
  byKind: Record<TamperKind, { trials: number; detected: number; named: number }>;
  seconds: number;
  misses: string[];
}

const HASHED = ['entity', 'entity_id', 'action', 'actor_id', 'actor_name', 'at', 'before', 'after', 'note'] as const;
type Row = Record<string, unknown> & { id: number; prev_hash: string; hash: string };

const hex64 = (rnd: () => number) => Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');

function changed(column: string, value: unknown, rnd: () => number): unknown {
  if (column === 'entity_id') return (value as number) + between(rnd, 1, 5);
  if (column === 'actor_id') return value === null ? 1 : (value as number) + 1;
  if (value === null) return column === 'note' ? '补记' : '{}';
  const text = String(value);
  return rnd() < 0.5 ? `${text}x` : text.slice(0, Math.max(0, text.length - 1)) + (text.endsWith('1') ? '2' : '1');
}

/** What was done to the copy and what the verifier must say about it. */
interface Expectation { kind: TamperKind; what: string; firstRow?: number; caseId?: number; anchorLeft?: number; anchorRewritten?: boolean }

function tamper(raw: BetterSqlite3.Database, kind: TamperKind, head: number, rnd: () => number): Expectation {
  const row = (id: number) => raw.prepare('SELECT * FROM history WHERE id = ?').get(id) as Row;
  const put = (id: number, values: Record<string, unknown>) => {
    const cols = Object.keys(values);
    raw.prepare(`UPDATE history SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => values[c]), id);
  };
  const insert = (r: Record<string, unknown>) => {
    const cols = Object.keys(r);
    raw.prepare(`INSERT INTO history (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => r[c]));
  };
  switch (kind) {
    case 'field': {
      const k = between(rnd, 1, head);
      const column = pick(rnd, HASHED);
      put(k, { [column]: changed(column, row(k)[column], rnd) });
      return { kind, what: `row ${k} ${column} changed`, firstRow: k };
    }
    case 'hash': {
      const k = between(rnd, 1, head);
      const column = rnd() < 0.5 ? 'hash' : 'prev_hash';
      put(k, { [column]: hex64(rnd) });
      return { kind, what: `row ${k} ${column} replaced`, firstRow: k };
    }
    case 'delete': {
      const k = between(rnd, 1, head - 1);
      raw.prepare('DELETE FROM history WHERE id = ?').run(k);
      return { kind, what: `row ${k} deleted`, firstRow: k + 1 };
    }
    case 'insert': {
      const k = between(rnd, 2, head);
      const before = row(k - 1);
      raw.prepare('UPDATE history SET id = -id WHERE id >= ?').run(k);
      raw.prepare('UPDATE history SET id = 1 - id WHERE id < 0').run();
      const forged = { entity: before.entity, entity_id: before.entity_id, action: before.action, actor_id: before.actor_id, actor_name: '伪造者', at: before.at, before: null, after: null, note: '伪造的记录' };
      insert({ id: k, ...forged, prev_hash: before.hash, hash: historyHash(before.hash, forged as never) });
      return { kind, what: `forged row inserted at ${k} (own hash correct)`, firstRow: k + 1 };
    }
    case 'append': {
      const last = row(head);
      const target = raw.prepare("SELECT id FROM cases ORDER BY random() LIMIT 1").pluck().get() as number;
      const forged = { entity: 'case', entity_id: target, action: 'update', actor_id: null, actor_name: '系统', at: last.at, before: null, after: JSON.stringify({ subject: '伪造的诉求标题' }), note: null };
      if (rnd() < 0.5) {
        insert({ id: head + 1, ...forged, prev_hash: last.hash, hash: hex64(rnd) });
        return { kind, what: `forged row appended with a made-up hash`, firstRow: head + 1 };
      }
      insert({ id: head + 1, ...forged, prev_hash: last.hash, hash: historyHash(last.hash, forged as never) });
      return { kind, what: `forged row appended with a correct hash, changing case ${target}`, caseId: target };
    }
    case 'swap': {
      const i = between(rnd, 1, head - 1);
      const j = between(rnd, i + 1, head);
      const [a, b] = [row(i), row(j)];
      const strip = ({ id: _id, ...rest }: Row) => rest;
      put(i, strip(b));
      put(j, strip(a));
      return { kind, what: `rows ${i} and ${j} swapped`, firstRow: i };
    }
    case 'truncate': {
      const t = between(rnd, 2, head);
      raw.prepare('DELETE FROM history WHERE id >= ?').run(t);
      return { kind, what: `rows ${t}–${head} cut off`, anchorLeft: t - 1 };
    }
    case 'badJson': {
      const ids = raw.prepare("SELECT id FROM history WHERE entity = 'case' AND after IS NOT NULL ORDER BY id").pluck().all() as number[];
      const k = pick(rnd, ids);
      const after = String(row(k).after);
      put(k, { after: after.slice(0, between(rnd, 1, Math.max(1, after.length - 1))) });
      return { kind, what: `row ${k} after cut into text that is not JSON`, firstRow: k };
    }
    case 'rechain': {
      const k = between(rnd, 1, head);
      const column = pick(rnd, ['actor_name', 'at', 'note'] as const);
      put(k, { [column]: changed(column, row(k)[column], rnd) });
      let prev = k > 1 ? row(k - 1).hash : '0'.repeat(64);
      for (const r of raw.prepare('SELECT * FROM history WHERE id >= ? ORDER BY id').all(k) as Row[]) {
        const h = historyHash(prev, r as never);
        put(r.id, { prev_hash: prev, hash: h });
        prev = h;
      }
      return { kind, what: `row ${k} ${column} changed and rows ${k}–${head} re-chained`, anchorRewritten: true };
    }
  }
}

function judge(e: Expectation, o: Outcome): { detected: boolean; named: boolean; said: string } {
  const f = o.findings;
  const anchor = o.anchors[0];
  const detected = f.failureCount > 0 || !anchor.ok;
  const said = f.failures[0]?.message ?? anchor.message ?? '(nothing)';
  let named = false;
  if (e.firstRow !== undefined) named = f.brokenAtId === e.firstRow && f.failures[0]?.historyId === e.firstRow;
  else if (e.caseId !== undefined) named = f.failures.some((x) => x.kind === 'replay' && x.caseId === e.caseId && x.field === 'subject');
  else if (e.anchorLeft !== undefined) named = !anchor.ok && (anchor.message ?? '').includes(`只有 ${e.anchorLeft} 条`);
  else if (e.anchorRewritten) named = !anchor.ok && (anchor.message ?? '').includes('改写');
  return { detected, named, said };
}

/** A small register's file, checkpointed into one file (copies need nothing else). */
export async function tamperBase(dir: string, cases = 40): Promise<string> {
  const file = await makeRegister(dir, cases, 7);
  const raw = new BetterSqlite3(file);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return file;
}

export async function runTamper(opts: { trials: number; seed?: number; log?: (line: string) => void }): Promise<TamperFigures> {
  const t0 = performance.now();
  const rnd = random(opts.seed ?? 11);
  const dir = tempDir('tamper');
  try {
    const base = await tamperBase(path.join(dir, 'base'));
    const pristine = openScanConnection(base);
    const good = verifyAll(pristine, []);
    pristine.close();
    if (good.findings.failureCount !== 0) throw new Error(`the untouched register does not verify: ${good.findings.failures[0]?.message}`);
    const head = good.head;
    const byKind = Object.fromEntries(TAMPER_KINDS.map((k) => [k, { trials: 0, detected: 0, named: 0 }])) as TamperFigures['byKind'];
    const figures: TamperFigures = { trials: 0, detected: 0, named: 0, controls: 0, falseAlarms: 0, historyRows: head.count, byKind, seconds: 0, misses: [] };
    const copy = path.join(dir, 'copy.sqlite');
    for (let i = 0; i < opts.trials; i++) {
      const kind = TAMPER_KINDS[i % TAMPER_KINDS.length];
      if (kind === TAMPER_KINDS[0]) {
        // a control in every round: a copy with the triggers dropped and nothing changed must verify
        fs.copyFileSync(base, copy);
        const raw = new BetterSqlite3(copy);
        raw.exec('DROP TRIGGER history_no_update; DROP TRIGGER history_no_delete;');
        raw.close();
        const control = openScanConnection(copy);
        try {
          const o = verifyAll(control, [head]);
          figures.controls++;
          if (o.findings.failureCount > 0 || !o.anchors[0].ok) {
            figures.falseAlarms++;
            figures.misses.push(`untouched copy failed: ${o.findings.failures[0]?.message ?? o.anchors[0].message}`);
          }
        } finally {
          control.close();
        }
      }
      fs.copyFileSync(base, copy);
      const raw = new BetterSqlite3(copy);
      raw.pragma('foreign_keys = OFF');
      raw.exec('DROP TRIGGER history_no_update; DROP TRIGGER history_no_delete;');
      const expectation = raw.transaction(() => tamper(raw, kind, head.count, rnd))();
      raw.close();
      const scan = openScanConnection(copy);
      let outcome: Outcome | null = null;
      let threw: string | null = null;
      try {
        outcome = verifyAll(scan, [head]);
      } catch (err) {
        threw = String((err as Error)?.message ?? err); // the verifier must report, not throw
      } finally {
        scan.close();
      }
      const { detected, named, said } = outcome ? judge(expectation, outcome) : { detected: false, named: false, said: `the verifier threw: ${threw}` };
      figures.trials++;
      byKind[kind].trials++;
      if (detected) (figures.detected++, byKind[kind].detected++);
      if (named) (figures.named++, byKind[kind].named++);
      if ((!detected || !named) && figures.misses.length < 20) {
        figures.misses.push(`${expectation.what}: ${detected ? 'detected' : 'NOT DETECTED'}, ${named ? 'named' : 'NOT NAMED'} — verifier said: ${said}`);
        opts.log?.(`  tamper miss: ${figures.misses.at(-1)}`);
      }
      fs.rmSync(copy, { force: true });
      for (const s of ['-wal', '-shm']) fs.rmSync(copy + s, { force: true });
    }
    figures.seconds = (performance.now() - t0) / 1000;
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface MillionFigures {
  historyRows: number;
  cases: number;
  source: string;
  buildSeconds: number;
  chainOnlySeconds: number;
  fullVerifySeconds: number;
  /** user + system CPU seconds of the whole process (both worker threads) during the full verify */
  fullVerifyCpuSeconds: number;
  /** the 1-minute load average before and after the full verify */
  load: string;
  fullVerifyLine: string;
}

/**
 * Verifying a register of at least `rows` history rows: a copy of `source` (a data folder; never written),
 * or a demo register seeded until it has that many. Chain only = the hash chain of every row on this
 * thread (Verification.chain); full = `verify` as the command line runs it (history/verify through a
 * read-only core: the chain and every case's replay, two worker threads).
 */
export async function runMillion(opts: { rows: number; source?: string | null; log?: (line: string) => void }): Promise<MillionFigures> {
  const log = opts.log ?? (() => {});
  const dir = tempDir('million');
  try {
    const t0 = performance.now();
    let source = 'seeded demo register';
    if (opts.source && fs.existsSync(path.join(opts.source, DB_FILE_NAME))) {
      source = `copy of ${opts.source}`;
      log(`  copying ${opts.source} …`);
      for (const f of fs.readdirSync(opts.source).filter((n) => n.startsWith(DB_FILE_NAME))) fs.copyFileSync(path.join(opts.source, f), path.join(dir, f));
    } else {
      const core = await openCore(dir, { log: () => {} });
      try {
        // about 6 history rows a demo case: seed in rounds until the rows are there
        let rows = 0;
        for (let round = 0; rows < opts.rows && round < 5; round++) {
          const cases = Math.max(1000, Math.ceil(((opts.rows - rows) / 5.5) * 1.02));
          log(`  seeding ${cases} demo cases …`);
          await seedDemo(core, { cases, seed: 100 + round });
          rows = Number((await core.db.selectFrom('history').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
        }
      } finally {
        await core.close();
      }
    }
    const buildSeconds = (performance.now() - t0) / 1000;
    const file = path.join(dir, DB_FILE_NAME);
    const scan = openScanConnection(file);
    let historyRows: number;
    let cases: number;
    const t1 = performance.now();
    try {
      const v = new Verification(scan);
      const s = v.begin();
      try {
        v.chain(1, s.maxHistoryId);
        const f = v.findings();
        if (f.failureCount) throw new Error(`chain of the copy fails: ${f.failures[0]?.message}`);
      } finally {
        v.end();
      }
      historyRows = s.head.count;
      cases = s.cases;
    } finally {
      scan.close();
    }
    const chainOnlySeconds = (performance.now() - t1) / 1000;
    const lines: string[] = [];
    const loadBefore = os.loadavg()[0].toFixed(1);
    const cpu = process.cpuUsage();
    const t2 = performance.now();
    const code = await runVerify(dir, undefined, (l) => lines.push(l), () => {});
    const fullVerifySeconds = (performance.now() - t2) / 1000;
    const used = process.cpuUsage(cpu);
    const load = `${loadBefore}, ${os.loadavg()[0].toFixed(1)}`;
    if (code !== 0) throw new Error(`verify failed: ${lines.at(-1)}`);
    return { historyRows, cases, source, buildSeconds, chainOnlySeconds, fullVerifySeconds, fullVerifyCpuSeconds: (used.user + used.system) / 1e6, load, fullVerifyLine: lines.at(-1) ?? '' };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface CutFigures { trials: number; detected: number; untouchedPassed: boolean; sample: string | null; seconds: number; misses: string[] }

/**
 * Cutting off the newest history rows of a data folder whose backups/ holds a verified backup, checked by
 * `verify` as the command line runs it (runVerify, no anchor given). The rows cut are the newest ones, written
 * before the backup by the operator (departments: no case replays them), so the chain left is valid and every
 * case consistent: only the newest backup's head can tell, and each cut must exit 1 with `history FAILED backup`.
 * The untouched folder exits 0.
 */
export async function runCutAgainstBackup(opts: { trials: number; seed?: number; log?: (l: string) => void }): Promise<CutFigures> {
  const t0 = performance.now();
  const rnd = random(opts.seed ?? 17);
  const dir = tempDir('cut');
  try {
    const base = path.join(dir, 'base');
    await makeRegister(base, 30, 17);
    const core = await openCore(base, { log: () => {} });
    let first: number;
    let head: number;
    try {
      // rows no case replays (departments added by the operator): cutting them leaves every case consistent
      const count = async () => Number((await core.db.selectFrom('history').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      first = (await count()) + 1;
      for (let i = 0; i < 12; i++) {
        const r = await core.callAsOperator('departments/save', { name: `临时科室 ${i + 1}` });
        if (!r.ok) throw new Error(r.error.message);
      }
      head = await count();
      const p = await core.services.backups.runNow('manual', null);
      if (!p.results[0]?.backup) throw new Error(`the backup could not be made: ${p.results[0]?.error}`);
    } finally {
      await core.close();
    }
    const raw = new BetterSqlite3(path.join(base, DB_FILE_NAME));
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const lines: string[] = [];
    const untouchedPassed = (await runVerify(base, undefined, (l) => lines.push(l), () => {})) === 0;
    const f: CutFigures = { trials: 0, detected: 0, untouchedPassed, sample: null, seconds: 0, misses: untouchedPassed ? [] : [`the untouched folder fails: ${lines.at(-1)}`] };
    for (let i = 0; i < opts.trials; i++) {
      const data = path.join(dir, `cut-${i}`);
      fs.cpSync(base, data, { recursive: true });
      const t = between(rnd, first, head);
      const w = new BetterSqlite3(path.join(data, DB_FILE_NAME));
      w.exec('DROP TRIGGER history_no_delete');
      w.prepare('DELETE FROM history WHERE id >= ?').run(t);
      w.close();
      const out: string[] = [];
      const code = await runVerify(data, undefined, (l) => out.push(l), () => {});
      f.trials++;
      const last = out.at(-1) ?? '';
      if (code === 1 && last.startsWith('history FAILED backup')) {
        f.detected++;
        f.sample ??= last;
      } else if (f.misses.length < 20) f.misses.push(`rows ${t}–${head} cut: verify exit ${code}, said ${last}`);
      fs.rmSync(data, { recursive: true, force: true });
    }
    f.seconds = (performance.now() - t0) / 1000;
    return f;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
