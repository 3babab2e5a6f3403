import type { CaseRow, CaseUpdate } from '../../db/types';
import { addDays, addWorkingDays, type Calendar } from '../core/domain/calendar';
import type { DeadlineRules } from '../core/domain/deadlines';
import type { Severity } from '../core/domain/vocab';
import { dueColumns, type DueColumns } from '../core/services/cases/due-columns';
import { complainantNames, registrationColumns } from '../core/services/cases/registration';
import * as steps from '../core/services/cases/steps';
import { diff } from '../core/services/history';
import type { DueCalculator, Finding, CasePatch, StepContext } from '../core/services/cases/steps';

/**
 * Replays the case services' workflow steps on an in-memory row, without a database: the very patches
 * and history notes of services/cases/steps.ts, the same due columns, the same history before/after
 * objects. The bulk writer then stores the final row, its side rows and one history row per step.
 */
export interface SimActor { id: number; displayName: string }
export interface SimEvent {
  action: string;
  actor: SimActor;
  at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
  /**
   * the registration's row as inserted (a shallow copy: later steps change the sim's own row), written out
   * by the writer with the services' caseSnapshotJson, once it has its number, just before it hashes the entry
   */
  registered?: CaseRow;
}

export interface SimComplainant { name: string; gender: 'male' | 'female' | null; phone: string; idNumber: string; address: string; employer: string }
/** What the demo's clerk enters at registration (the contract's cases/register input, as the generator composes it). */
export interface StoryRegistration {
  receivedAt: string; channel: string; caseType: string; isAnonymous: boolean; isConfidential: boolean; headCount: number;
  complainants: SimComplainant[]; respondentDepartmentId: number | null; respondentStaff: string; respondentStaffId: number | null; subject: string; account: string;
  request: string; firstReceiverId: number;
}

/** Due columns memoised per (stage start, limit, overall start): the same pure result the services compute. */
export function memoisedDueColumns(cal: Calendar, rules: DeadlineRules): DueCalculator {
  const cache = new Map<string, DueColumns>();
  return (stageStart, stageLimit, overallStart) => {
    const key = `${stageStart}|${stageLimit}|${overallStart}`;
    let c = cache.get(key);
    if (!c) cache.set(key, (c = dueColumns(cal, rules, stageStart, stageLimit, overallStart)));
    return { ...c };
  };
}

const blankRow = (): Omit<CaseRow, 'recorder_id' | 'first_receiver_id'> => ({
  id: 0, register_no: '', reg_year: 0, reg_seq: 0, received_at: '', registered_at: '', channel: '', case_type: '', is_anonymous: 0,
  is_confidential: 0, head_count: 1, respondent_department_id: null, respondent_staff: null, respondent_staff_id: null, subject: '', account: '', request: '', complainant_names: '',
  status: 'registered', round: 1, severity: null, handler_department_id: null, handler_staff_id: null, accepted_at: null,
  refuse_reason: null, referral: null, assigned_at: null, finding: null, handling_opinion: null, measures: null, staff_action: null,
  draft_reply: null, handled_on: null, review_comment: null, approved_at: null, approver_id: null, reply_method: null, replied_on: null,
  reply_summary: null, satisfaction: null, followed_up_on: null, follow_up_note: null, closed_at: null, close_note: null, voided_at: null,
  void_reason: null, suspended_from: null, stage_start: null, stage_limit: null, overall_start: null, stage_due: null, overall_due: null,
  original_due: null, due_date: null, calendar_missing_year: null, created_at: '', updated_at: '', version: 1,
});

export class CaseSim {
  row: CaseRow;
  readonly complainants: SimComplainant[];
  readonly events: SimEvent[] = [];
  readonly notes: Array<{ round: number; noted_on: string; text: string; author_id: number; created_at: string }> = [];
  readonly extensions: Array<{ round: number; old_due: string | null; new_due: string; reason: string; approver_id: number; notice: string; created_at: string }> = [];
  readonly suspensions: Array<{ round: number; suspended_on: string; material: string; resumed_on: string | null; created_by: number }> = [];
  readonly rounds: Array<{ round: number; snapshot: string; ended_at: string }> = [];

  constructor(private readonly cal: Calendar, private readonly rules: DeadlineRules, private readonly dueColumns: DueCalculator,
    input: StoryRegistration, actor: SimActor, at: string, spot: { reply: string } | null) {
    this.complainants = input.isAnonymous ? [] : input.complainants;
    // The services' registration (cases.ts register): the entered columns, then the new case's state.
    const r: CaseRow = Object.assign(blankRow(), {
      reg_year: Number(at.slice(0, 4)), registered_at: at, ...registrationColumns(input, input.firstReceiverId),
      complainant_names: complainantNames(this.complainants), recorder_id: actor.id,
      ...steps.register(this.ctx, input, at, spot ? { reply: spot.reply, repliedOn: at.slice(0, 10) } : null),
      created_at: at, updated_at: at,
    });
    this.row = r;
    // The services' registration entry: the whole row as inserted (the writer puts its number in front).
    // Kept as a copy of the row, not as its JSON text: a story waits in the generator's buffer for days of
    // intake (a weekend's cases at a million), and text built here survived into the old generation.
    this.events.push({ action: spot ? 'answeredOnSpot' : 'register', actor, at, before: null, after: null, note: null, registered: { ...r } });
  }

