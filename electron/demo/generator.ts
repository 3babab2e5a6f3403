import { addDays, createCalendar, type Calendar } from '../core/domain/calendar';
import { DEFAULT_DEADLINES, type DeadlineRules } from '../core/domain/deadlines';
import { BUILTIN_CALENDAR_OVERRIDES, BUILTIN_CALENDAR_YEARS } from '../core/domain/holidays-cn';
import type { Finding } from '../core/domain/vocab';
import { whyNot, type CaseAction } from '../core/domain/workflow';
import {
  CASE_TYPE_MIX, CHANNEL_MIX, composeFinding, composeRegistration, composeReply, findingFor, isAnonymousDraw, ONLINE_CHANNELS, type Directory, type Facts,
} from './compose';
import {
  ACCEPT_NOTES, ANONYMOUS_REPLY, ASSIGN_NOTES, CLOSE_NOTES, EXTENSIONS, FOLLOW_UP_NOTES, MATERIALS, NOTES, REFUSALS, REOPEN_REASONS,
  REVIEW_OK, REVIEW_RETURN, SPOT_REPLIES, VOID_REASONS,
} from './phrases';
import { cutSteps, naturalPlan, planSteps, SHOWCASES, type Plan, type Step } from './plan';
import { fill, mulberry32, type Rng } from './random';
import type { DueCalculator } from '../core/services/cases/steps';
import { caseForRules } from '../core/services/cases/case-rules';
import { CaseSim, memoisedDueColumns, type SimActor } from './simulate';
import { DayTable, minutesOf, OFFICE_CLOSE, OFFICE_OPEN, receivedStamp, SimulatedTime } from './timeline';

export interface GenerateOptions {
  cases: number;
  seed: number;
  /** the register's "today": stories spread over the two years ending on it */
  today: string;
  /** the latest moment anything may have happened; default `${today} 18:00:00` */
  nowAt?: string;
}
export interface GenerateContext {
  dir: Directory;
  cal?: Calendar;
  rules?: DeadlineRules;
}

export const builtinCalendar = (): Calendar => createCalendar(BUILTIN_CALENDAR_YEARS, BUILTIN_CALENDAR_OVERRIDES);

const WRITTEN = new Set(['信函', '电子邮件', '网站留言', '意见箱', '上级转办']);
const STEP_ACTION: Record<Step['name'], CaseAction> = {
  accept: 'accept', refuse: 'refuse', voidEarly: 'void', assign: 'assign', note: 'addNote', extend: 'extend', suspend: 'suspend',
  resume: 'resume', finding: 'recordFinding', return: 'review', approve: 'review', reply: 'reply', followUp: 'followUp',
  reopen: 'reopen', close: 'close', voidLate: 'void',
};
// The demo's clerks are front-desk staff, none of them a department's handler (users.staff_id is unset), so
// investigation notes and findings are entered by the supervisor, as workflow.ts allows.
const SUPERVISOR_STEPS = new Set(['accept', 'refuse', 'assign', 'extend', 'return', 'approve', 'reopen', 'close', 'voidLate', 'note', 'finding']);

interface Pending { received: string; plan: Plan; steps: Step[]; forced: boolean; channel: string; caseType: string; anonymous: boolean }

/** Replays one story's steps on a CaseSim, stopping at `nowAt` (or clamping to it for showcase stories). */
function playStory(rng: Rng, dir: Directory, days: DayTable, dueColumns: DueCalculator, cal: Calendar, rules: DeadlineRules, p: Pending, nowAt: string): CaseSim {
  const supervisor = rng.pick(dir.supervisors);
  const recorder = rng.chance(0.12) ? supervisor : rng.pick(dir.clerks);
  const clerk = dir.clerks.includes(recorder) ? recorder : rng.pick(dir.clerks);
  const firstReceiver = rng.chance(0.9) ? recorder : rng.pick(dir.clerks);
  const time = new SimulatedTime(days, rng, p.received);
  const receivedDay = p.received.slice(0, 10);
  const minutes = minutesOf(p.received);
  const walkIn = !ONLINE_CHANNELS.has(p.channel) && days.isWorking(receivedDay) && minutes >= OFFICE_OPEN - 30 && minutes <= OFFICE_CLOSE + 30;
  let registeredAt = walkIn ? time.after(0) : time.after(days.isWorking(receivedDay) && minutes < OFFICE_CLOSE ? 0 : 1);
  if (registeredAt > nowAt) {
    // Arrived after hours and nobody has come in since: the duty officer logged it straight away.
    registeredAt = p.received.slice(0, 17) + String(Math.min(59, Number(p.received.slice(17)) + rng.int(1, 50))).padStart(2, '0');
    time.cursor = registeredAt;
  }
  const { input, facts } = composeRegistration(rng, dir, p.received, p.channel, p.caseType, p.anonymous, firstReceiver.id);
  const sim = new CaseSim(cal, rules, dueColumns, input, recorder, registeredAt, p.plan.kind === 'spot' ? { reply: rng.pick(SPOT_REPLIES) } : null);
  const role = (a: SimActor) => (dir.supervisors.includes(a) ? 'supervisor' : 'clerk') as 'supervisor' | 'clerk';
  for (const step of p.steps) {
    const at = p.forced ? time.afterAtMost(step.delay, nowAt) : time.after(step.delay);
    if (at > nowAt) break;
    const rules = caseForRules(sim.row, at.slice(0, 10));
    // Suspending a case that is already late is the supervisor's decision.
    const actor = SUPERVISOR_STEPS.has(step.name) || (step.name === 'suspend' && rules.isOverdue) ? supervisor : step.name === 'voidEarly' ? recorder : clerk;
    const refusal = whyNot(STEP_ACTION[step.name], rules, { id: actor.id, role: role(actor), staffId: null });
    if (refusal) throw new Error(`demo story breaks the workflow at ${step.name} (${sim.row.status}): ${refusal.reason}`);
    runStep(rng, sim, step, actor, at, facts, dir, input.isAnonymous, p.plan);
  }
  return sim;
}

