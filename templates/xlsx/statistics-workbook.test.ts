import { execFile, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { INJECTIONS, workbookView } from './fixture';
import { dateValue, statisticsWorkbookFile, textValue, XLSX_MIME } from './statistics-workbook';

/**
 * The statistics workbook re-read with exceljs and unzipped: sheets, values and their types, the print setup,
 * formula injection (never a formula, the text kept as text), the same dates under TZ=UTC and TZ=Asia/Shanghai,
 * and LibreOffice Calc opening it (required in CI).
 */
async function build(isPublic = false) {
  const file = await statisticsWorkbookFile(workbookView(isPublic));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
  const zip = await JSZip.loadAsync(file.bytes);
  return { file, wb, zip };
}

/** Every worksheet's XML and the shared strings, by part name. */
async function parts(zip: JSZip): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/(worksheets\/sheet\d+|sharedStrings|workbook)\.xml$/.test(n))) {
    out[name] = await zip.file(name)!.async('string');
  }
  return out;
}

const cellText = (wb: ExcelJS.Workbook, sheet: string) => {
  const texts: string[] = [];
  wb.getWorksheet(sheet)!.eachRow((row) => row.eachCell((c) => texts.push(typeof c.value === 'string' ? c.value : String(c.value))));
  return texts;
};

