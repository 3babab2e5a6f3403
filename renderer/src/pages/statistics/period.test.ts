import { describe, expect, it } from 'vitest';
import { defaultSpec, shiftSpec, trendMonth } from './period';

describe('the 统计 page\'s periods', () => {
  it('opens on last month, across a year end', () => {
    expect(defaultSpec('2026-12-01')).toEqual({ kind: 'month', month: '2026-11' });
    expect(defaultSpec('2027-01-15')).toEqual({ kind: 'month', month: '2026-12' });
  });

  it('上一期 / 下一期 move by one period of the same kind; a custom range by its own length', () => {
    expect(shiftSpec({ kind: 'month', month: '2026-01' }, -1)).toEqual({ kind: 'month', month: '2025-12' });
    expect(shiftSpec({ kind: 'month', month: '2026-12' }, 1)).toEqual({ kind: 'month', month: '2027-01' });
    expect(shiftSpec({ kind: 'quarter', quarter: '2026-Q1' }, -1)).toEqual({ kind: 'quarter', quarter: '2025-Q4' });
    expect(shiftSpec({ kind: 'quarter', quarter: '2026-Q4' }, 1)).toEqual({ kind: 'quarter', quarter: '2027-Q1' });
    expect(shiftSpec({ kind: 'year', year: 2026 }, -1)).toEqual({ kind: 'year', year: 2025 });
    expect(shiftSpec({ kind: 'custom', from: '2026-11-03', to: '2026-11-20' }, -1)).toEqual({ kind: 'custom', from: '2026-10-16', to: '2026-11-02' });
    expect(shiftSpec({ kind: 'custom', from: '2026-02-27', to: '2026-03-02' }, 1)).toEqual({ kind: 'custom', from: '2026-03-03', to: '2026-03-06' });
  });

  it('the trend ends with the month of the period\'s last day', () => {
    expect(trendMonth('2026-12-31')).toBe('2026-12');
  });
});
