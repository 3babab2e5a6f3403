import { describe, expect, it } from 'vitest';
import { makeOffice, must, phoneComplaint } from '../testing';

const CAL_2027 = ['日期,类型,名称', '2027-01-01,休,元旦', '2027-02-06,休,春节', '2027-02-07,班,春节调休上班'].join('\n');

describe('a deadline in a year the calendar does not cover', () => {
  it('is not guessed: the case and the dashboard say so, and an import fills it in', async () => {
    const o = await makeOffice('2026-12-28 10:00'); // Monday; 2027 not yet published
    const { core, as } = o;
    let c = must(await core.call('cases/register', phoneComplaint({ receivedAt: '2026-12-28 09:00' }), as.clerk));
    // Acceptance by Thu 12-31 is computable; the whole-case limit lands in 2027 and is not.
    expect([c.stageDue, c.overallDue, c.dueDate, c.calendarMissingYear]).toEqual(['2026-12-31', null, '2026-12-31', 2027]);
    c = must(await core.call('cases/accept', { id: c.id, version: c.version }, as.supervisor));
    o.clock.set('2026-12-30 10:00');
    c = must(await core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, as.supervisor));
    expect([c.stageDue, c.dueDate, c.calendarMissingYear]).toEqual([null, null, 2027]);

    const dash = must(await core.call('dashboard/get', {}, as.clerk));
    expect(dash.calendarWarnings.join('\n')).toMatch(/2027 年/);
    expect(dash.calendarWarnings.some((w) => w.includes('1 件在办案件'))).toBe(true);
    expect(await core.call('calendar/due', { from: '2026-12-30', workingDays: 3 }, as.clerk)).toMatchObject({ ok: false, error: { code: 'CALENDAR_MISSING' } });

    const refused = await core.call('calendar/importYear', { text: CAL_2027 }, as.supervisor);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const view = must(await core.call('calendar/importYear', { text: CAL_2027 }, as.admin));
    expect([view.year, view.covered, view.days.length]).toEqual([2027, true, 3]);

    c = must(await core.call('cases/get', { id: c.id }, as.supervisor));
    // 3 working days after Wed 12-30: Thu 12-31, (Fri 01-01 holiday, weekend), Mon 01-04, Tue 01-05.
    // Whole case: 12-28 + 15 = Tue 2027-01-12.
    expect([c.stageDue, c.overallDue, c.dueDate, c.calendarMissingYear]).toEqual(['2027-01-05', '2027-01-12', '2027-01-05', null]);
    expect(c.timeline.at(-1)?.action).toBe('calendarRecompute');
    expect(must(await core.call('calendar/due', { from: '2027-02-05', workingDays: 1 }, as.clerk)).due).toBe('2027-02-07');
    expect(must(await core.call('dashboard/get', {}, as.clerk)).calendarWarnings).toEqual([]);
  });

  it('reports a bad import file by line and changes nothing', async () => {
    const o = await makeOffice();
    const r = await o.core.call('calendar/importYear', { text: '2027-01-01,休,元旦\n2027-02-30,休,春节' }, o.as.admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'text' } });
    if (!r.ok) expect(r.error.message).toContain('第 2 行');
    expect(must(await o.core.call('calendar/get', { year: 2027 }, o.as.admin)).covered).toBe(false);
  });

  it('lets an admin mark a local closure, which moves due dates computed afterwards', async () => {
    const o = await makeOffice();
    expect(must(await o.core.call('calendar/due', { from: '2026-03-02', workingDays: 1 }, o.as.clerk)).due).toBe('2026-03-03');
    must(await o.core.call('calendar/setDay', { date: '2026-03-03', kind: 'holiday', name: '停电闭馆' }, o.as.admin));
    expect(must(await o.core.call('calendar/due', { from: '2026-03-02', workingDays: 1 }, o.as.clerk)).due).toBe('2026-03-04');
    const exported = must(await o.core.call('calendar/exportYear', { year: 2026 }, o.as.clerk));
    expect(exported.text).toContain('2026-03-03');
  });
});
