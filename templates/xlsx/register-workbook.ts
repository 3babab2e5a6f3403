import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { BORDER, DATE, DATE_TIME, TEXT, dateValue, textValue, writeSheetHead } from './cells';
import { lineValues, REGISTER_COLUMNS, type RegisterLine } from './register-columns';

export { lineValues, REGISTER_COLUMNS, type RegisterLine } from './register-columns';

/**
 * The exported register (登记册 → 导出 Excel, issue 9 item 5): one row per case, streamed into exceljs'
 * WorkbookWriter row by row (each row committed as it is written), so a million cases never sit in memory as
 * cells; strings are written inline (no shared-strings table growing with every subject). A pure layout of
 * what the core decided: the lines come masked and labelled. Past `sheetRows` data rows a sheet continues on
 * 登记册(2), 登记册(3)… (Excel's sheet holds 1,048,576 rows; each sheet has a title, a line about the export and
 * the header above its data). Every sheet: frozen header, A4 landscape fitted to the width, the three top rows
 * repeated on every printed page, page numbers in the footer. Cell rules: templates/xlsx/cells.ts.
 */

export interface RegisterWorkbookHead {
  officeName: string;
  /** 'YYYY-MM-DD HH:mm' */
  exportedAt: string;
  /** the filters and search in words, e.g. 收到日期 2026-11-01 至 2026-11-30；状态：已办结 */
  filters: string;
  unmasked: boolean;
}

/** Rows above the data on every sheet: title, the export's line, the header. */
export const HEAD_ROWS = 3;
/** Data rows a sheet holds at most: Excel's 1,048,576 rows less the rows above them. */
export const SHEET_ROWS = 1_048_576 - HEAD_ROWS;

/** Characters of rendered rows held before they go to the sheet's stream (drained() sends them at once). */
const FLUSH_AT = 1 << 20;
/** Bytes of rows the zip's compressor may have waiting before the writer waits for it. */
const DRAINED_BELOW = 1 << 20;

export const sheetName = (n: number): string => (n === 1 ? '登记册' : `登记册(${n})`);

const ROW_STYLE = {};
// exceljs' own XML escaping (what its XmlStream applies to every text and attribute); exceljs has no "exports" map.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { xmlEncode } = require('exceljs/lib/utils/utils') as { xmlEncode: (text: string) => string };
/** exceljs' Enums.ValueType of the cells a column holds (addStyleModel's default number format depends on it). */
const NUMBER = 2;
const STRING = 3;

/** A column's letters: 1 → A, 26 → Z, 27 → AA. */
function columnLetter(n: number): string {
  let s = '';
  for (let m = n; m > 0; m = Math.floor((m - 1) / 26)) s = String.fromCharCode(65 + ((m - 1) % 26)) + s;
  return s;
}
const DAY_MS = 24 * 3600 * 1000;

