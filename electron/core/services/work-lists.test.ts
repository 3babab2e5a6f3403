import type BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectionOf } from '../../../db/open';
import type { CoreSession } from '../session';
import type { CaseDetail, Dashboard, WorkListSection } from '../types';
import { makeOffice, must, phoneComplaint, type Office } from '../testing';
import { groupsFor, WORK_LIST_LENGTH } from './work-lists';

/**
 * The 工作台 per role over a real register holding a case at every stage: who sees which lists, that each
 * list is exactly the register opened on its filter (count and first rows), masking as in the register,
 * and that every count and list is read from the indexes the register uses.
 */
interface Scene extends Office {
  /** a clerk who is staff member 李明: the handler of the cases assigned to him */
  handler: CoreSession;
  /** a clerk who neither recorded nor received anything */
  other: CoreSession;
  c: Record<string, CaseDetail>;
}

const SECRET = { name: '欧阳娜娜', phone: '13712345678' };

async function scene(): Promise<Scene> {
  const o = await makeOffice('2026-02-02 10:00'); // Monday
  const { core, as } = o;
  const user = async (username: string, staffId: number | null) => ({
    userId: (await core.db.insertInto('users')
      .values({ username, display_name: username, role: 'clerk', password_hash: 'x', staff_id: staffId, created_at: '2026-01-01 09:00:00' })
      .returning('id').executeTakeFirstOrThrow()).id,
  });
  const handler = await user('liming', o.staff.li);
  const other = await user('other', null);
  const reg = (subject: string, over: Parameters<typeof phoneComplaint>[0] = {}) =>
    core.call('cases/register', phoneComplaint({ receivedAt: o.clock.now.toISOString().slice(0, 10) + ' 09:00', subject, ...over }), as.clerk).then(must);
  const step = <C extends 'cases/accept' | 'cases/assign' | 'cases/recordFinding' | 'cases/review' | 'cases/reply' | 'cases/followUp'>(
    channel: C, c: CaseDetail, input: Record<string, unknown>,
  ) => core.call(channel, { id: c.id, version: c.version, ...input } as never, as.supervisor).then(must) as Promise<CaseDetail>;
  const assign = (c: CaseDetail, staff: number, severity = 'simple') =>
    step('cases/accept', c, {}).then((a) => step('cases/assign', a, { departmentId: staff === o.staff.zhou ? o.dept.window : o.dept.social, handlerStaffId: staff, severity }));
  const finding = (c: CaseDetail, handledOn: string) => step('cases/recordFinding', c, { finding: 'partly', handlingOpinion: '已核实', handledOn });

  const c: Record<string, CaseDetail> = {};
  // A month ago: waiting for acceptance, and one assigned to 李明, both long overdue now.
  c.lateRegistered = await reg('一月前登记未受理');
  c.lateHandling = await assign(await reg('一月前分办给李明'), o.staff.li);
  o.clock.set('2026-02-27 10:00'); // Friday; Saturday 02-28 is a make-up working day
  c.soonHandling = await assign(await reg('李明即将到期'), o.staff.li);
  o.clock.set('2026-03-02 10:00');
  const today = '2026-03-02';
  c.registered = await reg('今天登记待受理');
  c.accepted = await step('cases/accept', await reg('已受理待分办'), {});
  c.mine = await assign(await reg('分办给李明办理中'), o.staff.li);
  const back = await finding(await assign(await reg('复杂件退回重办'), o.staff.li, 'complex'), today);
  c.returned = await step('cases/review', back, { decision: 'return', comment: '证据不足，补充调查' });
  c.review = await finding(await assign(await reg('复杂件待审核'), o.staff.zhou, 'complex'), today);
  c.reply = await finding(await assign(await reg('保密件待答复', { isConfidential: true, complainants: [{ ...SECRET, idNumber: '', address: '', employer: '' }] }), o.staff.zhou), today);
  c.followUp = await step('cases/reply', await finding(await assign(await reg('已答复待回访'), o.staff.zhou), today), { method: 'phone', repliedOn: today, summary: '电话答复' });
  const replied = await step('cases/reply', await finding(await assign(await reg('回访不满意'), o.staff.zhou), today), { method: 'phone', repliedOn: today, summary: '电话答复' });
  c.unsatisfied = await step('cases/followUp', replied, { satisfaction: 'unsatisfied', followedUpOn: today });
  return { ...o, handler, other, c };
}

const sectionsOf = (d: Dashboard) => Object.fromEntries(d.groups.flatMap((g) => g.sections).map((s) => [s.key, s]));
const subjects = (s: WorkListSection) => s.cases.map((x) => x.subject);

