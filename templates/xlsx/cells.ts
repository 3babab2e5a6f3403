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
