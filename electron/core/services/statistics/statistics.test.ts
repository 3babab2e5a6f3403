import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../contract';
import type { Satisfaction, Severity } from '../../domain/vocab';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';
import type { CaseDetail, StatisticsReport } from '../../types';

/**
 * The hand-counted fixture (issue 9): 37 cases built through the core with a controlled clock, over November
 * 2026 (the period), October 2026 (环比), November 2025 (同比), March and December 2026 (the per-staff year and
 * its end). Every figure below was counted by hand from the stories in `build`, written next to each case.
 * The report is read at 2026-12-02 01:30 in Shanghai, which is still 1 December in UTC: a case due on
 * 1 December is overdue for the office, and would not be for a machine reading "today" in UTC.
 */
const NOW_LOCAL = '2026-12-02 01:30';
const NOW_INSTANT = '2026-12-01T17:30:00.000Z';
const NOVEMBER = { kind: 'month', month: '2026-11' } as const;

type Story = { c: CaseDetail };

async function build(o: Office) {
  const { core, as } = o;
  const at = (t: string) => o.clock.set(t);
  const sup = as.supervisor;
  const step = async <C extends 'cases/accept' | 'cases/assign' | 'cases/recordFinding' | 'cases/review' | 'cases/reply' | 'cases/followUp' | 'cases/close' | 'cases/reopen' | 'cases/extend' | 'cases/suspend' | 'cases/resume' | 'cases/void' | 'cases/refuse'>(
    s: Story, t: string, channel: C, input: Record<string, unknown>, session = sup,
  ) => {
    at(t);
    s.c = must(await core.call(channel, { id: s.c.id, version: s.c.version, ...input } as never, session)) as CaseDetail;
  };
  const reg = async (receivedAt: string, over: Partial<ChannelInput<'cases/register'>> & { phone?: string } = {}): Promise<Story> => {
    at(receivedAt);
    const { phone, ...rest } = over;
    const input = phoneComplaint({
      receivedAt, respondentDepartmentId: null, respondentStaff: '',
      complainants: [{ name: '张三', phone: phone ?? '13812345678', idNumber: '', address: '', employer: '' }], ...rest,
    });
    return { c: must(await core.call('cases/register', input, as.clerk)) };
  };
  const day = (t: string) => t.slice(0, 10);
  const accept = (s: Story, t: string) => step(s, t, 'cases/accept', {});
  const assign = async (s: Story, t: string, dept: 'social' | 'window', severity: Severity = 'simple') => {
    if (s.c.status === 'registered') await accept(s, t);
    await step(s, t, 'cases/assign', { departmentId: o.dept[dept], handlerStaffId: dept === 'social' ? o.staff.li : o.staff.zhou, severity });
  };
  const finding = async (s: Story, t: string, f: string) => {
    await step(s, t, 'cases/recordFinding', { finding: f, handlingOpinion: '处理意见', handledOn: day(t) });
    if (s.c.status === 'pending_review') await step(s, t, 'cases/review', { decision: 'approve', comment: '' });
  };
  const reply = (s: Story, t: string) => step(s, t, 'cases/reply', { method: 'letter', repliedOn: day(t), summary: '书面答复' });
  const followUp = (s: Story, t: string, satisfaction: Satisfaction) => step(s, t, 'cases/followUp', { satisfaction, followedUpOn: day(t) });
  /** assigned → finding, reply, follow-up on the closing day (closed_at is that day), or closed without follow-up */
  const finish = async (s: Story, closeDay: string, f: string, sat: Satisfaction | null) => {
    await finding(s, `${closeDay} 09:00`, f);
    await reply(s, `${closeDay} 10:00`);
    if (sat) await followUp(s, `${closeDay} 11:00`, sat);
    else await step(s, `${closeDay} 11:00`, 'cases/close', { note: '答复后办结' });
  };
  const spot = (receivedAt: string, channel: string) =>
    reg(receivedAt, { channel, caseType: '咨询', subject: '咨询办事材料', answeredOnSpot: { reply: '当场告知材料清单' } });
  const social = o.dept.social;
  const window = o.dept.window;

  // ---- 2025-11 (同比)
  await spot('2025-11-03 09:00', '来访'); // y1
  const y2 = await reg('2025-11-04 09:00', { respondentDepartmentId: social, respondentStaff: '李明' });
  await assign(y2, '2025-11-04 10:00', 'social');
  await finish(y2, '2025-11-07', 'substantiated', 'satisfied'); // 3 working days, on time; 李明 but in 2025
  await reg('2025-11-05 09:00'); // y3: still 待受理, overdue

  // ---- 2026-03: 李明's first substantiated finding of the year
  const s1 = await reg('2026-03-02 09:00', { respondentDepartmentId: social, respondentStaff: '李明' });
  await assign(s1, '2026-03-02 10:00', 'social');
  await finish(s1, '2026-03-06', 'substantiated', 'satisfied');

  // ---- 2026-10 (环比)
  const o1 = await reg('2026-10-12 09:00', { respondentDepartmentId: social, respondentStaff: '李明', phone: '13900002222' });
  await assign(o1, '2026-10-12 10:00', 'social');
  await finish(o1, '2026-10-16', 'substantiated', 'satisfied'); // 4 days, on time; 李明 #2
  const o3 = await reg('2026-10-21 09:00', { channel: '信函' });
  await step(o3, '2026-10-21 10:00', 'cases/refuse', { reason: '不属于本单位职责', referral: '请向市场监管局反映' });
  const o4 = await reg('2026-10-22 09:00', { channel: '来访', respondentDepartmentId: window });
  await assign(o4, '2026-10-22 10:00', 'window');
  await finish(o4, '2026-11-13', 'unsubstantiated', 'basic'); // due 11-06: late; 16 days
  const o5 = await reg('2026-10-26 09:00');
  await step(o5, '2026-10-26 10:00', 'cases/void', { reason: '重复录入' }, as.clerk);
  await spot('2026-10-31 23:59', '来访'); // o2: the last minute of October

  // ---- 2026-11 (the period)
  await spot('2026-11-03 09:00', '来访'); // A1
  await spot('2026-11-10 09:30', '来访'); // A2
  await spot('2026-11-20 10:00', '电话'); // A3
  const b1 = await reg('2026-11-04 09:00', { channel: '信函', respondentDepartmentId: social });
  await step(b1, '2026-11-04 10:00', 'cases/refuse', { reason: '不属于本单位职责', referral: '请向人社局反映' });
  const b2 = await reg('2026-11-12 11:00', { channel: '电话' });
  await step(b2, '2026-11-12 12:00', 'cases/refuse', { reason: '不属于本单位职责', referral: '请向人社局反映' });
  const c1 = await reg('2026-11-05 09:00');
  await step(c1, '2026-11-05 09:10', 'cases/void', { reason: '录入错误' }, as.clerk);
  const c2 = await reg('2026-11-16 09:00', { respondentStaff: '李明' });
  await accept(c2, '2026-11-16 10:00');
  await step(c2, '2026-11-16 11:00', 'cases/void', { reason: '与他案重复录入' });
  await reg('2026-11-27 09:00', { channel: '电话' }); // D1: accept due 12-02 = today, not overdue
  await reg('2026-11-25 09:00', { channel: '微信' }); // D2: accept due 11-30, overdue
  const e1 = await reg('2026-11-02 09:00', { respondentDepartmentId: social, respondentStaff: '李明', phone: '13900001111' });
  await assign(e1, '2026-11-02 10:00', 'social');
  await finish(e1, '2026-11-06', 'substantiated', 'satisfied'); // 4 days; 李明 #3
  const e2 = await reg('2026-11-02 10:00', { channel: '来访', respondentDepartmentId: window });
  await assign(e2, '2026-11-02 11:00', 'window');
  await finish(e2, '2026-11-09', 'unsubstantiated', 'basic'); // 5
  const e3 = await reg('2026-11-09 09:00', { channel: '信函', respondentDepartmentId: social });
  await assign(e3, '2026-11-09 10:00', 'social', 'complex');
  await finish(e3, '2026-11-20', 'partly', 'satisfied'); // 9
  const e4 = await reg('2026-11-10 10:00', { caseType: '建议', phone: '13900001111' });
  await assign(e4, '2026-11-10 11:00', 'window');
  await finish(e4, '2026-11-13', 'unverifiable', 'satisfied'); // 3
  const e5 = await reg('2026-11-11 09:00', { respondentDepartmentId: window, respondentStaff: '周敏' });
  await assign(e5, '2026-11-11 10:00', 'social');
  await finding(e5, '2026-11-18 09:00', 'substantiated'); // 周敏 #1
  await reply(e5, '2026-11-18 10:00');
  await followUp(e5, '2026-11-18 11:00', 'unsatisfied');
  await step(e5, '2026-11-19 09:00', 'cases/close', { note: '经解释仍不满意，予以办结' }); // 6
  const f1 = await reg('2026-11-02 14:00', { channel: '来访', respondentDepartmentId: social });
  await assign(f1, '2026-11-02 15:00', 'social');
  await finish(f1, '2026-11-20', 'partly', 'satisfied'); // due 11-17: late; 14
  const f2 = await reg('2026-11-03 09:00', { channel: '信函', respondentDepartmentId: window, respondentStaff: '周敏' });
  await assign(f2, '2026-11-03 10:00', 'window');
  await finish(f2, '2026-11-25', 'unsubstantiated', null); // due 11-18: late, no follow-up; 16
  const g1 = await reg('2026-11-04 10:00', { respondentDepartmentId: window, respondentStaff: '周敏' });
  await assign(g1, '2026-11-04 11:00', 'social', 'complex');
  await step(g1, '2026-11-16 09:00', 'cases/extend', { newDue: '2026-11-30', reason: '需调取外单位材料' });
  await finish(g1, '2026-11-27', 'substantiated', 'basic'); // extended to 11-30: on time; 17; 周敏 #2
  const h1 = await reg('2026-11-05 10:00', { channel: '来访' });
  await assign(h1, '2026-11-05 11:00', 'window');
  await step(h1, '2026-11-06 09:00', 'cases/suspend', { suspendedOn: '2026-11-06', material: '缴费凭证' });
  await step(h1, '2026-11-12 09:00', 'cases/resume', { receivedOn: '2026-11-12' });
  await finish(h1, '2026-11-17', 'unsubstantiated', 'satisfied'); // 8
  const h2 = await reg('2026-11-18 09:00', { caseType: '求助', respondentDepartmentId: social });
  await assign(h2, '2026-11-18 10:00', 'social');
  await step(h2, '2026-11-19 09:00', 'cases/suspend', { suspendedOn: '2026-11-19', material: '身份证明' }); // still suspended
  const i1 = await reg('2026-11-06 09:00', { respondentDepartmentId: social, respondentStaff: '王强' });
  await assign(i1, '2026-11-06 10:00', 'social');
  await finding(i1, '2026-11-12 09:00', 'partly');
  await reply(i1, '2026-11-12 10:00');
  await followUp(i1, '2026-11-12 11:00', 'unsatisfied');
  await step(i1, '2026-11-13 09:00', 'cases/reopen', { reason: '诉求人不满意，复查' });
  await finish(i1, '2026-11-19', 'substantiated', 'satisfied'); // round 2 due 11-30: on time; 9; 王强 #1
  const i2 = await reg('2026-11-09 11:00', { channel: '来访', respondentDepartmentId: window });
  await assign(i2, '2026-11-09 12:00', 'window');
  await finding(i2, '2026-11-13 09:00', 'unsubstantiated');
  await reply(i2, '2026-11-13 10:00');
  await followUp(i2, '2026-11-13 11:00', 'unsatisfied');
  await step(i2, '2026-11-16 09:00', 'cases/reopen', { reason: '复查' }); // round 2 due 11-19: overdue
  const j1 = await reg('2026-11-12 09:00', { respondentDepartmentId: social, phone: '13900002222' });
  await assign(j1, '2026-11-12 10:00', 'social'); // due 11-17: overdue
  const j2 = await reg('2026-11-26 09:00', { respondentDepartmentId: social });
  await assign(j2, '2026-11-26 10:00', 'social'); // due 12-01: overdue in Shanghai on 12-02
  const j3 = await reg('2026-11-30 23:50', { channel: '来访' });
  await assign(j3, '2026-11-30 23:55', 'window', 'complex'); // due 12-14; the last minutes of November
  const j4 = await reg('2026-11-23 09:00', { channel: '信函', respondentDepartmentId: window });
  await assign(j4, '2026-11-23 10:00', 'window', 'complex');
  await step(j4, '2026-11-27 09:00', 'cases/recordFinding', { finding: 'partly', handlingOpinion: '初步意见', handledOn: '2026-11-27' }); // 待审核
  const k1 = await reg('2026-11-16 10:00', { respondentDepartmentId: social, phone: '13900001111' });
  await assign(k1, '2026-11-16 11:00', 'social');
  await finding(k1, '2026-11-19 09:00', 'substantiated');
  await reply(k1, '2026-11-20 09:00'); // 待回访
  const l1 = await reg('2026-11-24 09:00', { channel: '网站留言', caseType: '建议' });
  await accept(l1, '2026-11-24 10:00'); // 待分办

  // Repeats: E4 of E1 (same phone), J1 of O1 (October); K1 linked to E1 and unlinked again.
  at('2026-11-28 09:00');
  for (const [later, earlier] of [[e4, e1], [j1, o1], [k1, e1]] as const) {
    later.c = must(await core.call('cases/linkRepeat', { id: later.c.id, version: later.c.version, repeatOfId: earlier.c.id }, as.clerk));
  }
  k1.c = must(await core.call('cases/unlinkRepeat', { id: k1.c.id, version: k1.c.version, reason: '并非同一诉求' }, sup));

  // ---- 2026-12-01 00:00: after the period; 李明 once more, not counted for November
  const d1 = await reg('2026-12-01 00:00', { respondentDepartmentId: social, respondentStaff: '李明' });
  await assign(d1, '2026-12-01 09:00', 'social');
  await finding(d1, '2026-12-01 10:00', 'substantiated');

  at(NOW_LOCAL);
  return { e1, e4, j1, k1, o1 };
}

