import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, isoWeek, rotate, type RotationItem } from './rotation';

/** 'YYYY-MM-DD HH:mm' → our file name (office local time). */
const n = (local: string) => `register-${local.slice(0, 10).replace(/-/g, '')}-${local.slice(11, 13)}${local.slice(14, 16)}00.sqlite`;
const v = (local: string): RotationItem => ({ name: n(local), verified: true });
const u = (local: string): RotationItem => ({ name: n(local), verified: false });

describe('rotation (grandfather-father-son over the names\' office-local dates)', () => {
  it.each([
    {
      what: 'keep 1/1/1: the newest of the day, the week and the month is one backup',
      keep: { keepDaily: 1, keepWeekly: 1, keepMonthly: 1 },
      items: [v('2026-12-10 09:00'), v('2026-12-10 13:00'), v('2026-12-09 09:00')],
      kept: ['2026-12-10 13:00'],
    },
    {
      what: 'several a day: the newest of each of the last 2 days',
      keep: { keepDaily: 2, keepWeekly: 1, keepMonthly: 1 },
      items: [v('2026-12-10 09:00'), v('2026-12-10 13:00'), v('2026-12-10 17:00'), v('2026-12-09 09:00'), v('2026-12-09 13:00'), v('2026-12-08 13:00')],
      kept: ['2026-12-10 17:00', '2026-12-09 13:00'],
    },
    {
      what: 'ISO weeks start on Monday: Sunday 11-29 and Saturday 11-28 share week 48',
      keep: { keepDaily: 1, keepWeekly: 3, keepMonthly: 1 },
      items: [v('2026-11-30 10:00'), v('2026-11-29 10:00'), v('2026-11-28 10:00'), v('2026-11-22 10:00'), v('2026-11-16 10:00')],
      kept: ['2026-11-30 10:00', '2026-11-29 10:00', '2026-11-22 10:00'],
    },
    {
      what: 'months: the newest of December, November and October',
      keep: { keepDaily: 1, keepWeekly: 1, keepMonthly: 3 },
      items: [v('2026-12-01 10:00'), v('2026-11-30 10:00'), v('2026-11-02 10:00'), v('2026-10-31 10:00'), v('2026-09-15 10:00')],
      kept: ['2026-12-01 10:00', '2026-11-30 10:00', '2026-10-31 10:00'],
    },
    {
      what: 'days without a backup do not use up a slot (the office was closed)',
      keep: { keepDaily: 3, keepWeekly: 1, keepMonthly: 1 },
      items: [v('2026-12-10 10:00'), v('2026-11-20 10:00'), v('2026-11-02 10:00'), v('2026-10-01 10:00')],
      kept: ['2026-12-10 10:00', '2026-11-20 10:00', '2026-11-02 10:00'],
    },
    {
      what: 'unverified: never fills a slot; kept while newer than the newest verified; the newest verified always stays',
      keep: { keepDaily: 1, keepWeekly: 1, keepMonthly: 1 },
      items: [u('2026-12-10 10:00'), v('2026-12-09 10:00'), u('2026-12-08 10:00'), v('2026-12-07 10:00')],
      kept: ['2026-12-10 10:00', '2026-12-09 10:00'],
    },
    {
      what: 'nothing verified: nothing is removed',
      keep: { keepDaily: 1, keepWeekly: 1, keepMonthly: 1 },
      items: [u('2026-12-10 10:00'), u('2026-12-09 10:00')],
      kept: ['2026-12-10 10:00', '2026-12-09 10:00'],
    },
  ])('$what', ({ keep, items, kept }) => {
    const result = rotate(items, keep);
    expect(result.keep).toEqual(kept.map(n));
    expect(new Set([...result.keep, ...result.remove])).toEqual(new Set(items.map((i) => i.name)));
  });

  it('a year of daily backups with the defaults 7/4/12 keeps 20: 7 days, 2 more Sundays, 11 more month ends', () => {
    const items: RotationItem[] = [];
    for (let t = Date.UTC(2026, 0, 1); t <= Date.UTC(2026, 11, 10); t += 86_400_000) items.push(v(`${new Date(t).toISOString().slice(0, 10)} 10:00`));
    const { keep } = rotate(items, DEFAULT_RETENTION);
    expect(keep.map((k) => k.slice(9, 17))).toEqual([
      '20261210', '20261209', '20261208', '20261207', '20261206', '20261205', '20261204',
      '20261130', '20261129', '20261122', '20261031', '20260930', '20260831', '20260731', '20260630', '20260531', '20260430', '20260331', '20260228', '20260131',
    ]);
  });

  it('never lists a file that is not ours (so never removes one)', () => {
    const items = [v('2026-12-10 10:00'), { name: 'register-2026.sqlite', verified: true }, { name: '备忘.txt', verified: false }, { name: '.register-20261201-100000.sqlite.partial', verified: false }];
    const result = rotate(items, { keepDaily: 1, keepWeekly: 1, keepMonthly: 1 });
    expect([...result.keep, ...result.remove]).toEqual([n('2026-12-10 10:00')]);
  });

  it.each([
    [2026, 1, 1, '2026-W01'], [2026, 12, 31, '2026-W53'], [2027, 1, 3, '2026-W53'], [2027, 1, 4, '2027-W01'],
    [2024, 12, 30, '2025-W01'], [2026, 11, 29, '2026-W48'], [2026, 11, 30, '2026-W49'],
  ])('isoWeek(%i-%i-%i) = %s', (y, m, d, week) => {
    expect(isoWeek(y, m, d)).toBe(week);
  });
});
