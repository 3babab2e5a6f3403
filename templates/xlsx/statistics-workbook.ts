import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { FIGURES, change, type FigureDefinition } from '../statistics/figures';
import { BORDER, DATE, DATE_TIME, TEXT, XLSX_MIME, dateValue, textValue, writeSheetHead } from './cells';
import type { FileResult, StatisticsCell, StatisticsFigures, StatisticsReport } from '../../electron/core/types';

/**
 * The statistics workbook (issue 9 item 3): the report of statistics/get as sheets an office sends on and an
 * auditor opens without the app. A pure function of its view model: the core has read, counted, masked and
 * labelled everything (the public version already has "<3" cells and no personal data); this file only lays it
 * out. Sheets: 汇总, 分类统计, 承办单位, 人员 (only when the report carries the staff table), 督办清单 and 明细台账
 * (internal only). Every sheet: a merged title row with the office and period, the period line, a frozen header
 * row repeated on every printed page, A4 fitted to the page's width, 第 &P 页，共 &N 页 in the footer.
 *
 * The workbook is written with exceljs' streaming writer, row by row (each row committed as it is written), so a
 * long 明细台账 never sits in memory as cells: the lines may come from an async iterable read page by page.
 *
 * Cell rules: user text is always written as a string cell (never a formula: this file writes no formula at all),
 * characters XML forbids are dropped, and text columns (register numbers, phones, ID numbers) carry the text
 * format '@' so editing them in Excel or WPS keeps them text. Dates are real dates: `Date.UTC(y, m, d)` (exceljs
 * turns a Date into Excel's serial from its UTC fields, so the day shown never depends on the PC's time zone),
 * with an explicit 'yyyy-mm-dd' format (not a built-in Chinese one, which exceljs would read back as a number).
 */

export { XLSX_MIME, textValue, dateValue };

/** One line of 明细台账: what the core decided this reader may see, already masked and labelled. */
export interface DetailLine {
  registerNo: string;
  /** 'YYYY-MM-DD HH:mm' in the office's zone */
  receivedAt: string;
  channel: string;
  caseType: string;
  complainant: string;
  phone: string;
  idNumber: string;
  headCount: number;
  respondentDepartment: string;
  respondentStaff: string;
  subject: string;
  handlingDepartment: string;
  severity: string;
  status: string;
  /** 'YYYY-MM-DD' or '' */
  dueDate: string;
  closedOn: string;
  /** 按期办结 / 超期办结 / 超期未办结 / '' */
  timeliness: string;
  finding: string;
  satisfaction: string;
  repeatOf: string;
}

export interface StatisticsWorkbookView {
  officeName: string;
  report: StatisticsReport;
  /** 分类统计: rows are case types, columns channels, each cell a count ("<3" in the public version) */
  typeByChannel: { types: string[]; channels: string[]; cells: Record<string, Record<string, StatisticsCell>>; typeTotals: Record<string, StatisticsCell>; channelTotals: Record<string, StatisticsCell>; total: StatisticsCell };
  /** 明细台账 (internal only): the cohort's cases in order of receipt (at most `limit`), and how many the cohort holds */
  details?: { lines: Iterable<DetailLine> | AsyncIterable<DetailLine>; total: number; limit: number };
}

const RATE = '0.0%';
const COUNT_CHANGE = '+0;-0;0';
const RATE_CHANGE = '+0.0" 个百分点";-0.0" 个百分点";0.0" 个百分点"';
const DAYS = '0.0';
const DAYS_CHANGE = '+0.0;-0.0;0.0';
const NONE = '—';

type Book = ExcelJS.stream.xlsx.WorkbookWriter;
/** The narrowest a sheet's table is laid out (in Excel's character widths): the title and period line fit it. */
const MIN_TABLE_WIDTH = 86;
type ColumnKind = 'text' | 'wrap' | 'id' | 'count' | 'rate' | 'date' | 'dateTime' | 'number';
interface Column { header: string; width: number; kind: ColumnKind }


