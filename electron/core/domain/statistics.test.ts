import { describe, expect, it } from 'vitest';
import {
  change, COUNT_KEYS, FIGURES, formatChange, formatRate, lastMonth, meanAndMedian, periodDays, periodOf, periodProblem, previousPeriod,
  publicCell, RATE_KEYS, rate, ratesOf, roundTo, shiftYears, staffBand, yearAgoPeriod, zonedNow, type Counts,
} from './statistics';

const range = (p: { from: string; to: string }) => [p.from, p.to];

describe('periods', () => {
  it('gives months, quarters and years as calendar dates, leap years included', () => {
    expect(range(periodOf({ kind: 'month', month: '2024-02' }))).toEqual(['2024-02-01', '2024-02-29']);
    expect(range(periodOf({ kind: 'month', month: '2026-02' }))).toEqual(['2026-02-01', '2026-02-28']);
    expect(range(periodOf({ kind: 'month', month: '2026-12' }))).toEqual(['2026-12-01', '2026-12-31']);
    expect(range(periodOf({ kind: 'quarter', quarter: '2026-Q4' }))).toEqual(['2026-10-01', '2026-12-31']);
    expect(range(periodOf({ kind: 'quarter', quarter: '2026-Q1' }))).toEqual(['2026-01-01', '2026-03-31']);
    expect(range(periodOf({ kind: 'year', year: 2026 }))).toEqual(['2026-01-01', '2026-12-31']);
    expect(periodOf({ kind: 'month', month: '2026-11' }).label).toBe('2026年11月');
    expect(periodOf({ kind: 'quarter', quarter: '2026-Q3' }).label).toBe('2026年第3季度');
  });

  it('refuses what names no period, naming the field', () => {
    expect(periodProblem({ kind: 'month', month: '2026-13' })).toMatch(/统计月份/);
    expect(periodProblem({ kind: 'quarter', quarter: '2026-Q5' })).toMatch(/统计季度/);
    expect(periodProblem({ kind: 'custom', from: '2026-02-30', to: '2026-03-01' })).toMatch(/起始日期/);
    expect(periodProblem({ kind: 'custom', from: '2026-03-02', to: '2026-03-01' })).toMatch(/截止日期/);
    expect(() => periodOf({ kind: 'year', year: 1999 })).toThrow(/统计年份/);
  });

  it('环比: the previous month, quarter, year; a custom range of the same length just before', () => {
    expect(range(previousPeriod(periodOf({ kind: 'month', month: '2026-01' })))).toEqual(['2025-12-01', '2025-12-31']);
    expect(range(previousPeriod(periodOf({ kind: 'month', month: '2024-03' })))).toEqual(['2024-02-01', '2024-02-29']);
    expect(range(previousPeriod(periodOf({ kind: 'quarter', quarter: '2026-Q1' })))).toEqual(['2025-10-01', '2025-12-31']);
    expect(range(previousPeriod(periodOf({ kind: 'year', year: 2026 })))).toEqual(['2025-01-01', '2025-12-31']);
    const custom = periodOf({ kind: 'custom', from: '2026-03-01', to: '2026-03-10' });
    const prev = previousPeriod(custom);
    expect(range(prev)).toEqual(['2026-02-19', '2026-02-28']);
    expect(periodDays(prev)).toBe(periodDays(custom));
  });

  it('同比: the same period a year earlier; 29 February becomes 28', () => {
    expect(range(yearAgoPeriod(periodOf({ kind: 'month', month: '2024-02' })))).toEqual(['2023-02-01', '2023-02-28']);
    expect(range(yearAgoPeriod(periodOf({ kind: 'quarter', quarter: '2026-Q4' })))).toEqual(['2025-10-01', '2025-12-31']);
    expect(range(yearAgoPeriod(periodOf({ kind: 'custom', from: '2024-02-10', to: '2024-02-29' })))).toEqual(['2023-02-10', '2023-02-28']);
    expect(shiftYears('2023-02-28', 1)).toBe('2024-02-28');
  });

  it('opens on last month, January giving December of the year before', () => {
    expect(lastMonth('2026-12-03')).toEqual({ kind: 'month', month: '2026-11' });
    expect(lastMonth('2027-01-01')).toEqual({ kind: 'month', month: '2026-12' });
  });

  it("reads now in the office's zone, whatever the machine's", () => {
    // 2026-11-30 16:30 UTC is already 1 December in Shanghai.
    const at = new Date(Date.UTC(2026, 10, 30, 16, 30, 5));
    expect(zonedNow(at, 'Asia/Shanghai')).toEqual({ date: '2026-12-01', dateTime: '2026-12-01 00:30:05' });
    expect(zonedNow(at, 'UTC')).toEqual({ date: '2026-11-30', dateTime: '2026-11-30 16:30:05' });
  });
});

