import type { Kysely } from 'kysely';
import { nameRows } from '../../../../db/queries/case-directory';
import type { CaseRow, ComplainantRow, Database, HistoryRow } from '../../../../db/types';
import { dueStateOf, type DueThresholds } from '../../domain/deadlines';
import { COMPLAINANT_FIELD_LABELS, caseColumnLabel } from '../../domain/field-labels';
import { identityScrubber, maskIdNumber, maskName, maskPhone, maskText, type IdentityPerson } from '../../domain/masking';
import { mayChangeFirstReceiver } from '../../domain/permissions';
import {
  FINDING_LABELS, GENDER_LABELS, REPLY_METHOD_LABELS, SATISFACTION_LABELS, SEVERITY_LABELS, STATUS_LABELS, type CaseStatus,
  type Finding, type Gender, type ReplyMethod, type Satisfaction, type Severity,
} from '../../domain/vocab';
import { ACTION_RULES, allowedActions, type CaseAction } from '../../domain/workflow';
import type { CaseDetail, CaseSummary, ComplainantView, HistoryEntry } from '../../types';
import type { Actor } from '../../session';
import { caseForRules } from './case-rules';
import { masksIdentityFor, mayEditIdentityOf, mayRevealIdentityOf } from './identity-rules';
import { appliedDue } from './due-columns';
import { roundDates } from './steps';

/**
 * The columns the timeline shows from a history row's before/after, labelled from the one table of
 * field labels (core/domain/field-labels.ts) that also names the fields in the contract's messages and the UI.
 */
const TIMELINE_COLUMNS = [
  'status', 'received_at', 'channel', 'case_type', 'is_anonymous', 'is_confidential', 'head_count', 'respondent_department_id',
  'respondent_staff', 'subject', 'account', 'request', 'first_receiver_id', 'severity', 'handler_department_id', 'handler_staff_id',
  'refuse_reason', 'referral', 'finding', 'handling_opinion', 'measures', 'staff_action', 'draft_reply', 'handled_on',
  'review_comment', 'reply_method', 'replied_on', 'reply_summary', 'satisfaction', 'followed_up_on', 'follow_up_note', 'close_note',
  'void_reason', 'stage_due', 'overall_due', 'due_date', 'round', 'complainants', 'register_no', 'respondent_staff_id',
] as const;
const FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(TIMELINE_COLUMNS.map((c) => [c, caseColumnLabel(c) ?? c])),
  // Beside the name's own line: whether 被投诉人员 is the directory's staff member (picked) or a typed name.
  respondent_staff_id: `${caseColumnLabel('respondent_staff_id')}（人员名录）`,
};
/** Registration entries list the name alone: the directory link is a correction's line only. */
const REGISTRATION_ACTIONS: ReadonlySet<string> = new Set(['register', 'answeredOnSpot', 'baseline']);

const ACTION_LABELS: Record<string, string> = {
  register: '登记', answeredOnSpot: '登记并当场答复', identityViewed: '查看完整身份信息', calendarRecompute: '日历更新后重算期限',
  baseline: '升级：核验基线（当时的全部登记内容）',
  paperIssued: '签发文书', paperReissued: '重新签发文书', paperViewed: '查看文书（含身份信息）',
  repeatLinked: '标记为重复件', repeatUnlinked: '取消重复件标记',
  'attachment.add': '添加附件', 'attachment.void': '作废附件',
  ...Object.fromEntries(Object.entries(ACTION_RULES).map(([k, v]) => [k, v.label])),
};

const ENUM_LABELS: Record<string, Record<string, string>> = {
  status: STATUS_LABELS, severity: SEVERITY_LABELS, finding: FINDING_LABELS, reply_method: REPLY_METHOD_LABELS, satisfaction: SATISFACTION_LABELS,
};

export interface Names {
  departments: Map<number, string>;
  staff: Map<number, string>;
  users: Map<number, string>;
}

export async function loadNames(db: Kysely<Database>): Promise<Names> {
  const { departments, staff, users } = await nameRows(db);
  return {
    departments: new Map(departments.map((r) => [r.id, r.name])),
    staff: new Map(staff.map((r) => [r.id, r.name])),
    users: new Map(users.map((r) => [r.id, r.display_name])),
  };
}

