import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIGURES, formatRate } from '../../domain/statistics';
import type { CaseDetail, FileResult, StatisticsFigures, StatisticsReport } from '../../types';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';

/**
 * statistics/pdf through the core over the register of workbook.test.ts (November 2026: distinct complainants,
 * phones, ID numbers, staff complained about, formula-like subjects, an overdue case and a confidential one; read
 * at 2 December). The PDF's text (pdftotext) is checked against statistics/get's report for the same reader, and
 * the public version scanned for every piece of personal data the register holds.
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


const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-stats-pdf-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The PDF's text with the spaces pdftotext puts between CJK characters taken out. */
async function pdf(session: Office['as'][keyof Office['as']], isPublic = false): Promise<{ file: FileResult; text: string; raw: string; pages: number }> {
  const file = must(await o.core.call('statistics/pdf', { period: NOVEMBER, public: isPublic }, session)) as FileResult;
  const f = path.join(tmp, `s-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(f, file.bytes);
  // To look at the pages: STATS_PDF_KEEP=/some/dir keeps a copy of each PDF there.
  if (process.env.STATS_PDF_KEEP) fs.copyFileSync(f, path.join(process.env.STATS_PDF_KEEP, `${session.userId}${isPublic ? '-public' : ''}.pdf`));
  const raw = (await run('pdftotext', [f, '-'])).stdout;
  const info = (await run('pdfinfo', [f])).stdout;
  return { file, raw, text: raw.replace(/[ \u00a0]+/g, ''), pages: Number(/Pages:\s+(\d+)/.exec(info)![1]) };
}

const value = (r: StatisticsFigures, key: keyof StatisticsFigures, kind: string): string =>
  kind === 'rate' ? formatRate(r[key] as number | null) : String(r[key]);

describe('statistics/pdf', () => {
  it('prints the office, the period, 数据截至, every key figure with its value, the departments, the staff table and the page footers', async () => {
    const report = must(await o.core.call('statistics/get', { period: NOVEMBER }, o.as.supervisor)) as StatisticsReport;
    const { file, text, pages } = await pdf(o.as.supervisor);
    expect(file.mimeType).toBe('application/pdf');
    expect(file.name).toBe('投诉统计-2026年11月.pdf');
    expect(Buffer.from(file.bytes).subarray(0, 5).toString()).toBe('%PDF-');
    expect(text).toContain('测试县政务服务中心');
    expect(text).toContain('投诉统计汇总表');
    expect(text).toContain('统计期间：2026年11月（2026-11-01至2026-11-30）');
    expect(text).toContain(`数据截至：${report.asOf.replace(/ /g, '')}`);
    // Every figure's row: its label, then this period's value and the previous period's (a line each in pdftotext).
    const lines = text.split('\n');
    for (const f of FIGURES) {
      if (f.kind === 'days') {
        for (const [label, v] of [['平均办理时长（工作日）', report.handlingWorkingDays.mean], ['中位办理时长（工作日）', report.handlingWorkingDays.median]] as const) {
          const at = lines.indexOf(label);
          expect(at, label).toBeGreaterThanOrEqual(0);
          expect(lines.slice(at, at + 12), label).toContain(v === null ? '—' : v.toFixed(1));
        }
        continue;
      }
      const at = lines.indexOf(f.label);
      expect(at, f.label).toBeGreaterThanOrEqual(0);
      expect(lines.slice(at + 1, at + 12), f.label).toContain(value(report, f.key as keyof StatisticsFigures, f.kind));
    }
    expect(report.registered).toBe(5);
    expect(lines).toContain('环比增减');
    expect(lines).toContain('同比增减');
    for (const d of report.departments) expect(text).toContain(d.name);
    for (const x of report.overdueList!.rows) expect(text).toContain(x.registerNo);
    for (const s of report.staff ?? []) expect(text).toContain(s.name);
    expect(text).toContain('近12个月趋势');
    expect(text).toContain('制表人：');
    expect(text).toContain('审核人：');
    expect(text).toContain('日期：');
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let n = 1; n <= pages; n++) expect(text).toContain(`第${n}页共${pages}页`);
    // No complainant field is printed: the complainants' names appear nowhere but where a subject typed one.
    for (const p of PEOPLE) for (const secret of [p.phone, p.idNumber]) expect(text, secret).not.toContain(secret);
    for (const secret of [SPOT.name, SPOT.phone, SPOT.idNumber]) expect(text, secret).not.toContain(secret);
  }, 60_000);

  it('masks identity in the overdue subjects for an auditor and leaves the staff table out; a clerk is refused', async () => {
    const { text } = await pdf(o.as.auditor);
    expect(text).toContain('-窗口无人，诸***要求回电057*****6666');
    expect(text).not.toContain('诸葛亮亮');
    expect(text).not.toContain('0571-8888-6666');
    expect(text).not.toContain('被投诉人员属实件数');
    expect((await pdf(o.as.supervisor)).text).toContain('被投诉人员属实件数');
    const clerk = await o.core.call('statistics/pdf', { period: NOVEMBER }, o.as.clerk);
    expect(clerk.ok).toBe(false);
  }, 60_000);

  it('public version: no complainant, phone, ID, staff name, subject or register number; small cells as "<3"', async () => {
    const { file, text, raw } = await pdf(o.as.supervisor, true);
    expect(file.name).toBe('投诉统计-2026年11月-公开版.pdf');
    expect(text).toContain('定期公开版');
    for (const p of PEOPLE) {
      for (const secret of [p.name, p.phone, p.idNumber, p.subject.replace(/ /g, ''), p.subject.slice(1, 6).replace(/ /g, ''), `${Array.from(p.name)[0]}*`]) {
        expect(text, secret).not.toContain(secret);
      }
    }
    for (const secret of [SPOT.name, SPOT.phone, SPOT.idNumber, '咨询社保卡补办', ...STAFF_NAMES]) expect(text, secret).not.toContain(secret);
    for (const c of [...cases, spot]) expect(raw).not.toContain(c.registerNo);
    expect(text).not.toContain('督办清单');
    expect(text).not.toContain('被投诉人员');
    expect(text).toContain('<3');
  }, 60_000);
});