/** A value for a count cell: a number, or the public version's "<3" as text (right-aligned like the numbers). */
const countValue = (c: StatisticsCell | number): number | string => c;
const rateValue = (r: number | null): number | string => (r === null ? NONE : r);

/**
 * A sheet with the shared frame: title (merged), period line (merged), header row; widths, frozen header,
 * print setup. Returns the sheet and a function adding one data row with each column's format.
 */
function frame(wb: Book, name: string, view: StatisticsWorkbookView, title: string, columns: Column[], landscape: boolean, note?: string) {
  const r = view.report;
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 3, topLeftCell: 'A4', activeCell: 'A4' }],
    pageSetup: {
      paperSize: 9, orientation: landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      horizontalCentered: true, printTitlesRow: '1:3',
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  // A narrow table (a few channels) is widened to the title's and the period line's width, so neither is cut.
  const sum = columns.reduce((t, c) => t + c.width, 0);
  const widen = sum < MIN_TABLE_WIDTH ? MIN_TABLE_WIDTH / sum : 1;
  columns = columns.map((c) => ({ ...c, width: Math.round(c.width * widen * 10) / 10 }));
  ws.columns = columns.map((c) => ({ width: c.width }));
  const last = columns.length;
  const version = r.public ? '（定期公开版）' : '';
  writeSheetHead(ws, {
    title: `${view.officeName} ${title}`,
    line: `统计期间：${r.period.label}（${r.period.from} 至 ${r.period.to}）${version}　数据截至：${r.asOf}${note ? `　${note}` : ''}`,
    lineAlign: 'center', lineHeight: note ? 30 : 18, headers: columns.map((c) => c.header), headerHeight: 30,
  });

  let next = 4;
  const add = (values: Array<string | number | Date | null>, opts: { bold?: boolean; formats?: Array<string | undefined> } = {}) => {
    const row = ws.getRow(next++);
    values.forEach((v, i) => {
      const c = columns[i];
      const cell = row.getCell(i + 1);
      cell.value = typeof v === 'string' ? textValue(v) : v;
      cell.border = BORDER;
      const fmt = opts.formats?.[i];
      if (fmt) cell.numFmt = fmt;
      else if (c.kind === 'id') cell.numFmt = TEXT;
      else if (c.kind === 'rate' && typeof v === 'number') cell.numFmt = RATE;
      else if (c.kind === 'date' && v instanceof Date) cell.numFmt = DATE;
      else if (c.kind === 'dateTime' && v instanceof Date) cell.numFmt = DATE_TIME;
      const numeric = c.kind === 'count' || c.kind === 'rate' || c.kind === 'number';
      cell.alignment = c.kind === 'wrap'
        ? { vertical: 'top', wrapText: true }
        : { vertical: 'top', horizontal: numeric ? 'right' : c.kind === 'date' || c.kind === 'dateTime' ? 'center' : 'left' };
      if (opts.bold) cell.font = { bold: true };
    });
    // Excel and LibreOffice do not grow a row for wrapped text they did not lay out themselves: give it the lines.
    const lines = Math.max(1, ...values.map((v, i) => (columns[i].kind === 'wrap' && typeof v === 'string' ? wrappedLines(v, columns[i].width) : 1)));
    if (lines > 1) row.height = lines * 15;
    row.commit();
    return row;
  };
  /** A line of text across the whole width below the table (notes, warnings). */
  const noteRow = (text: string) => {
    const row = ws.getRow(next++);
    row.getCell(1).value = textValue(text);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    ws.mergeCells(row.number, 1, row.number, last);
    row.height = Math.max(18, wrappedLines(text, columns.reduce((sum, c) => sum + c.width, 0)) * 15);
    row.commit();
  };
  return { ws, add, noteRow };
}

/** Lines a text takes in a column `width` characters wide (a CJK character is two wide). */
function wrappedLines(text: string, width: number): number {
  const usable = Math.max(4, width - 1.5);
  return textValue(text).split(/\r\n|\r|\n/).reduce((sum, part) => {
    let w = 0;
    for (const ch of part) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(ch) ? 1.8 : 1;
    return sum + Math.max(1, Math.ceil(w / usable));
  }, 0);
}

