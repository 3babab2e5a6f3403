import { describe, expect, it } from 'vitest';
import { safeFileName } from './file-name';

describe('safeFileName', () => {
  it('keeps ordinary names and replaces what Windows refuses', () => {
    expect(safeFileName('工作日历-2026.csv')).toBe('工作日历-2026.csv');
    expect(safeFileName('a:b*c?.csv')).toBe('a_b_c_.csv');
    expect(safeFileName(' .. ')).toBe('download');
    expect(safeFileName('..\\..\\x/y.csv')).toBe('_.._x_y.csv');
  });

  it('lets no invisible character disguise the name (a right-to-left override makes a name ending in .exe read as .pdf)', () => {
    expect(safeFileName('答复函\u202Efdp.exe')).toBe('答复函_fdp.exe');
    expect(safeFileName('a\u200Fb\u2066c\u2069d\u2028e\u0085f.csv')).toBe('a_b_c_d_e_f.csv');
  });

  it('keeps clear of the device names Windows reserves (CON, NUL, COM1 ...), with any extension', () => {
    expect(safeFileName('CON.csv')).toBe('_CON.csv');
    expect(safeFileName('nul')).toBe('_nul');
    expect(safeFileName('com1.tar.gz')).toBe('_com1.tar.gz');
    expect(safeFileName('CONTRACT.csv')).toBe('CONTRACT.csv');
  });
});
