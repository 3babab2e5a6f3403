import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, FileResult, StatisticsReport } from '../../types';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';

/**
 * statistics/xlsx through the core over a small register of its own: November 2026 with distinct complainants,
 * phones, ID numbers and staff complained about, subjects a spreadsheet would take for formulas, an overdue case
 * and a confidential one; read at 2 December. The workbook is checked against statistics/get's report for the same
 * reader, masked per reader, and the public version scanned for every piece of personal data the register holds.
 */
const NOVEMBER = { kind: 'month', month: '2026-11' } as const;
const PEOPLE = [
  { name: '欧阳娜娜', phone: '13911112222', idNumber: '110101199003070011', staff: '钱多多', subject: '=HYPERLINK("http://x.example/","看")' },
  { name: '司马光明', phone: '13633334444', idNumber: '11010519491231002X', staff: '孙小美', subject: '+86 电话打不通' },
  { name: '诸葛亮亮', phone: '057188886666', idNumber: '33010619800101003X', staff: '', subject: '-窗口无人，诸葛亮亮要求回电 0571-8888-6666' },
  { name: '上官婉儿', phone: '13755556666', idNumber: '110101199003077774', staff: '钱多多', subject: '@所有人 材料丢失' },
];
const SPOT = { name: '慕容复', phone: '13500001111', idNumber: '11010519491231002X' };
const STAFF_NAMES = ['钱多多', '孙小美', '李明', '周敏'];

let o: Office;
const cases: CaseDetail[] = [];
let spot: CaseDetail;

async function workbook(session: Office['as'][keyof Office['as']], isPublic = false): Promise<{ file: FileResult; wb: ExcelJS.Workbook; xml: string }> {
  const file = must(await o.core.call('statistics/xlsx', { period: NOVEMBER, public: isPublic }, session)) as FileResult;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
  const zip = await JSZip.loadAsync(file.bytes);
  const parts = await Promise.all(Object.keys(zip.files).filter((n) => n.endsWith('.xml')).map((n) => zip.file(n)!.async('string')));
  return { file, wb, xml: parts.join('\n') };
}

const column = (ws: ExcelJS.Worksheet, header: string): number => (ws.getRow(3).values as unknown[]).indexOf(header);

beforeAll(async () => {
  o = await makeOffice('2026-11-02 09:00');
  for (const [i, p] of PEOPLE.entries()) {
    const at = `2026-11-${String(2 + i * 5).padStart(2, '0')} 09:30`;
    o.clock.set(at);
    const c = must(await o.core.call('cases/register', phoneComplaint({
      receivedAt: at, subject: p.subject, isConfidential: i === 3,
      respondentDepartmentId: o.dept.social, respondentStaff: p.staff,
      complainants: [{ name: p.name, phone: p.phone, idNumber: p.idNumber, address: '杭州市西湖区文三路 1 号', employer: '' }],
    }), o.as.clerk));
    cases.push(c);
  }
  // An inquiry answered on the spot: closed on the day, on time.
  o.clock.set('2026-11-25 14:00');
  spot = must(await o.core.call('cases/register', phoneComplaint({
    receivedAt: '2026-11-25 14:00', caseType: '咨询', subject: '咨询社保卡补办', answeredOnSpot: { reply: '当场告知补办材料' },
    complainants: [{ name: SPOT.name, phone: SPOT.phone, idNumber: SPOT.idNumber, address: '', employer: '' }],
  }), o.as.clerk));
  // The first case is accepted and assigned and left open: its 15 days are past on 2 December.
  o.clock.set('2026-11-03 10:00');
  let c = must(await o.core.call('cases/accept', { id: cases[0].id, version: cases[0].version }, o.as.supervisor));
  c = must(await o.core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, o.as.supervisor));
  cases[0] = c;
  o.clock.set('2026-12-02 10:00');
}, 60_000);

