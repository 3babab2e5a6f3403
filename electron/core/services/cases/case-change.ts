import { caseById, updateCaseAtVersion } from '../../../../db/queries/cases';
import type { CaseRow, CaseUpdate } from '../../../../db/types';
import { CalendarMissingError } from '../../domain/calendar';
import { whyNot, type CaseAction } from '../../domain/workflow';
import { AppError } from '../../errors';
import { localDate, localDateTime } from '../../local-time';
import type { Actor } from '../../session';
import type { CaseDetail } from '../../types';
import type { CalendarService } from '../calendar';
import type { Deps, Trx } from '../deps';
import { appendHistory, diff } from '../history';
import type { SettingsService } from '../settings';
import { caseForRules } from './case-rules';
import { stepContext, type CasePatch, type StepContext } from './steps';

/**
 * What every change to a case shares (registration's corrections and the workflow's transitions): load
 * the row, check the state machine and the version, check the dates a user typed, then write the patch
 * and its history row together in one short transaction and answer with the fresh detail.
 */
export function createCaseChange(deps: Deps, settings: SettingsService, calendar: CalendarService, detail: (id: number, actor: Actor) => Promise<CaseDetail>) {
  const { db } = deps;
  const today = () => localDate(deps.now());
  const nowText = () => localDateTime(deps.now());

  async function load(trx: Trx, id: number): Promise<CaseRow> {
    const row = await caseById(trx, id);
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

  /** Writes the patch, bumps the version, appends the history row: all inside the caller's transaction. */
  async function change(trx: Trx, row: CaseRow, actor: Actor, action: string, patch: CaseUpdate, note?: string | null, extra?: { before: Record<string, unknown>; after: Record<string, unknown> }): Promise<void> {
    const at = nowText();
    const delta = diff(row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
    const written = await updateCaseAtVersion(trx, row.id, row.version, { ...patch, updated_at: at, version: row.version + 1 });
    if (!written) throw new AppError('CONFLICT', '该案件刚被他人修改，请刷新后再操作', 'version');
    await appendHistory(trx, {
      entity: 'case', entityId: row.id, action, actor, at,
      before: { ...(delta?.before ?? {}), ...extra?.before },
      after: { ...(delta?.after ?? {}), ...extra?.after },
      note: note || null,
    });
  }

  /** One workflow step (steps.ts) written: its patch and its history note. */
  const apply = (trx: Trx, row: CaseRow, actor: Actor, action: string, step: CasePatch) => change(trx, row, actor, action, step.patch, step.note);

  /** Runs one case transition in a transaction, then returns the fresh detail. */
  async function transition(
    actor: Actor, action: CaseAction, ref: { id: number; version: number },
    body: (trx: Trx, row: CaseRow, ctx: StepContext) => Promise<void>,
  ): Promise<CaseDetail> {
    const [cal, s] = await Promise.all([calendar.load(), settings.get()]);
    const ctx = stepContext(cal, s.deadlines);
    await db.transaction().execute(async (trx) => {
      const row = await load(trx, ref.id);
      assertAllowed(action, row, actor, ref.version);
      await body(trx, row, ctx);
    });
    return detail(ref.id, actor);
  }

  return { today, nowText, load, checkDate, onCalendar, change, apply, transition };
}

export type CaseChange = ReturnType<typeof createCaseChange>;
