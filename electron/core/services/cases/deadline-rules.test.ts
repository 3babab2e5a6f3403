import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../types';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';

/** The clerk is the user linked to staff member 李明, so cases assigned to 李明 are theirs to handle. */
async function handlerOffice(start: string): Promise<Office> {
  const o = await makeOffice(start);
  await o.core.db.updateTable('users').set({ staff_id: o.staff.li }).where('id', '=', o.userIds.clerk).execute();
  return o;
}

async function assigned(o: Office, received = '2026-03-02 09:30', severity: 'simple' | 'complex' = 'simple'): Promise<CaseDetail> {
  const { core, as } = o;
  let c = must(await core.call('cases/register', phoneComplaint({ receivedAt: received }), as.clerk));
  c = must(await core.call('cases/accept', { id: c.id, version: c.version }, as.supervisor));
  return must(await core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity }, as.supervisor));
}

describe('a suspension cannot be back-dated to make a late case look on time (item 9)', () => {
  it('refuses a suspension date before the stage began, before the last recorded action, or in the future', async () => {
    const o = await handlerOffice('2026-03-02 10:00');
    const { core, as } = o;
    o.clock.set('2026-03-03 09:00');
    let c = await assigned(o); // assigned 03-03, handling due 03-06
    o.clock.set('2026-03-04 15:00');
    c = must(await core.call('cases/addNote', { id: c.id, version: c.version, notedOn: '2026-03-04', text: '电话联系诉求人' }, as.clerk));
    o.clock.set('2026-03-05 10:00');
    const toReceipt = await core.call('cases/suspend', { id: c.id, version: c.version, suspendedOn: '2026-03-02', material: '身份证复印件' }, as.clerk);
    expect(toReceipt).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'suspendedOn' } });
    const beforeNote = await core.call('cases/suspend', { id: c.id, version: c.version, suspendedOn: '2026-03-03', material: '身份证复印件' }, as.supervisor);
    expect(beforeNote).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'suspendedOn', message: expect.stringContaining('2026-03-04') } });
    const future = await core.call('cases/suspend', { id: c.id, version: c.version, suspendedOn: '2026-03-06', material: '身份证复印件' }, as.clerk);
    expect(future).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'suspendedOn' } });
    c = must(await core.call('cases/suspend', { id: c.id, version: c.version, suspendedOn: '2026-03-04', material: '身份证复印件' }, as.clerk));
    expect(c.status).toBe('suspended');
  });

  it('leaves the suspension of an overdue case to a supervisor, and does not offer it to the clerk', async () => {
    const o = await handlerOffice('2026-03-02 10:00');
    const { core, as } = o;
    o.clock.set('2026-03-03 09:00');
    let c = await assigned(o); // handling due 03-06
    o.clock.set('2026-03-10 09:00');
    c = must(await core.call('cases/get', { id: c.id }, as.clerk));
    expect(c.dueState).toBe('overdue');
    expect(c.allowedActions).not.toContain('suspend');
    const byClerk = await core.call('cases/suspend', { id: c.id, version: c.version, suspendedOn: '2026-03-10', material: '补充证明' }, as.clerk);
    expect(byClerk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('主管') } });
    expect(must(await core.call('cases/get', { id: c.id }, as.supervisor)).allowedActions).toContain('suspend');
    c = must(await core.call('cases/suspend', { id: c.id, version: c.version, suspendedOn: '2026-03-10', material: '补充证明' }, as.supervisor));
    expect(c.status).toBe('suspended');
  });
});