function displayValue(field: string, value: unknown, names: Names): unknown {
  if (value === null || value === undefined) return null;
  if (ENUM_LABELS[field]) return ENUM_LABELS[field][String(value)] ?? value;
  if (field.endsWith('department_id')) return names.departments.get(Number(value)) ?? value;
  if (field === 'handler_staff_id' || field === 'respondent_staff_id') return names.staff.get(Number(value)) ?? value;
  if (field === 'first_receiver_id') return names.users.get(Number(value)) ?? value;
  if (field === 'is_anonymous' || field === 'is_confidential') return value ? '是' : '否';
  return value;
}

/** Complainant details in history are masked like everywhere else unless the viewer may see them. */
function maskHistoryValue(field: string, value: unknown, masked: boolean): unknown {
  if (!masked || field !== 'complainants' || !Array.isArray(value)) return value;
  return value.map((c: Record<string, string>) => maskComplainant(c as unknown as ComplainantRowLike));
}

type ComplainantRowLike = { name: string; gender: string | null; phone: string; id_number?: string; idNumber?: string; address: string; employer: string };

/** A complainant as history stores it (`id_number`, or `idNumber` in older entries), in the view's shape. */
const asView = (c: ComplainantRowLike): ComplainantView => ({
  name: c.name ?? '', gender: (c.gender as Gender | null) ?? null, phone: c.phone ?? '', idNumber: c.id_number ?? c.idNumber ?? '',
  address: c.address ?? '', employer: c.employer ?? '',
});

/** Each identity field's mask (masking.ts); the gender alone identifies no one. */
const MASKS: Record<keyof ComplainantView, (v: string) => string> = {
  name: maskName, gender: (v) => v, phone: maskPhone, idNumber: maskIdNumber, address: (v) => maskText(v), employer: (v) => maskText(v),
};

function maskComplainant(c: ComplainantRowLike): ComplainantView {
  const v = asView(c);
  return {
    name: MASKS.name(v.name),
    gender: v.gender,
    phone: MASKS.phone(v.phone),
    idNumber: MASKS.idNumber(v.idNumber),
    address: MASKS.address(v.address),
    employer: MASKS.employer(v.employer),
  };
}

/**
 * A correction of the complainants, field by field ("诉求人联系电话: 137****5678 → 137****4321"): a changed
 * phone, ID number or address is as much a change as a changed name. Masked values for a viewer who may
 * not see the identity, so the line says that it changed without saying what it is.
 */
function complainantChanges(before: unknown[], after: unknown[], masked: boolean): HistoryEntry['changes'] {
  const b = before.map((c) => asView(c as ComplainantRowLike));
  const a = after.map((c) => asView(c as ComplainantRowLike));
  const count = Math.max(b.length, a.length);
  const show = (key: keyof ComplainantView, value: string | null | undefined) => {
    if (value === null || value === undefined || value === '') return null;
    if (key === 'gender') return GENDER_LABELS[value as Gender] ?? value;
    return masked ? MASKS[key](value) : value;
  };
  const out: HistoryEntry['changes'] = [];
  for (let i = 0; i < count; i++) {
    for (const key of Object.keys(COMPLAINANT_FIELD_LABELS) as Array<keyof ComplainantView>) {
      const was = b[i]?.[key] ?? null;
      const now = a[i]?.[key] ?? null;
      if ((was ?? '') === (now ?? '')) continue;
      out.push({
        field: `complainants.${i}.${key}`,
        label: `诉求人${count > 1 ? `（${i + 1}）` : ''}${COMPLAINANT_FIELD_LABELS[key]}`,
        before: show(key, was),
        after: show(key, now),
      });
    }
  }
  return out;
}

export function complainantView(c: ComplainantRow, masked: boolean): ComplainantView {
  if (masked) return maskComplainant(c);
  return { name: c.name, gender: (c.gender as Gender | null) ?? null, phone: c.phone, idNumber: c.id_number, address: c.address, employer: c.employer };
}

/** Free text as it is: for a viewer who sees the identity. */
const asTyped = (text: string): string => text;
/** A value of the timeline with the identity typed into it masked (strings only: numbers, dates and enum labels stay). */
const scrubValue = (value: unknown, scrub: (text: string) => string): unknown => (typeof value === 'string' ? scrub(value) : value);

/**
 * Everyone whose identity may be typed into a case's text: its complainants now, and each complainant a
 * history row lists (one corrected later, whose old phone a note may still carry).
 */
