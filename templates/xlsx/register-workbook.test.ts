import { describe, expect, it } from 'vitest';
import { dateValue } from './cells';
import { excelSerial } from './register-workbook';

describe('excelSerial', () => {
  // What exceljs writes for the Date dateValue gives (25569 + ms / day): the register export writes the number itself.
  const viaDate = (s: string, n: 10 | 16) => {
    const d = dateValue(s.slice(0, n));
    return d === null ? null : 25569 + d.getTime() / (24 * 3600 * 1000);
  };
  it('is the very number exceljs wrote for the date, and null for what is no date', () => {
    const texts = ['2026-12-01', '2026-12-01 09:30', '2026-12-01T23:59', '2026-12-01 09:30:15', '1999-01-01 7:30', '2026-02-30', '2026-1-01',
      '2026-12-01 0930', '2026-12-01 09:3x', '２０２６-12-01', '', 'x', '2026/12/01', '0000-00-00', '2026-12-01 24:00'];
    for (const s of texts) for (const n of [10, 16] as const) expect(excelSerial(s, n), `${s} ${n}`).toBe(viaDate(s, n));
    expect(excelSerial('2026-12-01 12:00', 16)).toBe(46357.5);
    expect(excelSerial('2026-12-01 12:00', 10)).toBe(46357);
  });
});
