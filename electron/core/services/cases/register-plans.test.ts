import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';
import { REGISTER_TUNING } from '../../../../db/queries/register-plan';
import { connectionOf } from '../../../../db/open';

/**
 * The register chooses among several plans (which index finds the matches, whether to sort them all or
 * walk the sort order). Whatever the plan, the page must be exactly what sorting all matches would give:
 * checked here against a plain JavaScript sort of the whole register, with the tuning turned down so a
 * small register is pushed down every path.
 */
const DEFAULT_TUNING = { ...REGISTER_TUNING };
const TUNINGS: Record<string, typeof REGISTER_TUNING> = {
  'as shipped (sort every match)': DEFAULT_TUNING,
  'selective filters, walk the order': { ...DEFAULT_TUNING, estimateCap: 20_000, sortAllAt: 10, selectiveSortAllAt: 0 },
  'no filter selective, walk the order': { ...DEFAULT_TUNING, estimateCap: 5, sortAllAt: 10, selectiveSortAllAt: 0 },
  'selective filters, sort what they find': { ...DEFAULT_TUNING, estimateCap: 20_000, sortAllAt: 10, selectiveSortAllAt: 10_000 },
};

type Row = { id: number; received_at: string; channel: string; case_type: string; due_date: string | null; status: string; respondent_department_id: number | null };
const cmp = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
const nullsLast = (a: Row, b: Row) => (a.due_date === null ? 1 : 0) - (b.due_date === null ? 1 : 0);

const QUERIES: Array<{ input: Record<string, unknown>; keep: (r: Row) => boolean; order: (a: Row, b: Row) => number }> = [
  { input: { sortBy: 'registerNo', sortOrder: 'desc', page: 3 }, keep: () => true, order: (a, b) => b.id - a.id },
  { input: { sortBy: 'registerNo', sortOrder: 'asc', channel: ['电话', '来访'], page: 2 }, keep: (r) => r.channel !== '信函', order: (a, b) => a.id - b.id },
  { input: { sortBy: 'receivedAt', sortOrder: 'desc', caseType: ['投诉'], page: 4 }, keep: (r) => r.case_type === '投诉', order: (a, b) => cmp(b.received_at, a.received_at) || b.id - a.id },
  { input: { sortBy: 'receivedAt', sortOrder: 'asc', status: ['registered'], page: 2 }, keep: (r) => r.status === 'registered', order: (a, b) => cmp(a.received_at, b.received_at) || a.id - b.id },
  { input: { sortBy: 'registerNo', sortOrder: 'asc', receivedFrom: '2026-02-01', receivedTo: '2026-02-28' }, keep: (r) => r.received_at >= '2026-02-01', order: (a, b) => a.id - b.id },
  { input: { sortBy: 'registerNo', sortOrder: 'desc', receivedFrom: '2026-01-10', receivedTo: '2026-01-20', page: 2 }, keep: (r) => r.received_at >= '2026-01-10' && r.received_at < '2026-01-21', order: (a, b) => b.id - a.id },
  { input: { sortBy: 'dueDate', sortOrder: 'asc', page: 2 }, keep: () => true, order: (a, b) => cmp(a.due_date, b.due_date) || a.id - b.id },
  { input: { sortBy: 'dueDate', sortOrder: 'asc', page: 12 }, keep: () => true, order: (a, b) => cmp(a.due_date, b.due_date) || a.id - b.id },
  { input: { sortBy: 'dueDate', sortOrder: 'desc', channel: ['电话'] }, keep: (r) => r.channel === '电话', order: (a, b) => nullsLast(a, b) || cmp(b.due_date, a.due_date) || b.id - a.id },
  // Latest due dates first, then the cases without one: pages before, across and after the boundary.
  ...[9, 12, 13].map((page) => ({ input: { sortBy: 'dueDate', sortOrder: 'desc', page }, keep: () => true, order: (a: Row, b: Row) => nullsLast(a, b) || cmp(b.due_date, a.due_date) || b.id - a.id })),
  { input: { sortBy: 'dueDate', sortOrder: 'desc', dueState: ['overdue'], page: 2 }, keep: (r) => r.due_date !== null && r.due_date < '2026-03-02', order: (a, b) => cmp(b.due_date, a.due_date) || b.id - a.id },
  { input: { sortBy: 'registerNo', sortOrder: 'desc', dueState: ['overdue'] }, keep: (r) => r.due_date !== null && r.due_date < '2026-03-02', order: (a, b) => b.id - a.id },
  { input: { sortBy: 'dueDate', sortOrder: 'asc', dueState: ['overdue'], caseType: ['投诉'] }, keep: (r) => r.due_date !== null && r.due_date < '2026-03-02' && r.case_type === '投诉', order: (a, b) => cmp(a.due_date, b.due_date) || a.id - b.id },
  { input: { sortBy: 'receivedAt', sortOrder: 'desc', status: ['voided'], respondentDepartmentId: 1 }, keep: (r) => r.status === 'voided' && r.respondent_department_id === 1, order: (a, b) => cmp(b.received_at, a.received_at) || b.id - a.id },
  { input: { sortBy: 'registerNo', sortOrder: 'desc', search: '第 1', caseType: ['建议'] }, keep: () => false, order: () => 0 },
];

