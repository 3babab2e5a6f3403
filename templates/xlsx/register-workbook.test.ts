import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { dateValue } from './cells';
import { excelSerial, REGISTER_COLUMNS, registerWorkbookWriter } from './register-workbook';

describe('excelSerial', () => {
  // What exceljs writes for the Date dateValue gives (25569 + ms / day): the register export writes the number itself.
  const viaDate = (s: string, n: 10 | 16) => {
    const d = dateValue(s.slice(0, n));
    return d === null ? null : 25569 + d.getTime() / (24 * 3600 * 1000);
  };
  it('is the very number exceljs wrote for the date, and null for what is no date', () => {
    const texts = ['2026-12-01', '2026-12-01 09:30', '2026-12-01T23:59', '2026-12-01 09:30:15', '1999-01-01 7:30', '2026-02-30', '2026-1-01',
      '2026-12-01 0930', '2026-12-01 09:3x', '２０２６-12-01', '', 'x', '2026/12/01', '0000-00-00', '2026-12-01 24:00'];
    for (const s of texts) for (const n of [10, 16] as const) expect(excelSerial(s, n), `${s} ${n}`).toBe(viaDate(s, n));
    expect(excelSerial('2026-12-01 12:00', 16)).toBe(46357.5);
    expect(excelSerial('2026-12-01 12:00', 10)).toBe(46357);
  });
});

describe('registerWorkbookWriter', () => {
  const head = { officeName: '某市政务服务中心 <&>', exportedAt: '2026-12-01 09:30', filters: '状态：已办结 "引号" \'单引号\'', unmasked: false };
  const full = (over: Partial<Record<number, string>>) => REGISTER_COLUMNS.map((c, i) => over[i] ?? (c.kind === 'date' ? '2026-11-30' : c.kind === 'dateTime' ? '2026-11-30 08:05' : `${c.header}值`));
  // Every form a cell takes: text of every column kind, dates and date-times (valid, invalid, with seconds), empty
  // values (no cell: rows with a gap first or last), text XML escapes or drops (<>&'" and control characters, lone
  // surrogates, U+FFFE), formula-like text, numbers and IDs as text, a value that is nothing once cleaned.
  const lines: string[][] = [
    full({}),
    full({ 0: '=1+1', 4: '+SUM(A1:A2)\t-1 @x\r\n<b>&amp;"\'</b>', 5: '-张三', 6: '013800138000', 8: '@李四' }),
    full({ 1: '2026-13-45 99:99', 10: '不是日期', 13: '2026/12/01', 16: '2026-12-01 23:59:59', 18: '２０２６-12-01' }),
    full({ 0: '', 1: '', 21: '' }),
    full({ 4: 'a\u0000b\u0001c\u0008d\u000Be\u000Cf\u000Eg\u001Fh\u007Fi\uFFFEj\uD800k\uDC00l😀𠮷䶮', 7: '\u0001\u0002', 9: '\u007F' }),
    REGISTER_COLUMNS.map((_, i) => (i === 3 ? '咨询' : '')),
    full({ 4: ' 前后空格 ', 6: '1.5E+3', 12: '0', 14: 'true', 21: '2026-000001' }),
  ];
  async function written(cellByCell: boolean, sheetRows?: number): Promise<Map<string, string>> {
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => out.on('end', resolve));
    const book = registerWorkbookWriter(out, head, { sheetRows, cellByCell });
    for (let round = 0; round < 3; round++) {
      for (const l of lines) book.addValues(l);
      await book.drained();
    }
    await book.commit();
    await ended;
    const zip = await JSZip.loadAsync(Buffer.concat(chunks));
    const parts = new Map<string, string>();
    for (const name of Object.keys(zip.files).sort()) parts.set(name, await zip.file(name)!.async('string'));
    return parts;
  }
  it('writes the rows exactly as exceljs writes them cell by cell, on one sheet or several', async () => {
    for (const sheetRows of [undefined, 4]) {
      const rendered = await written(false, sheetRows);
      const reference = await written(true, sheetRows);
      expect([...rendered.keys()]).toEqual([...reference.keys()]);
      for (const [name, xml] of reference) expect(rendered.get(name), name).toBe(xml);
      expect(rendered.has(sheetRows ? 'xl/worksheets/sheet6.xml' : 'xl/worksheets/sheet1.xml')).toBe(true);
    }
  });
  it('reads back with exceljs: text stays text, dates are dates, no formula', async () => {
    const parts = await written(false);
    const sheet = parts.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).not.toContain('<f>');
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => out.on('end', resolve));
    const book = registerWorkbookWriter(out, head);
    for (const l of lines) book.addValues(l);
    await book.commit();
    await ended;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A5').value).toBe('=1+1');
    // (exceljs' reader decodes entities twice and XML reads CR LF as LF: the file holds the text as given, above)
    expect(ws.getCell('E5').value).toBe('+SUM(A1:A2)\t-1 @x\n<b>&"\'</b>');
    expect(ws.getCell('G5').value).toBe('013800138000');
    expect(ws.getCell('B4').value).toEqual(new Date(Date.UTC(2026, 10, 30, 8, 5)));
    expect(ws.getCell('K4').value).toEqual(new Date(Date.UTC(2026, 10, 30)));
    expect(ws.getCell('K6').value).toBe('不是日期');
    expect(ws.getCell('E8').value).toBe('abcdefghij k l😀𠮷䶮'.replace(/ /g, ''));
    expect(ws.getCell('A7').value).toBeNull();
    expect(ws.getCell('D9').value).toBe('咨询');
    expect(ws.getCell('A9').value).toBeNull();
  });
});
