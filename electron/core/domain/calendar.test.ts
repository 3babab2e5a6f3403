// Every expected date below was counted by hand from the State Council holiday notices
// (国办发明电〔2023〕7号 for 2024, 〔2024〕12号 for 2025, 〔2025〕7号 for 2026), not produced by the code.
import { describe, expect, it } from 'vitest';
import {
  CalendarMissingError,
  addCalendarDays,
  addDays,
  addWorkingDays,
  createCalendar,
  dueState,
  isCovered,
  isWorkingDay,
  nextWorkingDay,
  parseCalendarFile,
  workingDaysBetween,
} from './calendar';
import { calendarCsvText } from '../../../templates/exports/calendar-csv';
import { BUILTIN_CALENDAR_OVERRIDES, BUILTIN_CALENDAR_YEARS } from './holidays-cn';

const cal = createCalendar(BUILTIN_CALENDAR_YEARS, BUILTIN_CALENDAR_OVERRIDES);

describe('built-in data', () => {
  it('covers 2024–2026 and nothing else', () => {
    expect([2024, 2025, 2026].map((y) => isCovered(cal, y))).toEqual([true, true, true]);
    expect(isCovered(cal, 2023)).toBe(false);
    expect(isCovered(cal, 2027)).toBe(false);
  });

  it('has no duplicate dates and every make-up working day is a Saturday or Sunday', () => {
    const dates = BUILTIN_CALENDAR_OVERRIDES.map((o) => o.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const o of BUILTIN_CALENDAR_OVERRIDES.filter((x) => x.kind === 'workday')) {
      expect([0, 6], o.date).toContain(new Date(`${o.date}T00:00:00Z`).getUTCDay());
    }
  });

  // weekdays − weekday holidays + make-up days: 2024 262−19+8, 2025 261−18+5, 2026 261−19+6
  it.each([
    [2024, 251],
    [2025, 248],
    [2026, 248],
  ])('%i has %i working days', (year, n) => {
    expect(workingDaysBetween(cal, `${year - 1}-12-31`, `${year}-12-31`)).toBe(n);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2025-03-10', true], // ordinary Monday
    ['2025-03-08', false], // ordinary Saturday
    ['2024-02-04', true], // Sunday, 春节调休上班
    ['2024-02-18', true], // Sunday, 春节调休上班
    ['2024-02-09', true], // 2024 除夕 (Friday) was not a statutory holiday
    ['2024-02-12', false], // 春节
    ['2024-06-10', false], // 端午, Monday
    ['2024-10-12', true], // Saturday, 国庆调休上班
    ['2025-01-26', true], // Sunday, 春节调休上班
    ['2025-01-28', false], // 2025 除夕, holiday from 2025 on
    ['2025-02-08', true], // Saturday, 春节调休上班
    ['2025-04-27', true], // Sunday, 劳动节调休上班
    ['2025-05-05', false], // 劳动节, Monday
    ['2025-10-08', false], // 国庆中秋, Wednesday
    ['2026-01-02', false], // 元旦, Friday
    ['2026-01-04', true], // Sunday, 元旦调休上班
    ['2026-02-23', false], // 春节, Monday
    ['2026-02-28', true], // Saturday, 春节调休上班
    ['2026-12-31', true], // Thursday
  ])('%s → %s', (date, expected) => {
    expect(isWorkingDay(cal, date)).toBe(expected);
  });

  it('refuses a year the calendar does not cover instead of guessing Mon–Fri', () => {
    expect(() => isWorkingDay(cal, '2023-05-05')).toThrow(CalendarMissingError);
    try {
      isWorkingDay(cal, '2023-05-05');
    } catch (e) {
      expect((e as CalendarMissingError).year).toBe(2023);
      expect((e as Error).message).toBe(
        '工作日历缺少 2023 年的节假日安排，请管理员在“设置 → 工作日历”中导入或补充',
      );
    }
  });

  it('rejects malformed dates', () => {
    expect(() => isWorkingDay(cal, '2025-02-29')).toThrow(RangeError);
    expect(() => isWorkingDay(cal, '2025-3-1')).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2024-01-01', 365, '2024-12-31'],
    ['2025-03-03', 0, '2025-03-03'],
  ])('%s %+i → %s', (from, n, expected) => {
    expect(addDays(from, n)).toBe(expected);
  });
});

