/**
 * THE table of statistics figures (../shared/statistics.md): keys, Chinese labels, definitions, and the
 * arithmetic every report shares (rates, rounding, 环比/同比 changes). Pure: the core (domain/statistics.ts
 * re-exports it), the 统计 page, the workbook and the printed summary all read it.
 */
// ---- The figures

export const COUNT_KEYS = [
  'registered', 'voided', 'answeredOnSpot', 'accepted', 'refused', 'awaitingAcceptance', 'closed', 'closedOnTime', 'closedLate',
  'overdueOpen', 'extended', 'suspended', 'reopened', 'repeat', 'followedUp', 'satisfied', 'basicallySatisfied', 'unsatisfied',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

export const RATE_KEYS = [
  'acceptanceRate', 'closureRate', 'onTimeRate', 'followUpRate', 'satisfactionRate', 'strictSatisfactionRate',
] as const;
export type RateKey = (typeof RATE_KEYS)[number];

export type FigureKey = CountKey | RateKey | 'handlingWorkingDays';
export type FigureKind = 'count' | 'rate' | 'days';

export interface FigureDefinition {
  key: FigureKey;
  label: string;
  kind: FigureKind;
  definition: string;
}

/** THE table of figures, in the order reports list them (statistics.md, word for word in meaning). */
export const FIGURES: readonly FigureDefinition[] = [
  { key: 'registered', label: '登记量', kind: 'count', definition: '期间内收到（按收到时间）的案件数，不含作废件。' },
  { key: 'voided', label: '作废', kind: 'count', definition: '期间内收到并已作废的案件数，仅作列示，不计入其他任何数字。' },
  { key: 'answeredOnSpot', label: '当场答复', kind: 'count', definition: '当场答复的案件数，计为已受理、按期办结。' },
  { key: 'accepted', label: '受理', kind: 'count', definition: '已受理的案件数（含当场答复）。' },
  { key: 'refused', label: '不予受理', kind: 'count', definition: '不予受理的案件数。' },
  { key: 'awaitingAcceptance', label: '待受理', kind: 'count', definition: '登记量减受理、减不予受理。' },
  { key: 'closed', label: '办结', kind: 'count', definition: '当前状态为已办结的案件数；复查重新打开的案件再次办结后才计入。' },
  { key: 'closedOnTime', label: '按期办结', kind: 'count', definition: '办结日期不晚于案件现行总期限（含已批准的延期和中止顺延）的办结件数。' },
  { key: 'closedLate', label: '超期办结', kind: 'count', definition: '办结减按期办结。' },
  { key: 'overdueOpen', label: '超期未办结', kind: 'count', definition: '目前尚未办结且已超过期限（期限状态为已超期）的案件数。' },
  { key: 'extended', label: '延期', kind: 'count', definition: '至少延期过一次的案件数。' },
  { key: 'suspended', label: '中止', kind: 'count', definition: '至少中止（待补正材料）过一次的案件数。' },
  { key: 'reopened', label: '复查', kind: 'count', definition: '至少复查过一次的案件数。' },
  { key: 'repeat', label: '重复件', kind: 'count', definition: '被标记为某一较早案件之重复件的案件数。' },
  { key: 'followedUp', label: '回访', kind: 'count', definition: '已办结且记录了回访的案件数。' },
  { key: 'satisfied', label: '满意', kind: 'count', definition: '已回访案件中最近一次回访为满意的件数。' },
  { key: 'basicallySatisfied', label: '基本满意', kind: 'count', definition: '已回访案件中最近一次回访为基本满意的件数。' },
  { key: 'unsatisfied', label: '不满意', kind: 'count', definition: '已回访案件中最近一次回访为不满意的件数。' },
  { key: 'acceptanceRate', label: '受理率', kind: 'rate', definition: '受理 ÷ 登记量。' },
  { key: 'closureRate', label: '办结率', kind: 'rate', definition: '办结 ÷ 受理。' },
  { key: 'onTimeRate', label: '按期办结率', kind: 'rate', definition: '按期办结 ÷ 办结（须与超期未办结一并看）。' },
  { key: 'followUpRate', label: '回访率', kind: 'rate', definition: '回访 ÷ 办结。' },
  { key: 'satisfactionRate', label: '满意率', kind: 'rate', definition: '（满意 + 基本满意）÷ 回访。' },
  { key: 'strictSatisfactionRate', label: '满意率（仅满意）', kind: 'rate', definition: '满意 ÷ 回访。' },
  {
    key: 'handlingWorkingDays', label: '平均 / 中位办理时长', kind: 'days',
    definition: '非当场答复的办结件，自收到次日起至办结日（含）的工作日数；平均数保留一位小数，并列中位数。',
  },
];

export const FIGURE_BY_KEY: ReadonlyMap<FigureKey, FigureDefinition> = new Map(FIGURES.map((f) => [f.key, f]));

/** A rate: null when the denominator is 0 (shown as "—"), else the fraction 0–1. */
export const rate = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

export type Counts = Record<CountKey, number>;
export type Rates = Record<RateKey, number | null>;

/** The rates of a set of counts, each by statistics.md's formula. */
export function ratesOf(c: Counts): Rates {
  return {
    acceptanceRate: rate(c.accepted, c.registered),
    closureRate: rate(c.closed, c.accepted),
    onTimeRate: rate(c.closedOnTime, c.closed),
    followUpRate: rate(c.followedUp, c.closed),
    satisfactionRate: rate(c.satisfied + c.basicallySatisfied, c.followedUp),
    strictSatisfactionRate: rate(c.satisfied, c.followedUp),
  };
}

/** Rounded half away from zero to `digits` decimals (86.65 → 86.7), steady against 0.1 + 0.2 noise. */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(Math.abs(value) * f + 1e-9) / f;
  return value < 0 ? -r : r;
}

/** A rate on paper: a percentage with one decimal ("86.7%"), "—" when there is no denominator. */
export const formatRate = (r: number | null): string => (r === null ? '—' : `${roundTo(r * 100, 1).toFixed(1)}%`);

/**
 * 环比/同比 beside a figure: the change from the other period's figure to this one's, in the figure's own unit
 * (cases for counts, percentage points for rates, rounded to one decimal); null when either side has none.
 */
export function change(kind: FigureKind, current: number | null, other: number | null): number | null {
  if (current === null || other === null) return null;
  if (kind === 'rate') return roundTo((current - other) * 100, 1);
  if (kind === 'days') return roundTo(current - other, 1);
  return current - other;
}

/** A change as printed: "+3" / "−2" / "+1.5 个百分点" / "—". */
export function formatChange(kind: FigureKind, delta: number | null): string {
  if (delta === null) return '—';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '';
  const abs = Math.abs(delta);
  if (kind === 'rate') return `${sign}${abs.toFixed(1)} 个百分点`;
  if (kind === 'days') return `${sign}${abs.toFixed(1)}`;
  return `${sign}${abs}`;
}

