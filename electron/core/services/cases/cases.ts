import { sql } from 'kysely';
import type { CaseRow, CaseUpdate } from '../../../../db/types';
import { localDate, localDateTime } from '../../local-time';
import type { ParsedInput } from '../../contract';
import { CalendarMissingError, type Calendar } from '../../domain/calendar';
import { dueStateOf, dueThresholds, extendedDue, latestExtension } from '../../domain/deadlines';
import { formatRegisterNo } from '../../domain/numbering';
import { mayRevealIdentity } from '../../domain/permissions';
import { WRITTEN_CHANNELS, WRITTEN_REPLY_METHODS, type Severity } from '../../domain/vocab';
import { whyNot, type CaseAction } from '../../domain/workflow';
import { AppError } from '../../errors';
import type { CaseDetail, ComplainantView } from '../../types';
import type { CalendarService } from '../calendar';
import type { Actor } from '../../session';
import type { Deps, Trx } from '../deps';
import { appendHistory, caseSnapshot, diff } from '../history';
import type { SettingsService } from '../settings';
import { caseForRules } from './case-rules';
import { caseForKey, registrationFingerprint, rememberKey } from './registration-key';
import { dueColumns, DUE_STOPPED } from './due-columns';
import * as steps from './steps';
import type { DueCalculator, CasePatch, StepContext } from './steps';
import { complainantNames, correctedRegistration, registrationColumns, storedRegistration, validateRegistration, writeComplainants, type Registration } from './registration';
import { complainantView, detailView, identityHolder, loadNames } from './case-view';

/**
 * Case use-cases. Each one: check the actor and the state machine, validate what depends on the case or
 * the clock, then one short transaction that writes the change and its history row together.
 */