describe('an approved extension survives later steps (item 10)', () => {
  it('is kept when the case resumes the same day it was suspended', async () => {
    const o = await handlerOffice('2026-03-02 10:00');
    const { core, as } = o;
    let c = await assigned(o); // handling due 03-05, whole case 03-17
    c = must(await core.call('cases/extend', { id: c.id, version: c.version, newDue: '2026-03-20', reason: '需现场核查' }, as.supervisor));
    o.clock.set('2026-03-04 09:00');
    c = must(await core.call('cases/suspend', { id: c.id, version: c.version, suspendedOn: '2026-03-04', material: '身份证复印件' }, as.clerk));
    c = must(await core.call('cases/resume', { id: c.id, version: c.version, receivedOn: '2026-03-04' }, as.clerk));
    expect([c.stageDue, c.overallDue, c.dueDate, c.originalDue]).toEqual(['2026-03-20', '2026-03-20', '2026-03-20', '2026-03-17']);
  });

  it('moves on by the days the case was suspended, to a working day', async () => {
    const o = await handlerOffice('2026-03-02 10:00');
    const { core, as } = o;
    let c = await assigned(o);
    c = must(await core.call('cases/extend', { id: c.id, version: c.version, newDue: '2026-03-20', reason: '需现场核查' }, as.supervisor));
    o.clock.set('2026-03-04 09:00');
    c = must(await core.call('cases/suspend', { id: c.id, version: c.version, suspendedOn: '2026-03-04', material: '身份证复印件' }, as.clerk));
    o.clock.set('2026-03-05 09:00');
    c = must(await core.call('cases/resume', { id: c.id, version: c.version, receivedOn: '2026-03-05' }, as.clerk));
    // One day suspended: 03-20 + 1 = Saturday 03-21 → Monday 03-23 (the restarted stage, 03-10, is earlier).
    expect([c.stageDue, c.overallDue, c.dueDate]).toEqual(['2026-03-23', '2026-03-23', '2026-03-23']);
  });

  it('is kept when the received date is corrected', async () => {
    const o = await handlerOffice('2026-03-02 10:00');
    const { core, as } = o;
    let c = must(await core.call('cases/register', phoneComplaint(), as.clerk)); // accept by 03-05, whole case 03-17
    c = must(await core.call('cases/extend', { id: c.id, version: c.version, newDue: '2026-03-20', reason: '等待上级答复' }, as.supervisor));
    c = must(await core.call('cases/update', { ...phoneComplaint({ receivedAt: '2026-03-01 18:00' }), id: c.id, version: c.version }, as.clerk));
    // The original due date follows the corrected receipt (03-01 + 15 = 03-16); the approved 03-20 stays.
    expect([c.stageDue, c.overallDue, c.dueDate, c.originalDue]).toEqual(['2026-03-20', '2026-03-20', '2026-03-20', '2026-03-16']);
  });
});

describe('an extension ends on a working day, within a year (item 11)', () => {
  it('moves a rest day to the next working day and says so in the history', async () => {
    const o = await handlerOffice('2025-05-26 10:00');
    const { core, as } = o;
    let c = await assigned(o, '2025-05-26 09:30'); // handling due Thu 05-29
    c = must(await core.call('cases/extend', { id: c.id, version: c.version, newDue: '2025-05-31', reason: '需调取监控' }, as.supervisor));
    // Saturday 05-31 is in the 端午 holiday (05-31 – 06-02): the case is due Tuesday 06-03.
    expect([c.stageDue, c.dueDate]).toEqual(['2025-06-03', '2025-06-03']);
    expect(c.extensions).toEqual([expect.objectContaining({ newDue: '2025-06-03' })]);
    expect(c.timeline.at(-1)?.note).toContain('2025-05-31');
    o.clock.set('2025-06-03 10:00');
    expect(must(await core.call('cases/get', { id: c.id }, as.supervisor)).dueState).toBe('dueSoon');
  });

  it('refuses a date more than a year past the current due date', async () => {
    const o = await handlerOffice('2026-03-02 10:00');
    const { core, as } = o;
    const c = await assigned(o); // due 03-05
    expect(await core.call('cases/extend', { id: c.id, version: c.version, newDue: '9999-12-31', reason: '需现场核查' }, as.supervisor))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'newDue' } });
    for (const newDue of ['2099-12-31', '2027-03-08']) {
      const r = await core.call('cases/extend', { id: c.id, version: c.version, newDue, reason: '需现场核查' }, as.supervisor);
      expect(r, newDue).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'newDue', message: expect.stringContaining('2027-03-05') } });
    }
    expect(must(await core.call('cases/get', { id: c.id }, as.supervisor)).extensions).toEqual([]);
  });
});

