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
    expect(new TextDecoder().decode(exported.bytes)).toContain('2026-03-03,休,停电闭馆');
  });

  it('keeps a day\'s name on one line, so the exported file cannot grow a day of its own', async () => {
    const o = await makeOffice();
    const r = await o.core.call('calendar/setDay', { date: '2026-03-03', kind: 'holiday', name: '停电\n2026-03-04,休,伪造' }, o.as.admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'name' } });
    expect(!r.ok && r.error.message).toContain('「名称」');
    const exported = new TextDecoder().decode(must(await o.core.call('calendar/exportYear', { year: 2026 }, o.as.clerk)).bytes);
    expect(exported).not.toContain('2026-03-04');
  });
});

// The bytes of "日期,类型,名称\n2027-01-01,休,元旦" as Excel's "CSV (逗号分隔)" saves them on Chinese Windows
// (GBK), written out by hand: 日 C8D5 期 C6DA 类 C0E0 型 D0CD 名 C3FB 称 B3C6 休 D0DD 元 D4AA 旦 B5A9.
const GBK_2027 = Buffer.from('c8d5c6da2cc0e0d0cd2cc3fbb3c60a323032372d30312d30312cd0dd2cd4aab5a9', 'hex');
const base64 = (text: string, bom = false) => Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]).toString('base64');

describe('a calendar file as the page sends it (its bytes)', () => {
  it('imports a CSV saved by Excel in GBK', async () => {
    const o = await makeOffice();
    const view = must(await o.core.call('calendar/importYear', { file: GBK_2027.toString('base64') }, o.as.admin));
    expect([view.year, view.covered, view.days]).toEqual([2027, true, [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]]);
  });

  it.each([false, true])('imports UTF-8 (BOM: %s)', async (bom) => {
    const o = await makeOffice();
    const view = must(await o.core.call('calendar/importYear', { file: base64(CAL_2027, bom) }, o.as.admin));
    expect(view.days.map((d) => d.name)).toEqual(['元旦', '春节', '春节调休上班']);
  });

  it('refuses a workbook, names the field, and changes nothing', async () => {
    const o = await makeOffice();
    const xlsx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]).toString('base64');
    const r = await o.core.call('calendar/importYear', { file: xlsx }, o.as.admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'file' } });
    expect(must(await o.core.call('calendar/get', { year: 2027 }, o.as.admin)).covered).toBe(false);
  });

  it('wants exactly one of file and text', async () => {
    const o = await makeOffice();
    for (const input of [{}, { file: base64(CAL_2027), text: CAL_2027 }]) {
      expect(await o.core.call('calendar/importYear', input, o.as.admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'file' } });
    }
    expect(await o.core.call('calendar/importYear', { file: '%%%' }, o.as.admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'file' } });
  });
});

describe('calendar/previewImport', () => {
  it('answers what the import would add, remove and change in the year, and writes nothing', async () => {
    const o = await makeOffice();
    const historyCount = async () => (await o.core.db.selectFrom('history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await historyCount();
    // 2026 is built in: 01-01..01-03 元旦, 01-04 元旦调休上班, … 10-07 国庆节, 33 holiday days + 6 make-up days in all.
    const file = ['日期,类型,名称', '2026-01-01,休,元旦', '2026-01-02,休,新年', '2026-01-04,休,元旦', '2026-03-03,休,停电闭馆'].join('\r\n');
    const p = must(await o.core.call('calendar/previewImport', { file: base64(file, true) }, o.as.admin));
    expect([p.year, p.covered, p.source, p.encoding, p.days.length, p.unchanged]).toEqual([2026, true, 'builtin', 'utf-8', 4, 1]);
    expect(p.added).toEqual([{ date: '2026-03-03', kind: 'holiday', name: '停电闭馆' }]);
    expect(p.changed).toEqual([
      { date: '2026-01-02', before: { date: '2026-01-02', kind: 'holiday', name: '元旦' }, after: { date: '2026-01-02', kind: 'holiday', name: '新年' } },
      { date: '2026-01-04', before: { date: '2026-01-04', kind: 'workday', name: '元旦调休上班' }, after: { date: '2026-01-04', kind: 'holiday', name: '元旦' } },
    ]);
    expect(p.removed).toHaveLength(39 - 3);
    expect(p.removed.map((d) => d.date)).toContain('2026-10-07');
    expect(await historyCount()).toBe(before);
    expect(must(await o.core.call('calendar/get', { year: 2026 }, o.as.admin)).days).toHaveLength(39);
  });

  it('reads Excel\'s GBK and says so; a year not covered yet has only additions', async () => {
    const o = await makeOffice();
    const p = must(await o.core.call('calendar/previewImport', { file: GBK_2027.toString('base64') }, o.as.admin));
    expect([p.year, p.covered, p.encoding, p.added.length, p.removed.length, p.changed.length]).toEqual([2027, false, 'gb18030', 1, 0, 0]);
  });

  it('reports a bad file by line, and is the admin\'s', async () => {
    const o = await makeOffice();
    const r = await o.core.call('calendar/previewImport', { file: base64('2027-01-01,休,元旦\n2027-02-30,休,春节') }, o.as.admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'file', message: expect.stringContaining('第 2 行') } });
    expect(await o.core.call('calendar/previewImport', { text: CAL_2027 }, o.as.supervisor)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