describe('figures', () => {
  it('has one definition per key of statistics.md, with its Chinese label', () => {
    const keys = FIGURES.map((f) => f.key);
    expect(keys).toEqual([...COUNT_KEYS, ...RATE_KEYS, 'handlingWorkingDays']);
    expect(new Set(FIGURES.map((f) => f.label)).size).toBe(FIGURES.length);
    for (const f of FIGURES) expect(f.definition.length).toBeGreaterThan(4);
    expect(FIGURES.find((f) => f.key === 'strictSatisfactionRate')?.label).toBe('满意率（仅满意）');
  });

  it('gives rates by their formulas, null when the denominator is 0', () => {
    const c = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Counts;
    Object.assign(c, { registered: 15, accepted: 13, closed: 9, closedOnTime: 7, followedUp: 6, satisfied: 3, basicallySatisfied: 2 });
    const r = ratesOf(c);
    expect(r.acceptanceRate).toBeCloseTo(13 / 15, 12);
    expect(r.closureRate).toBeCloseTo(9 / 13, 12);
    expect(r.onTimeRate).toBeCloseTo(7 / 9, 12);
    expect(r.followUpRate).toBeCloseTo(6 / 9, 12);
    expect(r.satisfactionRate).toBeCloseTo(5 / 6, 12);
    expect(r.strictSatisfactionRate).toBe(0.5);
    expect(ratesOf(Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Counts).onTimeRate).toBeNull();
    expect(rate(0, 0)).toBeNull();
    expect(rate(0, 4)).toBe(0);
  });

  it('prints rates with one decimal, rounding halves up, and changes in points', () => {
    expect(formatRate(13 / 15)).toBe('86.7%');
    expect(formatRate(0.8665)).toBe('86.7%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(null)).toBe('—');
    expect(roundTo(2.25, 1)).toBe(2.3);
    expect(roundTo(-2.25, 1)).toBe(-2.3);
    expect(change('rate', 0.8, 0.75)).toBe(5);
    expect(change('count', 12, 15)).toBe(-3);
    expect(change('rate', null, 0.5)).toBeNull();
    expect(formatChange('rate', 5)).toBe('+5.0 个百分点');
    expect(formatChange('count', -3)).toBe('−3');
    expect(formatChange('count', null)).toBe('—');
  });

  it('takes the mean (one decimal) and the median of a histogram', () => {
    expect(meanAndMedian(new Map([[2, 1], [3, 1], [10, 1]]))).toEqual({ mean: 5, median: 3 });
    expect(meanAndMedian(new Map([[1, 2], [4, 2]]))).toEqual({ mean: 2.5, median: 2.5 });
    expect(meanAndMedian(new Map([[1, 1], [2, 2]]))).toEqual({ mean: 1.7, median: 2 });
    expect(meanAndMedian(new Map())).toEqual({ mean: null, median: null });
  });

  it('bands staff by substantiated findings in a year: 2, 3, 4 or more', () => {
    expect([0, 1, 2, 3, 4, 9].map(staffBand)).toEqual([null, null, '批评教育', '诫勉谈话', '调离岗位', '调离岗位']);
  });

  it('hides small public cells', () => {
    expect([0, 1, 2, 3, 40].map(publicCell)).toEqual([0, '<3', '<3', 3, 40]);
  });
});