export function identitiesOf(complainants: readonly ComplainantRow[], history: readonly HistoryRow[] = []): IdentityPerson[] {
  const out: IdentityPerson[] = complainants.map((c) => asView(c));
  for (const h of history) {
    for (const side of [h.before, h.after]) {
      if (!side || !side.includes('complainants')) continue;
      const list = (JSON.parse(side) as Record<string, unknown>).complainants;
      if (Array.isArray(list)) out.push(...list.map((c) => asView(c as ComplainantRowLike)));
    }
  }
  return out;
}

/**
 * What a viewer gets of the case's free text: as typed if they see the complainants, else with each
 * complainant's identity typed into it masked (the same decision that masks the complainant fields).
 */
export const freeTextFor = (masked: boolean, people: readonly IdentityPerson[]): ((text: string) => string) =>
  masked ? identityScrubber(people) : asTyped;

export function historyEntry(h: HistoryRow, names: Names, masked: boolean, scrub: (text: string) => string = asTyped): HistoryEntry {
  const before = h.before ? (JSON.parse(h.before) as Record<string, unknown>) : {};
  const after = h.after ? (JSON.parse(h.after) as Record<string, unknown>) : {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((f) => FIELD_LABELS[f] && !(f === 'respondent_staff_id' && REGISTRATION_ACTIONS.has(h.action)));
  // A correction lists both sides of the complainants: shown field by field. A registration lists only
  // who they are (the one `complainants` line below).
  const corrected = Array.isArray(before.complainants) && Array.isArray(after.complainants);
  return {
    id: h.id,
    at: h.at,
    actorName: h.actor_name,
    action: h.action,
    actionLabel: ACTION_LABELS[h.action] ?? h.action,
    note: h.note === null ? null : scrub(h.note),
    changes: fields
      .filter((field) => (before[field] ?? null) !== null || (after[field] ?? null) !== null)
      .flatMap((field) => field === 'complainants' && corrected
        ? complainantChanges(before.complainants as unknown[], after.complainants as unknown[], masked)
        : [{
            field,
            label: FIELD_LABELS[field],
            before: scrubValue(maskHistoryValue(field, displayValue(field, before[field], names), masked), scrub),
            after: scrubValue(maskHistoryValue(field, displayValue(field, after[field], names), masked), scrub),
          }]),
  };
}

export interface SummaryRow {
  id: number;
  register_no: string;
  received_at: string;
  channel: string;
  case_type: string;
  subject: string;
  is_anonymous: number;
  is_confidential: number;
  head_count: number;
  status: string;
  severity: string | null;
  due_date: string | null;
  calendar_missing_year: number | null;
  round: number;
  recorder_id: number;
  first_receiver_id: number;
  respondent_department_id: number | null;
  handler_department_id: number | null;
  handler_staff_id: number | null;
}

export function summaryView(
  r: SummaryRow, first: { name: string; phone: string } | undefined, names: Names, actor: Actor, t: DueThresholds,
  /** The case's complainants, for a viewer who sees them masked: the identity typed into the subject is masked too. */
  people: readonly IdentityPerson[] = [],
): CaseSummary {
  const masked = masksIdentityFor(actor, r);
  const name = r.is_anonymous ? '（匿名）' : first?.name ?? '';
  return {
    id: r.id,
    registerNo: r.register_no,
    receivedAt: r.received_at,
    channel: r.channel,
    caseType: r.case_type,
    subject: freeTextFor(masked, people)(r.subject),
    complainant: masked && !r.is_anonymous ? maskName(name) : name,
    complainantPhone: masked ? maskPhone(first?.phone ?? '') : first?.phone ?? '',
    isAnonymous: r.is_anonymous === 1,
    isConfidential: r.is_confidential === 1,
    headCount: r.head_count,
    status: r.status as CaseStatus,
    severity: r.severity as Severity | null,
    respondentDepartment: r.respondent_department_id === null ? null : names.departments.get(r.respondent_department_id) ?? null,
    handlerDepartment: r.handler_department_id === null ? null : names.departments.get(r.handler_department_id) ?? null,
    handlerStaff: r.handler_staff_id === null ? null : names.staff.get(r.handler_staff_id) ?? null,
    dueDate: r.due_date,
    dueState: dueStateOf(r.due_date, t),
    calendarMissingYear: r.calendar_missing_year,
    round: r.round,
  };
}

export interface DetailParts {
  row: CaseRow;
  complainants: ComplainantRow[];
  notes: Array<{ id: number; round: number; noted_on: string; text: string; author_id: number; created_at: string }>;
  extensions: Array<{ id: number; round: number; old_due: string | null; new_due: string; reason: string; approver_id: number; notice: string; created_at: string }>;
  suspensions: Array<{ id: number; round: number; suspended_on: string; material: string; resumed_on: string | null }>;
  rounds: Array<{ round: number; snapshot: string; ended_at: string }>;
  history: HistoryRow[];
}

export function detailView(p: DetailParts, names: Names, actor: Actor, t: DueThresholds): CaseDetail {
  const r = p.row;
  const masked = masksIdentityFor(actor, r);
  const people = masked ? identitiesOf(p.complainants, p.history) : [];
  const text = freeTextFor(masked, people);
  const orNull = (v: string | null) => (v === null ? null : text(v));
  const summary = summaryView(r, p.complainants[0], names, actor, t, people);
  const user = (id: number | null) => (id === null ? '' : names.users.get(id) ?? '');
  return {
    ...summary,
    version: r.version,
    registeredAt: r.registered_at,
    respondentDepartmentId: r.respondent_department_id,
    respondentStaff: orNull(r.respondent_staff),
    respondentStaffId: r.respondent_staff_id,
    account: text(r.account),
    request: text(r.request),
    complainants: p.complainants.map((c) => complainantView(c, masked)),
    identityMasked: masked && p.complainants.length > 0,
    // What this user may do about the identity, decided here so the UI offers only what the core allows.
    mayRevealIdentity: masked && p.complainants.length > 0 && mayRevealIdentityOf(actor, r),
    mayEditIdentity: mayEditIdentityOf(actor, r),
    mayChangeResponsibility: mayChangeFirstReceiver(actor),
    recorder: user(r.recorder_id),
    firstReceiver: user(r.first_receiver_id),
    firstReceiverId: r.first_receiver_id,
    handlerDepartmentId: r.handler_department_id,
    handlerStaffId: r.handler_staff_id,
    acceptedAt: r.accepted_at,
    refuseReason: orNull(r.refuse_reason),
    referral: orNull(r.referral),
    assignedAt: r.assigned_at,
    finding: r.finding as Finding | null,
    handlingOpinion: orNull(r.handling_opinion),
    measures: orNull(r.measures),
    staffAction: orNull(r.staff_action),
    draftReply: orNull(r.draft_reply),
    handledOn: r.handled_on,
    reviewComment: orNull(r.review_comment),
    approvedAt: r.approved_at,
    replyMethod: r.reply_method as ReplyMethod | null,
    repliedOn: r.replied_on,
    replySummary: orNull(r.reply_summary),
    satisfaction: r.satisfaction as Satisfaction | null,
    followedUpOn: r.followed_up_on,
    followUpNote: orNull(r.follow_up_note),
    closedAt: r.closed_at,
    closeNote: orNull(r.close_note),
    voidedAt: r.voided_at,
    voidReason: orNull(r.void_reason),
    stageDue: r.stage_due,
    overallDue: r.overall_due,
    originalDue: r.original_due,
    currentDue: appliedDue(r),
    notes: p.notes.map((n) => ({ id: n.id, round: n.round, notedOn: n.noted_on, text: text(n.text), author: user(n.author_id), createdAt: n.created_at })),
    extensions: p.extensions.map((e) => ({ id: e.id, round: e.round, oldDue: e.old_due, newDue: e.new_due, reason: text(e.reason), approver: user(e.approver_id), notice: text(e.notice), createdAt: e.created_at })),
    suspensions: p.suspensions.map((s) => ({ id: s.id, round: s.round, suspendedOn: s.suspended_on, material: text(s.material), resumedOn: s.resumed_on })),
    rounds: p.rounds.map((x) => {
      const snap = JSON.parse(x.snapshot) as Record<string, string | null>;
      return { round: x.round, endedAt: x.ended_at, finding: snap.finding as Finding | null, replySummary: orNull(snap.reply_summary ?? null), satisfaction: snap.satisfaction as Satisfaction | null, ...roundDates(snap) };
    }),
    timeline: p.history.map((h) => historyEntry(h, names, masked, text)),
    allowedActions: allowedActions(caseForRules(r, t.today), actor) as CaseAction[],
  };
}
