// Expected dates counted by hand from the State Council holiday notices (see calendar.test.ts).
import { describe, expect, it } from 'vitest';
import { CalendarMissingError, createCalendar } from './calendar';
import { extendedDue, latestExtension } from './deadlines';
import { BUILTIN_CALENDAR_OVERRIDES, BUILTIN_CALENDAR_YEARS } from './holidays-cn';

const cal = createCalendar(BUILTIN_CALENDAR_YEARS, BUILTIN_CALENDAR_OVERRIDES);

describe('extendedDue (an extension ends on a working day)', () => {
  it.each([
    ['2025-06-04', '2025-06-04'], // Wednesday: stays
    ['2025-05-31', '2025-06-03'], // Saturday in the 端午 holiday (5/31–6/2) → Tuesday
    ['2025-06-02', '2025-06-03'], // Monday, 端午 holiday → Tuesday
    ['2025-10-01', '2025-10-09'], // National Day and 中秋 (10/1–10/8) → 10/9
    ['2025-09-28', '2025-09-28'], // Sunday, a make-up working day: stays
    ['2026-03-07', '2026-03-09'], // plain Saturday → Monday
    ['2026-12-31', '2026-12-31'], // Thursday at the year's end: needs no next year
  ])('%s → %s', (requested, expected) => {
    expect(extendedDue(cal, requested)).toBe(expected);
  });

  it('does not guess a working day in a year the calendar lacks', () => {
    expect(() => extendedDue(cal, '2027-01-02')).toThrow(CalendarMissingError);
  });
});

describe('latestExtension (at most a year past the current due date)', () => {
  it.each([
    ['2026-03-05', '2026-03-01', '2027-03-05'],
    ['2024-02-29', '2024-02-20', '2025-02-28'], // no 29 February next year
    ['2026-12-31', '2026-12-01', '2027-12-31'],
    [null, '2026-03-01', '2027-03-01'], // due date unknown (calendar missing): a year from today
  ])('due %s, today %s → %s', (due, today, expected) => {
    expect(latestExtension(due, today)).toBe(expected);
  });
});