/** Every statement a list call runs against the cases (its estimates, count and ids), with its plan. */
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
        const plan = explain.all(...params.flat());
        plans.push(plan.map((p) => p.detail).join(' | '));
        return all(...params);
      };
    }
    return st;
  };
  return { plans, stop: () => void (db.prepare = original as unknown as typeof db.prepare) };
}

describe('register pages over many matches', () => {
  let o: Office;
  let all: Row[];
  beforeAll(async () => {
    o = await makeOffice('2026-03-02 10:00');
    const channels = ['电话', '来访', '信函'];
    for (let i = 0; i < 640; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = i % 2 === 0 ? '01' : '02';
      const c = must(await o.core.call('cases/register', phoneComplaint({
        receivedAt: `2026-${month}-${day} ${String(8 + (i % 9)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
        channel: channels[i % 3], caseType: i % 5 === 0 ? '建议' : '投诉', subject: `第 ${i} 件`,
      }), o.as.clerk));
      // Voided cases have no due date: the due-date orders must put them last.
      if (i % 8 === 3) must(await o.core.call('cases/void', { id: c.id, version: c.version, reason: '重复登记' }, o.as.clerk));
    }
    all = await o.core.db.selectFrom('cases').select(['id', 'received_at', 'channel', 'case_type', 'due_date', 'status', 'respondent_department_id']).execute();
  }, 60_000);
  afterEach(() => void Object.assign(REGISTER_TUNING, DEFAULT_TUNING));

  for (const [name, tuning] of Object.entries(TUNINGS)) {
    it(`are the same as sorting every match, for each order and filter: ${name}`, async () => {
      Object.assign(REGISTER_TUNING, tuning);
      for (const c of QUERIES) {
        const label = JSON.stringify(c.input);
        const page = must(await o.core.call('cases/list', { pageSize: 50, ...c.input }, o.as.supervisor));
        const expected = c.input.search ? await searched(c.input) : all.filter(c.keep).sort(c.order);
        const from = ((c.input.page as number | undefined ?? 1) - 1) * 50;
        expect(page.rows.map((r) => r.id), label).toEqual(expected.slice(from, from + 50).map((r) => r.id));
        expect(page.total, label).toBe(expected.length);
      }
    });
  }

  /** Full-text matches found the slow way: every case whose subject holds the term. */
  async function searched(input: Record<string, unknown>): Promise<Row[]> {
    const withSubject = await o.core.db.selectFrom('cases').select(['id', 'subject', 'case_type']).execute();
    const ids = new Set(withSubject.filter((r) => r.subject.includes(String(input.search)) && r.case_type === '建议').map((r) => r.id));
    return all.filter((r) => ids.has(r.id)).sort((a, b) => b.id - a.id);
  }

  it('finds phone numbers, whole or by their first digits, through the phone index', async () => {
    const watch = watchPlans(connectionOf(o.core.db));
    try {
      for (const search of ['13812345678', '138123']) {
        expect(must(await o.core.call('cases/list', { search }, o.as.supervisor)).total).toBe(all.length);
      }
      expect(must(await o.core.call('cases/list', { search: '13912345678' }, o.as.supervisor)).total).toBe(0);
    } finally {
      watch.stop();
    }
    const steps = watch.plans.flatMap((p) => p.split(' | ')).filter((s) => /complainants/.test(s));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(step).toMatch(/^SEARCH (complainants|p) USING (COVERING )?INDEX complainants_phone/);
  });

  it('finds a surname and a phone\'s last digits through their own indexes, and pages them like the register', async () => {
    const newestFirst = [...all].sort((a, b) => b.id - a.id).map((r) => r.id);
    const watch = watchPlans(connectionOf(o.core.db));
    try {
      for (const search of ['张', '5678', '345678']) {
        for (const page of [1, 3]) {
          const found = must(await o.core.call('cases/list', { search, page, pageSize: 50 }, o.as.supervisor));
          expect([found.total, found.totalIsExact], search).toEqual([all.length, true]);
          expect(found.rows.map((r) => r.id), search).toEqual(newestFirst.slice((page - 1) * 50, page * 50));
        }
      }
    } finally {
      watch.stop();
    }
    const steps = watch.plans.flatMap((p) => p.split(' | ')).filter((s) => /^(SCAN|SEARCH) (n|p)\b/.test(s));
    expect(steps.some((s) => /complainants_initial/.test(s))).toBe(true);
    expect(steps.some((s) => /complainants_phone_tail/.test(s))).toBe(true);
    for (const step of steps) expect(step).toMatch(/^SEARCH (n|p) USING (COVERING )?INDEX complainants_(initial|phone_tail|phone)\b/);
  });

  it('counts exactly when the register or a status filter is asked for, and says when counting stopped', async () => {
    Object.assign(REGISTER_TUNING, { countCap: 100 });
    const list = (input: object) => o.core.call('cases/list', { pageSize: 10, ...input }, o.as.supervisor).then(must);
    const count = (keep: (r: Row) => boolean) => all.filter(keep).length;
    expect(await list({})).toMatchObject({ total: all.length, totalIsExact: true });
    expect(await list({ status: ['voided', 'registered'] })).toMatchObject({ total: all.length, totalIsExact: true });
    expect(await list({ status: ['voided'] })).toMatchObject({ total: count((r) => r.status === 'voided'), totalIsExact: true });
    // Another filter is counted as far as the cap (or as far as a deep page needs): more match.
    const phone = await list({ channel: ['电话'] });
    expect(count((r) => r.channel === '电话')).toBeGreaterThan(100);
    expect([phone.total, phone.totalIsExact]).toEqual([100, false]);
    expect(phone.rows.map((r) => r.id)).toEqual(all.filter((r) => r.channel === '电话').sort((a, b) => b.id - a.id).slice(0, 10).map((r) => r.id));
    expect(await list({ channel: ['电话'], page: 30 })).toMatchObject({ total: count((r) => r.channel === '电话'), totalIsExact: true, rows: [] });
    expect(await list({ search: '张' })).toMatchObject({ total: 100, totalIsExact: false });
    expect(await list({ channel: ['信函'], status: ['voided'] })).toMatchObject({ total: count((r) => r.channel === '信函' && r.status === 'voided'), totalIsExact: true });
    // Combined filters cost a lookup per match: counted as far as their own cap (or a deep page) only.
    Object.assign(REGISTER_TUNING, { lookupCountCap: 20 });
    expect(count((r) => r.channel === '电话' && r.case_type === '投诉')).toBeGreaterThan(50);
    expect(await list({ channel: ['电话'], caseType: ['投诉'] })).toMatchObject({ total: 50, totalIsExact: false });
    expect(await list({ channel: ['电话'], caseType: ['投诉'], page: 20 })).toMatchObject({ total: count((r) => r.channel === '电话' && r.case_type === '投诉'), totalIsExact: true });
  });

  it('never reads the wide case rows to find a page: every plan stays in the indexes', async () => {
    const watch = watchPlans(connectionOf(o.core.db));
    try {
      for (const tuning of Object.values(TUNINGS)) {
        Object.assign(REGISTER_TUNING, tuning);
        for (const c of QUERIES) must(await o.core.call('cases/list', { pageSize: 50, ...c.input }, o.as.supervisor));
      }
    } finally {
      watch.stop();
    }
    expect(watch.plans.length).toBeGreaterThan(QUERIES.length * 2);
    for (const plan of watch.plans) {
      for (const step of plan.split(' | ').filter((s) => /^(SCAN|SEARCH) (c|d|cases)\b/.test(s))) {
        expect(step, plan).toMatch(/USING (COVERING INDEX|INTEGER PRIMARY KEY)/);
      }
    }
  });
});