describe('each round of a re-examined case keeps its due dates (item 12)', () => {
  it('exposes the first round\'s original and final due dates after 复查', async () => {
    const o = await handlerOffice('2026-03-02 10:00');
    const { core, as } = o;
    let c = await assigned(o);
    c = must(await core.call('cases/extend', { id: c.id, version: c.version, newDue: '2026-03-19', reason: '需现场核查' }, as.supervisor));
    c = must(await core.call('cases/recordFinding', { id: c.id, version: c.version, finding: 'unsubstantiated', handlingOpinion: '经查不属实', handledOn: '2026-03-02' }, as.clerk));
    c = must(await core.call('cases/reply', { id: c.id, version: c.version, method: 'phone', repliedOn: '2026-03-02', summary: '告知不属实' }, as.clerk));
    o.clock.set('2026-03-04 10:00');
    c = must(await core.call('cases/followUp', { id: c.id, version: c.version, satisfaction: 'unsatisfied', followedUpOn: '2026-03-04' }, as.clerk));
    c = must(await core.call('cases/reopen', { id: c.id, version: c.version, reason: '另派人员复查' }, as.supervisor));
    expect(c.rounds).toEqual([expect.objectContaining({ round: 1, originalDue: '2026-03-17', finalDue: '2026-03-19', repliedOn: '2026-03-02' })]);
    expect([c.round, c.originalDue, c.overallDue]).toEqual([2, '2026-03-19', '2026-03-19']);
  });
});

describe('only the handler or a supervisor records the finding (item 13)', () => {
  it('refuses another clerk and does not offer it to them', async () => {
    const o = await makeOffice('2026-03-02 10:00'); // the clerk is nobody's handler here
    const { core, as } = o;
    const c = await assigned(o);
    const mine = must(await core.call('cases/get', { id: c.id }, as.clerk));
    expect(mine.allowedActions).not.toContain('recordFinding');
    expect(mine.allowedActions).not.toContain('addNote');
    const finding = await core.call('cases/recordFinding', { id: c.id, version: c.version, finding: 'substantiated', handlingOpinion: '已整改', handledOn: '2026-03-02' }, as.clerk);
    expect(finding).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const note = await core.call('cases/addNote', { id: c.id, version: c.version, notedOn: '2026-03-02', text: '走访' }, as.clerk);
    expect(note).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bySupervisor = must(await core.call('cases/recordFinding', { id: c.id, version: c.version, finding: 'substantiated', handlingOpinion: '已整改', handledOn: '2026-03-02' }, as.supervisor));
    expect(bySupervisor.status).toBe('approved');
  });

  it('lets the clerk linked to the handler staff member do it', async () => {
    const o = await handlerOffice('2026-03-02 10:00');
    const c = await assigned(o);
    expect(must(await o.core.call('cases/get', { id: c.id }, o.as.clerk)).allowedActions).toEqual(expect.arrayContaining(['addNote', 'recordFinding']));
    const done = must(await o.core.call('cases/recordFinding', { id: c.id, version: c.version, finding: 'substantiated', handlingOpinion: '已整改', handledOn: '2026-03-02' }, o.as.clerk));
    expect(done.status).toBe('approved');
  });
});

