import { CompiledQuery } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { monthTotalsSql } from '../../../../db/queries/statistics-totals';
import { addDays } from '../../domain/calendar';
import { periodOf } from '../../domain/statistics';
import type { ChannelInput } from '../../contract';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';
import type { CaseDetail, StatisticsTrend } from '../../types';
import { monthsEnding } from './trend';

/**
 * statistics/trend over a small register counted by hand: 2025-12 (outside the 12 months ending 2026-11),
 * 2026-01, 2026-10 and 2026-11 with cases; every month's counts equal statistics/get's for that month.
 */
let o: Office;
let trend: StatisticsTrend;

beforeAll(async () => {
  o = await makeOffice('2025-12-01 09:00');
  const { core, as } = o;
  const at = (t: string) => o.clock.set(t);
  const reg = async (receivedAt: string, over: Partial<ChannelInput<'cases/register'>> = {}) => {
    at(receivedAt);
    return must(await core.call('cases/register', phoneComplaint({ receivedAt, respondentDepartmentId: null, respondentStaff: '', ...over }), as.clerk));
  };
  const spot = (receivedAt: string) => reg(receivedAt, { caseType: '咨询', subject: '咨询办事材料', answeredOnSpot: { reply: '当场告知材料清单' } });
  let c: CaseDetail;
  const step = async (t: string, channel: string, input: Record<string, unknown>, session = as.supervisor) => {
    at(t);
    c = must(await core.call(channel as 'cases/accept', { id: c.id, version: c.version, ...input } as never, session)) as CaseDetail;
  };

  await spot('2025-12-31 23:59'); // outside the trend
  await spot('2026-01-05 09:00'); // Jan: registered 1, closed 1, on time 1
  await reg('2026-10-12 09:00'); // Oct: open
  c = await reg('2026-10-13 09:00');
  await step('2026-10-13 10:00', 'cases/void', { reason: '录入错误' }, as.clerk); // Oct: voided, not counted
  await spot('2026-10-31 23:59'); // Oct: closed on time
  c = await reg('2026-11-02 14:00');
  await step('2026-11-02 15:00', 'cases/accept', {});
  await step('2026-11-02 15:00', 'cases/assign', { departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' });
  await step('2026-11-20 09:00', 'cases/recordFinding', { finding: 'partly', handlingOpinion: '处理意见', handledOn: '2026-11-20' });
  await step('2026-11-20 10:00', 'cases/reply', { method: 'letter', repliedOn: '2026-11-20', summary: '书面答复' });
  await step('2026-11-20 11:00', 'cases/close', { note: '答复后办结' }); // Nov: closed late (due 11-17)
  await spot('2026-11-30 23:50'); // Nov: closed on time
  await reg('2026-12-01 00:00'); // after the trend
  at('2026-12-02 09:00');
  trend = must(await core.call('statistics/trend', { month: '2026-11' }, as.supervisor));
}, 60_000);

describe('statistics/trend', () => {
  it('lists the 12 months ending with the asked one, across a year end', () => {
    expect(monthsEnding('2026-11')).toEqual([
      '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11',
    ]);
    expect(monthsEnding('2026-12')[0]).toBe('2026-01');
    expect(trend.months.map((m) => m.month)).toEqual(monthsEnding('2026-11'));
    expect(trend.months[1].label).toBe('2026年1月');
  });

  it('counts each month as counted by hand, empty months as zeros with no rate', () => {
    const by = new Map(trend.months.map((m) => [m.month, m]));
    expect(by.get('2025-12')).toMatchObject({ registered: 1, closed: 1, closedOnTime: 1, onTimeRate: 1 });
    expect(by.get('2026-01')).toMatchObject({ registered: 1, closed: 1, closedOnTime: 1, onTimeRate: 1 });
    expect(by.get('2026-06')).toMatchObject({ registered: 0, closed: 0, closedOnTime: 0, onTimeRate: null });
    expect(by.get('2026-10')).toMatchObject({ registered: 2, closed: 1, closedOnTime: 1, onTimeRate: 1 });
    expect(by.get('2026-11')).toMatchObject({ registered: 2, closed: 2, closedOnTime: 1, onTimeRate: 0.5 });
  });

  it('gives each month the figures statistics/get gives for it', async () => {
    for (const m of trend.months) {
      const r = must(await o.core.call('statistics/get', { period: { kind: 'month', month: m.month } }, o.as.auditor));
      expect({ month: m.month, registered: r.registered, closed: r.closed, closedOnTime: r.closedOnTime, onTimeRate: r.onTimeRate })
        .toEqual({ month: m.month, registered: m.registered, closed: m.closed, closedOnTime: m.closedOnTime, onTimeRate: m.onTimeRate });
    }
  });

  it('reads the twelve months as one range of the kept totals, never the cases', async () => {
    const q = monthTotalsSql({ from: '2025-12-01', before: '2026-12-01' }).compile(o.core.db);
    const plan = await o.core.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${q.sql}`, [...q.parameters]));
    const details = plan.rows.map((r) => r.detail).join(' ');
    expect(details).toMatch(/SEARCH t USING PRIMARY KEY \(dim=\? AND day>\? AND day<\?\)/);
    expect(details).not.toMatch(/cases/);
  });

  it('is for supervisors, admins and auditors, and names the field of a bad month', async () => {
    const clerk = await o.core.call('statistics/trend', { month: '2026-11' }, o.as.clerk);
    expect(clerk.ok).toBe(false);
    expect(must(await o.core.call('statistics/trend', { month: '2026-11' }, o.as.admin)).months).toHaveLength(12);
    const bad = await o.core.call('statistics/trend', { month: '2026-13' }, o.as.supervisor);
    expect(bad.ok ? '' : bad.error.message).toContain('统计月份');
  });
});