describe('the work lists of each role', () => {
  let s: Scene;
  beforeAll(async () => {
    s = await scene();
  }, 60_000);
  const board = async (who: CoreSession) => must(await s.core.call('dashboard/get', {}, who));

  it('show a supervisor what waits for acceptance, assignment and review, the unsatisfied, and the office overdue and due soon', async () => {
    const d = await board(s.as.supervisor);
    expect([d.today, d.hasLists, d.groups.map((g) => g.role)]).toEqual(['2026-03-02', true, ['supervisor']]);
    const x = sectionsOf(d);
    expect(Object.keys(x)).toEqual(['awaitingAcceptance', 'awaitingAssignment', 'awaitingReview', 'unsatisfied', 'overdue', 'dueSoon']);
    expect(subjects(x.awaitingAcceptance)).toEqual(['一月前登记未受理', '今天登记待受理']);
    expect(subjects(x.awaitingAssignment)).toEqual(['已受理待分办']);
    expect(subjects(x.awaitingReview)).toEqual(['复杂件待审核']);
    expect(subjects(x.unsatisfied)).toEqual(['回访不满意']);
    expect(subjects(x.overdue)).toEqual(['一月前登记未受理', '一月前分办给李明']);
    expect(subjects(x.dueSoon)).toEqual(['李明即将到期']);
    expect(x.awaitingAcceptance.filter).toEqual({ status: ['registered'], sortBy: 'receivedAt', sortOrder: 'asc' });
    expect(x.overdue.filter).toEqual({ dueState: ['overdue'], sortBy: 'dueDate', sortOrder: 'asc' });
    expect(x.overdue.cases.every((c) => c.dueState === 'overdue')).toBe(true);
  });

  it('show a handler the cases in their hands, those sent back counted apart, and their own overdue and due soon', async () => {
    const d = await board(s.handler);
    expect(d.groups.map((g) => g.role)).toEqual(['handler', 'clerk']);
    const x = sectionsOf(d);
    expect(Object.keys(x)).toEqual(['myCases', 'myOverdue', 'myDueSoon', 'awaitingReply', 'awaitingFollowUp']);
    expect(new Set(subjects(x.myCases))).toEqual(new Set(['一月前分办给李明', '李明即将到期', '分办给李明办理中', '复杂件退回重办']));
    expect(x.myCases.count).toBe(4);
    expect(x.myCases.returned).toEqual({ count: 1, caseIds: [s.c.returned.id] });
    expect(x.myCases.filter).toEqual({ status: ['assigned'], handlerStaffId: s.staff.li, sortBy: 'dueDate', sortOrder: 'asc' });
    expect(subjects(x.myOverdue)).toEqual(['一月前分办给李明']);
    expect(subjects(x.myDueSoon)).toEqual(['李明即将到期']);
    // Another handler's cases are not theirs.
    expect(d.groups[0].sections.flatMap((g) => g.cases).every((c) => c.handlerStaff === '李明')).toBe(true);
  });

  it('show a clerk what waits for a reply and a follow-up call', async () => {
    const d = await board(s.as.clerk);
    expect(d.groups.map((g) => g.role)).toEqual(['clerk']);
    const x = sectionsOf(d);
    expect(Object.keys(x)).toEqual(['awaitingReply', 'awaitingFollowUp']);
    expect(subjects(x.awaitingReply)).toEqual(['保密件待答复']);
    expect(subjects(x.awaitingFollowUp)).toEqual(['已答复待回访']);
    expect(x.awaitingReply.filter).toEqual({ status: ['approved'], sortBy: 'dueDate', sortOrder: 'asc' });
  });

  it('give an auditor the whole office\'s counts and no case lists', async () => {
    const d = await board(s.as.auditor);
    expect([d.hasLists, d.groups.map((g) => g.role)]).toEqual([false, ['auditor']]);
    const counts = Object.fromEntries(d.groups[0].sections.map((x) => [x.key, x.count]));
    expect(counts).toEqual({
      awaitingAcceptance: 2, awaitingAssignment: 1, awaitingReview: 1, awaitingReply: 1, awaitingFollowUp: 1, unsatisfied: 1, overdue: 2, dueSoon: 1,
    });
    expect(d.groups[0].sections.every((x) => x.cases.length === 0)).toBe(true);
  });

  it('give a supervisor who is also a staff member the handler\'s lists after the office\'s', () => {
    expect(groupsFor({ role: 'supervisor', staffId: 3 })).toEqual(['supervisor', 'handler']);
    expect(groupsFor({ role: 'clerk', staffId: 3 })).toEqual(['handler', 'clerk']);
    expect(groupsFor({ role: 'auditor', staffId: null })).toEqual(['auditor']);
    expect(groupsFor({ role: 'admin', staffId: null })).toEqual([]);
  });

  it('are each exactly the register opened on its filter: the same count and the same first cases', async () => {
    for (const who of [s.as.supervisor, s.handler, s.as.clerk, s.as.auditor]) {
      const d = await board(who);
      for (const x of d.groups.flatMap((g) => g.sections)) {
        const page = must(await s.core.call('cases/list', { ...x.filter, pageSize: WORK_LIST_LENGTH }, who));
        expect({ key: x.key, count: x.count }).toEqual({ key: x.key, count: page.total });
        if (d.hasLists) expect({ key: x.key, ids: x.cases.map((c) => c.id) }).toEqual({ key: x.key, ids: page.rows.map((r) => r.id) });
      }
    }
  });

  it('list at most a few cases each, and count them all', async () => {
    for (let i = 0; i < WORK_LIST_LENGTH + 2; i++) must(await s.core.call('cases/register', phoneComplaint({ receivedAt: '2026-03-02 08:10', subject: `又一件 ${i}` }), s.as.clerk));
    const x = sectionsOf(await board(s.as.supervisor));
    expect([x.awaitingAcceptance.count, x.awaitingAcceptance.cases.length]).toEqual([WORK_LIST_LENGTH + 4, WORK_LIST_LENGTH]);
    expect(subjects(x.awaitingAcceptance).slice(0, 2)).toEqual(['一月前登记未受理', '又一件 0']);
  });

  it('mask a confidential complainant for a clerk who neither recorded nor received the case, as the register does', async () => {
    const listed = async (who: CoreSession) => JSON.stringify(sectionsOf(await board(who)).awaitingReply.cases);
    const recorder = await listed(s.as.clerk);
    expect(recorder).toContain(SECRET.name);
    expect(recorder).toContain(SECRET.phone);
    for (const masked of [await listed(s.other), await listed(s.handler)]) {
      expect(masked).not.toContain(SECRET.name);
      expect(masked).not.toContain('2345678');
      expect(masked).toContain('137****5678');
    }
    expect(JSON.stringify(await board(s.as.auditor))).not.toContain('137');
  });
});

