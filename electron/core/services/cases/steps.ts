import type { CaseRow, CaseUpdate } from '../../../../db/types';
import { addDays, CalendarMissingError, workingDayOnOrAfter, type Calendar } from '../../domain/calendar';
import { daysBetween, earlier, type DeadlineRules } from '../../domain/deadlines';
import type { Severity } from '../../domain/vocab';
import { statusAfterFinding, statusAfterFollowUp } from '../../domain/workflow';
import { dueColumns, keepExtension, DUE_STOPPED, type DueColumns } from './due-columns';

/**
 * What each workflow step writes on a case: its patch of the case row and the note its history entry
 * carries. The one source for the case services (cases.ts, which check, validate and store) and the demo
 * loader (demo/simulate.ts, which replays whole stories in memory). Pure: the row as it stands, the
 * step's input and its moment `at` (date-time; its date is the step's day).
 */
export interface CasePatch {
  patch: CaseUpdate;
  note: string | null;
}

/** The due columns for (stage start, stage limit, whole-case start) under the office's calendar and rules. */
export type DueCalculator = (stageStart: string | null, stageLimit: number | null, overallStart: string | null) => DueColumns;

export interface StepContext {
  dueColumns: DueCalculator;
  rules: DeadlineRules;
  cal: Calendar;
}

/** The context the services give each step: due columns computed afresh under the office's calendar and rules. */
export function stepContext(cal: Calendar, rules: DeadlineRules): StepContext {
  return { cal, rules, dueColumns: (stageStart, stageLimit, overallStart) => dueColumns(cal, rules, stageStart, stageLimit, overallStart) };
}

const day = (at: string) => at.slice(0, 10);

/**
 * The due dates a supervisor's extension set on this row: the stored stage and whole-case due dates where
 * they are later than the rules give for the row's own start dates (null where no extension applies).
 */
function approvedDates(ctx: StepContext, row: CaseRow): { stage: string | null; overall: string | null } {
  const given = ctx.dueColumns(row.stage_start, row.stage_limit, row.overall_start);
  const extended = (stored: string | null, ruled: string | null) => (stored !== null && (ruled === null || stored > ruled) ? stored : null);
  return { stage: extended(row.stage_due, given.stage_due), overall: extended(row.overall_due, given.overall_due) };
}

/** A date moved on by the days a case was suspended, landing on a working day as every limit does. */
function movedOn(ctx: StepContext, date: string, days: number): string {
  if (days === 0) return date;
  try {
    return workingDayOnOrAfter(ctx.cal, addDays(date, days));
  } catch (err) {
    // The next year's calendar is not published yet: the approved date moves by the plain days rather than be lost.
    if (err instanceof CalendarMissingError) return addDays(date, days);
    throw err;
  }
}

/**
 * A clock recomputed from new start dates that keeps the extension approved on `row`: an extended date holds
 * (moved on by `pausedDays` after a suspension) unless the rules now give a later one. Only a supervisor's new
 * extension changes it.
 */
function keepApproved(ctx: StepContext, row: CaseRow, fresh: DueColumns, pausedDays = 0): DueColumns {
  const approved = approvedDates(ctx, row);
  // A date the rules cannot give (calendar_missing_year) falls in a year not yet covered, later than any
  // approved date: it stays unknown until that year's calendar is imported.
  const later = (ruled: string | null, ext: string | null) => (ext === null || ruled === null ? ruled : ruled < ext ? ext : ruled);
  const stageDue = fresh.stage_limit === null ? fresh.stage_due : later(fresh.stage_due, approved.stage && movedOn(ctx, approved.stage, pausedDays));
  const overallDue = fresh.overall_start === null ? fresh.overall_due : later(fresh.overall_due, approved.overall && movedOn(ctx, approved.overall, pausedDays));
  return { ...fresh, stage_due: stageDue, overall_due: overallDue, due_date: earlier(stageDue, overallDue) };
}

/** A new stage's clock; the whole-case clock keeps running from its start, and keeps any extension. */
function stage(ctx: StepContext, row: CaseRow, start: string | null, limit: number | null): DueColumns {
  return keepExtension(ctx.dueColumns(start, limit, row.overall_start), row.overall_due);
}

/**
 * A new case's state columns: registered, with the acceptance limit counting from the day it was received;
 * or, answered on the spot, closed at once with the reply given then (`repliedOn`) and no clock running.
 */
