import { describe, expect, it } from 'vitest';
import { makeOffice, must, phoneComplaint } from '../../testing';

/**
 * Past a few hundred matches the register walks the sort order instead of sorting every match. Whatever
 * the plan, the page must be exactly what sorting all matches would give: checked here against a plain
 * JavaScript sort of the whole register.
 */
describe('register pages over many matches', () => {
  it('are the same as sorting every match, for each order and filter', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    const channels = ['电话', '来访', '信函'];
    for (let i = 0; i < 640; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = i % 2 === 0 ? '01' : '02';
      must(await o.core.call('cases/register', phoneComplaint({
        receivedAt: `2026-${month}-${day} ${String(8 + (i % 9)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
        channel: channels[i % 3], caseType: i % 5 === 0 ? '建议' : '投诉', subject: `第 ${i} 件`,
      }), o.as.clerk));
    }
    const all = await o.core.db.selectFrom('cases').select(['id', 'received_at', 'channel', 'case_type', 'due_date']).execute();
    const cmp = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
    const cases: Array<{ input: Record<string, unknown>; keep: (r: (typeof all)[number]) => boolean; order: (a: (typeof all)[number], b: (typeof all)[number]) => number }> = [
      { input: { sortBy: 'registerNo', sortOrder: 'desc', page: 3 }, keep: () => true, order: (a, b) => b.id - a.id },
      { input: { sortBy: 'registerNo', sortOrder: 'asc', channel: ['电话', '来访'], page: 2 }, keep: (r) => r.channel !== '信函', order: (a, b) => a.id - b.id },
      { input: { sortBy: 'receivedAt', sortOrder: 'desc', caseType: ['投诉'], page: 4 }, keep: (r) => r.case_type === '投诉', order: (a, b) => cmp(b.received_at, a.received_at) || b.id - a.id },
      { input: { sortBy: 'registerNo', sortOrder: 'asc', receivedFrom: '2026-02-01', receivedTo: '2026-02-28' }, keep: (r) => r.received_at >= '2026-02-01', order: (a, b) => a.id - b.id },
      { input: { sortBy: 'dueDate', sortOrder: 'asc', page: 2 }, keep: () => true, order: (a, b) => cmp(a.due_date, b.due_date) || a.id - b.id },
      { input: { sortBy: 'dueDate', sortOrder: 'desc', channel: ['电话'] }, keep: (r) => r.channel === '电话', order: (a, b) => (a.due_date === null ? 1 : 0) - (b.due_date === null ? 1 : 0) || cmp(b.due_date, a.due_date) || b.id - a.id },
      { input: { sortBy: 'registerNo', sortOrder: 'desc', dueState: ['overdue'] }, keep: (r) => r.due_date !== null && r.due_date < '2026-03-02', order: (a, b) => b.id - a.id },
    ];
    for (const c of cases) {
      const page = must(await o.core.call('cases/list', { pageSize: 50, ...c.input }, o.as.supervisor));
      const expected = all.filter(c.keep).sort(c.order);
      const from = ((c.input.page as number | undefined ?? 1) - 1) * 50;
      expect(page.rows.map((r) => r.id), JSON.stringify(c.input)).toEqual(expected.slice(from, from + 50).map((r) => r.id));
      expect(page.total, JSON.stringify(c.input)).toBe(expected.length);
    }
  });
});