describe('statistics/xlsx', () => {
  it('answers the workbook of the same report: 汇总, 分类统计, 承办单位 and 督办清单 agree with statistics/get', async () => {
    const report = must(await o.core.call('statistics/get', { period: NOVEMBER }, o.as.supervisor)) as StatisticsReport;
    const { file, wb } = await workbook(o.as.supervisor);
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.name).toBe('投诉统计-2026年11月.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分类统计', '承办单位', '人员', '督办清单', '明细台账']);
    expect(wb.getWorksheet('汇总')!.getCell('A1').value).toBe('测试县政务服务中心 投诉统计汇总表');
    const summary = new Map<string, unknown>();
    wb.getWorksheet('汇总')!.eachRow((row, n) => { if (n > 3) summary.set(String(row.getCell(1).value), row.getCell(2).value); });
    expect(summary.get('登记量')).toBe(report.registered);
    expect(summary.get('登记量')).toBe(5);
    expect(summary.get('当场答复')).toBe(1);
    expect(summary.get('超期未办结')).toBe(report.overdueOpen);
    expect(summary.get('受理率')).toBe(report.acceptanceRate);
    const cat = wb.getWorksheet('分类统计')!;
    expect([cat.getRow(3).getCell(2).value, cat.getRow(4).getCell(1).value, cat.getRow(4).getCell(2).value]).toEqual(['电话', '投诉', 4]);
    expect([cat.getRow(5).getCell(1).value, cat.getRow(5).getCell(2).value, cat.getRow(6).getCell(1).value, cat.getRow(6).getCell(3).value]).toEqual(['咨询', 1, '合计', 5]);
    const dep = wb.getWorksheet('承办单位')!;
    expect(dep.getRow(4).getCell(2).value).toBe(report.departments[0].name);
    expect(dep.getRow(4).getCell(3).value).toBe(report.departments[0].assigned);
    const overdue = wb.getWorksheet('督办清单')!;
    // All four are past a due date on 2 December (three never accepted within 3 working days, one assigned 15 days ago).
    const list = report.overdueList!.rows;
    expect(list.map((r) => r.registerNo).sort()).toEqual(cases.map((c) => c.registerNo).sort());
    expect(list.map((_, i) => overdue.getRow(4 + i).getCell(2).value)).toEqual(list.map((r) => r.registerNo));
    expect(list.map((_, i) => overdue.getRow(4 + i).getCell(3).value)).toEqual(list.map((r) => r.subject));
    expect(list.map((_, i) => overdue.getRow(4 + i).getCell(5).value)).toEqual(list.map((r) => new Date(`${r.dueDate}T00:00:00Z`)));
    expect(list.map((_, i) => overdue.getRow(4 + i).getCell(6).value)).toEqual(list.map((r) => r.daysOverdue));
  });

  it('lists every cohort case in 明细台账, unmasked for a supervisor, text IDs as text, formula-like subjects as text', async () => {
    const { wb, xml } = await workbook(o.as.supervisor);
    const ws = wb.getWorksheet('明细台账')!;
    const rows = PEOPLE.map((_, i) => ws.getRow(4 + i));
    expect(rows.map((r) => r.getCell(column(ws, '登记编号')).value)).toEqual(cases.map((c) => c.registerNo));
    expect(rows.map((r) => r.getCell(column(ws, '投诉人')).value)).toEqual(PEOPLE.map((p) => p.name));
    expect(rows.map((r) => r.getCell(column(ws, '联系电话')).value)).toEqual(PEOPLE.map((p) => p.phone));
    expect(rows.map((r) => r.getCell(column(ws, '身份证号')).value)).toEqual(PEOPLE.map((p) => p.idNumber));
    expect(rows.map((r) => r.getCell(column(ws, '事由')).value)).toEqual(PEOPLE.map((p) => p.subject));
    expect(rows.map((r) => r.getCell(column(ws, '被投诉人员')).value)).toEqual(PEOPLE.map((p) => p.staff));
    expect(rows[0].getCell(column(ws, '收到时间')).value).toEqual(new Date(Date.UTC(2026, 10, 2, 9, 30)));
    expect(rows[0].getCell(column(ws, '按期情况')).value).toBe('超期未办结');
    expect(rows[0].getCell(column(ws, '承办单位')).value).toBe('社保服务科');
    const last = ws.getRow(4 + PEOPLE.length);
    expect(last.getCell(column(ws, '登记编号')).value).toBe(spot.registerNo);
    expect(last.getCell(column(ws, '状态')).value).toBe('已办结');
    expect(last.getCell(column(ws, '按期情况')).value).toBe('按期办结');
    expect(last.getCell(column(ws, '办结日期')).value).toEqual(new Date(Date.UTC(2026, 10, 25)));
    expect(ws.getRow(5 + PEOPLE.length).getCell(2).value).toBe(null);
    expect(xml).not.toMatch(/<f[ >]/);
    // The staff table: one person complained about twice (no finding yet, so no substantiated count).
    expect(wb.getWorksheet('人员')!.getCell('A1').value).toMatch(/被投诉人员属实件统计/);
  });

  it('masks 明细台账 for an auditor and an administrator as the register does, and leaves 人员 out for the auditor', async () => {
    const auditor = await workbook(o.as.auditor);
    expect(auditor.wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分类统计', '承办单位', '督办清单', '明细台账']);
    const admin = await workbook(o.as.admin);
    expect(admin.wb.worksheets.map((w) => w.name)).toContain('人员');
    for (const { wb, xml } of [auditor, admin]) {
      const ws = wb.getWorksheet('明细台账')!;
      expect(ws.getRow(4).getCell(column(ws, '投诉人')).value).toBe('欧***');
      expect(ws.getRow(4).getCell(column(ws, '联系电话')).value).toBe('139****2222');
      expect(ws.getRow(4).getCell(column(ws, '身份证号')).value).toBe('110***********0011');
      for (const p of PEOPLE) for (const secret of [p.name, p.phone, p.idNumber]) expect(xml).not.toContain(secret);
      // The identity typed into a subject is masked as the register masks it.
      expect(ws.getRow(6).getCell(column(ws, '事由')).value).toBe('-窗口无人，诸***要求回电 057*****6666');
      expect(xml).not.toContain('0571-8888-6666');
      const overdue = wb.getWorksheet('督办清单')!;
      const subjects = [4, 5, 6, 7].map((n) => overdue.getRow(n).getCell(3).value);
      expect(subjects).toContain('-窗口无人，诸***要求回电 057*****6666');
    }
    const clerk = await o.core.call('statistics/xlsx', { period: NOVEMBER }, o.as.clerk);
    expect(clerk.ok).toBe(false);
  });

  it('hands the 统计 page an overdue list whose subjects are masked for whoever sees the complainant masked, as typed for a supervisor', async () => {
    const subjects = async (session: Office['as'][keyof Office['as']]) => {
      const r = must(await o.core.call('statistics/get', { period: NOVEMBER }, session));
      return (r.overdueList?.rows ?? []).map((x) => x.subject);
    };
    for (const session of [o.as.auditor, o.as.admin]) {
      const list = await subjects(session);
      expect(list).toContain('-窗口无人，诸***要求回电 057*****6666');
      expect(list.join('\n')).not.toContain('诸葛亮亮');
    }
    expect(await subjects(o.as.supervisor)).toContain(PEOPLE[2].subject);
  });

  it('public version: no personal data at all — no complainant, phone, ID, staff name or subject anywhere in the file', async () => {
    const { file, wb, xml } = await workbook(o.as.supervisor, true);
    expect(file.name).toBe('投诉统计-2026年11月-公开版.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分类统计', '承办单位']);
    for (const p of PEOPLE) {
      for (const secret of [p.name, p.phone, p.idNumber, p.subject.replace(/"/g, '&quot;'), p.subject.slice(1, 6), ...Array.from(p.name).slice(0, 1).map((s) => `${s}*`)]) {
        expect(xml, secret).not.toContain(secret);
      }
    }
    for (const secret of [SPOT.name, SPOT.phone, SPOT.idNumber, '咨询社保卡补办', ...STAFF_NAMES]) expect(xml, secret).not.toContain(secret);
    for (const c of [...cases, spot]) expect(xml).not.toContain(c.registerNo);
    expect(wb.getWorksheet('分类统计')!.getRow(5).getCell(2).value).toBe('<3');
    // 4 cases of one type and channel: counts of 3 or more are printed; the department's 1 assigned case is "<3".
    expect(wb.getWorksheet('分类统计')!.getRow(4).getCell(2).value).toBe(4);
    expect(wb.getWorksheet('承办单位')!.getRow(4).getCell(3).value).toBe('<3');
  });
});
