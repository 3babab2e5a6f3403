/**
 * Statistics (../shared/statistics.md): the period a report covers, the periods it is compared with (环比 the
 * previous period of the same kind, 同比 the same period a year earlier), the one table of figures (key, 中文,
 * definition) that the page, the PDF, the workbook and the command line all use, and the small arithmetic of
 * rates, means, medians and escalation bands. Pure: dates are 'YYYY-MM-DD' strings in the office's time zone,
 * computed on UTC day numbers, and "now" is passed in with that zone, so nothing depends on the machine's TZ.
 */
import { addDays, isValidDate } from './calendar';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

/** What a caller asks for: a month 'YYYY-MM', a quarter 'YYYY-Qn', a year, or a range of dates (both included). */
export type PeriodSpec =
  | { kind: 'month'; month: string }
  | { kind: 'quarter'; quarter: string }
  | { kind: 'year'; year: number }
  | { kind: 'custom'; from: string; to: string };

/** A period: calendar dates `from`–`to`, both included, in the office's time zone, and how it is called. */
export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
  /** 2026年11月 · 2026年第4季度 · 2026年 · 2026-11-03 至 2026-11-20 */
  label: string;
}

/** The office's time zone when none is set (statistics.md: a setting, default Asia/Shanghai). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The longest custom range (ten years): a report, not a scan of the whole register for a typo. */
export const MAX_CUSTOM_DAYS = 3660;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthRange = (y: number, m: number, months: number) => {
  const endMonth0 = m - 1 + months - 1;
  const ey = y + Math.floor(endMonth0 / 12);
  const em = (endMonth0 % 12) + 1;
  return { from: `${pad(y, 4)}-${pad(m)}-01`, to: `${pad(ey, 4)}-${pad(em)}-${pad(lastDayOfMonth(ey, em))}` };
};
const dayNo = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** Days in the period, both ends included. */
export const periodDays = (p: { from: string; to: string }): number => dayNo(p.to) - dayNo(p.from) + 1;

/** Why a spec is no period (in Chinese, naming the field), or null. */
export function periodProblem(spec: PeriodSpec): string | null {
  switch (spec.kind) {
    case 'month':
      return /^\d{4}-(0[1-9]|1[0-2])$/.test(spec.month) ? null : `「统计月份」格式应为 YYYY-MM，例如 2026-11：${spec.month}`;
    case 'quarter':
      return /^\d{4}-Q[1-4]$/.test(spec.quarter) ? null : `「统计季度」格式应为 YYYY-Qn，例如 2026-Q4：${spec.quarter}`;
    case 'year':
      return Number.isInteger(spec.year) && spec.year >= 2000 && spec.year <= 2100 ? null : `「统计年份」应为 2000 到 2100 之间的年份：${spec.year}`;
    case 'custom':
      if (!isValidDate(spec.from)) return `「起始日期」不是有效日期：${spec.from}`;
      if (!isValidDate(spec.to)) return `「截止日期」不是有效日期：${spec.to}`;
      if (spec.to < spec.from) return `「截止日期」（${spec.to}）不能早于「起始日期」（${spec.from}）`;
      if (periodDays(spec) > MAX_CUSTOM_DAYS) return `自定义期间最长 ${MAX_CUSTOM_DAYS} 天（约十年）`;
      return null;
  }
}

function customLabel(from: string, to: string): string {
  return `${from} 至 ${to}`;
}

/** The period a spec names; throws RangeError with the Chinese reason when it names none. */
export function periodOf(spec: PeriodSpec): Period {
  const problem = periodProblem(spec);
  if (problem) throw new RangeError(problem);
  switch (spec.kind) {
    case 'month': {
      const [y, m] = spec.month.split('-').map(Number);
      return { kind: 'month', ...monthRange(y, m, 1), label: `${y}年${m}月` };
    }
    case 'quarter': {
      const y = Number(spec.quarter.slice(0, 4));
      const q = Number(spec.quarter.slice(6));
      return { kind: 'quarter', ...monthRange(y, (q - 1) * 3 + 1, 3), label: `${y}年第${q}季度` };
    }
    case 'year':
      return { kind: 'year', ...monthRange(spec.year, 1, 12), label: `${spec.year}年` };
    case 'custom':
      return { kind: 'custom', from: spec.from, to: spec.to, label: customLabel(spec.from, spec.to) };
  }
}

/** The spec that gives this period again (month 'YYYY-MM', quarter 'YYYY-Qn', year, or the dates). */
export function specOf(p: Period): PeriodSpec {
  const y = Number(p.from.slice(0, 4));
  const m = Number(p.from.slice(5, 7));
  if (p.kind === 'month') return { kind: 'month', month: p.from.slice(0, 7) };
  if (p.kind === 'quarter') return { kind: 'quarter', quarter: `${y}-Q${Math.floor((m - 1) / 3) + 1}` };
  if (p.kind === 'year') return { kind: 'year', year: y };
  return { kind: 'custom', from: p.from, to: p.to };
}