// ---- sheets

type FigureValue = { value: number | string; format?: string };

function figureValue(f: FigureDefinition, x: StatisticsFigures): FigureValue {
  const v = x[f.key as keyof StatisticsFigures] as number | null;
  if (f.kind === 'rate') return v === null ? { value: NONE } : { value: v, format: RATE };
  return { value: v ?? NONE };
}

function changeValue(kind: 'count' | 'rate' | 'days', now: number | null, other: number | null): FigureValue {
  const d = change(kind, now, other);
  if (d === null) return { value: NONE };
  return { value: d, format: kind === 'rate' ? RATE_CHANGE : kind === 'days' ? DAYS_CHANGE : COUNT_CHANGE };
}

function summarySheet(wb: Book, view: StatisticsWorkbookView) {
  const r = view.report;
  const cols: Column[] = [
    { header: '指标', width: 18, kind: 'text' },
    { header: `本期\n${r.period.label}`, width: 13, kind: 'number' },
    { header: `上期（环比）\n${r.previous.period.label}`, width: 15, kind: 'number' },
    { header: '环比增减', width: 15, kind: 'number' },
    { header: `去年同期（同比）\n${r.yearAgo.period.label}`, width: 17, kind: 'number' },
    { header: '同比增减', width: 15, kind: 'number' },
    { header: '口径说明', width: 52, kind: 'wrap' },
  ];
  const { ws, add, noteRow } = frame(wb, '汇总', view, '投诉统计汇总表', cols, true);
  for (const f of FIGURES) {
    if (f.kind === 'days') {
      for (const which of ['mean', 'median'] as const) {
        const label = which === 'mean' ? '平均办理时长（工作日）' : '中位办理时长（工作日）';
        const v = (x: StatisticsFigures) => x.handlingWorkingDays[which];
        const val = (x: StatisticsFigures): FigureValue => (v(x) === null ? { value: NONE } : { value: v(x)!, format: DAYS });
        const cells = [val(r), val(r.previous), changeValue('days', v(r), v(r.previous)), val(r.yearAgo), changeValue('days', v(r), v(r.yearAgo))];
        add([label, ...cells.map((c) => c.value), f.definition], { formats: [undefined, ...cells.map((c) => c.format)] });
      }
      continue;
    }
    const key = f.key as keyof StatisticsFigures;
    const kind = f.kind === 'rate' ? 'rate' : 'count';
    const num = (x: StatisticsFigures) => x[key] as number | null;
    const cells = [
      figureValue(f, r), figureValue(f, r.previous), changeValue(kind, num(r), num(r.previous)),
      figureValue(f, r.yearAgo), changeValue(kind, num(r), num(r.yearAgo)),
    ];
    add([f.label, ...cells.map((c) => c.value), f.definition], { formats: [undefined, ...cells.map((c) => c.format)] });
  }
  noteRow('说明：比率以百分数表示（保留一位小数），分母为 0 时记“—”；环比、同比的比率增减以百分点计。按期办结率为办结件中的按期比例，须与“超期未办结”一并看。');
  for (const w of r.warnings) noteRow(`提示：${w}`);
  return ws;
}

function categorySheet(wb: Book, view: StatisticsWorkbookView) {
  const m = view.typeByChannel;
  const cols: Column[] = [
    { header: '类型＼渠道', width: 14, kind: 'text' },
    ...m.channels.map((c): Column => ({ header: c, width: Math.max(9, Array.from(c).length * 2 + 2), kind: 'count' })),
    { header: '合计', width: 10, kind: 'count' },
  ];
  const { ws, add, noteRow } = frame(wb, '分类统计', view, '投诉分类统计表（类型 × 渠道）', cols, cols.length > 8);
  for (const t of m.types) add([t, ...m.channels.map((c) => countValue(m.cells[t]?.[c] ?? 0)), countValue(m.typeTotals[t] ?? 0)]);
  add(['合计', ...m.channels.map((c) => countValue(m.channelTotals[c] ?? 0)), countValue(m.total)], { bold: true });
  if (m.types.length === 0) noteRow('本期无登记案件。');
  if (view.report.public) noteRow('注：少于 3 件的格以“<3”表示。');
  return ws;
}

