import {
  countSentBack, countWorkList, missingCalendarYears, sentBackAmong, workListIds, type WorkListCondition,
} from '../../../db/queries/work-lists';
import { localDate } from '../local-time';
import { dueThresholds, type DueThresholds } from '../domain/deadlines';
import type { Dashboard, WorkListFilter, WorkListGroup, WorkListKey, WorkListRole, WorkListSection } from '../types';
import type { CalendarService } from './calendar';
import { caseSummaries } from './cases/case-summaries';
import type { Actor } from '../session';
import type { Deps } from './deps';

/** How many cases each list shows on the 工作台; the register shows the rest. */
export const WORK_LIST_LENGTH = 5;

const byReceived = { sortBy: 'receivedAt', sortOrder: 'asc' } as const;
const byDue = { sortBy: 'dueDate', sortOrder: 'asc' } as const;

/**
 * Each work list is one register filter (what 查看全部 opens), oldest or most urgent first. The lists of a
 * handler are their own staff member's.
 */
const LISTS: Record<WorkListKey, (staffId: number) => WorkListFilter> = {
  awaitingAcceptance: () => ({ status: ['registered'], ...byReceived }),
  awaitingAssignment: () => ({ status: ['accepted'], ...byDue }),
  awaitingReview: () => ({ status: ['pending_review'], ...byDue }),
  // Followed up unsatisfied: the supervisor re-examines (复查) or closes it; no clock runs.
  unsatisfied: () => ({ status: ['unsatisfied'], ...byReceived }),
  overdue: () => ({ dueState: ['overdue'], ...byDue }),
  dueSoon: () => ({ dueState: ['dueSoon'], ...byDue }),
  // In handling, including the cases the review sent back (退回重办, counted apart in `returned`).
  myCases: (staffId) => ({ status: ['assigned'], handlerStaffId: staffId, ...byDue }),
  myOverdue: (staffId) => ({ dueState: ['overdue'], handlerStaffId: staffId, ...byDue }),
  myDueSoon: (staffId) => ({ dueState: ['dueSoon'], handlerStaffId: staffId, ...byDue }),
  awaitingReply: () => ({ status: ['approved'], ...byDue }),
  awaitingFollowUp: () => ({ status: ['replied'], ...byReceived }),
};

const GROUPS: Record<WorkListRole, readonly WorkListKey[]> = {
  supervisor: ['awaitingAcceptance', 'awaitingAssignment', 'awaitingReview', 'unsatisfied', 'overdue', 'dueSoon'],
  handler: ['myCases', 'myOverdue', 'myDueSoon'],
  clerk: ['awaitingReply', 'awaitingFollowUp'],
  // The whole office's counts, every stage.
  auditor: ['awaitingAcceptance', 'awaitingAssignment', 'awaitingReview', 'awaitingReply', 'awaitingFollowUp', 'unsatisfied', 'overdue', 'dueSoon'],
};

/** The caller's groups: their role's, and the handler's when they are linked to a staff member. */
export function groupsFor(actor: Pick<Actor, 'role' | 'staffId'>): WorkListRole[] {
  const own: WorkListRole[] = actor.role === 'supervisor' ? ['supervisor'] : actor.role === 'clerk' ? ['clerk'] : actor.role === 'auditor' ? ['auditor'] : [];
  if (actor.staffId == null) return own;
  // A clerk who handles cases starts the day with them; a supervisor with the office.
  return actor.role === 'clerk' ? ['handler', ...own] : [...own, 'handler'];
}

/** A register filter as the conditions its query runs: the register's own meaning of each due state. */
export function conditionOf(f: WorkListFilter, t: DueThresholds): WorkListCondition {
  const state = f.dueState?.[0];
  return {
    ...(f.status ? { status: f.status } : {}),
    ...(f.handlerStaffId !== undefined ? { handlerStaffId: f.handlerStaffId } : {}),
    ...(state === 'overdue' ? { due: { before: t.today } } : state === 'dueSoon' ? { due: { from: t.today, until: t.soonUntil } } : {}),
  };
}

/** The 工作台: what waits for each person today, counted, with the first few cases of each list. */
export function createWorkLists(
  deps: Deps, calendar: CalendarService,
  /** the backups' warning (services/backup): shown to admins and supervisors */
  backupWarning: () => Promise<Dashboard['backupWarning']> = async () => null,
) {
  const { db } = deps;

  /** A list's count and first ids (none for auditors), and for 我承办的 the cases sent back. */
  async function read(key: WorkListKey, actor: Actor, t: DueThresholds, hasLists: boolean) {
    const filter = LISTS[key](actor.staffId ?? 0);
    const condition = conditionOf(filter, t);
    const ids = hasLists ? await workListIds(db, condition, filter.sortBy === 'receivedAt' ? 'receivedAt' : 'dueDate', WORK_LIST_LENGTH) : [];
    const count = await countWorkList(db, condition);
    const returned = key === 'myCases' ? { count: await countSentBack(db, filter.handlerStaffId!), caseIds: await sentBackAmong(db, ids) } : null;
    return { key, count, ids, filter, returned };
  }

  async function dashboard(actor: Actor): Promise<Dashboard> {
    const t = dueThresholds(await calendar.load(), localDate(deps.now()));
    // Auditors read everything and act on nothing: the office's counts, without lists to work through.
    const hasLists = actor.role !== 'auditor';
    const roles = groupsFor(actor);
    const lists = await Promise.all(roles.map((role) => Promise.all(GROUPS[role].map((key) => read(key, actor, t, hasLists)))));
    // One read of the register lines for every list (a case may sit on several), masked for the actor.
    const ids = [...new Set(lists.flat().flatMap((x) => x.ids))];
    const [lines, warnings, missing] = await Promise.all([caseSummaries(db, ids, actor, t), calendar.warnings(), missingCalendarYears(db)]);
    const byId = new Map(lines.map((c) => [c.id, c]));
    const groups = roles.map((role, i): WorkListGroup => ({
      role,
      sections: lists[i].map(({ key, count, ids: listed, filter, returned }): WorkListSection => ({
        key, count, cases: listed.map((id) => byId.get(id)!), filter, ...(returned ? { returned } : {}),
      })),
    }));
    const calendarWarnings = [
      ...warnings,
      ...missing.map((m) => `${m.n} 件在办案件的期限落入 ${m.calendar_missing_year} 年，而工作日历尚无该年安排，期限暂无法计算；导入该年日历后将自动补算。`),
    ];
    const warnsOfBackups = actor.role === 'admin' || actor.role === 'supervisor';
    return { today: t.today, groups, hasLists, calendarWarnings, backupWarning: warnsOfBackups ? await backupWarning() : null };
  }

  return { dashboard };
}

export type WorkLists = ReturnType<typeof createWorkLists>;
