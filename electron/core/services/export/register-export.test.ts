import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../core';
import type { ChannelInput } from '../../contract';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';
import type { CaseDetail, RegisterExportProgress } from '../../types';
import { REGISTER_COLUMNS } from '../../../../templates/xlsx/register-workbook';
import { identityScrubber } from '../../domain/masking';
import { scrubberFor } from './export-run';
import { createRegisterExport } from './register-export';

/**
 * The register export (SPEC9 A) over a small register built through the services: the rows and columns as
 * exceljs reads them back, masking per role, the same cases as cases/list for the same filters and search, the
 * sheet split, cancelling, the history entries, the file for its starter only, LibreOffice opening it.
 */
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});
const tempDir = (prefix: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  roots.push(d);
  return d;
};

const HEADERS = REGISTER_COLUMNS.map((c) => c.header);
const col = (header: string) => HEADERS.indexOf(header) + 1;

interface Fixture { o: Office; a: CaseDetail; secret: CaseDetail; anon: CaseDetail; assigned: CaseDetail; repeat: CaseDetail }

/** Five cases: a plain one with a formula-like subject, a confidential one the clerk did not take, an anonymous one, one accepted and assigned, a repeat of the first. */
async function fixture(root?: string): Promise<Fixture> {
  const o = await makeOffice('2026-03-02 10:00', root ? { papersRoot: root } : {});
  const a = must(await o.core.call('cases/register', phoneComplaint({ subject: "=cmd|' /C calc'!A0", receivedAt: '2026-03-01 09:30' }), o.as.clerk));
  const secret = must(await o.core.call('cases/register', phoneComplaint({
    receivedAt: '2026-03-01 11:00', isConfidential: true, subject: '欧阳娜娜要求回电 13712345678',
    complainants: [{ name: '欧阳娜娜', phone: '13712345678', idNumber: '', address: '', employer: '' }],
  }), o.as.supervisor));
  const anon = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-03-02 08:00', isAnonymous: true, complainants: [], subject: '匿名反映窗口排队太久' }), o.as.clerk));
  let assigned = must(await o.core.call('cases/register', phoneComplaint({
    receivedAt: '2026-03-02 09:00', subject: '社保卡补办太慢',
    complainants: [{ name: '李四', phone: '13900001111', idNumber: '', address: '', employer: '' }],
  }), o.as.clerk));
  assigned = must(await o.core.call('cases/accept', { id: assigned.id, version: assigned.version, note: '' }, o.as.supervisor));
  assigned = must(await o.core.call('cases/assign', { id: assigned.id, version: assigned.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple', note: '' }, o.as.supervisor));
  assigned = must(await o.core.call('cases/extend', { id: assigned.id, version: assigned.version, newDue: '2026-03-20', reason: '需调取监控', notice: '' }, o.as.supervisor));
  let repeat = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-03-02 09:40', subject: '社保窗口又一次态度生硬' }), o.as.clerk));
  repeat = must(await o.core.call('cases/linkRepeat', { id: repeat.id, version: repeat.version, repeatOfId: a.id }, o.as.clerk));
  return { o, a, secret, anon, assigned, repeat };
}

type Exporter = Pick<ReturnType<typeof createRegisterExport>, 'settled'>;

/** Starts an export through the core, waits for it, fetches the file and reads it with exceljs. */
async function exported(o: Office, role: keyof Office['as'], input: ChannelInput<'registerExport/start'> = {}, core: Core = o.core, exporter: Exporter = o.core.services.registerExport) {
  const started = must(await core.call('registerExport/start', input, o.as[role]));
  await exporter.settled();
  const p = must(await core.call('registerExport/progress', { exportId: started.exportId }, o.as[role]));
  expect(p.state).toBe('done');
  const file = must(await core.call('registerExport/file', { exportId: started.exportId }, o.as[role]));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
  return { started, progress: p, file, wb };
}

/** The data rows of every sheet, as objects by header. */
function rows(wb: ExcelJS.Workbook): Array<Record<string, ExcelJS.Cell>> {
  const out: Array<Record<string, ExcelJS.Cell>> = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row, n) => {
      if (n <= 3 || row.getCell(1).value === '没有符合条件的案件。') return;
      out.push(Object.fromEntries(HEADERS.map((h) => [h, row.getCell(col(h))])));
    });
  }
  return out;
}
const registerNos = (wb: ExcelJS.Workbook) => rows(wb).map((r) => String(r['登记编号'].value));