describe('statistics workbook', () => {
  it('has the internal sheets, each with the merged title, frozen header, A4 fitted to width and page numbers', async () => {
    const { file, wb, zip } = await build();
    expect(file.mimeType).toBe(XLSX_MIME);
    expect(file.name).toBe('投诉统计-2026年11月.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分类统计', '承办单位', '人员', '督办清单', '明细台账']);
    for (const ws of wb.worksheets) {
      expect(ws.getCell('A1').value).toMatch(/^测试县政务服务中心 /);
      expect(ws.getCell('A2').value).toMatch(/^统计期间：2026年11月（2026-11-01 至 2026-11-30）　数据截至：2026-12-02 01:30:00/);
      // A1 is merged across the whole table: the last header column's title cell is part of it.
      const lastCol = ws.getRow(3).cellCount;
      expect(ws.getCell(1, lastCol).isMerged).toBe(true);
      expect(ws.getCell(2, lastCol).isMerged).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' });
      expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
      // exceljs reads a width of 9 (Excel's default) back as undefined.
      for (let c = 1; c <= lastCol; c++) expect(ws.getColumn(c).width ?? 9).toBeGreaterThanOrEqual(6);
    }
    expect(wb.getWorksheet('明细台账')!.pageSetup.orientation).toBe('landscape');
    expect(wb.getWorksheet('人员')!.pageSetup.orientation).toBe('portrait');
    // documents.md's pitfalls: no outline properties beside fitToPage, no first-page footer without differentFirst.
    const xml = await parts(zip);
    for (const [name, body] of Object.entries(xml).filter(([n]) => n.includes('worksheets'))) {
      expect(body, name).not.toMatch(/outlinePr/);
      expect(body, name).not.toMatch(/firstFooter/);
      expect(body, name).toMatch(/<pageSetup[^>]*paperSize="9"/);
      expect(body, name).toMatch(/<pageSetUpPr fitToPage="1"/);
    }
    // The header rows repeat on every printed page: one Print_Titles name per sheet.
    expect((xml['xl/workbook.xml'].match(/_xlnm\.Print_Titles/g) ?? []).length).toBe(6);
  });

  it('汇总 holds every figure with 环比/同比 as numbers in their formats, "—" where a rate has no denominator', async () => {
    const { wb } = await build();
    const ws = wb.getWorksheet('汇总')!;
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, n) => { if (n > 3) rows.set(String(row.getCell(1).value), row); });
    const registered = rows.get('登记量')!;
    expect([2, 3, 4, 5, 6].map((c) => registered.getCell(c).value)).toEqual([10, 5, 5, 0, 10]);
    expect(registered.getCell(4).numFmt).toBe('+0;-0;0');
    expect(registered.getCell(7).value).toMatch(/^期间内收到/);
    const onTime = rows.get('按期办结率')!;
    expect(onTime.getCell(2).value).toBe(0.9);
    expect(onTime.getCell(2).numFmt).toBe('0.0%');
    // 同比: the year-ago month had no closed case: no rate, no change.
    expect([onTime.getCell(5).value, onTime.getCell(6).value]).toEqual(['—', '—']);
    const acceptance = rows.get('受理率')!;
    expect(acceptance.getCell(4).value).toBe(0);
    expect(acceptance.getCell(4).numFmt).toMatch(/个百分点/);
    expect(rows.get('平均办理时长（工作日）')!.getCell(2).value).toBe(6.5);
    expect(rows.get('中位办理时长（工作日）')!.getCell(2).value).toBe(6);
    expect(rows.get('中位办理时长（工作日）')!.getCell(5).value).toBe('—');
    expect(rows.size).toBeGreaterThanOrEqual(26);
  });

  it('分类统计 is type × channel with totals; 承办单位 ranked with 合计; 人员 with bands', async () => {
    const { wb } = await build();
    const cat = wb.getWorksheet('分类统计')!;
    expect([1, 2, 3, 4].map((c) => cat.getRow(3).getCell(c).value)).toEqual(['类型＼渠道', '电话', '来访', '合计']);
    expect([1, 2, 3, 4].map((c) => cat.getRow(4).getCell(c).value)).toEqual(['投诉', 5, 3, 8]);
    expect([1, 2, 3, 4].map((c) => cat.getRow(6).getCell(c).value)).toEqual(['合计', 6, 4, 10]);
    const dep = wb.getWorksheet('承办单位')!;
    expect([1, 2, 3, 6].map((c) => dep.getRow(4).getCell(c).value)).toEqual([1, '社保服务科', 6, 1]);
    expect(dep.getRow(4).getCell(6).numFmt).toBe('0.0%');
    expect(dep.getRow(5).getCell(6).value).toBe('—');
    expect([1, 2, 3].map((c) => dep.getRow(6).getCell(c).value)).toEqual([null, '合计', 9]);
    const staff = wb.getWorksheet('人员')!;
    expect([1, 2, 3, 4, 5].map((c) => staff.getRow(4).getCell(c).value)).toEqual([1, '李明', '社保服务科', 3, '诫勉谈话']);
    expect(staff.getCell('A2').value).toMatch(/人员统计区间：2026-01-01 至 2026-11-30/);
  });

  it('keeps register numbers, phones and ID numbers as text, and writes dates as dates of the office\'s calendar', async () => {
    const { wb } = await build();
    const ws = wb.getWorksheet('明细台账')!;
    const head = ws.getRow(3).values as unknown[];
    const col = (h: string) => head.indexOf(h);
    const first = ws.getRow(4);
    expect(first.getCell(col('登记编号')).value).toBe('2026-000001');
    expect(first.getCell(col('联系电话')).value).toBe('013812345678');
    expect(first.getCell(col('身份证号')).value).toBe('110101199003071234');
    expect(ws.getRow(5).getCell(col('身份证号')).value).toBe('11010119900307123X');
    for (const h of ['登记编号', '联系电话', '身份证号', '重复件（原件编号）']) {
      expect(first.getCell(col(h)).type, h).toBe(ExcelJS.ValueType.String);
      expect(first.getCell(col(h)).numFmt, h).toBe('@');
    }
    expect(first.getCell(col('收到时间')).value).toEqual(new Date(Date.UTC(2026, 10, 1, 9, 30)));
    expect(first.getCell(col('收到时间')).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(first.getCell(col('办结期限')).value).toEqual(new Date(Date.UTC(2026, 10, 20)));
    expect(first.getCell(col('办结日期')).numFmt).toBe('yyyy-mm-dd');
    // The last case of the month, received at 23:59, stays on 30 November.
    expect(ws.getRow(7).getCell(col('收到时间')).value).toEqual(new Date(Date.UTC(2026, 10, 30, 23, 59)));
    expect(ws.getRow(7).getCell(col('办结期限')).value).toBe(null);
    const overdue = wb.getWorksheet('督办清单')!;
    expect(overdue.getRow(4).getCell(5).value).toEqual(new Date(Date.UTC(2026, 10, 16)));
    expect(overdue.getRow(4).getCell(6).value).toBe(16);
    expect(ws.autoFilter).toBeTruthy();
  });

  it('writes text that starts with = + - @ tab or CR as plain text: no formula anywhere, the text as it was', async () => {
    const { wb, zip } = await build();
    const all = wb.worksheets.flatMap((ws) => cellText(wb, ws.name));
    for (const inj of INJECTIONS) {
      // XML keeps a CR only when escaped; a reader may give it back as a line feed, still text.
      expect(all.some((t) => t === inj || t === inj.replace('\r', '\n')), JSON.stringify(inj)).toBe(true);
    }
    wb.worksheets.forEach((ws) => ws.eachRow((row) => row.eachCell((c) => {
      expect(c.type, `${ws.name}!${c.address}`).not.toBe(ExcelJS.ValueType.Formula);
    })));
    const xml = await parts(zip);
    for (const [name, body] of Object.entries(xml).filter(([n]) => n.includes('worksheets'))) {
      expect(body, name).not.toMatch(/<f[ >]/);
      // No cell is a formula's string result (t="str") or an inline string that a reader might evaluate.
      expect(body, name).not.toMatch(/t="(str|inlineStr)"/);
    }
    // Every injected text is a shared string, escaped as XML.
    const strings = xml['xl/sharedStrings.xml'].replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    for (const inj of INJECTIONS) expect(strings, JSON.stringify(inj)).toContain(`>${inj}</t>`);
  });

  it('drops characters XML cannot carry instead of writing a file that does not open', async () => {
    expect(textValue('a\u0000b\u0007c\u001Fd\u000Be\tf\ng')).toBe('abcde\tf\ng');
    expect(textValue('𠮷\uD800')).toBe('𠮷');
    expect(dateValue('2026-11-30')).toEqual(new Date(Date.UTC(2026, 10, 30)));
    expect(dateValue('')).toBe(null);
    const view = workbookView();
    view.report.overdueList!.rows[0].subject = '事由\u0001含控制字符';
    const file = await statisticsWorkbookFile(view);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('督办清单')!.getRow(4).getCell(3).value).toBe('事由含控制字符');
  });

  it('public version: 汇总, 分类统计 and 承办单位 only, "<3" cells as text', async () => {
    const { file, wb, zip } = await build(true);
    expect(file.name).toBe('投诉统计-2026年11月-公开版.xlsx');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分类统计', '承办单位']);
    expect(wb.getWorksheet('分类统计')!.getRow(5).getCell(2).value).toBe('<3');
    expect(wb.getWorksheet('承办单位')!.getRow(4).getCell(7).value).toBe('<3');
    expect(wb.getWorksheet('汇总')!.getCell('A2').value).toMatch(/定期公开版/);
    const xml = Object.values(await parts(zip)).join('\n');
    for (const word of ['张三', '013812345678', '110101199003071234', '李明', '人员', '督办清单', '明细台账']) expect(xml).not.toContain(word);
  });

  it('gives the same dates whether the PC runs in UTC or in Asia/Shanghai', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stats-xlsx-tz-'));
    try {
      const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx');
      const run = async (tz: string) => {
        const out = path.join(dir, `${tz.replace('/', '-')}.xlsx`);
        const { stdout } = await promisify(execFile)(tsx, [path.resolve(__dirname, 'tz-child.ts'), out], { env: { ...process.env, TZ: tz }, timeout: 60_000 });
        const sheets = await parts(await JSZip.loadAsync(fs.readFileSync(out)));
        return { ...(JSON.parse(stdout) as { zone: string; offsetMinutes: number; dates: string[] }), sheets };
      };
      const [utc, shanghai] = await Promise.all([run('UTC'), run('Asia/Shanghai')]);
      expect([utc.zone, utc.offsetMinutes, shanghai.zone, shanghai.offsetMinutes]).toEqual(['UTC', 0, 'Asia/Shanghai', -480]);
      expect(utc.dates).toEqual(shanghai.dates);
      expect(utc.dates).toContain('督办清单!E4=2026-11-16T00:00:00.000Z');
      expect(utc.dates).toContain('明细台账!C4=2026-11-01T09:30:00.000Z');
      expect(utc.dates).toContain('明细台账!C7=2026-11-30T23:59:00.000Z');
      // The sheets are the same bytes (the serial numbers of the dates included).
      expect(utc.sheets).toEqual(shanghai.sheets);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

// ---- LibreOffice Calc opens it (required in CI; run wherever soffice is installed) ----
const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim() || null;
/** Calc's own library: soffice with Writer alone says "source file could not be loaded" for a workbook. */
const calc = ['/usr/lib/libreoffice/program/libsclo.so', '/opt/libreoffice/program/libsclo.so'].some((f) => fs.existsSync(f));
const inCi = Boolean(process.env.CI);

describe.skipIf((!soffice || !calc) && !inCi)('LibreOffice Calc', () => {
  it('opens the workbook and prints it to PDF with the figures, the text IDs and the dates as written', async () => {
    if (!soffice || !calc) throw new Error('CI: LibreOffice Calc is missing (.ci/prepare installs libreoffice-calc-nogui), so the workbook was not opened');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stats-xlsx-lo-'));
    try {
      const file = await statisticsWorkbookFile(workbookView());
      fs.writeFileSync(path.join(dir, 'stats.xlsx'), file.bytes);
      execFileSync(soffice, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'stats.xlsx')], {
        env: { ...process.env, FONTCONFIG_FILE: path.resolve(__dirname, '../docx/fontconfig/fonts.conf') }, timeout: 120_000, stdio: 'pipe',
      });
      const pdf = path.join(dir, 'stats.pdf');
      expect(fs.existsSync(pdf)).toBe(true);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      for (const s of ['投诉统计汇总表', '投诉分类统计表', '承办单位办理情况表', '超期未办结案件督办清单', '投诉案件明细台账', '2026-000002',
        '013812345678', '110101199003071234', '2026-11-16', '2026-11-30 23:59', '86.7%', '=HYPERLINK', '第 1 页，共']) {
        expect(text, s).toContain(s);
      }
      // The ID number is text: not shown as 1.10101E+17.
      expect(text).not.toMatch(/E\+17/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