describe('addWorkingDays (day of receipt not counted)', () => {
  it.each([
    // ordinary weeks
    ['2025-03-03', 3, '2025-03-06', 'Mon + 3'],
    ['2025-03-06', 3, '2025-03-11', 'Thu + 3 skips the weekend'],
    ['2025-03-07', 1, '2025-03-10', 'Fri + 1'],
    ['2025-03-08', 1, '2025-03-10', 'received on a Saturday'],
    ['2025-03-03', 10, '2025-03-17', 'Mon + 10'],
    ['2025-03-03', 0, '2025-03-03', 'n = 0'],
    // Spring Festival 2025: 1/28–2/4 off, Sun 1/26 and Sat 2/8 worked
    ['2025-01-24', 3, '2025-02-05', '1/26 make-up, 1/27, then 2/5'],
    ['2025-01-27', 3, '2025-02-07', 'straight across the holiday'],
    ['2025-01-27', 10, '2025-02-17', 'includes Sat 2/8'],
    ['2025-01-26', 1, '2025-01-27', 'receipt on make-up Sunday'],
    ['2025-01-26', 2, '2025-02-05', 'receipt on make-up Sunday, across the holiday'],
    ['2025-02-06', 2, '2025-02-08', 'lands on make-up Saturday'],
    // Spring Festival 2026: 2/15–2/23 off, Sat 2/14 and Sat 2/28 worked
    ['2026-02-12', 3, '2026-02-24', 'Fri 2/13, Sat 2/14, then 2/24'],
    ['2026-02-13', 10, '2026-03-05', 'includes both make-up Saturdays'],
    // National Day 2024: 10/1–10/7 off, Sun 9/29 and Sat 10/12 worked
    ['2024-09-27', 3, '2024-10-08', 'Sun 9/29, Mon 9/30, then 10/8'],
    ['2024-09-30', 5, '2024-10-12', 'lands on make-up Saturday 10/12'],
    // National Day + Mid-Autumn 2025: 10/1–10/8 off, Sun 9/28 and Sat 10/11 worked
    ['2025-09-26', 3, '2025-09-30', 'Sun 9/28 counts'],
    ['2025-09-29', 3, '2025-10-10', '9/30, then 10/9, 10/10'],
    ['2025-09-30', 3, '2025-10-11', 'lands on make-up Saturday 10/11'],
    ['2025-09-30', 10, '2025-10-21', '10 working days after the holiday'],
    // Labour Day 2025: 5/1–5/5 off, Sun 4/27 worked
    ['2025-04-25', 2, '2025-04-28', 'Sun 4/27 counts'],
    ['2025-04-30', 1, '2025-05-06', 'across 5/1–5/5'],
    // year end: 2026-01-01..03 off, Sun 2026-01-04 worked
    ['2025-12-29', 3, '2026-01-04', '12/30, 12/31, then make-up Sunday 1/4'],
    ['2026-12-28', 3, '2026-12-31', 'stays inside 2026'],
  ])('%s + %i → %s (%s)', (from, n, expected) => {
    expect(addWorkingDays(cal, from, n)).toBe(expected);
  });

  it('throws CalendarMissingError when the count runs into 2027', () => {
    expect(() => addWorkingDays(cal, '2026-12-28', 5)).toThrow(CalendarMissingError);
    expect(() => addWorkingDays(cal, '2026-12-28', 5)).toThrow(/2027 年/);
  });

  it('rejects a negative or fractional count', () => {
    expect(() => addWorkingDays(cal, '2025-03-03', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, '2025-03-03', 1.5)).toThrow(RangeError);
  });
});

describe('nextWorkingDay', () => {
  it.each([
    ['2025-03-07', '2025-03-10'],
    ['2025-01-25', '2025-01-26'], // Saturday → make-up Sunday
    ['2025-01-27', '2025-02-05'],
    ['2026-02-13', '2026-02-14'],
    ['2024-10-07', '2024-10-08'],
  ])('%s → %s', (date, expected) => {
    expect(nextWorkingDay(cal, date)).toBe(expected);
  });
});

describe('addCalendarDays (15-day limit; a rest-day end moves to the next working day)', () => {
  it.each([
    ['2025-03-03', 15, '2025-03-18'], // Tuesday, stays
    ['2025-03-01', 15, '2025-03-17'], // Sun 3/16 → Mon
    ['2025-09-16', 15, '2025-10-09'], // 10/1 holiday → first day after 10/1–10/8
    ['2025-01-20', 15, '2025-02-05'], // 2/4 last day of Spring Festival → 2/5
    ['2026-02-05', 15, '2026-02-24'], // 2/20 Spring Festival → 2/24
    ['2025-01-11', 15, '2025-01-26'], // Sunday, but a make-up working day: stays
    ['2024-02-20', 15, '2024-03-06'], // across 29 Feb 2024
    ['2024-09-23', 15, '2024-10-08'], // first working day after National Day, stays
  ])('%s + %i → %s', (from, n, expected) => {
    expect(addCalendarDays(cal, from, n)).toBe(expected);
  });
});

describe('workingDaysBetween (from < d ≤ to)', () => {
  it.each([
    ['2025-03-03', '2025-03-03', 0],
    ['2025-03-03', '2025-03-01', 0],
    ['2025-03-03', '2025-03-10', 5],
    ['2025-01-24', '2025-02-10', 7], // 1/26, 1/27, 2/5, 2/6, 2/7, 2/8, 2/10
    ['2025-09-30', '2025-10-31', 18], // 10/9–10/11, then three full weeks
    ['2025-12-29', '2026-01-04', 3], // 12/30, 12/31, 1/4
  ])('%s → %s = %i', (from, to, expected) => {
    expect(workingDaysBetween(cal, from, to)).toBe(expected);
  });
});

