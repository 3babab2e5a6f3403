import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../contract';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';
import type { CaseDetail } from '../../types';

/**
 * Per staff member complained about (statistics.md, internal only), counted per person and not per spelling:
 * by the directory's staff id when the clerk picked one (shown under the directory's current name), else by the
 * typed name within the department, where a typed name of a directory member of that department is that member.
 * Hand-counted: 李明 of 社保服务科 picked twice (stored as 李明), renamed 李明明 in the directory, then typed as
 * 李明明 once: one person with 3 substantiated findings → 诫勉谈话. A 李明 typed against 综合窗口 is someone else (1).
 * 周敏's finding is 不属实 and counts nowhere.
 */
async function scene(o: Office) {
  const { core, as } = o;
  const sup = as.supervisor;
  const story = async (at: string, over: Partial<ChannelInput<'cases/register'>>, dept: 'social' | 'window', finding: string): Promise<CaseDetail> => {
    o.clock.set(at);
    let c = must(await core.call('cases/register', phoneComplaint({ receivedAt: at, respondentDepartmentId: o.dept[dept], ...over }), as.clerk));
    const step = async (channel: 'cases/accept' | 'cases/assign' | 'cases/recordFinding', input: Record<string, unknown>) => {
      c = must(await core.call(channel, { id: c.id, version: c.version, ...input } as never, sup)) as CaseDetail;
    };
    await step('cases/accept', {});
    await step('cases/assign', { departmentId: o.dept[dept], handlerStaffId: dept === 'social' ? o.staff.li : o.staff.zhou, severity: 'simple' });
    await step('cases/recordFinding', { finding, handlingOpinion: '核实处理', handledOn: at.slice(0, 10) });
    return c;
  };
  await story('2026-03-02 09:00', { respondentStaffId: o.staff.li, respondentStaff: '李明' }, 'social', 'substantiated');
  await story('2026-04-01 09:00', { respondentStaffId: o.staff.li }, 'social', 'partly');
  must(await core.call('staff/save', { id: o.staff.li, departmentId: o.dept.social, name: '李明明', title: '', active: true }, as.admin));
  await story('2026-05-06 09:00', { respondentStaff: '李明明' }, 'social', 'substantiated');
  await story('2026-05-07 09:00', { respondentStaff: '李明' }, 'window', 'substantiated');
  await story('2026-05-08 09:00', { respondentStaffId: o.staff.zhou }, 'window', 'unsubstantiated');
  o.clock.set('2026-06-02 09:00');
}

describe('per-staff substantiated counts by person', () => {
  it('counts a staff member picked twice and typed once as one person (3 → 诫勉谈话), under the directory name', async () => {
    const o = await makeOffice('2026-03-02 08:00');
    await scene(o);
    const report = must(await o.core.call('statistics/get', { period: { kind: 'month', month: '2026-05' } }, o.as.supervisor));
    expect(report.staffPeriod).toEqual({ from: '2026-01-01', to: '2026-05-31' });
    expect(report.staff).toEqual([
      { name: '李明明', department: '社保服务科', substantiated: 3, band: '诫勉谈话' },
      { name: '李明', department: '综合窗口', substantiated: 1, band: null },
    ]);
    // The public version and an auditor's report carry no per-staff table at all.
    const pub = must(await o.core.call('statistics/get', { period: { kind: 'month', month: '2026-05' }, public: true }, o.as.supervisor));
    expect(pub.staff).toBeUndefined();
    expect(JSON.stringify(pub)).not.toMatch(/李明|周敏/);
    const audit = must(await o.core.call('statistics/get', { period: { kind: 'month', month: '2026-05' } }, o.as.auditor));
    expect(audit.staff).toBeUndefined();
  });
});
