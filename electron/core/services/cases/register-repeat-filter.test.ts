import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectionOf } from '../../../../db/open';
import { REGISTER_TUNING } from '../../../../db/queries/register-plan';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';

/**
 * The register's 重复件 filter (`cases/list` with `repeat: true`): only the cases linked now as a repeat of an
 * earlier one. Whatever plan the register picks, the page is what filtering and sorting every case gives; the
 * plans start from the standing links (case_repeats) and never scan the cases.
 */
const DEFAULT_TUNING = { ...REGISTER_TUNING };
const TUNINGS: Record<string, typeof REGISTER_TUNING> = {
  'as shipped (sort the repeats)': DEFAULT_TUNING,
  'many repeats: walk the order': { ...DEFAULT_TUNING, sortAllAt: 5, selectiveSortAllAt: 5 },
  'nothing selective: walk the order': { ...DEFAULT_TUNING, estimateCap: 5, sortAllAt: 5, selectiveSortAllAt: 0 },
};

type Row = { id: number; received_at: string; channel: string; case_type: string; due_date: string | null; status: string; subject: string };
const cmp = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
const nullsLast = (a: Row, b: Row) => (a.due_date === null ? 1 : 0) - (b.due_date === null ? 1 : 0);

function watchPlans(raw: BetterSqlite3.Database): { plans: string[]; stop: () => void } {
  const original = raw.prepare;
  const plans: string[] = [];
  const db = raw as unknown as { prepare: (text: string) => BetterSqlite3.Statement };
  db.prepare = (text: string) => {
    const st = original.call(raw, text);
    if (/^(\/\* estimate \*\/ )?select (count\(\*\)|c\.id)/i.test(text)) {
      const all = st.all.bind(st) as (...params: unknown[]) => unknown[];
      (st as { all: unknown }).all = (...params: unknown[]) => {
        const explain = original.call(raw, `EXPLAIN QUERY PLAN ${text}`) as unknown as { all: (...p: unknown[]) => Array<{ detail: string }> };
        plans.push(explain.all(...params.flat()).map((p) => p.detail).join(' | '));
        return all(...params);
      };
    }
    return st;
  };
  return { plans, stop: () => void (db.prepare = original as unknown as typeof db.prepare) };
}