const ZERO = {
  registered: 0, voided: 0, answeredOnSpot: 0, accepted: 0, refused: 0, awaitingAcceptance: 0, closed: 0, closedOnTime: 0, closedLate: 0,
  overdueOpen: 0, extended: 0, suspended: 0, reopened: 0, repeat: 0, followedUp: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0,
};

/** November 2026, counted by hand (the comments in `build`). */
const NOVEMBER_FIGURES = {
  registered: 25, voided: 2, answeredOnSpot: 3, accepted: 21, refused: 2, awaitingAcceptance: 2, closed: 13, closedOnTime: 11, closedLate: 2,
  overdueOpen: 4, extended: 1, suspended: 2, reopened: 2, repeat: 2, followedUp: 9, satisfied: 6, basicallySatisfied: 2, unsatisfied: 1,
  acceptanceRate: 21 / 25, closureRate: 13 / 21, onTimeRate: 11 / 13, followUpRate: 9 / 13, satisfactionRate: 8 / 9, strictSatisfactionRate: 6 / 9,
  // 3, 4, 5, 6, 8, 9, 9, 14, 16, 17: sum 91
  handlingWorkingDays: { mean: 9.1, median: 8.5 },
};
const OCTOBER_FIGURES = {
  ...ZERO, registered: 4, voided: 1, answeredOnSpot: 1, accepted: 3, refused: 1, closed: 3, closedOnTime: 2, closedLate: 1, followedUp: 2, satisfied: 1, basicallySatisfied: 1,
  acceptanceRate: 3 / 4, closureRate: 1, onTimeRate: 2 / 3, followUpRate: 2 / 3, satisfactionRate: 1, strictSatisfactionRate: 1 / 2,
  handlingWorkingDays: { mean: 10, median: 10 },
};
const NOVEMBER_2025_FIGURES = {
  ...ZERO, registered: 3, answeredOnSpot: 1, accepted: 2, awaitingAcceptance: 1, closed: 2, closedOnTime: 2, overdueOpen: 1, followedUp: 1, satisfied: 1,
  acceptanceRate: 2 / 3, closureRate: 1, onTimeRate: 1, followUpRate: 1 / 2, satisfactionRate: 1, strictSatisfactionRate: 1,
  handlingWorkingDays: { mean: 3, median: 3 },
};

