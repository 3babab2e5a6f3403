import { describe, expect, it } from 'vitest';
import { safeFileName } from './file-name';

describe('safeFileName', () => {
  it('keeps ordinary names and replaces what Windows refuses', () => {
    expect(safeFileName('工作日历-2026.csv')).toBe('工作日历-2026.csv');
    expect(safeFileName('a:b*c?.csv')).toBe('a_b_c_.csv');
    expect(safeFileName(' .. ')).toBe('download');
    expect(safeFileName('..\\..\\x/y.csv')).toBe('_.._x_y.csv');
  });
});