export function register(ctx: StepContext, input: { receivedAt: string; channel: string }, at: string, spot: { reply: string; repliedOn: string } | null): CaseUpdate & { status: string } {
  const receivedDate = day(input.receivedAt);
  const due = spot ? { ...ctx.dueColumns(null, null, null), ...DUE_STOPPED } : ctx.dueColumns(receivedDate, ctx.rules.acceptWorkingDays, receivedDate);
  const state: CaseUpdate & { status: string } = { status: spot ? 'closed' : 'registered', ...due, original_due: due.overall_due };
  if (spot) {
    Object.assign(state, {
      accepted_at: at, reply_method: input.channel === '电话' ? 'phone' : 'in_person', replied_on: spot.repliedOn, reply_summary: spot.reply,
      closed_at: at, close_note: '当场答复',
    });
  }
  return state;
}

export function accept(ctx: StepContext, row: CaseRow, at: string, note: string | null): CasePatch {
  return { patch: { status: 'accepted', accepted_at: at, ...stage(ctx, row, null, null) }, note };
}

export function refuse(at: string, reason: string, referral: string): CasePatch {
  return { patch: { status: 'refused', refuse_reason: reason, referral, closed_at: at, ...DUE_STOPPED }, note: null };
}

export function assign(ctx: StepContext, row: CaseRow, at: string, input: { departmentId: number; handlerStaffId: number; severity: Severity; note: string | null }): CasePatch {
  const { severity } = input;
  return {
    patch: {
      status: 'assigned', handler_department_id: input.departmentId, handler_staff_id: input.handlerStaffId, severity, assigned_at: at,
      // Handed to another handler within the handling stage: an extension approved for it still holds.
      ...(row.status === 'assigned'
        ? keepApproved(ctx, row, ctx.dueColumns(day(at), ctx.rules.handleWorkingDays[severity], row.overall_start))
        : stage(ctx, row, day(at), ctx.rules.handleWorkingDays[severity])),
    },
    note: [input.note, severity === 'major' ? '重大事项：须立即报告负责人' : ''].filter(Boolean).join('；'),
  };
}

export function addNote(notedOn: string, text: string): CasePatch {
  return { patch: {}, note: `${notedOn}：${text}` };
}

export interface Finding { finding: string; handlingOpinion: string; measures: string; staffAction: string; draftReply: string; handledOn: string }

export function recordFinding(ctx: StepContext, row: CaseRow, f: Finding): CasePatch {
  const status = statusAfterFinding(row.severity);
  // Simple cases go straight to reply: its 3-working-day clock starts from the day handling finished.
  const due = status === 'approved' ? stage(ctx, row, f.handledOn, ctx.rules.replyWorkingDays) : {};
  return {
    patch: {
      status, finding: f.finding, handling_opinion: f.handlingOpinion, measures: f.measures || null, staff_action: f.staffAction || null,
      draft_reply: f.draftReply || null, handled_on: f.handledOn, ...due,
    },
    note: null,
  };
}

export function approve(ctx: StepContext, row: CaseRow, at: string, approverId: number, comment: string): CasePatch {
  return {
    patch: { status: 'approved', approved_at: at, approver_id: approverId, review_comment: comment || null, ...stage(ctx, row, day(at), ctx.rules.replyWorkingDays) },
    note: comment || '审核通过',
  };
}

/** Sent back: the handling clock keeps running from the original assignment. */
export function sendBack(comment: string): CasePatch {
  return { patch: { status: 'assigned', review_comment: comment }, note: `退回：${comment}` };
}

export function reply(method: string, repliedOn: string, summary: string): CasePatch {
  return {
    patch: { status: 'replied', reply_method: method, replied_on: repliedOn, reply_summary: summary, stage_due: null, stage_start: null, stage_limit: null, ...DUE_STOPPED },
    note: null,
  };
}

export function followUp(at: string, satisfaction: string, followedUpOn: string, note: string): CasePatch {
  const status = statusAfterFollowUp(satisfaction);
  return {
    patch: { status, satisfaction, followed_up_on: followedUpOn, follow_up_note: note || null, ...(status === 'closed' ? { closed_at: at } : {}) },
    note: null,
  };
}