describe('the header\'s current due date is the one the due state counts from (item 14)', () => {
  it('names the limit that applies, and gives none while the clock is stopped', async () => {
    const o = await handlerOffice('2026-03-02 10:00');
    const { core, as } = o;
    let c = must(await core.call('cases/register', phoneComplaint(), as.clerk));
    expect(c.currentDue).toEqual({ date: '2026-03-05', limit: 'accept' });
    c = must(await core.call('cases/accept', { id: c.id, version: c.version }, as.supervisor));
    expect(c.currentDue).toEqual({ date: '2026-03-17', limit: 'overall' });
    c = must(await core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, as.supervisor));
    expect(c.currentDue).toEqual({ date: '2026-03-05', limit: 'handle' });
    c = must(await core.call('cases/suspend', { id: c.id, version: c.version, suspendedOn: '2026-03-02', material: '材料' }, as.clerk));
    expect([c.currentDue, c.dueState]).toEqual([null, null]);
    const refused = must(await core.call('cases/register', phoneComplaint(), as.clerk));
    const r = must(await core.call('cases/refuse', { id: refused.id, version: refused.version, reason: '不属受理范围', referral: '法院' }, as.supervisor));
    expect(r.currentDue).toBeNull();
    const voided = must(await core.call('cases/register', phoneComplaint(), as.clerk));
    expect(must(await core.call('cases/void', { id: voided.id, version: voided.version, reason: '重复登记' }, as.clerk)).currentDue).toBeNull();
  });
});

describe('a refusal\'s error code comes from the rule, not the wording of its message (item 19)', () => {
  it('answers FORBIDDEN for a rule about who, INVALID_TRANSITION for one about when', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    const { core, as } = o;
    const c = await assigned(o);
    expect(await core.call('cases/recordFinding', { id: c.id, version: c.version, finding: 'partly', handlingOpinion: '意见', handledOn: '2026-03-02' }, as.clerk))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call('cases/reply', { id: c.id, version: c.version, method: 'phone', repliedOn: '2026-03-02', summary: '答复' }, as.clerk))
      .toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
  });
});

describe('an approved extension survives re-assignment and a calendar import (item 10)', () => {
  it('holds when the case is handed to another handler', async () => {
    const o = await handlerOffice('2026-03-02 10:00');
    const { core, as } = o;
    let c = await assigned(o);
    c = must(await core.call('cases/extend', { id: c.id, version: c.version, newDue: '2026-03-20', reason: '需现场核查' }, as.supervisor));
    c = must(await core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.window, handlerStaffId: o.staff.zhou, severity: 'simple' }, as.supervisor));
    expect([c.handlerStaff, c.stageDue, c.overallDue, c.dueDate]).toEqual(['周敏', '2026-03-20', '2026-03-20', '2026-03-20']);
  });

  it('holds when the due dates are recomputed after next year\'s calendar is imported', async () => {
    const o = await handlerOffice('2026-12-10 10:00');
    const { core, as } = o;
    let c = await assigned(o, '2026-12-10 09:30'); // handling due 12-15, whole case 12-25
    c = must(await core.call('cases/extend', { id: c.id, version: c.version, newDue: '2026-12-28', reason: '需多部门核查' }, as.supervisor));
    o.clock.set('2026-12-29 10:00');
    c = must(await core.call('cases/recordFinding', { id: c.id, version: c.version, finding: 'substantiated', handlingOpinion: '已整改', handledOn: '2026-12-29' }, as.clerk));
    // The reply's 3 working days run into 2027, which the calendar does not have yet.
    expect([c.calendarMissingYear, c.overallDue, c.dueDate]).toEqual([2027, '2026-12-28', '2026-12-28']);
    must(await core.call('calendar/importYear', { text: '2027-01-01,休,元旦\n2027-01-02,休,元旦\n2027-01-03,休,元旦' }, as.admin));
    c = must(await core.call('cases/get', { id: c.id }, as.supervisor));
    expect([c.calendarMissingYear, c.stageDue, c.overallDue, c.originalDue, c.dueDate]).toEqual([null, '2027-01-04', '2026-12-28', '2026-12-25', '2026-12-28']);
  });
});