describe('dueState', () => {
  it.each([
    ['2025-03-05', '2025-03-05', 'dueSoon'], // due today
    ['2025-03-06', '2025-03-05', 'dueSoon'], // due next working day
    ['2025-03-07', '2025-03-05', 'onTrack'],
    ['2025-03-04', '2025-03-05', 'overdue'], // due yesterday
    ['2025-03-10', '2025-03-07', 'dueSoon'], // Fri → Mon across the weekend
    ['2025-03-08', '2025-03-07', 'dueSoon'], // a rest day before the next working day
    ['2025-03-11', '2025-03-07', 'onTrack'],
    ['2025-02-05', '2025-01-27', 'dueSoon'], // across Spring Festival
    ['2025-02-06', '2025-01-27', 'onTrack'],
    ['2025-01-27', '2025-01-24', 'onTrack'], // Sun 1/26 is a working day in between
    ['2026-12-31', '2026-12-30', 'dueSoon'], // does not need 2027
    ['2026-12-31', '2026-12-31', 'dueSoon'],
    ['2026-12-30', '2026-12-31', 'overdue'],
  ] as const)('due %s, today %s → %s', (due, today, expected) => {
    expect(dueState(cal, due, today)).toBe(expected);
  });
});

describe('parseCalendarFile', () => {
  const expected2027 = {
    year: 2027,
    overrides: [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-06', kind: 'holiday', name: '春节' },
      { date: '2027-02-07', kind: 'workday', name: '春节调休上班' },
      { date: '2027-10-09', kind: 'workday', name: '国庆节调休上班' },
    ],
  };

  it('reads a good file with comments, header, blank lines and both spellings of the kind', () => {
    const text = [
      '# 2027 年工作日历',
      '日期,类型,名称',
      '2027-10-09,workday,国庆节调休上班',
      '',
      '2027-01-01,休,元旦',
      '  2027-02-06 , holiday , 春节  ',
      '2027-02-07,班,春节调休上班',
    ].join('\n');
    expect(parseCalendarFile(text)).toEqual(expected2027);
  });

  it('strips a BOM and accepts CRLF', () => {
    const text = '\uFEFF日期,类型,名称\r\n2027-01-01,休,元旦\r\n2027-02-06,休,春节\r\n2027-02-07,班,春节调休上班\r\n2027-10-09,班,国庆节调休上班\r\n';
    expect(parseCalendarFile(text)).toEqual(expected2027);
  });

  it('accepts tab-separated lines', () => {
    const text = '日期\t类型\t名称\n2027-01-01\t休\t元旦\n2027-02-06\t休\t春节\n2027-02-07\t班\t春节调休上班\n2027-10-09\tworkday\t国庆节调休上班\n';
    expect(parseCalendarFile(text)).toEqual(expected2027);
  });

  it('accepts Excel-style dates, a full-width comma, a quoted name and a missing name', () => {
    const text = '2027/1/1,休,元旦\n2027-02-06，休，"春节,初一"\n2027-10-20,休\n';
    expect(parseCalendarFile(text)).toEqual({
      year: 2027,
      overrides: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'holiday', name: '春节,初一' },
        { date: '2027-10-20', kind: 'holiday', name: '休息日' },
      ],
    });
  });

  it.each([
    ['invalid date', '日期,类型,名称\n2026-10-01,休,国庆节\n2026-02-30,休,春节', '第 3 行：日期“2026-02-30”无效'],
    ['not a date', 'abc,休,x', '第 1 行：日期“abc”无效'],
    ['unknown kind', '2026-10-01,休,国庆节\n2026-10-02,假,国庆节', '第 2 行：类型“假”无效'],
    ['duplicate', '\n2026-10-01,休,国庆节\n2026-10-01,班,国庆节', '第 3 行：日期“2026-10-01”与第 2 行重复'],
    ['two years', '2026-10-01,休,国庆节\n#\n2027-01-01,休,元旦', '第 3 行：日期“2027-01-01”不在 2026 年'],
    ['missing kind', '2026-10-01', '第 1 行：格式应为“日期,类型,名称”'],
    ['no day lines', '\uFEFF# 只有注释\n日期,类型,名称\n\n', '没有任何日期行'],
    ['empty file', '', '没有任何日期行'],
  ])('%s → error', (_label, text, message) => {
    const r = parseCalendarFile(text);
    expect('error' in r && r.error).toContain(message);
  });
});

describe('the calendar CSV of templates/, read back', () => {
  it.each([2024, 2025, 2026])('round-trips the built-in %i', (year) => {
    const own = BUILTIN_CALENDAR_OVERRIDES.filter((o) => o.date.startsWith(`${year}-`));
    expect(parseCalendarFile(calendarCsvText({ year, days: own }))).toEqual({ year, overrides: own });
  });

  it('round-trips names containing separators and quotes', () => {
    const own = [
      { date: '2027-03-02', kind: 'holiday' as const, name: '本所停电,闭所"一天"' },
      { date: '2027-03-06', kind: 'workday' as const, name: '补班\t周六' },
    ];
    expect(parseCalendarFile(calendarCsvText({ year: 2027, days: own }))).toEqual({ year: 2027, overrides: own });
  });
});
