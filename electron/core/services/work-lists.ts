import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../../db/types';
import { localDate } from '../local-time';
import { dueThresholds } from '../domain/deadlines';
import type { Dashboard } from '../types';
import type { CalendarService } from './calendar';
import { caseSummaries } from './cases/case-summaries';
import type { Actor } from '../session';
import type { Deps } from './deps';

type EB = ExpressionBuilder<Database, 'cases'>;

/** The 工作台: what waits for someone today, counted, with the first few cases of each. */
export function createWorkLists(deps: Deps, calendar: CalendarService) {
  const { db } = deps;

  async function dashboard(actor: Actor): Promise<Dashboard> {
    const t = dueThresholds(await calendar.load(), localDate(deps.now()));
    const LIST = 10;
    const count = (where: (eb: EB) => Expression<SqlBool>) =>
      db.selectFrom('cases').where(where).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));
    const ids = (where: (eb: EB) => Expression<SqlBool>, order: 'due_date' | 'received_at') =>
      db.selectFrom('cases').where(where).select('id').orderBy(order).orderBy('id').limit(LIST).execute().then((r) => r.map((x) => x.id));
    const awaiting = (eb: EB) => eb('status', '=', 'registered');
    const overdue = (eb: EB) => eb('due_date', '<', t.today);
    const soon = (eb: EB) => eb.and([eb('due_date', '>=', t.today), eb('due_date', '<=', t.soonUntil)]);
    const followUp = (eb: EB) => eb('status', '=', 'replied');
    const [c1, c2, c3, c4, l1, l2, l3, l4, warnings, missing] = await Promise.all([
      count(awaiting), count(soon), count(overdue), count(followUp),
      ids(awaiting, 'received_at'), ids(soon, 'due_date'), ids(overdue, 'due_date'), ids(followUp, 'received_at'),
      calendar.warnings(),
      db.selectFrom('cases').select(['calendar_missing_year']).where('calendar_missing_year', 'is not', null)
        .select((eb) => eb.fn.countAll<number>().as('n')).groupBy('calendar_missing_year').execute(),
    ]);
    const calendarWarnings = [
      ...warnings,
      ...missing.map((m) => `${m.n} 件在办案件的期限落入 ${m.calendar_missing_year} 年，而工作日历尚无该年安排，期限暂无法计算；导入该年日历后将自动补算。`),
    ];
    const [awaitingAcceptance, dueSoon, overdueList, awaitingFollowUp] = await Promise.all([l1, l2, l3, l4].map((x) => caseSummaries(db, x, actor, t)));
    return {
      today: t.today,
      counts: { awaitingAcceptance: c1, dueSoon: c2, overdue: c3, awaitingFollowUp: c4 },
      lists: { awaitingAcceptance, dueSoon, overdue: overdueList, awaitingFollowUp },
      calendarWarnings,
    };
  }

  return { dashboard };
}

export type WorkLists = ReturnType<typeof createWorkLists>;