export function createCaseService(deps: Deps, settings: SettingsService, calendar: CalendarService) {
  const { db } = deps;
  const today = () => localDate(deps.now());
  const nowText = () => localDateTime(deps.now());

  async function load(trx: Trx, id: number): Promise<CaseRow> {
    const row = await trx.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', '案件不存在', 'id');
    return row;
  }

  function assertAllowed(action: CaseAction, row: CaseRow, actor: Actor, version?: number): void {
    const refusal = whyNot(action, caseForRules(row, today()), actor);
    if (refusal) throw new AppError(refusal.code, refusal.reason);
    if (version !== undefined && version !== row.version) {
      throw new AppError('CONFLICT', '该案件刚被他人修改，请刷新后再操作', 'version');
    }
  }

  /** A date the user typed: not in the future, not before `notBefore` (a date, or the receipt time). */
  function checkDate(value: string, field: string, label: string, notBefore?: { date: string; label: string }): void {
    if (value > today()) throw new AppError('VALIDATION', `「${label}」不能晚于今天`, field);
    if (notBefore && value < notBefore.date.slice(0, 10)) {
      throw new AppError('VALIDATION', `「${label}」不能早于${notBefore.label}（${notBefore.date.slice(0, 10)}）`, field);
    }
  }

  /** A date that needs a year the calendar lacks is not guessed: the admin imports that year first. */
  function onCalendar<T>(fn: () => T, field: string): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof CalendarMissingError) throw new AppError('CALENDAR_MISSING', err.message, field);
      throw err;
    }
  }

  /**
   * A received time can be corrected, but not past the registration (nobody registers a complaint before
   * receiving it), and moving an overdue case's receipt later, which pushes its deadlines out, is for a
   * supervisor to decide.
   */
  function checkReceiptCorrection(actor: Actor, row: CaseRow, receivedAt: string, cal: Calendar): void {
    if (receivedAt === row.received_at) return;
    if (receivedAt > row.registered_at) {
      throw new AppError('VALIDATION', `「收到时间」不能晚于登记时间（${row.registered_at.slice(0, 16)}）`, 'receivedAt');
    }
    if (receivedAt > row.received_at && actor.role !== 'supervisor' && dueStateOf(row.due_date, dueThresholds(cal, today())) === 'overdue') {
      throw new AppError('FORBIDDEN', '案件已超期，将「收到时间」改晚会推迟期限，须由主管更正', 'receivedAt');
    }
  }

  /** One workflow step (steps.ts) written: its patch and its history note. */
  const apply = (trx: Trx, row: CaseRow, actor: Actor, action: string, step: CasePatch) => change(trx, row, actor, action, step.patch, step.note);

  /** Writes the patch, bumps the version, appends the history row: all inside the caller's transaction. */
  async function change(trx: Trx, row: CaseRow, actor: Actor, action: string, patch: CaseUpdate, note?: string | null, extra?: { before: Record<string, unknown>; after: Record<string, unknown> }): Promise<void> {
    const at = nowText();
    const delta = diff(row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
    const updated = await trx
      .updateTable('cases')
      .set({ ...patch, updated_at: at, version: row.version + 1 })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该案件刚被他人修改，请刷新后再操作', 'version');
    await appendHistory(trx, {
      entity: 'case', entityId: row.id, action, actor, at,
      before: { ...(delta?.before ?? {}), ...extra?.before },
      after: { ...(delta?.after ?? {}), ...extra?.after },
      note: note || null,
    });
  }

  async function detail(id: number, actor: Actor): Promise<CaseDetail> {
    const [row, complainants, notes, extensions, suspensions, rounds, history, names, cal] = await Promise.all([
      db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst(),
      db.selectFrom('complainants').selectAll().where('case_id', '=', id).orderBy('seq').execute(),
      db.selectFrom('case_notes').selectAll().where('case_id', '=', id).orderBy('id').execute(),
      db.selectFrom('case_extensions').selectAll().where('case_id', '=', id).orderBy('id').execute(),
      db.selectFrom('case_suspensions').selectAll().where('case_id', '=', id).orderBy('id').execute(),
      db.selectFrom('case_rounds').selectAll().where('case_id', '=', id).orderBy('round').execute(),
      db.selectFrom('history').selectAll().where('entity', '=', 'case').where('entity_id', '=', id).orderBy('id').execute(),
      loadNames(db),
      calendar.load(),
    ]);
    if (!row) throw new AppError('NOT_FOUND', '案件不存在', 'id');
    return detailView({ row, complainants, notes, extensions, suspensions, rounds, history }, names, actor, dueThresholds(cal, today()));
  }

  /** Runs one case transition in a transaction, then returns the fresh detail. */
  async function transition(
    actor: Actor, action: CaseAction, ref: { id: number; version: number },
    body: (trx: Trx, row: CaseRow, ctx: StepContext) => Promise<void>,
  ): Promise<CaseDetail> {
    const [cal, s] = await Promise.all([calendar.load(), settings.get()]);
    const rules = s.deadlines;
    const due: DueCalculator = (stageStart, stageLimit, overallStart) => dueColumns(cal, rules, stageStart, stageLimit, overallStart);
    await db.transaction().execute(async (trx) => {
      const row = await load(trx, ref.id);
      assertAllowed(action, row, actor, ref.version);
      await body(trx, row, { cal, rules, dueColumns: due });
    });
    return detail(ref.id, actor);
  }

  return {
    detail,

    async register(actor: Actor, input: Registration): Promise<CaseDetail> {
      const [cal, s] = await Promise.all([calendar.load(), settings.get()]);
      const fingerprint = input.draftId === undefined ? '' : registrationFingerprint(input);
      const id = await db.transaction().execute(async (trx) => {
        // A retry of a save whose answer was lost: the case it made, not a second one.
        const prior = input.draftId === undefined ? null : await caseForKey(trx, input.draftId, actor, fingerprint);
        if (prior !== null) return prior;
        const { complainants, firstReceiverId } = await validateRegistration(deps, settings, trx, input, actor);
        const at = nowText();
        const year = Number(at.slice(0, 4));
        // Gap-free numbering: the counter moves in the same transaction as the insert, so a failed save
        // rolls the number back too and the next case gets it.
        const counter = await trx
          .insertInto('register_counters')
          .values({ year, last_seq: 1 })
          .onConflict((oc) => oc.column('year').doUpdateSet({ last_seq: sql`last_seq + 1` }))
          .returning('last_seq')
          .executeTakeFirstOrThrow();
        const registerNo = formatRegisterNo(s.numbering.prefix, year, counter.last_seq);
        const receivedDate = input.receivedAt.slice(0, 10);
        const spot = input.answeredOnSpot;
        const due = spot
          ? { ...dueColumns(cal, s.deadlines, null, null, null), ...DUE_STOPPED }
          : dueColumns(cal, s.deadlines, receivedDate, s.deadlines.acceptWorkingDays, receivedDate);
        const row = await trx
          .insertInto('cases')
          .values({
            register_no: registerNo,
            reg_year: year,
            reg_seq: counter.last_seq,
            registered_at: at,
            ...registrationColumns(input, firstReceiverId),
            complainant_names: complainantNames(complainants),
            recorder_id: actor.id,
            status: spot ? 'closed' : 'registered',
            ...due,
            original_due: due.overall_due,
            ...(spot
              ? {
                  accepted_at: at,
                  reply_method: input.channel === '电话' ? 'phone' : 'in_person',
                  replied_on: localDate(deps.now()),
                  reply_summary: spot.reply,
                  closed_at: at,
                  close_note: '当场答复',
                }
              : {}),
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await writeComplainants(trx, row.id, complainants);
        if (input.draftId !== undefined) await rememberKey(trx, input.draftId, actor, row.id, fingerprint, at);
        await appendHistory(trx, {
          entity: 'case', entityId: row.id, action: spot ? 'answeredOnSpot' : 'register', actor, at,
          // The whole row as inserted: verification replays each case's history from here to its current row.
          after: caseSnapshot(row, complainants.map((c, i) => ({ seq: i + 1, name: c.name, gender: c.gender, phone: c.phone, id_number: c.idNumber, address: c.address, employer: c.employer }))),
        });
        return row.id;
      });
      return detail(id, actor);
    },

    /** A correction of the registration: only the fields given change (registration.ts says who may change what). */
    update: (actor: Actor, given: ParsedInput<'cases/update'>) =>
      transition(actor, 'update', given, async (trx, row, { cal, rules }) => {
        const before = await trx.selectFrom('complainants').selectAll().where('case_id', '=', row.id).orderBy('seq').execute();
        const stored = storedRegistration(row, before);
        const input = correctedRegistration(actor, row, stored, given);
        const { complainants, firstReceiverId } = await validateRegistration(deps, settings, trx, input, actor, stored);
        checkReceiptCorrection(actor, row, input.receivedAt, cal);
        const patch: CaseUpdate = { ...registrationColumns(input, firstReceiverId), complainant_names: complainantNames(complainants) };
        if (input.receivedAt.slice(0, 10) !== row.received_at.slice(0, 10)) {
          // A corrected receipt date moves the clocks that count from it; an approved extension stays (steps.ts).
          Object.assign(patch, steps.receiptCorrected({ cal, rules, dueColumns: (a, b, c) => dueColumns(cal, rules, a, b, c) }, row, input.receivedAt.slice(0, 10)));
        }
        const sameComplainants = JSON.stringify(before.map((c) => [c.name, c.gender, c.phone, c.id_number, c.address, c.employer]))
          === JSON.stringify(complainants.map((c) => [c.name, c.gender, c.phone, c.idNumber, c.address, c.employer]));
        // A correction that changes nothing is not a change: no new version, no empty history entry.
        if (sameComplainants && !diff(row as unknown as Record<string, unknown>, patch as Record<string, unknown>)) return;
        if (!sameComplainants) {
          // The previous complainant rows live on in this change's history entry.
          await trx.deleteFrom('complainants').where('case_id', '=', row.id).execute();
          await writeComplainants(trx, row.id, complainants);
        }
        await change(trx, row, actor, 'update', patch, null, sameComplainants ? undefined : {
          before: { complainants: before.map(({ id: _id, case_id: _c, ...c }) => c) },
          after: { complainants: complainants.map((c, i) => ({ seq: i + 1, name: c.name, gender: c.gender, phone: c.phone, id_number: c.idNumber, address: c.address, employer: c.employer })) },
        });
      }),

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
        const staff = await trx.selectFrom('staff').select(['department_id', 'active']).where('id', '=', input.handlerStaffId).executeTakeFirst();
        if (!staff || staff.active !== 1) throw new AppError('VALIDATION', '「承办人」不存在或已停用', 'handlerStaffId');
        if (staff.department_id !== input.departmentId) throw new AppError('VALIDATION', '「承办人」不属于所选承办部门', 'handlerStaffId');
        await apply(trx, row, actor, 'assign', steps.assign(ctx, row, nowText(), {
          departmentId: input.departmentId, handlerStaffId: input.handlerStaffId, severity: input.severity as Severity, note: input.note ?? null,
        }));
      }),

    addNote: (actor: Actor, input: ParsedInput<'cases/addNote'>) =>
      transition(actor, 'addNote', input, async (trx, row) => {
        checkDate(input.notedOn, 'notedOn', '调查日期', { date: row.received_at, label: '收到日期' });
        await trx.insertInto('case_notes').values({ case_id: row.id, round: row.round, noted_on: input.notedOn, text: input.text, author_id: actor.id, created_at: nowText() }).execute();
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
        const result = await trx.selectFrom('history').select('at').where('entity', '=', 'case').where('entity_id', '=', row.id)
          .where('action', 'in', ['recordFinding', 'review']).orderBy('id', 'desc').limit(1).executeTakeFirst();
        if (result) checkDate(input.repliedOn, 'repliedOn', '答复日期', { date: result.at, label: row.approved_at ? '审核通过日期' : '办理结果录入日期' });
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
        await trx.insertInto('case_rounds').values({ case_id: row.id, round: row.round, snapshot: step.snapshot, ended_at: at }).execute();
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
        await trx.insertInto('case_extensions').values({
          case_id: row.id, round: row.round, old_due: current, new_due: newDue, reason: input.reason, approver_id: actor.id, notice: input.notice, created_at: nowText(),
        }).execute();
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
        await trx.insertInto('case_suspensions').values({ case_id: row.id, round: row.round, suspended_on: input.suspendedOn, material: input.material, created_by: actor.id }).execute();
        await apply(trx, row, actor, 'suspend', steps.suspend(row, input.material));
      }),

    resume: (actor: Actor, input: ParsedInput<'cases/resume'>) =>
      transition(actor, 'resume', input, async (trx, row, ctx) => {
        const open = await trx.selectFrom('case_suspensions').selectAll().where('case_id', '=', row.id).where('resumed_on', 'is', null).orderBy('id', 'desc').executeTakeFirst();
        const since = open?.suspended_on ?? row.updated_at.slice(0, 10);
        checkDate(input.receivedOn, 'receivedOn', '材料收到日期', { date: since, label: '中止日期' });
        if (open) await trx.updateTable('case_suspensions').set({ resumed_on: input.receivedOn }).where('id', '=', open.id).execute();
        await apply(trx, row, actor, 'resume', steps.resume(ctx, row, since, input.receivedOn));
      }),

    void: (actor: Actor, input: ParsedInput<'cases/void'>) =>
      transition(actor, 'void', input, async (trx, row) => {
        await apply(trx, row, actor, 'void', steps.voidCase(nowText(), input.reason));
      }),

    /** Full identity for a permitted viewer; who looked, when and why goes into the case history. */
    async revealIdentity(actor: Actor, input: ParsedInput<'cases/revealIdentity'>): Promise<ComplainantView[]> {
      return db.transaction().execute(async (trx) => {
        const row = await load(trx, input.id);
        if (!mayRevealIdentity(actor, identityHolder(row))) throw new AppError('FORBIDDEN', '该诉求人要求保密，您无权查看完整身份信息');
        const list = await trx.selectFrom('complainants').selectAll().where('case_id', '=', row.id).orderBy('seq').execute();
        await appendHistory(trx, { entity: 'case', entityId: row.id, action: 'identityViewed', actor, at: nowText(), note: input.purpose });
        return list.map((c) => complainantView(c, false));
      });
    },

    /** After a calendar change, cases whose due date was unknown for a missing year get one. */
    async recomputeMissing(trx: Trx, cal: Calendar): Promise<void> {
      const rules = (await settings.read(trx)).deadlines;
      const rows = await trx.selectFrom('cases').selectAll().where('calendar_missing_year', 'is not', null).execute();
      const ctx: StepContext = { cal, rules, dueColumns: (a, b, c) => dueColumns(cal, rules, a, b, c) };
      for (const row of rows) {
        const c = steps.recalculated(ctx, row);
        // An original due date first known now is the rules' date, without any extension.
        const patch: CaseUpdate = { ...c, original_due: row.original_due ?? ctx.dueColumns(null, null, row.overall_start).overall_due };
        const delta = diff(row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
        if (!delta) continue;
        await trx.updateTable('cases').set(patch).where('id', '=', row.id).execute();
        await appendHistory(trx, { entity: 'case', entityId: row.id, action: 'calendarRecompute', actor: null, at: nowText(), ...delta });
      }
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
