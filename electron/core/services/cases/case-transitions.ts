import { casesAwaitingCalendar, updateCase } from '../../../../db/queries/cases';
import { staffPlacement } from '../../../../db/queries/case-directory';
import { insertExtension } from '../../../../db/queries/case-extensions';
import { lastActionAt } from '../../../../db/queries/case-history';
import { insertNote } from '../../../../db/queries/case-notes';
import { insertRound } from '../../../../db/queries/case-rounds';
import { insertSuspension, markResumed, openSuspensionOf } from '../../../../db/queries/case-suspensions';
import type { CaseUpdate } from '../../../../db/types';
import type { ParsedInput } from '../../contract';
import type { Calendar } from '../../domain/calendar';
import { extendedDue, latestExtension } from '../../domain/deadlines';
import { WRITTEN_CHANNELS, WRITTEN_REPLY_METHODS, type Severity } from '../../domain/vocab';
import { AppError } from '../../errors';
import type { Actor } from '../../session';
import type { Trx } from '../deps';
import { appendHistory, diff } from '../history';
import type { SettingsService } from '../settings';
import type { CaseChange } from './case-change';
import * as steps from './steps';

/**
 * The workflow's transitions, accept to void: each checks what depends on the case or the dates typed, then
 * writes its step (steps.ts) and any side row (note, round, extension, suspension) in the transition's
 * transaction. And the recomputation of due dates that waited for a calendar year.
 */