/** 复查: the first round's results are kept in a snapshot; the case goes back to its handler with a new clock. */
export function reopen(ctx: StepContext, row: CaseRow, at: string, reason: string): CasePatch & { snapshot: string } {
  const snapshot = {
    finding: row.finding, handling_opinion: row.handling_opinion, measures: row.measures, staff_action: row.staff_action,
    handled_on: row.handled_on, reply_method: row.reply_method, replied_on: row.replied_on, reply_summary: row.reply_summary,
    satisfaction: row.satisfaction, followed_up_on: row.followed_up_on, follow_up_note: row.follow_up_note,
    original_due: row.original_due, overall_due: row.overall_due,
  };
  const due = ctx.dueColumns(day(at), ctx.rules.handleWorkingDays[(row.severity ?? 'simple') as Severity], day(at));
  return {
    snapshot: JSON.stringify(snapshot),
    patch: {
      status: 'assigned', round: row.round + 1, assigned_at: at,
      finding: null, handling_opinion: null, measures: null, staff_action: null, draft_reply: null, handled_on: null,
      review_comment: null, approved_at: null, approver_id: null, reply_method: null, replied_on: null, reply_summary: null,
      satisfaction: null, followed_up_on: null, follow_up_note: null,
      ...due, original_due: due.overall_due,
    },
    note: `复查：${reason}`,
  };
}

export function close(at: string, note: string): CasePatch {
  return { patch: { status: 'closed', closed_at: at, close_note: note, ...DUE_STOPPED }, note: null };
}

/** The due date an extension moves from: the current one, else the whole-case one. */
export const currentDue = (row: CaseRow): string | null => row.due_date ?? row.overall_due;

/**
 * The original due date stays as it was: on-time statistics measure against it. `requested` is the date the
 * supervisor asked for when it was a rest day and `newDue` the working day it moved to (deadlines.ts extendedDue).
 */
export function extend(row: CaseRow, newDue: string, reason: string, notice: string, requested: string = newDue): CasePatch {
  const overall = row.overall_due && row.overall_due > newDue ? row.overall_due : newDue;
  const stageDue = row.stage_due === null ? null : newDue;
  const moved = requested === newDue ? '' : `（${requested} 为休息日，顺延至 ${newDue}）`;
  return {
    patch: { stage_due: stageDue, overall_due: overall, due_date: earlier(stageDue, overall), calendar_missing_year: null },
    note: `${reason}${moved}${notice ? `（告知：${notice}）` : ''}`,
  };
}

export function suspend(row: CaseRow, material: string): CasePatch {
  return { patch: { status: 'suspended', suspended_from: row.status, ...DUE_STOPPED }, note: `待补正：${material}` };
}

/**
 * The stage clock restarts the day after the material arrives; the whole-case clock skips the pause; an
 * approved extension moves on by the pause too.
 */
export function resume(ctx: StepContext, row: CaseRow, since: string, receivedOn: string): CasePatch {
  const paused = daysBetween(since, receivedOn);
  const overallStart = row.overall_start ? addDays(row.overall_start, paused) : null;
  const due = keepApproved(ctx, row, ctx.dueColumns(row.stage_limit === null ? null : receivedOn, row.stage_limit, overallStart), paused);
  return { patch: { status: row.suspended_from ?? 'assigned', suspended_from: null, ...due }, note: `${receivedOn} 收到补正材料` };
}

export function voidCase(at: string, reason: string): CasePatch {
  return { patch: { status: 'voided', voided_at: at, void_reason: reason, ...DUE_STOPPED }, note: reason };
}

/**
 * A corrected receipt date moves the clocks that count from it (the acceptance stage while registered, the
 * whole case always, days already suspended included) and the original due date; an approved extension stays.
 */
export function receiptCorrected(ctx: StepContext, row: CaseRow, receivedDate: string): CaseUpdate {
  const registered = row.status === 'registered';
  const shift = daysBetween(row.received_at.slice(0, 10), receivedDate);
  const overallStart = row.overall_start === null ? receivedDate : addDays(row.overall_start, shift);
  const fresh = ctx.dueColumns(registered ? receivedDate : row.stage_start, registered ? ctx.rules.acceptWorkingDays : row.stage_limit, overallStart);
  return { ...keepApproved(ctx, row, fresh), original_due: ctx.dueColumns(null, null, receivedDate).overall_due };
}

/** The clock recomputed from the row's own start dates (after a calendar change), keeping any extension. */
export function recalculated(ctx: StepContext, row: CaseRow): DueColumns {
  return keepApproved(ctx, row, ctx.dueColumns(row.stage_start, row.stage_limit, row.overall_start));
}

/** A past round's dates from its snapshot (reopen above): what on-time statistics per round measure. */
export function roundDates(snapshot: Record<string, unknown>): { originalDue: string | null; finalDue: string | null; repliedOn: string | null } {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return { originalDue: text(snapshot.original_due), finalDue: text(snapshot.overall_due), repliedOn: text(snapshot.replied_on) };
}