const figuresOf = (r: Record<string, unknown>) => Object.fromEntries(Object.keys(NOVEMBER_FIGURES).map((k) => [k, r[k]]));
const close = (actual: Record<string, unknown>, expected: Record<string, unknown>) => {
  for (const [k, v] of Object.entries(expected)) {
    if (typeof v === 'number' && !Number.isInteger(v)) expect(actual[k], k).toBeCloseTo(v, 12);
    else expect(actual[k], k).toEqual(v);
  }
};

let o: Office;
let report: StatisticsReport;
let stories: Awaited<ReturnType<typeof build>>;

beforeAll(async () => {
  o = await makeOffice('2025-11-01 09:00');
  stories = await build(o);
  report = must(await o.core.call('statistics/get', { period: NOVEMBER }, o.as.supervisor));
}, 120_000);

describe('statistics/get over the hand-counted fixture', () => {
  it('gives every top-level figure of November as counted by hand', () => {
    close(report as unknown as Record<string, unknown>, NOVEMBER_FIGURES);
    expect(report.period).toEqual({ kind: 'month', from: '2026-11-01', to: '2026-11-30', label: '2026年11月' });
    expect(report.asOf).toBe('2026-12-02 01:30:00');
    expect(report.timeZone).toBe('Asia/Shanghai');
    expect(report.warnings).toEqual([]);
  });

  it('gives 环比 (October) and 同比 (November 2025)', () => {
    expect(report.previous.period).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
    close(report.previous as unknown as Record<string, unknown>, OCTOBER_FIGURES);
    expect(report.yearAgo.period).toMatchObject({ from: '2025-11-01', to: '2025-11-30' });
    close(report.yearAgo as unknown as Record<string, unknown>, NOVEMBER_2025_FIGURES);
  });

  it('breaks the cohort down by type, channel, department complained about, severity, finding and status', () => {
    expect(report.byType).toEqual({ 投诉: 19, 咨询: 3, 建议: 2, 求助: 1 });
    expect(report.byChannel).toEqual({ 电话: 12, 来访: 7, 信函: 4, 微信: 1, 网站留言: 1 });
    expect(report.byRespondentDepartment).toEqual({ 未指定: 10, 社保服务科: 9, 综合窗口: 6 });
    expect(report.bySeverity).toEqual({ 一般: 13, 复杂: 4 });
    expect(report.byFinding).toEqual({ 属实: 5, 部分属实: 3, 不属实: 3, 无法核实: 1 });
    expect(report.byStatus).toEqual({ 已办结: 13, 办理中: 4, 待受理: 2, 不予受理: 2, '中止(待补正)': 1, 待审核: 1, 待回访: 1, 待分办: 1 });
    // Key order is the largest first.
    expect(Object.keys(report.byChannel)).toEqual(['电话', '来访', '信函', '微信', '网站留言']);
  });

  it('ranks the handling departments by on-time rate, with a 合计 row', () => {
    expect(report.departments).toEqual([
      { departmentId: o.dept.social, name: '社保服务科', rank: 1, assigned: 10, closed: 6, closedOnTime: 5, onTimeRate: 5 / 6, overdueOpen: 2, followedUp: 6, satisfactionRate: 5 / 6, unsatisfied: 1 },
      { departmentId: o.dept.window, name: '综合窗口', rank: 2, assigned: 7, closed: 4, closedOnTime: 3, onTimeRate: 3 / 4, overdueOpen: 1, followedUp: 3, satisfactionRate: 1, unsatisfied: 0 },
      { departmentId: null, name: '合计', rank: null, assigned: 17, closed: 10, closedOnTime: 8, onTimeRate: 0.8, overdueOpen: 3, followedUp: 9, satisfactionRate: 8 / 9, unsatisfied: 1 },
    ]);
  });

  it('counts substantiated findings per staff member from 1 January to the period end, with the band', () => {
    expect(report.staffPeriod).toEqual({ from: '2026-01-01', to: '2026-11-30' });
    expect(report.staff).toEqual([
      { name: '李明', department: '社保服务科', substantiated: 3, band: '诫勉谈话' },
      { name: '周敏', department: '综合窗口', substantiated: 2, band: '批评教育' },
      { name: '王强', department: '社保服务科', substantiated: 1, band: null },
    ]);
  });

  it('lists the overdue open cases (no complainant) and the repeats', () => {
    const no = (s: { c: CaseDetail }) => s.c.registerNo;
    expect(report.overdueList!.total).toBe(4);
    expect(report.overdueList!.rows.map((r) => [r.registerNo === no(stories.j1), r.handlingDepartment, r.dueDate, r.daysOverdue])).toEqual([
      [true, '社保服务科', '2026-11-17', 15],
      [false, '综合窗口', '2026-11-19', 13],
      [false, '', '2026-11-30', 2],
      [false, '社保服务科', '2026-12-01', 1],
    ]);
    expect(JSON.stringify(report.overdueList)).not.toMatch(/张三|138/);
    expect(report.repeats).toEqual({
      total: 2,
      rows: [
        expect.objectContaining({ registerNo: no(stories.e4), repeatOfRegisterNo: no(stories.e1), caseType: '建议', status: 'closed' }),
        expect.objectContaining({ registerNo: no(stories.j1), repeatOfRegisterNo: no(stories.o1), status: 'assigned' }),
      ],
    });
  });

  it('leaves the staff table out for auditors, and gives the public version without personal data, small cells as <3', async () => {
    const auditor = must(await o.core.call('statistics/get', { period: NOVEMBER }, o.as.auditor));
    expect(auditor.staff).toBeUndefined();
    close(auditor as unknown as Record<string, unknown>, NOVEMBER_FIGURES);
    const pub = must(await o.core.call('statistics/get', { period: NOVEMBER, public: true }, o.as.supervisor));
    expect(pub.public).toBe(true);
    close(pub as unknown as Record<string, unknown>, NOVEMBER_FIGURES);
    expect(pub.staff).toBeUndefined();
    expect(pub.overdueList).toBeUndefined();
    expect(pub.repeats).toBeUndefined();
    expect(pub.byType).toEqual({ 投诉: 19, 咨询: 3, 建议: '<3', 求助: '<3' });
    expect(pub.byChannel).toEqual({ 电话: 12, 来访: 7, 信函: 4, 微信: '<3', 网站留言: '<3' });
    expect(pub.departments[0]).toMatchObject({ name: '社保服务科', assigned: 10, overdueOpen: '<3', unsatisfied: '<3' });
    expect(pub.departments[1]).toMatchObject({ name: '综合窗口', overdueOpen: '<3', unsatisfied: 0 });
    const text = JSON.stringify(pub);
    for (const secret of ['李明', '周敏', '王强', '张三', '13812345678', '13900001111', '社保窗口工作人员态度生硬']) expect(text).not.toContain(secret);
  });

  it('gives an empty period zeros, rates and times as null, and only the 合计 row', async () => {
    const empty = must(await o.core.call('statistics/get', { period: { kind: 'month', month: '2026-07' } }, o.as.supervisor));
    close(empty as unknown as Record<string, unknown>, {
      ...ZERO, acceptanceRate: null, closureRate: null, onTimeRate: null, followUpRate: null, satisfactionRate: null, strictSatisfactionRate: null,
      handlingWorkingDays: { mean: null, median: null },
    });
    expect(empty.byType).toEqual({});
    expect(empty.departments).toEqual([
      { departmentId: null, name: '合计', rank: null, assigned: 0, closed: 0, closedOnTime: 0, onTimeRate: null, overdueOpen: 0, followedUp: 0, satisfactionRate: null, unsatisfied: 0 },
    ]);
    // The staff table still covers the year to July: 李明's March finding.
    expect(empty.staff).toEqual([{ name: '李明', department: '社保服务科', substantiated: 1, band: null }]);
  });

  it('reads quarters, years and custom ranges with their own 环比', async () => {
    const q = must(await o.core.call('statistics/get', { period: { kind: 'quarter', quarter: '2026-Q4' } }, o.as.supervisor));
    // October 4 + November 25 + the one of 1 December registered; 1 + 2 voided.
    expect([q.registered, q.voided, q.previous.period.from, q.yearAgo.period.from]).toEqual([25 + 4 + 1, 3, '2026-07-01', '2025-10-01']);
    const custom = must(await o.core.call('statistics/get', { period: { kind: 'custom', from: '2026-10-31', to: '2026-11-01' } }, o.as.supervisor));
    // Only the spot answer of 10-31 23:59 falls in these two days.
    expect([custom.registered, custom.answeredOnSpot, custom.previous.period]).toEqual([1, 1, { kind: 'custom', from: '2026-10-29', to: '2026-10-30', label: '2026-10-29 至 2026-10-30' }]);
    const bad = await o.core.call('statistics/get', { period: { kind: 'custom', from: '2026-11-02', to: '2026-11-01' } }, o.as.supervisor);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const clerk = await o.core.call('statistics/get', { period: NOVEMBER }, o.as.clerk);
    expect(clerk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('gives the same figures in a process running in UTC and one in Asia/Shanghai (the office zone decides "today")', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stats-tz-'));
    try {
      await sql.raw(`VACUUM INTO '${path.join(dir, 'register.sqlite').replace(/'/g, "''")}'`).execute(o.core.db);
      expect(o.clock.now.toISOString()).toBe(NOW_INSTANT);
      const tsx = path.resolve(__dirname, '../../../../node_modules/.bin/tsx');
      const child = path.resolve(__dirname, 'tz-child.ts');
      const run = async (tz: string) => {
        const { stdout } = await promisify(execFile)(tsx, [child, dir, NOW_INSTANT, String(o.userIds.supervisor), JSON.stringify(NOVEMBER)], {
          env: { ...process.env, TZ: tz }, timeout: 60_000,
        });
        return JSON.parse(stdout) as { zone: string; offsetMinutes: number; result: { ok: true; value: StatisticsReport } };
      };
      const [utc, shanghai] = await Promise.all([run('UTC'), run('Asia/Shanghai')]);
      // The zone really differs between the two processes.
      expect([utc.zone, utc.offsetMinutes]).toEqual(['UTC', 0]);
      expect([shanghai.zone, shanghai.offsetMinutes]).toEqual(['Asia/Shanghai', -480]);
      expect(utc.result.ok && shanghai.result.ok).toBe(true);
      expect(utc.result.value).toEqual(shanghai.result.value);
      expect(shanghai.result.value).toEqual(report);
      // 1 December is still "today" in UTC: J2, due that day, counts as overdue only because the office's zone is read.
      expect(utc.result.value.overdueOpen).toBe(4);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('repeat complaints', () => {
  it('shows the link both ways on cases/get and on the timeline, and unlinking needs a reason', async () => {
    const e1 = must(await o.core.call('cases/get', { id: stories.e1.c.id }, o.as.supervisor));
    expect(e1.repeatOf).toBeNull();
    expect(e1.repeats!.map((r) => r.registerNo)).toEqual([stories.e4.c.registerNo]);
    const e4 = must(await o.core.call('cases/get', { id: stories.e4.c.id }, o.as.auditor));
    expect(e4.repeatOf).toMatchObject({ caseId: stories.e1.c.id, registerNo: stories.e1.c.registerNo, linkedBy: '王芳' });
    expect(e4.timeline.at(-1)).toMatchObject({ action: 'repeatLinked', actionLabel: '标记为重复件' });
    const k1 = must(await o.core.call('cases/get', { id: stories.k1.c.id }, o.as.supervisor));
    expect(k1.repeatOf).toBeNull();
    expect(k1.timeline.slice(-2).map((t) => [t.action, t.actionLabel])).toEqual([['repeatLinked', '标记为重复件'], ['repeatUnlinked', '取消重复件标记']]);
    expect(k1.timeline.at(-1)!.note).toMatch(/并非同一诉求/);
    const noReason = await o.core.call('cases/unlinkRepeat', { id: e4.id, version: e4.version, reason: '' }, o.as.supervisor);
    expect(noReason).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } });
  });

  it('refuses a link to a later case, to itself, a second link, a stale version, and the auditor', async () => {
    const e1 = must(await o.core.call('cases/get', { id: stories.e1.c.id }, o.as.supervisor));
    const e4 = must(await o.core.call('cases/get', { id: stories.e4.c.id }, o.as.supervisor));
    const later = await o.core.call('cases/linkRepeat', { id: e1.id, version: e1.version, repeatOfId: e4.id }, o.as.supervisor);
    expect(later).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'repeatOfId' } });
    const self = await o.core.call('cases/linkRepeat', { id: e1.id, version: e1.version, repeatOfId: e1.id }, o.as.supervisor);
    expect(self).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'repeatOfId' } });
    const twice = await o.core.call('cases/linkRepeat', { id: e4.id, version: e4.version, repeatOfId: stories.o1.c.id }, o.as.supervisor);
    expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const stale = await o.core.call('cases/unlinkRepeat', { id: e4.id, version: e4.version - 1, reason: '误标' }, o.as.supervisor);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'version' } });
    const auditor = await o.core.call('cases/linkRepeat', { id: e4.id, version: e4.version, repeatOfId: e1.id }, o.as.auditor);
    expect(auditor).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it("lists earlier cases of a phone or ID number from the last 12 months, never a confidential case the clerk may not see", async () => {
    const found = must(await o.core.call('cases/repeatCandidates', { phone: '13900001111', before: '2026-11-30' }, o.as.clerk));
    expect(found.map((c) => c.registerNo)).toEqual([stories.k1.c.registerNo, stories.e4.c.registerNo, stories.e1.c.registerNo]);
    expect(found[0]).toMatchObject({ matchedBy: ['phone'], complainantName: '张三' });
    // Before E4 was received only E1 is earlier; more than 12 months back nothing.
    expect(must(await o.core.call('cases/repeatCandidates', { phone: '13900001111', before: '2026-11-10 09:00' }, o.as.clerk)).map((c) => c.registerNo))
      .toEqual([stories.e1.c.registerNo]);
    expect(must(await o.core.call('cases/repeatCandidates', { phone: '13900001111', before: '2027-11-17' }, o.as.clerk))).toEqual([]);
    // A confidential case recorded by someone else: the supervisor finds it, another clerk does not.
    o.clock.set('2026-12-02 09:00');
    const secret = must(await o.core.call('cases/register', phoneComplaint({
      receivedAt: '2026-12-02 08:30', isConfidential: true,
      complainants: [{ name: '孙丽', phone: '13700007777', idNumber: '110101199003077774', address: '', employer: '' }],
    }), o.as.supervisor));
    const bySupervisor = must(await o.core.call('cases/repeatCandidates', { idNumber: '110101199003077774' }, o.as.supervisor));
    expect(bySupervisor).toEqual([expect.objectContaining({ id: secret.id, matchedBy: ['idNumber'], complainantName: '孙丽' })]);
    expect(must(await o.core.call('cases/repeatCandidates', { phone: '13700007777' }, o.as.clerk))).toEqual([]);
    const none = await o.core.call('cases/repeatCandidates', {}, o.as.clerk);
    expect(none).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
