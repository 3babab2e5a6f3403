// Working-day arithmetic for statutory time limits. Dates are 'YYYY-MM-DD' strings and all math is done
// on UTC day numbers, so the result never depends on the machine's time zone or the current clock.
import type { CalendarOverride } from './holidays-cn';

export type { CalendarOverride };

export interface Calendar {
  readonly years: ReadonlySet<number>;
  readonly overrides: ReadonlyMap<string, { kind: 'holiday' | 'workday'; name: string }>;
}

export class CalendarMissingError extends Error {
  constructor(readonly year: number) {
    super(`工作日历缺少 ${year} 年的节假日安排，请管理员在“设置 → 工作日历”中导入或补充`);
    this.name = 'CalendarMissingError';
  }
}

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number since 1970-01-01, or NaN when the string is not a real calendar date. */
function dayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC silently rolls 02-30 over to 03-02; a round trip catches that.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return ms / DAY_MS;
}

function toDayNumber(date: string): number {
  const n = dayNumber(date);
  if (Number.isNaN(n)) throw new RangeError(`Invalid date: ${JSON.stringify(date)}`);
  return n;
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function isValidDate(date: string): boolean {
  return !Number.isNaN(dayNumber(date));
}

export function createCalendar(
  years: Iterable<number>,
  overrides: Iterable<{ date: string; kind: 'holiday' | 'workday'; name: string }>,
): Calendar {
  const map = new Map<string, { kind: 'holiday' | 'workday'; name: string }>();
  for (const o of overrides) {
    toDayNumber(o.date);
    map.set(o.date, { kind: o.kind, name: o.name });
  }
  return { years: new Set(years), overrides: map };
}

export function isCovered(cal: Calendar, year: number): boolean {
  return cal.years.has(year);
}

export function isWorkingDay(cal: Calendar, date: string): boolean {
  const n = toDayNumber(date);
  const year = Number(date.slice(0, 4));
  // A year without the published schedule must stop the count: guessing Mon–Fri would give wrong
  // statutory deadlines around Spring Festival and National Day.
  if (!cal.years.has(year)) throw new CalendarMissingError(year);
  const o = cal.overrides.get(date);
  if (o) return o.kind === 'workday';
  const weekday = (n + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

export function addDays(date: string, n: number): string {
  return fromDayNumber(toDayNumber(date) + n);
}

export function addWorkingDays(cal: Calendar, from: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working-day count must be a non-negative integer: ${n}`);
  let d = toDayNumber(from);
  let left = n;
  while (left > 0) {
    d += 1;
    if (isWorkingDay(cal, fromDayNumber(d))) left -= 1;
  }
  return fromDayNumber(d);
}

export function nextWorkingDay(cal: Calendar, date: string): string {
  return addWorkingDays(cal, date, 1);
}

/** `date` itself when it is a working day, else the next one: where a limit ending on a rest day really ends. */
export function workingDayOnOrAfter(cal: Calendar, date: string): string {
  return isWorkingDay(cal, date) ? date : nextWorkingDay(cal, date);
}

export function addCalendarDays(cal: Calendar, from: string, n: number): string {
  return workingDayOnOrAfter(cal, addDays(from, n));
}

export function workingDaysBetween(cal: Calendar, from: string, to: string): number {
  const end = toDayNumber(to);
  let count = 0;
  for (let d = toDayNumber(from) + 1; d <= end; d++) if (isWorkingDay(cal, fromDayNumber(d))) count++;
  return count;
}

export type DueState = 'onTrack' | 'dueSoon' | 'overdue';

export function dueState(cal: Calendar, due: string, today: string): DueState {
  if (due < today) return 'overdue';
  // due <= nextWorkingDay(today) ⇔ no working day lies strictly between today and due. Checking only
  // those days keeps a case due on 12-31 from needing next year's calendar.
  for (let d = toDayNumber(today) + 1; d < toDayNumber(due); d++) {
    if (isWorkingDay(cal, fromDayNumber(d))) return 'onTrack';
  }
  return 'dueSoon';
}

// ---- Import: the plain text format an admin edits in Notepad or Excel (the export is templates/exports/calendar-csv.ts)

const KINDS: Record<string, 'holiday' | 'workday'> = { 休: 'holiday', holiday: 'holiday', 班: 'workday', workday: 'workday' };
const DEFAULT_NAME = { holiday: '休息日', workday: '调休上班' } as const;

/** Excel quotes a field that contains a comma and doubles inner quotes. */
function unquote(field: string): string {
  const f = field.trim();
  return f.length >= 2 && f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1).replace(/""/g, '"').trim() : f;
}

export function parseCalendarFile(
  text: string,
): { year: number; overrides: CalendarOverride[] } | { error: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const seen = new Map<string, number>();
  const overrides: CalendarOverride[] = [];
  let year: number | undefined;
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    const at = `第 ${i + 1} 行：`;
    if (line === '' || line.startsWith('#')) continue;
    // Full-width '，' too: a Chinese IME in Notepad types it. The name keeps any further separators.
    const m = /^([^,\t，]*)[,\t，]([^,\t，]*)(?:[,\t，](.*))?$/.exec(line);
    const first = unquote(m ? (m[1] ?? '') : line);
    if (first === '日期' || first.toLowerCase() === 'date') continue;
    if (!m) return { error: `${at}格式应为“日期,类型,名称”，例如“2026-10-01,休,国庆节”` };
    // Excel re-saves dates in the Windows short format (2026/2/15); accept it and normalise.
    const dm = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(first);
    const date = dm ? `${dm[1]}-${dm[2]?.padStart(2, '0')}-${dm[3]?.padStart(2, '0')}` : first;
    if (!dm || !isValidDate(date)) return { error: `${at}日期“${first}”无效，应为 YYYY-MM-DD` };
    const kindText = unquote(m[2] ?? '');
    const kind = KINDS[kindText.toLowerCase()];
    if (!kind) return { error: `${at}类型“${kindText}”无效，应为“休”或“班”` };
    const y = Number(date.slice(0, 4));
    if (year === undefined) year = y;
    else if (y !== year) return { error: `${at}日期“${date}”不在 ${year} 年；一个文件只能导入同一年的日期` };
    const dup = seen.get(date);
    if (dup !== undefined) return { error: `${at}日期“${date}”与第 ${dup} 行重复` };
    seen.set(date, i + 1);
    overrides.push({ date, kind, name: unquote(m[3] ?? '') || DEFAULT_NAME[kind] });
  }
  if (year === undefined) return { error: '文件中没有任何日期行，至少需要一行“日期,类型,名称”' };
  overrides.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year, overrides };
}