describe('the register filtered to 重复件', () => {
  let o: Office;
  let all: Row[];
  let repeats: Set<number>;
  beforeAll(async () => {
    o = await makeOffice('2026-03-02 10:00');
    const channels = ['电话', '来访', '信函'];
    const made: Array<{ id: number; version: number }> = [];
    for (let i = 0; i < 240; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const c = must(await o.core.call('cases/register', phoneComplaint({
        receivedAt: `2026-${i % 2 === 0 ? '01' : '02'}-${day} ${String(8 + (i % 9)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
        channel: channels[i % 3], caseType: i % 5 === 0 ? '建议' : '投诉', subject: i % 4 === 0 ? `停车收费 第 ${i} 件` : `第 ${i} 件`,
      }), o.as.clerk));
      made.push(c);
    }
    // Every third case from the 10th on repeats an earlier one (received earlier: the lowest ids are January's
    // first days); a few links are undone again and must not count.
    const byReceipt = await o.core.db.selectFrom('cases').select(['id', 'version', 'received_at']).orderBy('received_at').orderBy('id').execute();
    let n = 0;
    for (const c of byReceipt.slice(10)) {
      if (n++ % 3 !== 0) continue;
      const linked = must(await o.core.call('cases/linkRepeat', { id: c.id, version: c.version, repeatOfId: byReceipt[n % 10].id }, o.as.supervisor));
      if (n % 7 === 0) must(await o.core.call('cases/unlinkRepeat', { id: linked.id, version: linked.version, reason: '并非同一诉求' }, o.as.supervisor));
    }
    // Voided afterwards (a voided case is not linked): the status filter meets repeats among them.
    for (const [i, c] of made.entries()) {
      if (i % 8 !== 3) continue;
      const { version } = must(await o.core.call('cases/get', { id: c.id }, o.as.clerk));
      must(await o.core.call('cases/void', { id: c.id, version, reason: '重复登记' }, o.as.clerk));
    }
    all = await o.core.db.selectFrom('cases').select(['id', 'received_at', 'channel', 'case_type', 'due_date', 'status', 'subject']).execute();
    repeats = new Set((await sql<{ id: number }>`SELECT case_id AS id FROM case_repeats WHERE unlinked_at IS NULL`.execute(o.core.db)).rows.map((r) => r.id));
    expect(repeats.size).toBeGreaterThan(40);
    expect((await sql<{ n: number }>`SELECT count(*) AS n FROM case_repeats WHERE unlinked_at IS NOT NULL`.execute(o.core.db)).rows[0].n).toBeGreaterThan(0);
  }, 90_000);
  afterEach(() => void Object.assign(REGISTER_TUNING, DEFAULT_TUNING));

  const QUERIES: Array<{ input: Record<string, unknown>; keep: (r: Row) => boolean; order: (a: Row, b: Row) => number }> = [
    { input: { sortBy: 'registerNo', sortOrder: 'desc' }, keep: () => true, order: (a, b) => b.id - a.id },
    { input: { sortBy: 'registerNo', sortOrder: 'asc', page: 2, pageSize: 20 }, keep: () => true, order: (a, b) => a.id - b.id },
    { input: { sortBy: 'receivedAt', sortOrder: 'desc', channel: ['电话'] }, keep: (r) => r.channel === '电话', order: (a, b) => cmp(b.received_at, a.received_at) || b.id - a.id },
    { input: { sortBy: 'receivedAt', sortOrder: 'asc', caseType: ['投诉'], pageSize: 10, page: 3 }, keep: (r) => r.case_type === '投诉', order: (a, b) => cmp(a.received_at, b.received_at) || a.id - b.id },
    { input: { sortBy: 'dueDate', sortOrder: 'asc', pageSize: 20, page: 2 }, keep: () => true, order: (a, b) => cmp(a.due_date, b.due_date) || a.id - b.id },
    { input: { sortBy: 'dueDate', sortOrder: 'desc', pageSize: 20, page: 3 }, keep: () => true, order: (a, b) => nullsLast(a, b) || cmp(b.due_date, a.due_date) || b.id - a.id },
    { input: { status: ['voided'] }, keep: (r) => r.status === 'voided', order: (a, b) => b.id - a.id },
    { input: { status: ['registered'], receivedFrom: '2026-02-01', receivedTo: '2026-02-28' }, keep: (r) => r.status === 'registered' && r.received_at >= '2026-02-01', order: (a, b) => b.id - a.id },
    { input: { dueState: ['overdue'] }, keep: (r) => r.due_date !== null && r.due_date < '2026-03-02', order: (a, b) => b.id - a.id },
    // With a search: a text search's ids (the repeats then a condition), a phone's handful of ids.
    { input: { search: '停车收费' }, keep: (r) => r.subject.includes('停车收费'), order: (a, b) => b.id - a.id },
    { input: { search: '停车收费', channel: ['来访'] }, keep: (r) => r.subject.includes('停车收费') && r.channel === '来访', order: (a, b) => b.id - a.id },
    { input: { search: '13812345678', pageSize: 10 }, keep: () => true, order: (a, b) => b.id - a.id },
  ];

  for (const [name, tuning] of Object.entries(TUNINGS)) {
    it(`pages exactly the linked repeats, for each order, filter and search: ${name}`, async () => {
      Object.assign(REGISTER_TUNING, tuning);
      for (const c of QUERIES) {
        const label = JSON.stringify(c.input);
        const size = (c.input.pageSize as number | undefined) ?? 50;
        const page = must(await o.core.call('cases/list', { pageSize: 50, ...c.input, repeat: true }, o.as.supervisor));
        const expected = all.filter((r) => repeats.has(r.id) && c.keep(r)).sort(c.order);
        const from = (((c.input.page as number | undefined) ?? 1) - 1) * size;
        expect(page.rows.map((r) => r.id), label).toEqual(expected.slice(from, from + size).map((r) => r.id));
        if (page.totalIsExact) expect(page.total, label).toBe(expected.length);
        else expect(page.total, label).toBeLessThan(expected.length);
        // The same query without the filter finds more: the filter is applied, not dropped.
        const unfiltered = must(await o.core.call('cases/list', { pageSize: 50, ...c.input, repeat: false }, o.as.supervisor));
        expect(unfiltered.total, label).toBeGreaterThan(page.total);
      }
    });
  }

  it('counts the repeats exactly, alone and with a status (the maintained counts would count every case)', async () => {
    const alone = must(await o.core.call('cases/list', { repeat: true, pageSize: 10 }, o.as.supervisor));
    expect([alone.total, alone.totalIsExact]).toEqual([repeats.size, true]);
    const voided = must(await o.core.call('cases/list', { repeat: true, status: ['voided'], pageSize: 10 }, o.as.supervisor));
    expect(voided.total).toBe(all.filter((r) => repeats.has(r.id) && r.status === 'voided').length);
    expect(voided.total).toBeLessThan(all.filter((r) => r.status === 'voided').length);
  });

  it('starts every plan from the standing links and never scans the cases', async () => {
    const watch = watchPlans(connectionOf(o.core.db));
    try {
      for (const c of QUERIES) must(await o.core.call('cases/list', { pageSize: 50, ...c.input, repeat: true }, o.as.supervisor));
    } finally {
      watch.stop();
    }
    expect(watch.plans.length).toBeGreaterThan(QUERIES.length);
    for (const plan of watch.plans) {
      expect(plan, plan).toMatch(/case_repeats_standing|INDEX complainants_phone|PRIMARY KEY/);
      const steps = plan.split(' | ');
      // No scan of the cases table or of any of its indexes: the cases are reached by id from the links (or a search).
      for (const step of steps) expect(step, plan).not.toMatch(/^SCAN (c|d|cases)\b/);
      // A search is run once, never once per repeat (`INDEX n:=…` = the full-text query probed by rowid: 40 s at 100,000 cases).
      for (const step of steps) expect(step, plan).not.toMatch(/VIRTUAL TABLE INDEX \d+:=/);
      for (const step of steps.filter((s) => /^SEARCH (c|d|cases)\b/.test(s))) expect(step, plan).toMatch(/USING (COVERING INDEX \w+ \(id=\?|INTEGER PRIMARY KEY)/);
    }
    expect(watch.plans.some((p) => /case_repeats_standing/.test(p))).toBe(true);
  });

  it('refuses a filter that is not yes or no, in Chinese naming 重复件', async () => {
    const r = await o.core.call('cases/list', { repeat: 'yes' as unknown as boolean }, o.as.supervisor);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'repeat', message: expect.stringContaining('重复件') } });
  });
});
