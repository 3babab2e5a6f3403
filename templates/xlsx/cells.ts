/**
 * Cell rules every workbook of ours follows (the statistics workbook, the register export): user text is always
 * written as a string cell (never a formula, whatever it starts with: =, +, -, @, tab, CR), characters XML forbids
 * are dropped, and dates are real dates whose day never depends on the PC's time zone.
 */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Characters XML 1.0 cannot carry (a file holding one does not open): dropped from any text. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** User text as a cell value: always a plain string, whatever it starts with (=, +, -, @, tab, CR). */
export const textValue = (s: string | null | undefined): string => (s ?? '').replace(XML_INVALID, '');

/**
 * 'YYYY-MM-DD' (optionally ' HH:mm[:ss]') as a Date whose UTC fields are those of the office's wall clock:
 * exceljs turns a Date into Excel's serial from its UTC fields, so the day shown never depends on the PC's zone.
 */
export function dateValue(s: string | null | undefined): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(s ?? '');
  if (!m) return null;
  const [, y, mo, d, h, mi, sec] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(sec ?? 0)));
}

/** Explicit formats (not a built-in Chinese one, which exceljs would read back as a number); '@' keeps IDs text when edited. */
export const DATE = 'yyyy-mm-dd';
export const DATE_TIME = 'yyyy-mm-dd hh:mm';
export const TEXT = '@';

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
/** The thin grey border of every table cell. */
export const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
/** The pale blue fill of every header row. */
export const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE8EEF7' } };

/** The minimal part of exceljs' worksheet the head needs (the streaming and the in-memory sheets both have it). */
interface HeadSheet {
  getRow(n: number): {
    getCell(n: number): { value: unknown; font?: unknown; fill?: unknown; border?: unknown; alignment?: unknown };
    height: number;
    commit(): void;
  };
  mergeCells(top: number, left: number, bottom: number, right: number): void;
}

/**
 * The three rows every sheet of ours starts with: a merged title in bold, a merged line under it (the period, the
 * filters…), and the bordered header row. Each row is committed (a streaming sheet writes it out at once).
 */
export function writeSheetHead(
  ws: HeadSheet,
  head: { title: string; line: string; lineAlign: 'left' | 'center'; lineHeight: number; headers: readonly string[]; headerHeight: number },
): void {
  const last = head.headers.length;
  const title = ws.getRow(1);
  title.getCell(1).value = textValue(head.title);
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 26;
  ws.mergeCells(1, 1, 1, last);
  title.commit();
  const line = ws.getRow(2);
  line.getCell(1).value = textValue(head.line);
  line.getCell(1).alignment = { horizontal: head.lineAlign, vertical: 'middle', wrapText: true };
  line.height = head.lineHeight;
  ws.mergeCells(2, 1, 2, last);
  line.commit();
  const header = ws.getRow(3);
  head.headers.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  header.height = head.headerHeight;
  header.commit();
}