describe('registerExport', () => {
  it('writes every case with the columns of SPEC9 A: text IDs stay text, dates are dates, a formula-like subject stays text', async () => {
    const f = await fixture();
    const { wb, progress, file } = await exported(f.o, 'auditor');
    expect(progress).toMatchObject({ state: 'done', written: 5, total: 5, unmasked: false, message: null });
    expect(file.name).toMatch(/^登记册导出_\d{8}_\d{4}\.xlsx$/);
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const ws = wb.worksheets[0];
    expect(wb.worksheets.map((w) => w.name)).toEqual(['登记册']);
    expect(String(ws.getCell(1, 1).value)).toContain('测试县政务服务中心');
    expect(String(ws.getCell(2, 1).value)).toContain('全部案件（按登记编号降序）');
    expect(String(ws.getCell(2, 1).value)).toContain('已遮蔽');
    expect(ws.getRow(3).values).toEqual([undefined, ...HEADERS]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '1:3' });
    const r = rows(wb);
    // Register order: newest register number first, as cases/list.
    expect(registerNos(wb)).toEqual([f.repeat, f.assigned, f.anon, f.secret, f.a].map((c) => c.registerNo));
    const byNo = new Map(r.map((x) => [String(x['登记编号'].value), x]));
    const a = byNo.get(f.a.registerNo)!;
    expect(a['登记编号'].type).toBe(ExcelJS.ValueType.String);
    expect(a['登记编号'].numFmt).toBe('@');
    expect(a['电话'].type).toBe(ExcelJS.ValueType.String);
    expect(a['事由'].type).toBe(ExcelJS.ValueType.String);
    expect(a['事由'].value).toBe("=cmd|' /C calc'!A0");
    expect(a['收到时间'].type).toBe(ExcelJS.ValueType.Date);
    expect((a['收到时间'].value as Date).toISOString()).toBe('2026-03-01T09:30:00.000Z');
    expect(a['收到时间'].numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(a['状态'].value).toBe('待受理');
    expect(a['渠道'].value).toBe('电话');
    expect(a['类型'].value).toBe('投诉');
    const assigned = byNo.get(f.assigned.registerNo)!;
    expect(assigned['状态'].value).toBe('办理中');
    expect(assigned['受理日期'].type).toBe(ExcelJS.ValueType.Date);
    expect((assigned['受理日期'].value as Date).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(assigned['承办部门'].value).toBe('社保服务科');
    expect(assigned['承办人'].value).toBe('李明');
    expect(assigned['办理期限'].type).toBe(ExcelJS.ValueType.Date);
    expect((assigned['办理期限'].value as Date).toISOString()).toBe('2026-03-20T00:00:00.000Z');
    expect(assigned['期限状态'].value).toBe('正常');
    expect(assigned['延期'].value).toBe('是');
    expect(a['延期'].value).toBeNull();
    expect(byNo.get(f.repeat.registerNo)!['重复件'].value).toBe(f.a.registerNo);
    expect(byNo.get(f.anon.registerNo)!['诉求人'].value).toBe('（匿名）');
    // No cell of the workbook is a formula.
    for (const sheet of wb.worksheets) sheet.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('masks the identity by default for every role; unmasked only for supervisors and auditors, with a purpose', async () => {
    const f = await fixture();
    const identity = (wb: ExcelJS.Workbook) => {
      const byNo = new Map(rows(wb).map((x) => [String(x['登记编号'].value), x]));
      const of = (c: CaseDetail) => [byNo.get(c.registerNo)!['诉求人'].value, byNo.get(c.registerNo)!['电话'].value, byNo.get(c.registerNo)!['事由'].value];
      return { a: of(f.a), secret: of(f.secret) };
    };
    const masked = { a: ['张*', '138****5678', "=cmd|' /C calc'!A0"], secret: ['欧***', '137****5678', '欧*** 要求回电 137****5678'.replace(' 要求', '要求')] };
    for (const role of ['clerk', 'supervisor', 'auditor'] as const) {
      const { wb, progress } = await exported(f.o, role);
      expect(progress.unmasked, role).toBe(false);
      expect(identity(wb), role).toEqual(masked);
    }
    // A clerk may not export unmasked (FORBIDDEN naming the field); nothing is written.
    const historyBefore = await countHistory(f.o);
    expect(await f.o.core.call('registerExport/start', { unmasked: true, purpose: '核对' }, f.o.as.clerk))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'unmasked' } });
    expect(await countHistory(f.o)).toBe(historyBefore);
    // Unmasked needs a purpose, in Chinese, naming the field.
    const noPurpose = await f.o.core.call('registerExport/start', { unmasked: true }, f.o.as.supervisor);
    expect(noPurpose).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'purpose' } });
    expect(!noPurpose.ok && noPurpose.error.message).toContain('导出用途');
    const full = { a: ['张三', '13812345678', "=cmd|' /C calc'!A0"], secret: ['欧阳娜娜', '13712345678', '欧阳娜娜要求回电 13712345678'] };
    for (const role of ['supervisor', 'auditor'] as const) {
      const { wb, progress } = await exported(f.o, role, { unmasked: true, purpose: '年度审计抽查' });
      expect(progress.unmasked, role).toBe(true);
      expect(identity(wb), role).toEqual(full);
      expect(String(wb.worksheets[0].getCell(2, 1).value)).toContain('未遮蔽');
    }
  });

  it('exports the same cases as cases/list for the same filters, order and search (the identity-aware search too)', async () => {
    const f = await fixture();
    const queries: Array<ChannelInput<'cases/list'>> = [
      {},
      { sortBy: 'receivedAt', sortOrder: 'asc' },
      { sortBy: 'dueDate', sortOrder: 'desc' },
      { status: ['registered'] },
      { receivedFrom: '2026-03-02', receivedTo: '2026-03-02' },
      { handlerDepartmentId: f.o.dept.social },
      { repeat: true } as ChannelInput<'cases/list'>,
      { search: '社保' },
      { search: '13812345678' },
      { search: '欧阳娜娜' },
      { search: '13712345678' },
      { search: f.a.registerNo },
    ];
    for (const role of ['clerk', 'supervisor', 'auditor'] as const) {
      for (const q of queries) {
        const page = must(await f.o.core.call('cases/list', { ...q, pageSize: 200 }, f.o.as[role]));
        const { wb, progress } = await exported(f.o, role, q);
        const label = `${role} ${JSON.stringify(q)}`;
        expect(registerNos(wb), label).toEqual(page.rows.map((x) => x.registerNo));
        expect(progress.total, label).toBe(page.total);
      }
    }
    // The clerk does not find the confidential case by its complainant's name; the supervisor does.
    expect(registerNos((await exported(f.o, 'clerk', { search: '欧阳娜娜' })).wb)).toEqual([]);
    expect(registerNos((await exported(f.o, 'supervisor', { search: '欧阳娜娜' })).wb)).toEqual([f.secret.registerNo]);
  });

  it('reads in chunks (keyset pages in register order, ids otherwise) the same rows as in one, however the chunks fall', async () => {
    const f = await fixture();
    const queries: Array<ChannelInput<'cases/list'>> = [
      {}, { sortOrder: 'asc' }, { status: ['registered'] }, { status: ['registered'], sortOrder: 'asc' }, { handlerDepartmentId: f.o.dept.social },
      { receivedFrom: '2026-03-02', receivedTo: '2026-03-02' }, { search: '社保' }, { sortBy: 'receivedAt', sortOrder: 'asc' }, { sortBy: 'dueDate', sortOrder: 'desc' },
    ];
    for (const chunk of [1, 2, 3]) {
      const exporter = createRegisterExport(f.o.core.services.deps, f.o.core.services.settings, f.o.core.services.calendar, { chunk });
      for (const q of queries) {
        const page = must(await f.o.core.call('cases/list', { ...q, pageSize: 200 }, f.o.as.auditor));
        const { wb, progress } = await exportedBy(exporter, f.o, q);
        const label = `chunk ${chunk} ${JSON.stringify(q)}`;
        expect(registerNos(wb), label).toEqual(page.rows.map((x) => x.registerNo));
        expect(progress.written, label).toBe(page.total);
      }
    }
    // At most maxRows, the first in the register's order (the benchmark's 100,000 of a million).
    const first = createRegisterExport(f.o.core.services.deps, f.o.core.services.settings, f.o.core.services.calendar, { chunk: 2, maxRows: 3 });
    const { wb } = await exportedBy(first, f.o, {});
    expect(registerNos(wb)).toEqual([f.repeat, f.assigned, f.anon].map((c) => c.registerNo));
  });

  it('continues on 登记册(2), 登记册(3)… past the rows a sheet holds', async () => {
    const f = await fixture();
    const exporter = createRegisterExport(f.o.core.services.deps, f.o.core.services.settings, f.o.core.services.calendar, { sheetRows: 2 });
    const started = await exporter.start(await actor(f.o, 'auditor'), { ...defaults, unmasked: false, purpose: '' });
    await exporter.settled();
    const file = await exporter.file(await actor(f.o, 'auditor'), { exportId: started.exportId });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['登记册', '登记册(2)', '登记册(3)']);
    expect(wb.worksheets.map((w) => w.rowCount)).toEqual([5, 5, 4]);
    for (const ws of wb.worksheets) expect(ws.getRow(3).values).toEqual([undefined, ...HEADERS]);
    expect(registerNos(wb)).toEqual([f.repeat, f.assigned, f.anon, f.secret, f.a].map((c) => c.registerNo));
  });

  it('cancel stops the export, leaves no file and records the cancel; history stays verifiable', async () => {
    const root = tempDir('export-cancel-');
    const f = await fixture(root);
    for (let i = 0; i < 15; i++) must(await f.o.core.call('cases/register', phoneComplaint({ subject: `第 ${i} 件` }), f.o.as.clerk));
    const exporter = createRegisterExport(f.o.core.services.deps, f.o.core.services.settings, f.o.core.services.calendar, { chunk: 1 });
    const auditor = await actor(f.o, 'auditor');
    const started = await exporter.start(auditor, { ...defaults, unmasked: false, purpose: '' });
    expect(started).toMatchObject({ state: 'running', total: 20 });
    const cancelled = await exporter.cancel(auditor, { exportId: started.exportId });
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.written).toBeLessThan(20);
    expect(fs.readdirSync(path.join(root, 'exports'))).toEqual([]);
    await expect(exporter.file(auditor, { exportId: started.exportId })).rejects.toMatchObject({ code: 'CONFLICT' });
    const h = await lastHistory(f.o);
    expect(h).toMatchObject({ entity: 'export', action: 'register.exportCancelled', actor_id: f.o.userIds.auditor });
    expect(JSON.parse(h.after!)).toMatchObject({ written: cancelled.written, total: 20, unmasked: false });
    // A finished export's entry: who, the filters in words and as JSON, the rows, masked or not, the purpose.
    await exported(f.o, 'supervisor', { status: ['registered'], unmasked: true, purpose: '信访联席会议核对' });
    const done = await lastHistory(f.o);
    expect(done).toMatchObject({ entity: 'export', action: 'register.export', actor_id: f.o.userIds.supervisor });
    expect(JSON.parse(done.after!)).toMatchObject({
      filters: { status: ['registered'], sortBy: 'registerNo', sortOrder: 'desc' }, filtersText: '状态：待受理（按登记编号降序）',
      rows: 19, unmasked: true, purpose: '信访联席会议核对',
    });
    expect(done.note).toContain('信访联席会议核对');
    const v = must(await f.o.core.call('history/verify', {}, f.o.as.auditor));
    expect(v).toMatchObject({ state: 'done', ok: true });
    // The file was removed once fetched.
    expect(fs.readdirSync(path.join(root, 'exports'))).toEqual([]);
  });

  it('hands the file only to the user who started it, once', async () => {
    const f = await fixture();
    const started = must(await f.o.core.call('registerExport/start', {}, f.o.as.clerk));
    await f.o.core.services.registerExport.settled();
    for (const role of ['supervisor', 'auditor'] as const) {
      for (const channel of ['registerExport/file', 'registerExport/progress', 'registerExport/cancel'] as const) {
        expect(await f.o.core.call(channel, { exportId: started.exportId }, f.o.as[role]), `${role} ${channel}`).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      }
    }
    for (const channel of ['registerExport/start', 'registerExport/progress', 'registerExport/cancel', 'registerExport/file'] as const) {
      expect(await f.o.core.call(channel, { exportId: started.exportId }, f.o.as.admin), channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(must(await f.o.core.call('registerExport/file', { exportId: started.exportId }, f.o.as.clerk)).bytes.length).toBeGreaterThan(1000);
    expect(await f.o.core.call('registerExport/file', { exportId: started.exportId }, f.o.as.clerk)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await f.o.core.call('registerExport/progress', { exportId: 'not-an-id' }, f.o.as.clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'exportId' } });
  });

  it('on a register on disk (a worker thread with its own connection): the same rows, cancel leaves nothing, leftovers go at the next start', async () => {
    const dir = tempDir('export-worker-');
    const src = await fixture();
    // The same small register on disk: the fixture's office copied into a data folder.
    await copyRegister(src.o, dir);
    const core = await openCore(dir, { now: () => src.o.clock.now, log: () => {} });
    try {
      const o = { ...src.o, core };
      const { wb, progress } = await exported(o, 'auditor', {}, core, core.services.registerExport);
      expect(progress).toMatchObject({ state: 'done', written: 5 });
      expect(registerNos(wb)).toEqual([src.repeat, src.assigned, src.anon, src.secret, src.a].map((c) => c.registerNo));
      // Chunks of two through the reading and the writing thread, on two sheets: the same rows and cells.
      const chunked = createRegisterExport(core.services.deps, core.services.settings, core.services.calendar, { chunk: 2, sheetRows: 3 });
      const { wb: twoWb, progress: twoProgress } = await exportedBy(chunked, o, {});
      expect(twoProgress).toMatchObject({ state: 'done', written: 5, total: 5 });
      expect(twoWb.worksheets.map((w) => w.name)).toEqual(['登记册', '登记册(2)']);
      const cells = (w: ExcelJS.Workbook) => rows(w).map((r) => HEADERS.map((h) => r[h].value));
      expect(cells(twoWb)).toEqual(cells(wb));
      // An export cancelled in the worker leaves nothing either.
      const started = must(await core.call('registerExport/start', {}, o.as.auditor));
      must(await core.call('registerExport/cancel', { exportId: started.exportId }, o.as.auditor));
      expect(fs.readdirSync(path.join(dir, 'exports'))).toEqual([]);
    } finally {
      await core.close();
    }
    fs.writeFileSync(path.join(dir, 'exports', 'left-over.xlsx.tmp'), 'x');
    const again = await openCore(dir, { log: () => {} });
    await again.close();
    expect(fs.existsSync(path.join(dir, 'exports'))).toBe(false);
  }, 60_000);
});

