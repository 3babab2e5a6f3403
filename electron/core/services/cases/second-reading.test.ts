import { describe, expect, it } from 'vitest';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';

/**
 * Holes a second reading of the issue-6 fixes found: dates a clerk could still move to make a late case
 * look on time, an extension entered while the due date was unknown, and a correction that changed nothing
 * but still wrote history.
 */
async function handlerOffice(start: string): Promise<Office> {
  const o = await makeOffice(start);
  await o.core.db.updateTable('users').set({ staff_id: o.staff.li }).where('id', '=', o.userIds.clerk).execute();
  return o;
}

const historyCount = async (o: Office) => Number((await o.core.db.selectFrom('history').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('a corrected received time cannot push the deadlines out', () => {
  it('refuses a received time later than the registration', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    const { core, as } = o;
    const c = must(await core.call('cases/register', phoneComplaint({ receivedAt: '2026-03-02 09:30' }), as.clerk));
    o.clock.set('2026-03-12 10:00');
    const later = await core.call('cases/update', { id: c.id, version: c.version, receivedAt: '2026-03-12 09:00' }, as.clerk);
    expect(later).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'receivedAt', message: expect.stringContaining('登记时间') } });
    const earlier = must(await core.call('cases/update', { id: c.id, version: c.version, receivedAt: '2026-03-01 16:00' }, as.clerk));
    expect(earlier.receivedAt).toBe('2026-03-01 16:00:00');
  });

  it('leaves moving an overdue case\'s received time later to a supervisor', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    const { core, as } = o;
    let c = must(await core.call('cases/register', phoneComplaint({ receivedAt: '2026-02-20 09:30' }), as.clerk));
    o.clock.set('2026-03-12 10:00');
    c = must(await core.call('cases/get', { id: c.id }, as.clerk));
    expect(c.dueState).toBe('overdue');
    const byClerk = await core.call('cases/update', { id: c.id, version: c.version, receivedAt: '2026-03-01 09:30' }, as.clerk);
    expect(byClerk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'receivedAt', message: expect.stringContaining('主管') } });
    const bySupervisor = must(await core.call('cases/update', { id: c.id, version: c.version, receivedAt: '2026-03-01 09:30' }, as.supervisor));
    expect(bySupervisor.receivedAt).toBe('2026-03-01 09:30:00');
  });
});

describe('a reply cannot be dated before its result existed', () => {
  it('refuses a reply date before the approval', async () => {
    const o = await handlerOffice('2026-03-02 10:00');
    const { core, as } = o;
    let c = must(await core.call('cases/register', phoneComplaint({ receivedAt: '2026-03-02 09:30' }), as.clerk));
    c = must(await core.call('cases/accept', { id: c.id, version: c.version }, as.supervisor));
    c = must(await core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'complex' }, as.supervisor));
    o.clock.set('2026-03-25 10:00');
    c = must(await core.call('cases/recordFinding', { id: c.id, version: c.version, finding: 'substantiated', handlingOpinion: '已整改', handledOn: '2026-03-24' }, as.clerk));
    c = must(await core.call('cases/review', { id: c.id, version: c.version, decision: 'approve' }, as.supervisor));
    const before = await historyCount(o);
    const early = await core.call('cases/reply', { id: c.id, version: c.version, method: 'phone', repliedOn: '2026-03-24', summary: '已电话告知' }, as.clerk);
    expect(early).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'repliedOn', message: expect.stringContaining('2026-03-25') } });
    expect(await historyCount(o)).toBe(before);
    expect(must(await core.call('cases/reply', { id: c.id, version: c.version, method: 'phone', repliedOn: '2026-03-25', summary: '已电话告知' }, as.clerk)).status).toBe('replied');
  });

  it('refuses a reply date before the finding of a simple case was recorded', async () => {
    const o = await handlerOffice('2026-03-02 10:00');
    const { core, as } = o;
    let c = must(await core.call('cases/register', phoneComplaint({ receivedAt: '2026-03-02 09:30' }), as.clerk));
    c = must(await core.call('cases/accept', { id: c.id, version: c.version }, as.supervisor));
    c = must(await core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, as.supervisor));
    o.clock.set('2026-03-10 10:00');
    c = must(await core.call('cases/recordFinding', { id: c.id, version: c.version, finding: 'substantiated', handlingOpinion: '已整改', handledOn: '2026-03-03' }, as.clerk));
    const early = await core.call('cases/reply', { id: c.id, version: c.version, method: 'phone', repliedOn: '2026-03-04', summary: '已电话告知' }, as.clerk);
    expect(early).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'repliedOn', message: expect.stringContaining('2026-03-10') } });
  });
});

describe('an extension needs a known due date', () => {
  it('is refused while the due date waits for a missing calendar year, and the case is recomputed after the import', async () => {
    const o = await makeOffice('2026-12-21 10:00');
    const { core, as } = o;
    let c = must(await core.call('cases/register', phoneComplaint({ receivedAt: '2026-12-21 09:30' }), as.clerk));
    c = must(await core.call('cases/accept', { id: c.id, version: c.version }, as.supervisor));
    c = must(await core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'complex' }, as.supervisor));
    expect(c.calendarMissingYear).toBe(2027);
    const r = await core.call('cases/extend', { id: c.id, version: c.version, newDue: '2026-12-23', reason: '需现场核查' }, as.supervisor);
    expect(r).toMatchObject({ ok: false, error: { code: 'CALENDAR_MISSING', field: 'newDue', message: expect.stringContaining('2027') } });
    must(await core.call('calendar/importYear', { text: '2027-01-01,休,元旦' }, as.admin));
    c = must(await core.call('cases/get', { id: c.id }, as.supervisor));
    expect(c.calendarMissingYear).toBeNull();
    expect(c.stageDue).toBe('2027-01-05');
  });
});

describe('a correction that changes nothing', () => {
  it('writes no history and keeps the version', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    const { core, as } = o;
    const c = must(await core.call('cases/register', phoneComplaint(), as.clerk));
    const before = await historyCount(o);
    const same = must(await core.call('cases/update', { id: c.id, version: c.version, subject: c.subject }, as.clerk));
    expect(same.version).toBe(c.version);
    expect(await historyCount(o)).toBe(before);
  });
});
