import type { Severity } from '../core/domain/vocab';
import type { Rng } from './random';

/**
 * A story's plan: the path a case takes, as a list of steps with their delays in working days. The
 * generator replays the steps until `today`; a recent case simply stops wherever it has got to.
 */
export type StepName =
  | 'accept' | 'refuse' | 'voidEarly' | 'assign' | 'note' | 'extend' | 'suspend' | 'resume' | 'finding' | 'return' | 'approve'
  | 'reply' | 'followUp' | 'reopen' | 'close' | 'voidLate';
export interface Step { name: StepName; delay: number }

export interface Plan {
  kind: 'spot' | 'refuse' | 'voidEarly' | 'full';
  severity: Severity;
  suspend: boolean;
  extend: boolean;
  notes: number;
  reviewReturn: boolean;
  /** no follow-up call: anonymous, or the person could not be reached */
  noFollowUp: boolean;
  satisfaction: 'satisfied' | 'basic' | 'unsatisfied';
  afterUnsatisfied: 'close' | 'reopen' | 'stay';
  secondSatisfaction: 'satisfied' | 'basic' | 'unsatisfied';
  voidLate: boolean;
  /** stop after this many steps although time would allow more: a case someone forgot */
  stuckAfter: number | null;
}

const pickDelay = (rng: Rng, table: ReadonlyArray<readonly [number, number]>) => rng.weighted(table);
const ACCEPT_DELAY = [[0, 40], [1, 35], [2, 15], [3, 6], [5, 4]] as const;
const ASSIGN_DELAY = [[0, 60], [1, 30], [2, 10]] as const;
const REPLY_DELAY = [[0, 40], [1, 35], [2, 15], [3, 7], [5, 3]] as const;

export function naturalPlan(rng: Rng, caseType: string, channel: string, anonymous: boolean): Plan {
  const onSpotLikely = (caseType === '咨询' && (channel === '来访' || channel === '电话')) ? 0.9 : caseType === '咨询' ? 0.35 : 0.015;
  const kind = rng.chance(onSpotLikely) ? 'spot' : rng.weighted([['full', 93], ['refuse', 5], ['voidEarly', 2]] as const);
  const severity: Severity = caseType === '举报'
    ? rng.weighted([['simple', 30], ['complex', 50], ['major', 20]] as const)
    : caseType === '投诉' ? rng.weighted([['simple', 70], ['complex', 26], ['major', 4]] as const) : rng.chance(0.9) ? 'simple' : 'complex';
  const satisfaction = rng.weighted([['satisfied', 70], ['basic', 21], ['unsatisfied', 9]] as const);
  return {
    kind, severity,
    suspend: rng.chance(0.05),
    extend: rng.chance(severity === 'simple' ? 0.02 : 0.12),
    notes: severity === 'simple' ? rng.weighted([[0, 70], [1, 25], [2, 5]] as const) : rng.int(1, 2),
    reviewReturn: severity !== 'simple' && rng.chance(0.15),
    noFollowUp: anonymous || rng.chance(0.03),
    satisfaction,
    afterUnsatisfied: rng.weighted([['close', 50], ['reopen', 50]] as const),
    secondSatisfaction: rng.weighted([['satisfied', 45], ['basic', 40], ['unsatisfied', 15]] as const),
    voidLate: rng.chance(0.004),
    stuckAfter: rng.chance(0.004) ? rng.int(0, 6) : null,
  };
}

function handling(rng: Rng, p: Plan, steps: Step[], round: number): void {
  if (round === 1 && p.suspend) steps.push({ name: 'suspend', delay: rng.int(1, 3) }, { name: 'resume', delay: rng.int(2, 8) });
  for (let i = 0; i < p.notes; i++) steps.push({ name: 'note', delay: rng.int(0, 2) });
  if (round === 1 && p.extend) steps.push({ name: 'extend', delay: rng.int(1, 4) });
  const work = p.severity === 'simple' ? pickDelay(rng, [[1, 30], [2, 35], [3, 25], [5, 10]]) : rng.int(3, 9);
  steps.push({ name: 'finding', delay: p.extend && round === 1 ? rng.int(3, 8) : work });
  if (p.severity !== 'simple') {
    if (p.reviewReturn && round === 1) steps.push({ name: 'return', delay: rng.int(0, 2) }, { name: 'finding', delay: rng.int(1, 3) });
    steps.push({ name: 'approve', delay: rng.int(0, 2) });
  }
  steps.push({ name: 'reply', delay: pickDelay(rng, REPLY_DELAY) });
}

