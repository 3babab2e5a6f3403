import { addDays, isCovered, isWorkingDay, type Calendar } from '../core/domain/calendar';
import type { Rng } from './random';

/**
 * The days around the demo window, each marked working or not, so a story can move "n working days
 * later" by index arithmetic. Years the calendar lacks count Monday to Friday here: that only decides
 * on which days the demo's people act; due dates always come from the real calendar (simulate.ts).
 */
export class DayTable {
  readonly dates: string[] = [];
  readonly working: boolean[] = [];
  /** for each day, how many working days lie strictly before it in the table */
  private readonly rank: number[] = [];
  private readonly workIndex: number[] = [];
  private readonly index = new Map<string, number>();

  constructor(cal: Calendar, first: string, last: string) {
    let wd = 0;
    for (let d = first, i = 0; d <= last; d = addDays(d, 1), i++) {
      const year = Number(d.slice(0, 4));
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      const w = isCovered(cal, year) ? isWorkingDay(cal, d) : weekday !== 0 && weekday !== 6;
      this.dates.push(d);
      this.working.push(w);
      this.rank.push(wd);
      this.index.set(d, i);
      if (w) {
        this.workIndex.push(i);
        wd++;
      }
    }
  }

  indexOf(date: string): number {
    const i = this.index.get(date);
    if (i === undefined) throw new RangeError(`demo day table does not cover ${date}`);
    return i;
  }

  isWorking(date: string): boolean {
    return this.working[this.indexOf(date)];
  }

  /** n = 0: the day itself if it is a working day, else the next one; n > 0: the n-th working day after. */
  workingDayAfter(date: string, n: number): string {
    const i = this.indexOf(date);
    const target = this.working[i] ? this.rank[i] + n : this.rank[i] + Math.max(n - 1, 0);
    if (target >= this.workIndex.length) throw new RangeError(`demo day table ends before ${date} + ${n} working days`);
    return this.dates[this.workIndex[target]];
  }

  /** n = 0: the day itself if it is a working day, else the one before; n > 0: the n-th working day before. */
  workingDayBefore(date: string, n: number): string {
    const i = this.indexOf(date);
    const target = n === 0 ? (this.working[i] ? this.rank[i] : this.rank[i] - 1) : this.rank[i] - n;
    if (target < 0) throw new RangeError(`demo day table starts after ${date} - ${n} working days`);
    return this.dates[this.workIndex[target]];
  }
}

const OPEN = 8 * 60 + 30;
const CLOSE = 17 * 60 + 30;

const hm = (minutes: number, seconds: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;

/** Minutes since midnight of a 'YYYY-MM-DD HH:mm:ss' stamp. */
export const minutesOf = (stamp: string): number => Number(stamp.slice(11, 13)) * 60 + Number(stamp.slice(14, 16));

/**
 * The simulated passing of time in one case's story: hands out increasing time stamps for its steps, in
 * office hours on working days, a few minutes to a couple of hours after the previous step on the same day.
 * (Not a due-date clock: those are the services' due columns.)
 */
export class SimulatedTime {
  constructor(private readonly days: DayTable, private readonly rng: Rng, public cursor: string) {}

  /** A stamp on the n-th working day after the cursor's day (0 = the same day, later in it). */
  after(n: number): string {
    const day = this.cursor.slice(0, 10);
    let date = this.days.workingDayAfter(day, n);
    let minutes: number;
    if (date === day) {
      minutes = Math.max(minutesOf(this.cursor) + this.rng.int(3, 120), OPEN + this.rng.int(0, 30));
      if (minutes > CLOSE + 30) {
        date = this.days.workingDayAfter(day, 1);
        minutes = OPEN + this.rng.int(0, 150);
      }
    } else {
      minutes = OPEN + this.rng.int(0, CLOSE - OPEN);
    }
    this.cursor = `${date} ${hm(minutes, this.rng.int(0, 59))}`;
    return this.cursor;
  }

  /** Like `after`, but never later than `limit`: squeezed in just after the cursor when it would be. */
  afterAtMost(n: number, limit: string): string {
    const before = this.cursor;
    const at = this.after(n);
    if (at <= limit) return at;
    const squeezed = `${before.slice(0, 10)} ${hm(Math.min(minutesOf(before) + 1, 23 * 60 + 58), 0)}`;
    this.cursor = squeezed > before && squeezed <= limit ? squeezed : before;
    return this.cursor;
  }
}

/** A random time within office hours (or, for the online channels, any time of day) on `date`. */
export function receivedStamp(rng: Rng, date: string, anyHour: boolean, latest: string | null): string {
  const lo = anyHour ? 0 : OPEN - 20;
  let hi = anyHour ? 24 * 60 - 1 : CLOSE + 10;
  if (latest && latest.startsWith(date)) hi = Math.max(lo, Math.min(hi, minutesOf(latest) - 5));
  return `${date} ${hm(rng.int(lo, hi), rng.int(0, 59))}`;
}

export { OPEN as OFFICE_OPEN, CLOSE as OFFICE_CLOSE };