describe('registerExport files nobody fetches', () => {
  // exports/ holds what the core knows about only in memory; an unmasked file carries complainants' identities.
  it('are removed once the keeping time is over, with no call to the export (the app may run for weeks)', async () => {
    const root = tempDir('export-keep-');
    const f = await fixture(root);
    const exporter = createRegisterExport(f.o.core.services.deps, f.o.core.services.settings, f.o.core.services.calendar, { keepMs: 100 });
    const supervisor = await actor(f.o, 'supervisor');
    const started = await exporter.start(supervisor, { ...defaults, unmasked: true, purpose: '信访联席会议核对' });
    await exporter.settled();
    expect(fs.readdirSync(path.join(root, 'exports'))).toEqual([`${started.exportId}.xlsx`]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fs.readdirSync(path.join(root, 'exports'))).toEqual([]);
    await expect(exporter.file(supervisor, { exportId: started.exportId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('are removed when the core closes, and one still being written is cancelled and leaves nothing', async () => {
    const dir = tempDir('export-close-');
    const src = await fixture();
    await copyRegister(src.o, dir);
    const core = await openCore(dir, { now: () => src.o.clock.now, log: () => {} });
    const o = { ...src.o, core };
    for (let i = 0; i < 30; i++) must(await core.call('cases/register', phoneComplaint({ subject: `第 ${i} 件` }), o.as.clerk));
    must(await core.call('registerExport/start', { unmasked: true, purpose: '核对' }, o.as.supervisor));
    await core.services.registerExport.settled();
    expect(fs.readdirSync(path.join(dir, 'exports'))).toHaveLength(1);
    // One still running when its service closes (chunks of one row, so it is): cancelled, recorded, no file.
    const slow = createRegisterExport(core.services.deps, core.services.settings, core.services.calendar, { chunk: 1 });
    const running = await slow.start(await actor(o, 'auditor'), { ...defaults, unmasked: false, purpose: '' });
    expect(running.state).toBe('running');
    await slow.close();
    expect(fs.readdirSync(path.join(dir, 'exports'))).toHaveLength(1);
    expect((await lastHistory(o)).action).toBe('register.exportCancelled');
    await core.close();
    expect(fs.readdirSync(path.join(dir, 'exports'))).toEqual([]);
  });
});

describe('scrubberFor', () => {
  // The export builds a scrubber only for the fields that can occur in the text: the same text must come out.
  const people = [
    { name: '欧阳娜娜', phone: '13712345678', idNumber: '11010119900307123X', address: '江南大道 100 号', employer: '青禾科技' },
    { name: '张三', phone: '0571-8888-6666', idNumber: '', address: '', employer: '' },
  ];
  const json = JSON.stringify(people.map((p) => [p.name, p.phone, p.idNumber, p.address, p.employer]));
  const texts = [
    '', '社保窗口态度生硬', '欧阳娜娜要求回电 13712345678', '欧 阳 娜 娜来访', '电话１３７１２３４５６７８', '+86 137-1234-5678 张三',
    '身份证 11010119900307123x，住江南大道 100 号', '青禾科技员工', '张三丰', '欧阳', '娜娜', '057188886666', '0571 8888 6666 再次来电',
    '13712345678', '1371234567', '张', '三张', '张\t三',
  ];
  it('masks exactly what identityScrubber masks', () => {
    const full = identityScrubber(people);
    for (const t of texts) expect(scrubberFor(json, t)(t), t).toBe(full(t));
  });
});

// ---- LibreOffice Calc opens it (required in CI; run wherever soffice is installed) ----
const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim() || null;
const calc = ['/usr/lib/libreoffice/program/libsclo.so', '/opt/libreoffice/program/libsclo.so'].some((f) => fs.existsSync(f));
const inCi = Boolean(process.env.CI);

describe.skipIf((!soffice || !calc) && !inCi)('LibreOffice Calc', () => {
  it('opens the exported register and prints it with the text IDs and dates as written', async () => {
    if (!soffice || !calc) throw new Error('CI: LibreOffice Calc is missing (.ci/prepare installs libreoffice-calc-nogui), so the export was not opened');
    const f = await fixture();
    const { file } = await exported(f.o, 'auditor', { unmasked: true, purpose: '审计' });
    const dir = tempDir('export-lo-');
    fs.writeFileSync(path.join(dir, 'export.xlsx'), file.bytes);
    execFileSync(soffice, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'export.xlsx')], {
      env: { ...process.env, FONTCONFIG_FILE: path.resolve(__dirname, '../../../../templates/docx/fontconfig/fonts.conf') }, timeout: 120_000, stdio: 'pipe',
    });
    if (process.env.EXPORT_LOOK) fs.copyFileSync(path.join(dir, 'export.pdf'), process.env.EXPORT_LOOK);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'export.pdf'), '-'], { encoding: 'utf8' });
    for (const s of ['投诉登记册', f.a.registerNo, '13812345678', '2026-03-01 09:30', "=cmd|' /C calc'!A0", '社保服务科', '第 1 页，共']) expect(text, s).toContain(s);
  }, 150_000);
});