function departmentSheet(wb: Book, view: StatisticsWorkbookView) {
  const cols: Column[] = [
    { header: '排名', width: 7, kind: 'number' },
    { header: '承办单位', width: 22, kind: 'wrap' },
    { header: '分办件数', width: 10, kind: 'count' },
    { header: '办结', width: 9, kind: 'count' },
    { header: '按期办结', width: 10, kind: 'count' },
    { header: '按期办结率', width: 11, kind: 'rate' },
    { header: '超期未办结', width: 11, kind: 'count' },
    { header: '回访', width: 9, kind: 'count' },
    { header: '满意率', width: 10, kind: 'rate' },
    { header: '不满意', width: 9, kind: 'count' },
  ];
  const { ws, add, noteRow } = frame(wb, '承办单位', view, '承办单位办理情况表', cols, true);
  for (const d of view.report.departments) {
    add([
      d.rank, d.name, countValue(d.assigned), countValue(d.closed), countValue(d.closedOnTime), rateValue(d.onTimeRate),
      countValue(d.overdueOpen), countValue(d.followedUp), rateValue(d.satisfactionRate), countValue(d.unsatisfied),
    ], { bold: d.departmentId === null });
  }
  noteRow('排名按按期办结率由高到低（无办结件的排在最后）；满意率 =（满意 + 基本满意）÷ 回访。' + (view.report.public ? '少于 3 件的格以“<3”表示。' : ''));
  return ws;
}

function staffSheet(wb: Book, view: StatisticsWorkbookView) {
  const r = view.report;
  const span = r.staffPeriod ? `${r.staffPeriod.from} 至 ${r.staffPeriod.to}` : '';
  const cols: Column[] = [
    { header: '序号', width: 7, kind: 'number' },
    { header: '被投诉人员', width: 16, kind: 'text' },
    { header: '所在部门', width: 22, kind: 'text' },
    { header: '属实 / 部分属实件数', width: 14, kind: 'count' },
    { header: '处理档次', width: 14, kind: 'text' },
  ];
  const { ws, add, noteRow } = frame(wb, '人员', view, '被投诉人员属实件统计（内部）', cols, false, `人员统计区间：${span}`);
  (r.staff ?? []).forEach((s, i) => add([i + 1, s.name, s.department, s.substantiated, s.band ?? '']));
  if ((r.staff ?? []).length === 0) noteRow('本年度至期末无属实或部分属实的被投诉人员。');
  noteRow('一年内属实（含部分属实）2 件：批评教育；3 件：诫勉谈话；4 件及以上：调离岗位。本表仅供内部使用，不得公开。');
  return ws;
}

function overdueSheet(wb: Book, view: StatisticsWorkbookView) {
  const list = view.report.overdueList ?? { rows: [], total: 0 };
  const cols: Column[] = [
    { header: '序号', width: 7, kind: 'number' },
    { header: '登记编号', width: 16, kind: 'id' },
    { header: '事由', width: 44, kind: 'wrap' },
    { header: '承办单位', width: 20, kind: 'text' },
    { header: '办理期限', width: 12, kind: 'date' },
    { header: '超期天数', width: 10, kind: 'count' },
  ];
  const { ws, add, noteRow } = frame(wb, '督办清单', view, '超期未办结案件督办清单', cols, true);
  list.rows.forEach((o, i) => add([i + 1, o.registerNo, o.subject, o.handlingDepartment, dateValue(o.dueDate), o.daysOverdue]));
  if (list.rows.length === 0) noteRow('本期登记的案件中，目前没有超期未办结的。');
  if (list.total > list.rows.length) noteRow(`共 ${list.total} 件，本表列出超期最久的 ${list.rows.length} 件。`);
  return ws;
}