export function createCaseTransitions(settings: SettingsService, kit: CaseChange) {
  const { today, nowText, checkDate, onCalendar, apply, transition } = kit;

  return {
    accept: (actor: Actor, input: ParsedInput<'cases/accept'>) =>
      transition(actor, 'accept', input, async (trx, row, ctx) => {
        await apply(trx, row, actor, 'accept', steps.accept(ctx, row, nowText(), input.note ?? null));
      }),

    refuse: (actor: Actor, input: ParsedInput<'cases/refuse'>) =>
      transition(actor, 'refuse', input, async (trx, row) => {
        await apply(trx, row, actor, 'refuse', steps.refuse(nowText(), input.reason, input.referral));
      }),

    assign: (actor: Actor, input: ParsedInput<'cases/assign'>) =>
      transition(actor, 'assign', input, async (trx, row, ctx) => {
        await settings.assertDepartment(trx, input.departmentId, 'departmentId');
        const staff = await staffPlacement(trx, input.handlerStaffId);
        if (!staff || staff.active !== 1) throw new AppError('VALIDATION', '「承办人」不存在或已停用', 'handlerStaffId');
        if (staff.department_id !== input.departmentId) throw new AppError('VALIDATION', '「承办人」不属于所选承办部门', 'handlerStaffId');
        await apply(trx, row, actor, 'assign', steps.assign(ctx, row, nowText(), {
          departmentId: input.departmentId, handlerStaffId: input.handlerStaffId, severity: input.severity as Severity, note: input.note ?? null,
        }));
      }),

    addNote: (actor: Actor, input: ParsedInput<'cases/addNote'>) =>
      transition(actor, 'addNote', input, async (trx, row) => {
        checkDate(input.notedOn, 'notedOn', '调查日期', { date: row.received_at, label: '收到日期' });
        await insertNote(trx, { case_id: row.id, round: row.round, noted_on: input.notedOn, text: input.text, author_id: actor.id, created_at: nowText() });
        await apply(trx, row, actor, 'addNote', steps.addNote(input.notedOn, input.text));
      }),

    recordFinding: (actor: Actor, input: ParsedInput<'cases/recordFinding'>) =>
      transition(actor, 'recordFinding', input, async (trx, row, ctx) => {
        checkDate(input.handledOn, 'handledOn', '办理完成日期', { date: row.assigned_at ?? row.received_at, label: '分办日期' });
        await apply(trx, row, actor, 'recordFinding', steps.recordFinding(ctx, row, {
          finding: input.finding, handlingOpinion: input.handlingOpinion, measures: input.measures ?? '', staffAction: input.staffAction ?? '',
          draftReply: input.draftReply ?? '', handledOn: input.handledOn,
        }));
      }),

    review: (actor: Actor, input: ParsedInput<'cases/review'>) =>
      transition(actor, 'review', input, async (trx, row, ctx) => {
        const step = input.decision === 'approve' ? steps.approve(ctx, row, nowText(), actor.id, input.comment ?? '') : steps.sendBack(input.comment ?? '');
        await apply(trx, row, actor, 'review', step);
      }),

    reply: (actor: Actor, input: ParsedInput<'cases/reply'>) =>
      transition(actor, 'reply', input, async (trx, row) => {
        checkDate(input.repliedOn, 'repliedOn', '答复日期', { date: row.handled_on ?? row.received_at, label: '办理完成日期' });
        // The reply tells the complainant the result, so it cannot be dated before the result was recorded
        // (simple cases) or approved (reviewed cases): back-dating it would hide a late reply.
        const resultAt = await lastActionAt(trx, row.id, ['recordFinding', 'review']);
        if (resultAt) checkDate(input.repliedOn, 'repliedOn', '答复日期', { date: resultAt, label: row.approved_at ? '审核通过日期' : '办理结果录入日期' });
        if (WRITTEN_CHANNELS.has(row.channel) && !row.is_anonymous && !WRITTEN_REPLY_METHODS.has(input.method)) {
          throw new AppError('VALIDATION', `「答复方式」：${row.channel}来件须书面答复（信函或电子邮件）`, 'method');
        }
        await apply(trx, row, actor, 'reply', steps.reply(input.method, input.repliedOn, input.summary));
      }),

    followUp: (actor: Actor, input: ParsedInput<'cases/followUp'>) =>
      transition(actor, 'followUp', input, async (trx, row) => {
        checkDate(input.followedUpOn, 'followedUpOn', '回访日期', { date: row.replied_on ?? row.received_at, label: '答复日期' });
        await apply(trx, row, actor, 'followUp', steps.followUp(nowText(), input.satisfaction, input.followedUpOn, input.note ?? ''));
      }),

    reopen: (actor: Actor, input: ParsedInput<'cases/reopen'>) =>
      transition(actor, 'reopen', input, async (trx, row, ctx) => {
        const at = nowText();
        const step = steps.reopen(ctx, row, at, input.reason);
        await insertRound(trx, { case_id: row.id, round: row.round, snapshot: step.snapshot, ended_at: at });
        await apply(trx, row, actor, 'reopen', step);
      }),

    close: (actor: Actor, input: ParsedInput<'cases/close'>) =>
      transition(actor, 'close', input, async (trx, row) => {
        await apply(trx, row, actor, 'close', steps.close(nowText(), input.note));
      }),

    extend: (actor: Actor, input: ParsedInput<'cases/extend'>) =>
      transition(actor, 'extend', input, async (trx, row, ctx) => {
        const current = steps.currentDue(row);
        // While the due date waits for a missing calendar year there is nothing to extend: an extension
        // entered now could even be earlier than the rules' date once the year is imported.
        if (row.calendar_missing_year !== null) {
          throw new AppError('CALENDAR_MISSING', `当前期限尚未确定（缺少 ${row.calendar_missing_year} 年工作日历），请管理员先导入该年日历再延期`, 'newDue');
        }
        if (input.newDue < today()) throw new AppError('VALIDATION', '「延期后期限」不能早于今天', 'newDue');
        const latest = latestExtension(current, today());
        if (input.newDue > latest) throw new AppError('VALIDATION', `「延期后期限」不能超过当前期限一年（最晚 ${latest}）`, 'newDue');
        const newDue = onCalendar(() => extendedDue(ctx.cal, input.newDue), 'newDue');
        if (current && newDue <= current) throw new AppError('VALIDATION', `「延期后期限」须晚于当前期限（${current}）`, 'newDue');
        await insertExtension(trx, {
          case_id: row.id, round: row.round, old_due: current, new_due: newDue, reason: input.reason, approver_id: actor.id, notice: input.notice, created_at: nowText(),
        });
        await apply(trx, row, actor, 'extend', steps.extend(row, newDue, input.reason, input.notice, input.newDue));
      }),

    suspend: (actor: Actor, input: ParsedInput<'cases/suspend'>) =>
      transition(actor, 'suspend', input, async (trx, row) => {
        // Back-dating a suspension would hand a late case the days it was late: it cannot start before the
        // current stage did, nor before the last thing recorded on the case.
        const stageBegan = (row.status === 'assigned' ? row.assigned_at : row.accepted_at) ?? row.received_at;
        const lastAction = row.updated_at.slice(0, 10);
        checkDate(input.suspendedOn, 'suspendedOn', '中止日期', lastAction > stageBegan.slice(0, 10)
          ? { date: lastAction, label: '本案最近一次办理记录的日期' }
          : { date: stageBegan, label: row.status === 'assigned' ? '分办日期' : '受理日期' });
        await insertSuspension(trx, { case_id: row.id, round: row.round, suspended_on: input.suspendedOn, material: input.material, created_by: actor.id });
        await apply(trx, row, actor, 'suspend', steps.suspend(row, input.material));
      }),

    resume: (actor: Actor, input: ParsedInput<'cases/resume'>) =>
      transition(actor, 'resume', input, async (trx, row, ctx) => {
        const open = await openSuspensionOf(trx, row.id);
        const since = open?.suspended_on ?? row.updated_at.slice(0, 10);
        checkDate(input.receivedOn, 'receivedOn', '材料收到日期', { date: since, label: '中止日期' });
        if (open) await markResumed(trx, open.id, input.receivedOn);
        await apply(trx, row, actor, 'resume', steps.resume(ctx, row, since, input.receivedOn));
      }),

    void: (actor: Actor, input: ParsedInput<'cases/void'>) =>
      transition(actor, 'void', input, async (trx, row) => {
        await apply(trx, row, actor, 'void', steps.voidCase(nowText(), input.reason));
      }),

    /** After a calendar change, cases whose due date was unknown for a missing year get one. */
    async recomputeMissing(trx: Trx, cal: Calendar): Promise<void> {
      const rules = (await settings.read(trx)).deadlines;
      const rows = await casesAwaitingCalendar(trx);
      const ctx = steps.stepContext(cal, rules);
      for (const row of rows) {
        const c = steps.recalculated(ctx, row);
        // An original due date first known now is the rules' date, without any extension.
        const patch: CaseUpdate = { ...c, original_due: row.original_due ?? ctx.dueColumns(null, null, row.overall_start).overall_due };
        const delta = diff(row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
        if (!delta) continue;
        await updateCase(trx, row.id, patch);
        await appendHistory(trx, { entity: 'case', entityId: row.id, action: 'calendarRecompute', actor: null, at: nowText(), ...delta });
      }
    },
  };
}