/** A date a whole number of years away; 29 February becomes 28 February in a common year. */
export function shiftYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const m = Number(date.slice(5, 7));
  const d = Math.min(Number(date.slice(8, 10)), lastDayOfMonth(y, m));
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/**
 * 环比: the previous period of the same kind (the month, quarter or year before); a custom range is
 * followed back by a range of the same number of days ending the day before it starts.
 */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'custom') {
    const to = addDays(p.from, -1);
    const from = addDays(to, -(periodDays(p) - 1));
    return { kind: 'custom', from, to, label: customLabel(from, to) };
  }
  const y = Number(p.from.slice(0, 4));
  const m = Number(p.from.slice(5, 7));
  if (p.kind === 'year') return periodOf({ kind: 'year', year: y - 1 });
  const back = p.kind === 'month' ? 1 : 3;
  const m0 = (y * 12 + (m - 1)) - back;
  const py = Math.floor(m0 / 12);
  const pm = (m0 % 12) + 1;
  return p.kind === 'month'
    ? periodOf({ kind: 'month', month: `${pad(py, 4)}-${pad(pm)}` })
    : periodOf({ kind: 'quarter', quarter: `${py}-Q${Math.floor((pm - 1) / 3) + 1}` });
}

/** 同比: the same period a year earlier (a custom range: the same dates a year earlier, 29 February as 28). */
export function yearAgoPeriod(p: Period): Period {
  if (p.kind !== 'custom') {
    const spec = specOf(p);
    if (spec.kind === 'month') return periodOf({ kind: 'month', month: shiftYears(p.from, -1).slice(0, 7) });
    if (spec.kind === 'quarter') return periodOf({ kind: 'quarter', quarter: `${Number(spec.quarter.slice(0, 4)) - 1}${spec.quarter.slice(4)}` });
    if (spec.kind === 'year') return periodOf({ kind: 'year', year: spec.year - 1 });
  }
  const from = shiftYears(p.from, -1);
  const to = shiftYears(p.to, -1);
  return { kind: 'custom', from, to, label: customLabel(from, to) };
}

/** The month before `today`'s month: what the 统计 page opens on (statistics are handed up after a month ends). */
export function lastMonth(today: string): PeriodSpec {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? { kind: 'month', month: `${y - 1}-12` } : { kind: 'month', month: `${y}-${pad(m - 1)}` };
}

/** The office's wall-clock date and time of `now` in `timeZone` ('YYYY-MM-DD', 'YYYY-MM-DD HH:mm:ss'), whatever the machine's zone. */
export function zonedNow(now: Date, timeZone: string): { date: string; dateTime: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(now);
  const v = (t: string) => parts.find((x) => x.type === t)?.value ?? '00';
  const date = `${v('year')}-${v('month')}-${v('day')}`;
  return { date, dateTime: `${date} ${v('hour')}:${v('minute')}:${v('second')}` };
}

/** A time zone the runtime knows (IANA name such as Asia/Shanghai). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// ---- The figures: their table and arithmetic live in templates/statistics/figures.ts, so the printed summary
// and the workbook (templates/) read the same definitions without importing the core.
export * from '../../../templates/statistics/figures';
import { roundTo } from '../../../templates/statistics/figures';

/** Mean (one decimal) and median of a histogram value → count; null for an empty one. */
export function meanAndMedian(histogram: ReadonlyMap<number, number>): { mean: number | null; median: number | null } {
  const values = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = values.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return { mean: null, median: null };
  const sum = values.reduce((s, [v, n]) => s + v * n, 0);
  // The k-th smallest value (0-based) from the histogram.
  const nth = (k: number) => {
    let seen = 0;
    for (const [v, n] of values) {
      seen += n;
      if (k < seen) return v;
    }
    return values[values.length - 1][0];
  };
  const median = total % 2 === 1 ? nth((total - 1) / 2) : (nth(total / 2 - 1) + nth(total / 2)) / 2;
  return { mean: roundTo(sum / total, 1), median };
}

/** The regulations' escalation for substantiated complaints against one person in a year (wording per office). */
export const STAFF_BANDS = [
  { from: 4, label: '调离岗位' },
  { from: 3, label: '诫勉谈话' },
  { from: 2, label: '批评教育' },
] as const;
export type StaffBand = (typeof STAFF_BANDS)[number]['label'];

/** The band a count of substantiated findings reaches: 2 批评教育, 3 诫勉谈话, 4 or more 调离岗位; null below 2. */
export function staffBand(substantiated: number): StaffBand | null {
  return STAFF_BANDS.find((b) => substantiated >= b.from)?.label ?? null;
}

/** The smallest count a public report prints; fewer shows as "<3" so no one is recognisable in a small cell. */
export const PUBLIC_MIN_CELL = 3;
export type PublicCell = number | '<3';
export const publicCell = (n: number): PublicCell => (n > 0 && n < PUBLIC_MIN_CELL ? '<3' : n);

/** Where the breakdowns name no department complained about. */
export const NO_DEPARTMENT = '未指定';
/** The label of the total row under the per-department table. */
export const TOTAL_ROW = '合计';

/** From the first day of `to`'s year to `to`: the span the per-staff counts cover. */
export const yearToDate = (to: string): { from: string; to: string } => ({ from: `${to.slice(0, 4)}-01-01`, to });