export function planSteps(rng: Rng, p: Plan): Step[] {
  const steps: Step[] = [];
  if (p.kind === 'spot') return steps;
  if (p.kind === 'refuse') return [{ name: 'refuse', delay: pickDelay(rng, ACCEPT_DELAY) }];
  if (p.kind === 'voidEarly') return [{ name: 'voidEarly', delay: rng.weighted([[0, 70], [1, 30]] as const) }];
  steps.push({ name: 'accept', delay: pickDelay(rng, ACCEPT_DELAY) }, { name: 'assign', delay: pickDelay(rng, ASSIGN_DELAY) });
  if (p.voidLate) return [...steps, { name: 'voidLate', delay: rng.int(1, 5) }];
  handling(rng, p, steps, 1);
  if (p.noFollowUp) {
    steps.push({ name: 'close', delay: rng.int(1, 5) });
  } else {
    steps.push({ name: 'followUp', delay: rng.int(1, 5) });
    if (p.satisfaction === 'unsatisfied' && p.afterUnsatisfied === 'close') steps.push({ name: 'close', delay: rng.int(1, 4) });
    if (p.satisfaction === 'unsatisfied' && p.afterUnsatisfied === 'reopen') {
      steps.push({ name: 'reopen', delay: rng.int(1, 3) });
      handling(rng, p, steps, 2);
      steps.push({ name: 'followUp', delay: rng.int(1, 5) });
      if (p.secondSatisfaction === 'unsatisfied') steps.push({ name: 'close', delay: rng.int(1, 4) });
    }
  }
  return p.stuckAfter === null ? steps : steps.slice(0, Math.min(p.stuckAfter, steps.length));
}

/**
 * Showcase stories: one of every stage a register shows, placed so that they stand where they should
 * on `today` (awaiting acceptance, due soon, overdue ...). `cutAfter` keeps the steps up to the first
 * step of that name (null: none); `idle` is the working days the case has waited since.
 */
export interface Showcase {
  label: string;
  tweak: Partial<Plan>;
  cutAfter: StepName | null | 'all';
  idle: number;
}
export const SHOWCASES: readonly Showcase[] = [
  { label: 'registered', tweak: { kind: 'full' }, cutAfter: null, idle: 0 },
  { label: 'registered-overdue', tweak: { kind: 'full' }, cutAfter: null, idle: 6 },
  { label: 'accepted', tweak: { kind: 'full', suspend: false }, cutAfter: 'accept', idle: 1 },
  { label: 'assigned-due-soon', tweak: { kind: 'full', severity: 'simple', suspend: false, extend: false, notes: 0, voidLate: false }, cutAfter: 'assign', idle: 2 },
  { label: 'assigned-overdue', tweak: { kind: 'full', severity: 'simple', suspend: false, extend: false, notes: 0, voidLate: false }, cutAfter: 'assign', idle: 7 },
  { label: 'assigned-extended', tweak: { kind: 'full', severity: 'complex', suspend: false, extend: true, notes: 1, voidLate: false }, cutAfter: 'extend', idle: 1 },
  { label: 'suspended', tweak: { kind: 'full', suspend: true, notes: 0, voidLate: false }, cutAfter: 'suspend', idle: 2 },
  { label: 'pending-review', tweak: { kind: 'full', severity: 'complex', suspend: false, extend: false, reviewReturn: false, voidLate: false }, cutAfter: 'finding', idle: 0 },
  { label: 'approved', tweak: { kind: 'full', severity: 'simple', suspend: false, extend: false, voidLate: false }, cutAfter: 'finding', idle: 1 },
  { label: 'replied', tweak: { kind: 'full', noFollowUp: false, voidLate: false }, cutAfter: 'reply', idle: 1 },
  { label: 'unsatisfied', tweak: { kind: 'full', noFollowUp: false, satisfaction: 'unsatisfied', afterUnsatisfied: 'stay', voidLate: false }, cutAfter: 'followUp', idle: 1 },
  { label: 'reopened-open', tweak: { kind: 'full', noFollowUp: false, satisfaction: 'unsatisfied', afterUnsatisfied: 'reopen', voidLate: false }, cutAfter: 'reopen', idle: 1 },
  { label: 'reopened-closed', tweak: { kind: 'full', noFollowUp: false, satisfaction: 'unsatisfied', afterUnsatisfied: 'reopen', secondSatisfaction: 'basic', voidLate: false }, cutAfter: 'all', idle: 40 },
  { label: 'closed-satisfied', tweak: { kind: 'full', noFollowUp: false, satisfaction: 'satisfied', voidLate: false }, cutAfter: 'all', idle: 30 },
  { label: 'closed-basic', tweak: { kind: 'full', noFollowUp: false, satisfaction: 'basic', voidLate: false }, cutAfter: 'all', idle: 55 },
  { label: 'closed-unsatisfied', tweak: { kind: 'full', noFollowUp: false, satisfaction: 'unsatisfied', afterUnsatisfied: 'close', voidLate: false }, cutAfter: 'all', idle: 45 },
  { label: 'closed-extended', tweak: { kind: 'full', severity: 'complex', extend: true, noFollowUp: false, satisfaction: 'satisfied', voidLate: false }, cutAfter: 'all', idle: 60 },
  { label: 'closed-after-suspension', tweak: { kind: 'full', suspend: true, noFollowUp: false, satisfaction: 'satisfied', voidLate: false }, cutAfter: 'all', idle: 70 },
  { label: 'refused', tweak: { kind: 'refuse' }, cutAfter: 'all', idle: 20 },
  { label: 'voided', tweak: { kind: 'voidEarly' }, cutAfter: 'all', idle: 25 },
  { label: 'answered-on-spot', tweak: { kind: 'spot' }, cutAfter: 'all', idle: 10 },
];

export function cutSteps(steps: Step[], cutAfter: Showcase['cutAfter']): Step[] {
  if (cutAfter === 'all') return steps;
  if (cutAfter === null) return [];
  const i = steps.findIndex((s) => s.name === cutAfter);
  return i < 0 ? steps : steps.slice(0, i + 1);
}