function runStep(rng: Rng, sim: CaseSim, step: Step, actor: SimActor, at: string, facts: Facts, dir: Directory, anonymous: boolean, plan: Plan): void {
  const date = at.slice(0, 10);
  const row = sim.row;
  switch (step.name) {
    case 'accept': return sim.accept(actor, at, rng.pick(ACCEPT_NOTES));
    case 'refuse': {
      const [reason, referral] = rng.pick(REFUSALS);
      return sim.refuse(actor, at, reason, referral);
    }
    case 'voidEarly':
    case 'voidLate': return sim.void(actor, at, rng.pick(VOID_REASONS));
    case 'assign': {
      const office = dir.departments.find((d) => d.key === 'office');
      const dept = office && (row.case_type === '举报' || plan.severity === 'major' || rng.chance(0.12)) ? office : facts.dept;
      return sim.assign(actor, at, dept.id, rng.pick(dept.staff).id, plan.severity, rng.pick(ASSIGN_NOTES));
    }
    case 'note': return sim.addNote(actor, at, date, fill(rng.pick(NOTES), facts.slots));
    case 'extend': {
      const [reason, notice] = rng.pick(EXTENSIONS);
      return sim.extend(actor, at, rng.int(5, 10), reason, notice);
    }
    case 'suspend': return sim.suspend(actor, at, date, rng.pick(MATERIALS));
    case 'resume': return sim.resume(actor, at, date);
    case 'finding': {
      // Sent back by the reviewer: the same conclusion, written up again.
      const finding = (row.finding as Finding | null) ?? findingFor(rng, row.case_type);
      return sim.recordFinding(actor, at, composeFinding(rng, facts, finding, date, plan.severity !== 'simple'));
    }
    case 'return': return sim.review(actor, at, 'return', rng.pick(REVIEW_RETURN));
    case 'approve': return sim.review(actor, at, 'approve', rng.pick(REVIEW_OK));
    case 'reply': {
      const written = WRITTEN.has(row.channel) && !anonymous;
      const method = anonymous ? 'letter' : written ? (row.channel === '电子邮件' ? 'email' : 'letter') : rng.weighted([['phone', 60], ['in_person', 25], ['sms', 15]] as const);
      const summary = anonymous ? ANONYMOUS_REPLY : row.draft_reply ?? composeReply(rng, facts, row.finding, row.measures);
      return sim.reply(actor, at, method, date, summary);
    }
    case 'followUp': {
      const s = row.round === 1 ? plan.satisfaction : plan.secondSatisfaction;
      return sim.followUp(actor, at, s, date, rng.pick(FOLLOW_UP_NOTES[s]));
    }
    case 'reopen': return sim.reopen(actor, at, rng.pick(REOPEN_REASONS));
    case 'close': {
      const notes = row.status === 'unsatisfied' ? CLOSE_NOTES.unsatisfied : anonymous ? CLOSE_NOTES.anonymous : CLOSE_NOTES.replied;
      return sim.close(actor, at, rng.pick(notes));
    }
  }
}

/** Relative intake per day: working days, a little on weekends (online channels), seasons, a slow rise. */
function dayWeights(days: DayTable, first: string, today: string, nowAt: string): Array<{ date: string; weight: number }> {
  const out: Array<{ date: string; weight: number }> = [];
  const span = 730;
  for (let i = 0, d = first; d <= today; i++, d = addDays(d, 1)) {
    const working = days.isWorking(d);
    const season = 1 + 0.18 * Math.sin((2 * Math.PI * i) / 365.25 + 1.2);
    let w = (working ? 1 : 0.1) * season * (0.85 + (0.3 * i) / span);
    if (working && new Date(`${d}T00:00:00Z`).getUTCDay() === 1) w *= 1.2;
    if (d === today) w *= Math.min(1, Math.max(0, (minutesOf(nowAt) - OFFICE_OPEN) / (OFFICE_CLOSE - OFFICE_OPEN)));
    out.push({ date: d, weight: w });
  }
  return out;
}

