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
}
export interface ActorForRules {
  id: number;
  role: Role;
}

/** null when allowed; otherwise the reason in Chinese. */
export function whyNot(action: CaseAction, c: CaseForRules, actor: ActorForRules): string | null {
  const rule = ACTION_RULES[action];
  if (!rule.roles.includes(actor.role)) return `当前角色无权执行「${rule.label}」`;
  if (!rule.from.includes(c.status)) return `案件当前状态不能执行「${rule.label}」`;
  // A clerk may void only a mistaken entry of their own that nobody has acted on yet.
  if (action === 'void' && actor.role === 'clerk' && (c.status !== 'registered' || c.recorderId !== actor.id)) {
    return '登记员只能作废本人登记且尚未受理的案件';
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
