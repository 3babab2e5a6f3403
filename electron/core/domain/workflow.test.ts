import { describe, expect, it } from 'vitest';
import type { CaseStatus } from './vocab';
import { allowedActions, whyNot, type ActorForRules, type CaseAction, type CaseForRules } from './workflow';

const clerk: ActorForRules = { id: 7, role: 'clerk', staffId: 30 };
const otherClerk: ActorForRules = { id: 8, role: 'clerk', staffId: 31 };
const unlinkedClerk: ActorForRules = { id: 9, role: 'clerk', staffId: null };
const supervisor: ActorForRules = { id: 2, role: 'supervisor', staffId: null };
const auditor: ActorForRules = { id: 3, role: 'auditor', staffId: null };
const assigned = (over: Partial<CaseForRules> = {}): CaseForRules => ({ status: 'assigned', recorderId: 7, handlerStaffId: 30, isOverdue: false, ...over });

describe('whyNot: the refusal carries its code, whatever its wording', () => {
  it.each<[string, CaseAction, CaseForRules, ActorForRules, 'FORBIDDEN' | 'INVALID_TRANSITION' | null]>([
    ['a role that may never', 'accept', { status: 'registered', recorderId: 7 }, clerk, 'FORBIDDEN'],
    ['an auditor changing anything', 'addNote', assigned(), auditor, 'FORBIDDEN'],
    ['a status it cannot be taken from', 'accept', { status: 'closed', recorderId: 7 }, supervisor, 'INVALID_TRANSITION'],
    ['a clerk voiding a case of someone else', 'void', { status: 'registered', recorderId: 99 }, clerk, 'FORBIDDEN'],
    ['a clerk voiding an accepted case', 'void', { status: 'accepted', recorderId: 7 }, clerk, 'FORBIDDEN'],
    ['a clerk voiding their own fresh entry', 'void', { status: 'registered', recorderId: 7 }, clerk, null],
    ['the handler recording the finding', 'recordFinding', assigned(), clerk, null],
    ['another clerk recording the finding', 'recordFinding', assigned(), otherClerk, 'FORBIDDEN'],
    ['a clerk who is nobody\'s handler', 'recordFinding', assigned(), unlinkedClerk, 'FORBIDDEN'],
    ['a clerk on a case not described with its handler', 'recordFinding', { status: 'assigned', recorderId: 7 }, clerk, 'FORBIDDEN'],
    ['a supervisor recording the finding', 'recordFinding', assigned(), supervisor, null],
    ['the handler adding a note', 'addNote', assigned(), clerk, null],
    ['another clerk adding a note', 'addNote', assigned({ status: 'pending_review' }), otherClerk, 'FORBIDDEN'],
    ['a clerk suspending a case on time', 'suspend', assigned(), otherClerk, null],
    ['a clerk suspending an overdue case', 'suspend', assigned({ isOverdue: true }), clerk, 'FORBIDDEN'],
    ['a supervisor suspending an overdue case', 'suspend', assigned({ isOverdue: true }), supervisor, null],
    ['the wrong status before the overdue rule', 'suspend', assigned({ status: 'closed', isOverdue: true }), clerk, 'INVALID_TRANSITION'],
  ])('%s', (_what, action, c, actor, code) => {
    const r = whyNot(action, c, actor);
    expect(r?.code ?? null).toBe(code);
    if (r) expect(r.reason).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the supervisor when an overdue case is to be suspended', () => {
    expect(whyNot('suspend', assigned({ isOverdue: true }), clerk)?.reason).toContain('主管');
  });
});

describe('allowedActions offers only what whyNot allows', () => {
  it.each<[CaseStatus, ActorForRules, CaseForRules, CaseAction[]]>([
    ['assigned', clerk, assigned(), ['addNote', 'recordFinding', 'suspend']],
    ['assigned', otherClerk, assigned(), ['suspend']],
    ['assigned', otherClerk, assigned({ isOverdue: true }), []],
    ['assigned', supervisor, assigned({ isOverdue: true }), ['assign', 'addNote', 'recordFinding', 'extend', 'suspend', 'void']],
  ])('%s for user %o', (_s, actor, c, expected) => {
    expect(allowedActions(c, actor).filter((a) => a !== 'void' || actor.role === 'supervisor')).toEqual(expected);
  });
});