/** The number written by the digits at s[from, from + n), or -1 when one of them is no ASCII digit. */
function digitsAt(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * A date cell's value as Excel's serial number: what exceljs writes for the Date cells.ts dateValue gives (the same
 * expression, 25569 + ms / day, so the same bits), without a Date object per cell; the column's date format makes
 * it a date in Excel, LibreOffice and exceljs reading it back. Reads what dateValue reads of the first `length`
 * characters ('YYYY-MM-DD', with 16 also ' HH:mm' or 'THH:mm'); null when they are no such date (written as text).
 */
export function excelSerial(s: string, length: 10 | 16): number | null {
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  if (y < 0 || mo < 0 || d < 0 || s[4] !== '-' || s[7] !== '-') return null;
  let h = 0;
  let mi = 0;
  if (length === 16 && (s[10] === ' ' || s[10] === 'T') && s[13] === ':') {
    const hh = digitsAt(s, 11, 2);
    const mm = digitsAt(s, 14, 2);
    if (hh >= 0 && mm >= 0) {
      h = hh;
      mi = mm;
    }
  }
  return 25569 + Date.UTC(y, mo - 1, d, h, mi, 0) / DAY_MS;
}

export interface RegisterWorkbookWriter {
  /** Writes one case's row (committed at once); continues on the next sheet past the limit. */
  add(line: RegisterLine): void;
  /** The same, given the line's cells in REGISTER_COLUMNS' order (lineValues). */
  addValues(values: readonly string[]): void;
  /** Rows written so far. */
  readonly written: number;
  /**
   * Resolves once the rows written so far have gone on to the zip's compressor (exceljs hands them on without
   * waiting): the caller waits for it between chunks, so the rows never pile up in memory ahead of the file.
   */
  drained(): Promise<void>;
  /** Finishes the file (the stream ends when the zip is written). */
  commit(): Promise<void>;
}

/**
 * A streaming writer of the exported register into `stream`. `sheetRows` is injectable for tests; `cellByCell`
 * writes each row through exceljs' Row and Cell objects (the reference the rendered rows are compared with in tests).
 */
export function registerWorkbookWriter(
  stream: Writable, head: RegisterWorkbookHead, options: { sheetRows?: number; cellByCell?: boolean } = {},
): RegisterWorkbookWriter {
  const sheetRows = options.sheetRows ?? SHEET_ROWS;
  const created = dateValue(head.exportedAt) ?? new Date(0);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream, useSharedStrings: false, useStyles: true, creator: textValue(head.officeName), created, modified: created,
    // The fastest deflate: 100,000 rows took 5.7 s of CPU against 6.7 s at the default level, for 6.9 MB against 4.8 MB.
    zip: { zlib: { level: 1 } },
  } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
  // exceljs' styles of the workbook (not in its typings): the data rows' style ids come from it.
  const book = wb as unknown as { styles: { addStyleModel(style: object, cellType: number): number } };
  let sheet: ExcelJS.Worksheet | null = null;
  let sheets = 0;
  let onSheet = 0;
  let next = HEAD_ROWS + 1;
  let written = 0;
  const last = REGISTER_COLUMNS.length;
  // One style object per column, shared by every cell of it (exceljs keeps a style per distinct object).
  const styles = REGISTER_COLUMNS.map((c) => ({
    numFmt: c.kind === 'id' ? TEXT : c.kind === 'date' ? DATE : c.kind === 'dateTime' ? DATE_TIME : undefined,
    alignment: { vertical: 'top' as const, horizontal: c.kind === 'date' || c.kind === 'dateTime' ? ('center' as const) : ('left' as const), wrapText: c.kind === 'wrap' },
  }));

  function openSheet(): ExcelJS.Worksheet {
    sheets += 1;
    const ws = wb.addWorksheet(sheetName(sheets), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: HEAD_ROWS, topLeftCell: `A${HEAD_ROWS + 1}`, activeCell: `A${HEAD_ROWS + 1}` }],
      pageSetup: {
        paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `1:${HEAD_ROWS}`,
        margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
    });
    ws.columns = REGISTER_COLUMNS.map((c) => ({ width: c.width }));
    writeSheetHead(ws, {
      title: `${head.officeName} 投诉登记册${sheets > 1 ? `（续 ${sheets}）` : ''}`,
      line: `导出时间：${head.exportedAt}　筛选条件：${head.filters}　身份信息：${head.unmasked ? '未遮蔽（内部使用，注意保密）' : '已遮蔽'}`,
      lineAlign: 'left', lineHeight: 30, headers: REGISTER_COLUMNS.map((c) => c.header), headerHeight: 20,
    });
    onSheet = 0;
    next = HEAD_ROWS + 1;
    return ws;
  }

  function closeSheet(ws: ExcelJS.Worksheet): void {
    if (onSheet > 0) ws.autoFilter = { from: { row: HEAD_ROWS, column: 1 }, to: { row: HEAD_ROWS + onSheet, column: last } };
    ws.commit();
  }

  // The data rows' cells, as exceljs' RowXform and CellXform render them (see rowXml): each column's letter and the
  // style id exceljs gave its style (registered up front, in column order, so the ids do not depend on the first row).
  const letters = REGISTER_COLUMNS.map((_, i) => columnLetter(i + 1));
  let styleIds: number[] | null = null;
  const kinds = REGISTER_COLUMNS.map((c) => c.kind);

  /** One row the way exceljs' Row and Cell objects write it (tests: the reference rowXml is checked against). */
  function addCells(ws: ExcelJS.Worksheet, values: readonly string[]): void {
    const row = ws.getRow(next);
    // One (empty) style object for every row: exceljs looks a style up by the object, so a fresh {} per row
    // (its default) was serialised and hashed again for each of them.
    (row as unknown as { style: object }).style = ROW_STYLE;
    for (let i = 0; i < last; i++) {
      const raw = values[i];
      if (!raw) continue;
      const kind = kinds[i];
      const cell = row.getCell(i + 1);
      const serial = kind === 'date' ? excelSerial(raw, 10) : kind === 'dateTime' ? excelSerial(raw, 16) : null;
      cell.value = serial ?? textValue(raw);
      cell.style = styles[i];
    }
    row.commit();
  }

  /**
   * One row as exceljs renders it (RowXform, CellXform, with exceljs' own xmlEncode), as text: a Row and a Cell
   * object per value, their models and an XmlStream per row were most of the writing thread's time (100,000 rows:
   * about 6 s of CPU), for an XML that is always the same few forms here. The same bytes (register-workbook.test.ts
   * compares both): `<row r spans x14ac:dyDescent>` and per non-empty value `<c r s>` with a number `<v>` (a date
   * column's serial) or `t="str"` and the text; an empty value is no cell.
   */
  function rowXml(n: number, values: readonly string[]): string {
    const ids = (styleIds ??= styles.map((st, i) => book.styles.addStyleModel(st, kinds[i] === 'date' || kinds[i] === 'dateTime' ? NUMBER : STRING)));
    let cells = '';
    let min = 0;
    let max = 0;
    for (let i = 0; i < last; i++) {
      const raw = values[i];
      if (!raw) continue;
      const kind = kinds[i];
      const serial = kind === 'date' ? excelSerial(raw, 10) : kind === 'dateTime' ? excelSerial(raw, 16) : null;
      const s = ids[i] ? ` s="${ids[i]}"` : '';
      cells += serial === null
        ? `<c r="${letters[i]}${n}"${s} t="str"><v>${xmlEncode(textValue(raw))}</v></c>`
        : `<c r="${letters[i]}${n}"${s}><v>${serial}</v></c>`;
      if (!min) min = i + 1;
      max = i + 1;
    }
    return min ? `<row r="${n}" spans="${min}:${max}" x14ac:dyDescent="0.25">${cells}</row>` : '';
  }

  let pending = '';

  /** The rendered rows so far into the sheet's stream (exceljs' WorksheetWriter writes each row's XML there too). */
  function flush(): void {
    if (pending === '' || sheet === null) return;
    (sheet as unknown as { stream: { write(text: string): void } }).stream.write(pending);
    pending = '';
  }

  function addValues(values: readonly string[]): void {
    if (sheet === null) sheet = openSheet();
    else if (onSheet >= sheetRows) {
      flush();
      closeSheet(sheet);
      sheet = openSheet();
    }
    if (options.cellByCell) addCells(sheet, values);
    else {
      pending += rowXml(next, values);
      if (pending.length > FLUSH_AT) flush(); // a caller that never waits for drained() still writes as it goes
    }
    next += 1;
    onSheet += 1;
    written += 1;
  }

  return {
    add(line) {
      addValues(lineValues(line));
    },
    addValues,
    get written() {
      return written;
    },
    async drained() {
      flush();
      // The sheet's stream (exceljs StreamBuf) writes into what the zip piped from it, ignoring its backpressure.
      // (The zip's side is a readable-stream 2 PassThrough: no writableLength, its state says how much waits.)
      type Pipe = Writable & { _writableState?: { length: number } };
      const pipes = (sheet as unknown as { stream?: { pipes?: Pipe[] } } | null)?.stream?.pipes ?? [];
      const waiting = (p: Pipe) => p.writableLength ?? p._writableState?.length ?? 0;
      for (;;) {
        const full = pipes.find((p) => waiting(p) > DRAINED_BELOW);
        if (!full) break;
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            full.removeListener('drain', done);
            resolve();
          };
          const timer = setTimeout(done, 20); // 'drain' comes only past the stream's own mark: look again
          full.once('drain', done);
        });
      }
      await new Promise((resolve) => setImmediate(resolve));
    },
    async commit() {
      flush();
      if (sheet === null) {
        sheet = openSheet();
        const row = sheet.getRow(next);
        row.getCell(1).value = '没有符合条件的案件。';
        row.commit();
      }
      closeSheet(sheet);
      await wb.commit();
    },
  };
}