/** Every statement a dashboard call runs against the case table, with its plan (as register-plans.test.ts watches the register). */
function watchPlans(raw: BetterSqlite3.Database): { plans: Array<{ sql: string; plan: string[] }>; stop: () => void } {
  const original = raw.prepare;
  const plans: Array<{ sql: string; plan: string[] }> = [];
  const db = raw as unknown as { prepare: (text: string) => BetterSqlite3.Statement };
  db.prepare = (text: string) => {
    const st = original.call(raw, text);
    if (/\bfrom "?cases"?\b/i.test(text)) {
      const all = st.all.bind(st) as (...params: unknown[]) => unknown[];
      (st as { all: unknown }).all = (...params: unknown[]) => {
        const explain = original.call(raw, `EXPLAIN QUERY PLAN ${text}`) as unknown as { all: (...p: unknown[]) => Array<{ detail: string }> };
        plans.push({ sql: text, plan: explain.all(...params.flat()).map((p) => p.detail) });
        return all(...params);
      };
    }
    return st;
  };
  return { plans, stop: () => void (db.prepare = original as unknown as typeof db.prepare) };
}

describe('the work lists at any register size', () => {
  it('count and list from the register\'s indexes, never scanning the cases', async () => {
    const s = await scene();
    const watch = watchPlans(connectionOf(s.core.db));
    try {
      for (const who of [s.as.supervisor, s.handler, s.as.clerk, s.as.auditor]) must(await s.core.call('dashboard/get', {}, who));
    } finally {
      watch.stop();
    }
    const counts = watch.plans.filter((p) => /^select count\(\*\)/i.test(p.sql));
    const lists = watch.plans.filter((p) => /^select c\.id/i.test(p.sql));
    expect(counts.length).toBeGreaterThanOrEqual(19);
    expect(lists.length).toBeGreaterThanOrEqual(11);
    for (const { sql, plan } of [...counts, ...lists]) {
      const label = `${sql}\n${plan.join('\n')}`;
      for (const step of plan.filter((p) => !/TEMP B-TREE/.test(p))) {
        // The 退回重办 count alone reads rows: only of the handler's cases in handling, found in the index.
        if (/review_comment/.test(sql)) expect(step, label).toBe('SEARCH c USING INDEX cases_status_filters (status=?)');
        else expect(step, label).toMatch(/^SEARCH [cd] USING COVERING INDEX (cases_status_filters \(status=\?\)|cases_due \(due_date[<>]\?( AND due_date<\?)?\)|cases_register \(id=\?\))$/);
      }
    }
    // Whatever else runs (the page's rows, the calendar's missing years) looks cases up by id or by its own index.
    for (const { sql, plan } of watch.plans) {
      for (const step of plan) expect(step, sql).not.toMatch(/^SCAN (c|d|cases)\b(?! USING COVERING INDEX cases_calendar_missing)/);
    }
  });
});
