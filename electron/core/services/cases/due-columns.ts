import type { Calendar } from '../../domain/calendar';
import { computeDueDates, type DeadlineRules } from '../../domain/deadlines';

/**
 * The due-date columns a case stores: each limit's start (stage, whole case), the due dates they give and the
 * one that applies, recomputed from the start dates and limits; and the calendar year a due date waits for.
 */
export interface DueColumns {
  stage_start: string | null;
  stage_limit: number | null;
  overall_start: string | null;
  stage_due: string | null;
  overall_due: string | null;
  due_date: string | null;
  calendar_missing_year: number | null;
}

export function dueColumns(
  cal: Calendar, rules: DeadlineRules, stageStart: string | null, stageLimit: number | null, overallStart: string | null,
): DueColumns {
  const c = computeDueDates(cal, { stageStart, stageLimit, overallStart, overallDays: rules.overallCalendarDays });
  return {
    stage_start: stageStart,
    stage_limit: stageLimit,
    overall_start: overallStart,
    stage_due: c.stageDue,
    overall_due: c.overallDue,
    due_date: c.dueDate,
    calendar_missing_year: c.calendarMissingYear,
  };
}

/** Stops the clock (closed, refused, voided, suspended, awaiting follow-up): no due date to show. */
export const DUE_STOPPED: Pick<DueColumns, 'due_date' | 'calendar_missing_year'> = { due_date: null, calendar_missing_year: null };

/** An extension moved the whole-case limit past what its start date gives: a new stage must not undo it. */
export function keepExtension(c: DueColumns, storedOverallDue: string | null): DueColumns {
  if (storedOverallDue === null || c.overall_due === null || storedOverallDue <= c.overall_due) return c;
  return { ...c, overall_due: storedOverallDue, due_date: c.stage_due !== null && c.stage_due < storedOverallDue ? c.stage_due : storedOverallDue };
}

/** Which limit a case's due date comes from: its stage's (受理, 办理, 答复) or the whole case's. */
export type DueLimit = 'accept' | 'handle' | 'reply' | 'overall';
const STAGE_LIMITS: Partial<Record<string, DueLimit>> = { registered: 'accept', assigned: 'handle', pending_review: 'handle', approved: 'reply' };

/**
 * The due date the case's due state is computed from, and the limit it comes from; null while the clock is
 * stopped (suspended, replied, closed, refused, voided) or the calendar lacks the year it falls in.
 */
export function appliedDue(row: { status: string; due_date: string | null; stage_due: string | null }): { date: string; limit: DueLimit } | null {
  if (row.due_date === null) return null;
  const stage = STAGE_LIMITS[row.status];
  return { date: row.due_date, limit: stage && row.stage_due === row.due_date ? stage : 'overall' };
}
