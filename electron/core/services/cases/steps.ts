import type { CaseRow, CaseUpdate } from '../../../../db/types';
import { addDays } from '../../domain/calendar';
import { daysBetween, earlier, type Deadlines } from '../../domain/deadlines';
import type { Severity } from '../../domain/vocab';
import { statusAfterFinding, statusAfterFollowUp } from '../../domain/workflow';
import { keepExtension, STOPPED, type ClockColumns } from './clock';

/**
 * What each workflow step writes on a case: its patch of the case row and the note its history entry
 * carries. The one source for the case services (cases.ts, which check, validate and store) and the demo
 * loader (demo/simulate.ts, which replays whole stories in memory). Pure: the row as it stands, the
 * step's input and its moment `at` (date-time; its date is the step's day).
 */
export interface Step {
  patch: CaseUpdate;
  note: string | null;
}

/** The clock columns for (stage start, stage limit, whole-case start) under the office's calendar and rules. */
export type Clock = (stageStart: string | null, stageLimit: number | null, overallStart: string | null) => ClockColumns;

export interface StepContext {
  clock: Clock;
  rules: Deadlines;
}

const day = (at: string) => at.slice(0, 10);

/** A new stage's clock; the whole-case clock keeps running from its start, and keeps any extension. */
function stage(ctx: StepContext, row: CaseRow, start: string | null, limit: number | null): ClockColumns {
  return keepExtension(ctx.clock(start, limit, row.overall_start), row.overall_due);
}

export function accept(ctx: StepContext, row: CaseRow, at: string, note: string | null): Step {
  return { patch: { status: 'accepted', accepted_at: at, ...stage(ctx, row, null, null) }, note };
}

export function refuse(at: string, reason: string, referral: string): Step {
  return { patch: { status: 'refused', refuse_reason: reason, referral, closed_at: at, ...STOPPED }, note: null };
}

export function assign(ctx: StepContext, row: CaseRow, at: string, input: { departmentId: number; handlerStaffId: number; severity: Severity; note: string | null }): Step {
  const { severity } = input;
  return {
    patch: {
      status: 'assigned', handler_department_id: input.departmentId, handler_staff_id: input.handlerStaffId, severity, assigned_at: at,
      ...stage(ctx, row, day(at), ctx.rules.handleWorkingDays[severity]),
    },
    note: [input.note, severity === 'major' ? '重大事项：须立即报告负责人' : ''].filter(Boolean).join('；'),
  };
}

export function addNote(notedOn: string, text: string): Step {
  return { patch: {}, note: `${notedOn}：${text}` };
}

export interface Finding { finding: string; handlingOpinion: string; measures: string; staffAction: string; draftReply: string; handledOn: string }

export function recordFinding(ctx: StepContext, row: CaseRow, f: Finding): Step {
  const status = statusAfterFinding(row.severity);
  // Simple cases go straight to reply: its 3-working-day clock starts from the day handling finished.
  const clock = status === 'approved' ? stage(ctx, row, f.handledOn, ctx.rules.replyWorkingDays) : {};
  return {
    patch: {
      status, finding: f.finding, handling_opinion: f.handlingOpinion, measures: f.measures || null, staff_action: f.staffAction || null,
      draft_reply: f.draftReply || null, handled_on: f.handledOn, ...clock,
    },
    note: null,
  };
}

export function approve(ctx: StepContext, row: CaseRow, at: string, approverId: number, comment: string): Step {
  return {
    patch: { status: 'approved', approved_at: at, approver_id: approverId, review_comment: comment || null, ...stage(ctx, row, day(at), ctx.rules.replyWorkingDays) },
    note: comment || '审核通过',
  };
}

/** Sent back: the handling clock keeps running from the original assignment. */
export function sendBack(comment: string): Step {
  return { patch: { status: 'assigned', review_comment: comment }, note: `退回：${comment}` };
}

export function reply(method: string, repliedOn: string, summary: string): Step {
  return {
    patch: { status: 'replied', reply_method: method, replied_on: repliedOn, reply_summary: summary, stage_due: null, stage_start: null, stage_limit: null, ...STOPPED },
    note: null,
  };
}

export function followUp(at: string, satisfaction: string, followedUpOn: string, note: string): Step {
  const status = statusAfterFollowUp(satisfaction);
  return {
    patch: { status, satisfaction, followed_up_on: followedUpOn, follow_up_note: note || null, ...(status === 'closed' ? { closed_at: at } : {}) },
    note: null,
  };
}

/** 复查: the first round's results are kept in a snapshot; the case goes back to its handler with a new clock. */
export function reopen(ctx: StepContext, row: CaseRow, at: string, reason: string): Step & { snapshot: string } {
  const snapshot = {
    finding: row.finding, handling_opinion: row.handling_opinion, measures: row.measures, staff_action: row.staff_action,
    handled_on: row.handled_on, reply_method: row.reply_method, replied_on: row.replied_on, reply_summary: row.reply_summary,
    satisfaction: row.satisfaction, followed_up_on: row.followed_up_on, follow_up_note: row.follow_up_note,
    original_due: row.original_due, overall_due: row.overall_due,
  };
  const clock = ctx.clock(day(at), ctx.rules.handleWorkingDays[(row.severity ?? 'simple') as Severity], day(at));
  return {
    snapshot: JSON.stringify(snapshot),
    patch: {
      status: 'assigned', round: row.round + 1, assigned_at: at,
      finding: null, handling_opinion: null, measures: null, staff_action: null, draft_reply: null, handled_on: null,
      review_comment: null, approved_at: null, approver_id: null, reply_method: null, replied_on: null, reply_summary: null,
      satisfaction: null, followed_up_on: null, follow_up_note: null,
      ...clock, original_due: clock.overall_due,
    },
    note: `复查：${reason}`,
  };
}

export function close(at: string, note: string): Step {
  return { patch: { status: 'closed', closed_at: at, close_note: note, ...STOPPED }, note: null };
}

/** The due date an extension moves from: the current one, else the whole-case one. */
export const currentDue = (row: CaseRow): string | null => row.due_date ?? row.overall_due;

/** The original due date stays as it was: on-time statistics measure against it. */
export function extend(row: CaseRow, newDue: string, reason: string, notice: string): Step {
  const overall = row.overall_due && row.overall_due > newDue ? row.overall_due : newDue;
  const stageDue = row.stage_due === null ? null : newDue;
  return {
    patch: { stage_due: stageDue, overall_due: overall, due_date: earlier(stageDue, overall), calendar_missing_year: null },
    note: `${reason}${notice ? `（告知：${notice}）` : ''}`,
  };
}

export function suspend(row: CaseRow, material: string): Step {
  return { patch: { status: 'suspended', suspended_from: row.status, ...STOPPED }, note: `待补正：${material}` };
}

/** The stage clock restarts the day after the material arrives; the whole-case clock skips the pause. */
export function resume(ctx: StepContext, row: CaseRow, since: string, receivedOn: string): Step {
  const overallStart = row.overall_start ? addDays(row.overall_start, daysBetween(since, receivedOn)) : null;
  const clock = ctx.clock(row.stage_limit === null ? null : receivedOn, row.stage_limit, overallStart);
  return { patch: { status: row.suspended_from ?? 'assigned', suspended_from: null, ...clock }, note: `${receivedOn} 收到补正材料` };
}

export function voidCase(at: string, reason: string): Step {
  return { patch: { status: 'voided', voided_at: at, void_reason: reason, ...STOPPED }, note: reason };
}