const DETAIL_COLUMNS: Column[] = [
  { header: '序号', width: 7, kind: 'number' },
  { header: '登记编号', width: 15, kind: 'id' },
  { header: '收到时间', width: 15, kind: 'dateTime' },
  { header: '渠道', width: 8, kind: 'text' },
  { header: '类型', width: 8, kind: 'text' },
  { header: '投诉人', width: 10, kind: 'text' },
  { header: '联系电话', width: 14, kind: 'id' },
  { header: '身份证号', width: 20, kind: 'id' },
  { header: '人数', width: 6, kind: 'number' },
  { header: '被投诉部门', width: 14, kind: 'text' },
  { header: '被投诉人员', width: 10, kind: 'text' },
  { header: '事由', width: 26, kind: 'wrap' },
  { header: '承办单位', width: 14, kind: 'text' },
  { header: '严重程度', width: 8, kind: 'text' },
  { header: '状态', width: 9, kind: 'text' },
  { header: '办结期限', width: 11, kind: 'date' },
  { header: '办结日期', width: 11, kind: 'date' },
  { header: '按期情况', width: 10, kind: 'text' },
  { header: '调查结论', width: 10, kind: 'text' },
  { header: '满意度', width: 9, kind: 'text' },
  { header: '重复件（原件编号）', width: 15, kind: 'id' },
];

async function detailSheet(wb: Book, view: StatisticsWorkbookView) {
  const details = view.details!;
  const note = details.total > details.limit ? `本期共 ${details.total} 件，本表列出按收到时间最早的 ${details.limit} 件；全部案件请在登记册中导出。` : undefined;
  const { ws, add, noteRow } = frame(wb, '明细台账', view, '投诉案件明细台账', DETAIL_COLUMNS, true, note);
  let n = 0;
  for await (const l of details.lines) {
    if (n >= details.limit) break;
    n += 1;
    add([
      n, l.registerNo, dateValue(l.receivedAt), l.channel, l.caseType, l.complainant, l.phone, l.idNumber, l.headCount,
      l.respondentDepartment, l.respondentStaff, l.subject, l.handlingDepartment, l.severity, l.status, dateValue(l.dueDate),
      dateValue(l.closedOn), l.timeliness, l.finding, l.satisfaction, l.repeatOf,
    ]);
  }
  if (n === 0) noteRow('本期无登记案件。');
  else ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3 + n, column: DETAIL_COLUMNS.length } };
  return ws;
}

/** The workbook's bytes: the sheets written one after the other, each committed before the next begins. */
export async function statisticsWorkbookBytes(view: StatisticsWorkbookView): Promise<Uint8Array> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // A fixed date: the same report gives the same workbook (数据截至 is printed in every sheet's period line).
  const created = dateValue(view.report.asOf) ?? new Date(0);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: true, creator: textValue(view.officeName), created, modified: created } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
  type Sheet = (wb: Book, view: StatisticsWorkbookView) => ExcelJS.Worksheet | Promise<ExcelJS.Worksheet>;
  const sheets: Sheet[] = [summarySheet, categorySheet, departmentSheet];
  if (!view.report.public) {
    if (view.report.staff) sheets.push(staffSheet);
    sheets.push(overdueSheet);
    if (view.details) sheets.push(detailSheet);
  }
  // Each sheet is committed before the next starts: the zip takes its parts one after the other.
  for (const sheet of sheets) (await sheet(wb, view)).commit();
  await wb.commit();
  out.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** The file name: 投诉统计-2026年11月.xlsx, 投诉统计-2026年11月-公开版.xlsx. */
export function statisticsWorkbookName(r: StatisticsReport): string {
  return `投诉统计-${r.period.label.replace(/\s+/g, '')}${r.public ? '-公开版' : ''}.xlsx`;
}

/** The workbook as a file answer (statistics/xlsx, `stats --xlsx`). */
export async function statisticsWorkbookFile(view: StatisticsWorkbookView): Promise<FileResult> {
  return { name: statisticsWorkbookName(view.report), mimeType: XLSX_MIME, bytes: await statisticsWorkbookBytes(view) };
}