// ---- helpers

const defaults = { sortBy: 'registerNo', sortOrder: 'desc' } as const;

async function actor(o: Office, role: keyof Office['as']) {
  return (await o.core.services.users.activeActor(o.as[role]))!;
}

/** An export by this exporter (its own options) as the auditor, masked: its progress when done and the workbook. */
async function exportedBy(exporter: ReturnType<typeof createRegisterExport>, o: Office, q: ChannelInput<'cases/list'>) {
  const a = await actor(o, 'auditor');
  const started = await exporter.start(a, { ...defaults, ...q, unmasked: false, purpose: '' } as Parameters<typeof exporter.start>[1]);
  await exporter.settled();
  const progress = await exporter.progress(a, { exportId: started.exportId });
  expect(progress.state).toBe('done');
  const file = await exporter.file(a, { exportId: started.exportId });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
  return { progress, wb };
}

async function countHistory(o: Office): Promise<number> {
  const r = await o.core.db.selectFrom('history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function lastHistory(o: Office) {
  return o.core.db.selectFrom('history').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
}

/** The in-memory office's register written into a data folder (VACUUM INTO: the same rows, indexes and triggers). */
async function copyRegister(from: Office, dir: string): Promise<void> {
  const { connectionOf } = await import('../../../../db/open');
  connectionOf(from.core.db).exec(`VACUUM INTO '${path.join(dir, 'register.sqlite')}'`);
}