  get status(): string { return this.row.status; }

  private change(action: string, actor: SimActor, at: string, patch: CaseUpdate, note?: string | null): void {
    const delta = diff(this.row as unknown as Record<string, unknown>, patch as Record<string, unknown>);
    Object.assign(this.row, patch);
    this.row.updated_at = at;
    this.row.version++;
    this.events.push({ action, actor, at, before: delta?.before ?? {}, after: delta?.after ?? {}, note: note || null });
  }

  private apply(action: string, actor: SimActor, at: string, step: CasePatch): void {
    this.change(action, actor, at, step.patch, step.note);
  }

  private get ctx(): StepContext {
    return { dueColumns: this.dueColumns, rules: this.rules, cal: this.cal };
  }

  accept(actor: SimActor, at: string, note: string): void {
    this.apply('accept', actor, at, steps.accept(this.ctx, this.row, at, note));
  }

  refuse(actor: SimActor, at: string, reason: string, referral: string): void {
    this.apply('refuse', actor, at, steps.refuse(at, reason, referral));
  }

  assign(actor: SimActor, at: string, departmentId: number, staffId: number, severity: Severity, note: string): void {
    this.apply('assign', actor, at, steps.assign(this.ctx, this.row, at, { departmentId, handlerStaffId: staffId, severity, note }));
  }

  addNote(actor: SimActor, at: string, notedOn: string, text: string): void {
    this.notes.push({ round: this.row.round, noted_on: notedOn, text, author_id: actor.id, created_at: at });
    this.apply('addNote', actor, at, steps.addNote(notedOn, text));
  }

  recordFinding(actor: SimActor, at: string, f: Finding): void {
    this.apply('recordFinding', actor, at, steps.recordFinding(this.ctx, this.row, f));
  }

  review(actor: SimActor, at: string, decision: 'approve' | 'return', comment: string): void {
    this.apply('review', actor, at, decision === 'approve' ? steps.approve(this.ctx, this.row, at, actor.id, comment) : steps.sendBack(comment));
  }

  reply(actor: SimActor, at: string, method: string, repliedOn: string, summary: string): void {
    this.apply('reply', actor, at, steps.reply(method, repliedOn, summary));
  }

  followUp(actor: SimActor, at: string, satisfaction: string, followedUpOn: string, note: string): void {
    this.apply('followUp', actor, at, steps.followUp(at, satisfaction, followedUpOn, note));
  }

  reopen(actor: SimActor, at: string, reason: string): void {
    const step = steps.reopen(this.ctx, this.row, at, reason);
    this.rounds.push({ round: this.row.round, snapshot: step.snapshot, ended_at: at });
    this.apply('reopen', actor, at, step);
  }

  close(actor: SimActor, at: string, note: string): void {
    this.apply('close', actor, at, steps.close(at, note));
  }

  /** Extends by `workingDays` past the later of the current due date and today, as a supervisor would pick. */
  extend(actor: SimActor, at: string, workingDays: number, reason: string, notice: string): void {
    const r = this.row;
    const today = at.slice(0, 10);
    const current = steps.currentDue(r);
    const base = current && current > today ? current : today;
    let newDue: string;
    try {
      newDue = addWorkingDays(this.cal, base, workingDays);
    } catch {
      newDue = addDays(base, workingDays + 4); // next year's calendar not published: a plain later date
    }
    this.extensions.push({ round: r.round, old_due: current, new_due: newDue, reason, approver_id: actor.id, notice, created_at: at });
    this.apply('extend', actor, at, steps.extend(r, newDue, reason, notice));
  }

  suspend(actor: SimActor, at: string, suspendedOn: string, material: string): void {
    this.suspensions.push({ round: this.row.round, suspended_on: suspendedOn, material, resumed_on: null, created_by: actor.id });
    this.apply('suspend', actor, at, steps.suspend(this.row, material));
  }

  resume(actor: SimActor, at: string, receivedOn: string): void {
    const open = this.suspensions.at(-1);
    const since = open?.suspended_on ?? this.row.updated_at.slice(0, 10);
    if (open) open.resumed_on = receivedOn;
    this.apply('resume', actor, at, steps.resume(this.ctx, this.row, since, receivedOn));
  }

  void(actor: SimActor, at: string, reason: string): void {
    this.apply('void', actor, at, steps.voidCase(at, reason));
  }
}
