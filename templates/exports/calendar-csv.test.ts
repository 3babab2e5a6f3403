import { describe, expect, it } from 'vitest';
import { calendarCsv, calendarCsvText } from './calendar-csv';

const DAYS = [
  { date: '2026-10-07', kind: 'holiday' as const, name: '国庆节' },
  { date: '2025-12-31', kind: 'holiday' as const, name: '不属于这一年' },
  { date: '2026-01-04', kind: 'workday' as const, name: '元旦调休上班' },
  { date: '2026-03-02', kind: 'holiday' as const, name: '本所停电,闭所"一天"' },
];

describe('calendar CSV', () => {
  it('writes a BOM, a comment, the header and one 休/班 line per day of that year only, in date order, CRLF', () => {
    const text = calendarCsvText({ year: 2026, days: DAYS });
    expect(text.startsWith('\uFEFF# 2026 年工作日历')).toBe(true);
    expect(text.slice(1).split('\r\n').slice(1)).toEqual([
      '日期,类型,名称',
      '2026-01-04,班,元旦调休上班',
      '2026-03-02,休,"本所停电,闭所""一天"""',
      '2026-10-07,休,国庆节',
      '',
    ]);
    expect(text).not.toContain('2025-');
  });

  it('is a UTF-8 file named for its year, whose bytes are the text', () => {
    const file = calendarCsv({ year: 2026, days: DAYS });
    expect(file.name).toBe('工作日历-2026.csv');
    expect(file.mimeType).toBe('text/csv; charset=utf-8');
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes)).toBe(calendarCsvText({ year: 2026, days: DAYS }));
  });

  it('writes a name stored with a line break (before the contract refused one) on its own line', () => {
    const text = calendarCsvText({ year: 2026, days: [{ date: '2026-03-03', kind: 'holiday', name: '停电\r\n2026-03-04,休,伪造' }] });
    expect(text.slice(1).split('\r\n').slice(2, -1)).toEqual(['2026-03-03,休,"停电 2026-03-04,休,伪造"']);
  });

  it('writes a year without days as the header alone', () => {
    expect(calendarCsvText({ year: 2030, days: [] }).trimEnd().split('\r\n').at(-1)).toBe('日期,类型,名称');
  });
});