/**
 * Case stories in registration order, ready for the bulk writer: `opts.cases` of them, received over the
 * two years ending `opts.today`, each replayed through the case rules up to `nowAt`.
 */
export function* generateStories(opts: GenerateOptions, ctx: GenerateContext): Generator<CaseSim> {
  const cal = ctx.cal ?? builtinCalendar();
  const rules = ctx.rules ?? DEFAULT_DEADLINES;
  const nowAt = opts.nowAt ?? `${opts.today} 18:00:00`;
  const first = addDays(opts.today, -729);
  const days = new DayTable(cal, addDays(first, -10), addDays(opts.today, 120));
  const dueColumns = memoisedDueColumns(cal, rules);
  const rng = mulberry32(opts.seed);
  const weights = dayWeights(days, first, opts.today, nowAt);

  // Exact counts per day from cumulative weights, so the total is exactly `cases`.
  const total = weights.reduce((a, w) => a + w.weight, 0);
  const counts = new Map<string, number>();
  let cum = 0;
  let placed = 0;
  for (const w of weights) {
    cum += w.weight;
    const upTo = Math.round((opts.cases * cum) / total);
    counts.set(w.date, upTo - placed);
    placed = upTo;
  }

  // Showcase stories take the place of the earliest natural ones, so every stage shows up even in a small register.
  const forced = new Map<string, Pending[]>();
  const showRng = rng.fork();
  const showcases = SHOWCASES.slice(0, Math.max(0, Math.min(SHOWCASES.length, Math.floor(opts.cases / 3))));
  let takeFrom = 0;
  // Showcase cases arrive in the morning: on a day whose morning is already over by `nowAt`.
  const anchor = days.workingDayBefore(opts.today, minutesOf(nowAt) >= 10 * 60 ? 0 : 1);
  for (const s of showcases) {
    const caseType = s.tweak.kind === 'spot' ? '咨询' : '投诉';
    const plan: Plan = { ...naturalPlan(showRng, caseType, '来访', false), stuckAfter: null, ...s.tweak };
    const steps = cutSteps(planSteps(showRng, plan), s.cutAfter);
    const span = steps.reduce((a, st) => a + st.delay, 0) + s.idle;
    const day = days.workingDayBefore(anchor, span);
    const received = `${day} 0${showRng.int(8, 9)}:${String(showRng.int(31, 59))}:${String(showRng.int(10, 59))}`;
    while (takeFrom < weights.length && counts.get(weights[takeFrom].date) === 0) takeFrom++;
    const from = weights[takeFrom].date;
    counts.set(from, counts.get(from)! - 1);
    counts.set(day, (counts.get(day) ?? 0) + 1);
    forced.set(day, [...(forced.get(day) ?? []), { received, plan, steps, forced: true, channel: '来访', caseType, anonymous: false }]);
  }

  // Registration can lag receipt by a weekend: hold stories until no later-received one can register earlier.
  let buffer: CaseSim[] = [];
  const flush = function* (before: string | null) {
    if (before === null) {
      buffer.sort((a, b) => (a.row.registered_at < b.row.registered_at ? -1 : a.row.registered_at > b.row.registered_at ? 1 : 0));
      yield* buffer;
      buffer = [];
      return;
    }
    const ready = buffer.filter((s) => s.row.registered_at < before);
    if (ready.length === 0) return;
    buffer = buffer.filter((s) => s.row.registered_at >= before);
    ready.sort((a, b) => (a.row.registered_at < b.row.registered_at ? -1 : a.row.registered_at > b.row.registered_at ? 1 : 0));
    yield* ready;
  };

  for (const { date } of weights) {
    yield* flush(date);
    const forcedToday = forced.get(date) ?? [];
    const natural = (counts.get(date) ?? 0) - forcedToday.length;
    const working = days.isWorking(date);
    const pending: Pending[] = [...forcedToday];
    for (let i = 0; i < natural; i++) {
      const channel = working ? rng.weighted(CHANNEL_MIX) : rng.weighted(CHANNEL_MIX.filter(([c]) => ONLINE_CHANNELS.has(c)));
      const caseType = rng.weighted(CASE_TYPE_MIX);
      const anyHour = ONLINE_CHANNELS.has(channel) && (!working || rng.chance(0.3));
      const received = receivedStamp(rng, date, anyHour, date === opts.today ? nowAt : null);
      const storyRng = rng.fork();
      const anonymous = isAnonymousDraw(storyRng, channel, caseType);
      const plan = naturalPlan(storyRng, caseType, channel, anonymous);
      pending.push({ received, plan, steps: planSteps(storyRng, plan), forced: false, channel, caseType, anonymous });
    }
    pending.sort((a, b) => (a.received < b.received ? -1 : a.received > b.received ? 1 : 0));
    for (const p of pending) buffer.push(playStory(rng.fork(), ctx.dir, days, dueColumns, cal, rules, p, nowAt));
  }
  yield* flush(null);
}
