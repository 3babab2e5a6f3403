import { describe, expect, it } from 'vitest';
import type { StatisticsFigures } from '../../api/core';
import { cellNumber, figureView, formatValue, shareText } from './format';

const figures = (over: Partial<StatisticsFigures>): StatisticsFigures => ({
  registered: 0, voided: 0, answeredOnSpot: 0, accepted: 0, refused: 0, awaitingAcceptance: 0, closed: 0, closedOnTime: 0, closedLate: 0,
  overdueOpen: 0, extended: 0, suspended: 0, reopened: 0, repeat: 0, followedUp: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0,
  acceptanceRate: null, closureRate: null, onTimeRate: null, followUpRate: null, satisfactionRate: null, strictSatisfactionRate: null,
  handlingWorkingDays: { mean: null, median: null },
  ...over,
});

describe('the 统计 page writes figures as statistics.md says', () => {
  it('rates as percentages with one decimal, counts as they are, no value as "—"', () => {
    expect(formatValue('rate', 13 / 15)).toBe('86.7%');
    expect(formatValue('rate', 1)).toBe('100.0%');
    expect(formatValue('rate', 0)).toBe('0.0%');
    expect(formatValue('rate', null)).toBe('—');
    expect(formatValue('count', 25)).toBe('25');
    expect(formatValue('count', 0)).toBe('0');
    expect(formatValue('days', 9.1)).toBe('9.1 个工作日');
    expect(formatValue('days', null)).toBe('—');
  });

  it('gives 环比 and 同比 as the other period\'s figure and the change, rates in 个百分点', () => {
    const report = {
      ...figures({ registered: 25, onTimeRate: 11 / 13, handlingWorkingDays: { mean: 9.1, median: 8.5 } }),
      previous: figures({ registered: 4, onTimeRate: 2 / 3, handlingWorkingDays: { mean: 10, median: 10 } }),
      yearAgo: figures({ registered: 30, onTimeRate: null }),
    };
    const registered = figureView(report, 'registered');
    expect(registered).toMatchObject({ value: '25', previous: { value: '4', change: '+21', direction: 'up' }, yearAgo: { value: '30', change: '−5', direction: 'down' } });
    const onTime = figureView(report, 'onTimeRate');
    expect(onTime.value).toBe('84.6%');
    // 84.615… − 66.666… = 17.9 percentage points, not 26.9% of the previous rate
    expect(onTime.previous).toEqual({ value: '66.7%', change: '+17.9 个百分点', direction: 'up' });
    expect(onTime.yearAgo).toEqual({ value: '—', change: '—', direction: 'none' });
    const days = figureView(report, 'handlingWorkingDays');
    expect(days).toMatchObject({ value: '9.1 个工作日', median: '8.5 个工作日', previous: { value: '10.0 个工作日', change: '−0.9' } });
    expect(days.definition.label).toBe('平均 / 中位办理时长');
    expect(figureView(report, 'refused').previous).toEqual({ value: '0', change: '0', direction: 'none' });
  });

  it('a rate that falls shows a minus and 个百分点; the definition comes from the one table', () => {
    const report = { ...figures({ acceptanceRate: 0.5 }), previous: figures({ acceptanceRate: 0.75 }), yearAgo: figures({}) };
    const v = figureView(report, 'acceptanceRate');
    expect(v.previous.change).toBe('−25.0 个百分点');
    expect(v.definition.definition).toBe('受理 ÷ 登记量。');
  });

  it('a public "<3" cell has no bar and no share', () => {
    expect(cellNumber('<3')).toBeNull();
    expect(cellNumber(7)).toBe(7);
    expect(shareText('<3', 10)).toBe('—');
    expect(shareText(1, 8)).toBe('12.5%');
    expect(shareText(0, 0)).toBe('—');
  });
});
