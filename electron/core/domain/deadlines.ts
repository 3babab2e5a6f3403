import {
  addCalendarDays, addDays, addWorkingDays, CalendarMissingError, nextWorkingDay, workingDayOnOrAfter, type Calendar,
} from './calendar';
import type { DueStateCode, Severity } from './vocab';

/** An office's time limits: working days per stage, calendar days for the whole case. */
export interface DeadlineRules {
  acceptWorkingDays: number;
  handleWorkingDays: Record<Severity, number>;
  replyWorkingDays: number;
  overallCalendarDays: number;
}

/** The office's default time limits (domain.md "Time limits"); every office can change them. */
export const DEFAULT_DEADLINES: DeadlineRules = {
  acceptWorkingDays: 3,
  handleWorkingDays: { simple: 3, complex: 10, major: 10 },
  replyWorkingDays: 3,
  overallCalendarDays: 15,
};

/**
 * A case's clock: a stage limit (working days from a start date) and the whole-case limit (calendar
 * days from an overall start). The effective due date is the earlier of the two. When the calendar
 * does not cover a year the count runs into, the due date is unknown and the missing year is reported,
 * never guessed.
 */
export interface DueDatesInput {
  stageStart: string | null;
  stageLimit: number | null;
  overallStart: string | null;
  overallDays: number;
}
export interface DueDates {
  stageDue: string | null;
  overallDue: string | null;
  dueDate: string | null;
  calendarMissingYear: number | null;
}

function attempt(fn: () => string): { due: string | null; missing: number | null } {
  try {
    return { due: fn(), missing: null };
  } catch (err) {
    if (err instanceof CalendarMissingError) return { due: null, missing: err.year };
    throw err;
  }
}

export function earlier(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

export function computeDueDates(cal: Calendar, input: DueDatesInput): DueDates {
  const stage = input.stageStart !== null && input.stageLimit !== null
    ? attempt(() => addWorkingDays(cal, input.stageStart!, input.stageLimit!))
    : { due: null, missing: null };
  const overall = input.overallStart !== null
    ? attempt(() => addCalendarDays(cal, input.overallStart!, input.overallDays))
    : { due: null, missing: null };
  return {
    stageDue: stage.due,
    overallDue: overall.due,
    dueDate: earlier(stage.due, overall.due),
    calendarMissingYear: stage.missing ?? overall.missing,
  };
}

/** Thresholds for due states on `today`: overdue before `today`, due soon up to the next working day. */
export interface DueThresholds {
  today: string;
  soonUntil: string;
}
export function dueThresholds(cal: Calendar, today: string): DueThresholds {
  try {
    return { today, soonUntil: nextWorkingDay(cal, today) };
  } catch (err) {
    // At a year end with next year missing, "due soon" cannot reach past the covered days: use tomorrow.
    if (err instanceof CalendarMissingError) return { today, soonUntil: addDays(today, 1) };
    throw err;
  }
}

export function dueStateOf(due: string | null, t: DueThresholds): DueStateCode | null {
  if (due === null) return null;
  if (due < t.today) return 'overdue';
  if (due <= t.soonUntil) return 'dueSoon';
  return 'onTrack';
}

/** Days between two dates (b - a), for moving a suspended case's whole-case clock. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * Where an extension really ends: a requested rest day becomes the next working day (a due date on a
 * holiday Saturday would make the case overdue the day the office reopens).
 */
export function extendedDue(cal: Calendar, requested: string): string {
  return workingDayOnOrAfter(cal, requested);
}

/**
 * The latest date an extension may ask for: one year after the due date it extends (after `today` when
 * the current due date is unknown). Without a bound, 9999-12-31 would keep a case from ever being overdue.
 * 29 February gives 28 February of the next year.
 */
export function latestExtension(currentDue: string | null, today: string): string {
  const from = currentDue ?? today;
  const next = `${Number(from.slice(0, 4)) + 1}${from.slice(4)}`;
  return next.endsWith('-02-29') ? `${next.slice(0, 8)}28` : next;
}
