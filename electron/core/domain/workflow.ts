import type { CaseStatus, Role } from './vocab';

/**
 * The case's state machine: which action may be taken from which status, and by whom. Services assert
 * it before writing; the UI shows only the actions `allowedActions` returns.
 */
export const CASE_ACTIONS = [
  'update', 'accept', 'refuse', 'assign', 'addNote', 'recordFinding', 'review', 'reply', 'followUp',
  'reopen', 'close', 'extend', 'suspend', 'resume', 'void',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

interface ActionRule {
  label: string;
  from: readonly CaseStatus[];
  roles: readonly Role[];
}

const WORKING: readonly CaseStatus[] = ['registered', 'accepted', 'assigned', 'pending_review', 'approved'];

export const ACTION_RULES: Record<CaseAction, ActionRule> = {
  update: { label: '修改登记信息', from: ['registered', 'accepted'], roles: ['clerk', 'supervisor'] },
  accept: { label: '受理', from: ['registered'], roles: ['supervisor'] },
  refuse: { label: '不予受理', from: ['registered'], roles: ['supervisor'] },
  assign: { label: '分办', from: ['accepted', 'assigned'], roles: ['supervisor'] },
  addNote: { label: '调查记录', from: ['assigned', 'pending_review', 'suspended'], roles: ['clerk', 'supervisor'] },
  recordFinding: { label: '办理结果', from: ['assigned'], roles: ['clerk', 'supervisor'] },
  review: { label: '审核', from: ['pending_review'], roles: ['supervisor'] },
  reply: { label: '答复', from: ['approved'], roles: ['clerk', 'supervisor'] },
  followUp: { label: '回访', from: ['replied'], roles: ['clerk', 'supervisor'] },
  reopen: { label: '复查', from: ['unsatisfied'], roles: ['supervisor'] },
  close: { label: '办结', from: ['replied', 'unsatisfied'], roles: ['supervisor'] },
  extend: { label: '延期', from: WORKING, roles: ['supervisor'] },
  suspend: { label: '中止(待补正材料)', from: ['accepted', 'assigned'], roles: ['clerk', 'supervisor'] },
  resume: { label: '收到补正材料', from: ['suspended'], roles: ['clerk', 'supervisor'] },
  void: {
    label: '作废',
    from: ['registered', 'accepted', 'assigned', 'suspended', 'pending_review', 'approved', 'replied', 'unsatisfied', 'closed', 'refused'],
    roles: ['clerk', 'supervisor'],
  },
};

export interface CaseForRules {
  status: CaseStatus;
  recorderId: number;
  /** the staff member the case is assigned to (分办); left out or null before assignment */
  handlerStaffId?: number | null;
  /** the case is past its due date today */
  isOverdue?: boolean;
}
export interface ActorForRules {
  id: number;
  role: Role;
  /** the staff member this user is (users.staff_id): how a clerk is recognised as a case's handler */
  staffId?: number | null;
}

/**
 * Why an action is refused, with the error code it is refused with: FORBIDDEN when it is not this user's to
 * take, INVALID_TRANSITION when nobody may take it from the case's status. The code travels with the
 * reason so a reworded message never changes the answer.
 */
export interface Refusal {
  code: 'FORBIDDEN' | 'INVALID_TRANSITION';
  reason: string;
}

/** Investigating and recording the finding are the handler's work: a clerk may do them only as the assigned handler. */
const HANDLER_ACTIONS: ReadonlySet<CaseAction> = new Set(['addNote', 'recordFinding']);

/** null when allowed; otherwise the code and the reason in Chinese. */
export function whyNot(action: CaseAction, c: CaseForRules, actor: ActorForRules): Refusal | null {
  const rule = ACTION_RULES[action];
  if (!rule.roles.includes(actor.role)) return { code: 'FORBIDDEN', reason: `当前角色无权执行「${rule.label}」` };
  if (!rule.from.includes(c.status)) return { code: 'INVALID_TRANSITION', reason: `案件当前状态不能执行「${rule.label}」` };
  if (actor.role !== 'clerk') return null;
  // A clerk may void only a mistaken entry of their own that nobody has acted on yet.
  if (action === 'void' && (c.status !== 'registered' || c.recorderId !== actor.id)) {
    return { code: 'FORBIDDEN', reason: '登记员只能作废本人登记且尚未受理的案件' };
  }
  if (HANDLER_ACTIONS.has(action) && (actor.staffId == null || actor.staffId !== c.handlerStaffId)) {
    return { code: 'FORBIDDEN', reason: `只有本案承办人或主管可以执行「${rule.label}」` };
  }
  // Stopping the clock of a case that is already late would hide the delay: that is the supervisor's call.
  if (action === 'suspend' && c.isOverdue) {
    return { code: 'FORBIDDEN', reason: '案件已超期，中止须由主管决定' };
  }
  return null;
}

export function allowedActions(c: CaseForRules, actor: ActorForRules): CaseAction[] {
  return CASE_ACTIONS.filter((a) => whyNot(a, c, actor) === null);
}

/** Complex and major cases need the supervisor's approval of the finding before the reply. */
export function statusAfterFinding(severity: string | null): CaseStatus {
  return severity === 'complex' || severity === 'major' ? 'pending_review' : 'approved';
}

export function statusAfterFollowUp(satisfaction: string): CaseStatus {
  return satisfaction === 'unsatisfied' ? 'unsatisfied' : 'closed';
}
