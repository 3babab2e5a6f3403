import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../../../db/types';
import { localDate } from '../../clock';
import type { ParsedInput } from '../../contract';
import { dueThresholds, type DueThresholds } from '../../domain/deadlines';
import { formatRegisterNo, parseRegisterNo } from '../../domain/numbering';
import { AppError } from '../../errors';
import type { CaseSummary, Dashboard, RegisterPage } from '../../types';
import type { CalendarService } from '../calendar';
import type { Actor, Deps } from '../deps';
import type { SettingsService } from '../settings';
import { loadNames, summaryView, type SummaryRow } from './case-view';

type Query = ParsedInput<'cases/list'>;
type EB = ExpressionBuilder<Database, 'cases'>;

/**
 * Counting stops here: past it the register says "more than N" instead of scanning every match. Deeper
 * pages raise the cap as far as they need, so paging on always works.
 */
export const COUNT_CAP = 1_000;

/** Past this many matches a page walks the sort order rather than sorting every match. */
const DENSE_AT = 500;
/** Which index a register query runs on: SQLite's choice, the date index, the due-date order, or rowid order. */
type Plan = 'planner' | 'dates' | 'due' | 'rowid';

// Register-number order is rowid order (numbers and rowids are both handed out in sequence, never reused).
const SORT_COLUMNS = { receivedAt: 'received_at', registerNo: 'id', dueDate: 'due_date' } as const;

const SUMMARY_COLUMNS = [
  'id', 'register_no', 'received_at', 'channel', 'case_type', 'subject', 'is_anonymous', 'is_confidential', 'head_count',
  'status', 'severity', 'due_date', 'calendar_missing_year', 'round', 'recorder_id', 'first_receiver_id',
  'respondent_department_id', 'handler_department_id', 'handler_staff_id',
] as const;

const ftsPhrase = (term: string) => `"${term.replaceAll('"', '""')}"`;

/**
 * Full text over a trigram index. Terms of 3+ characters are a phrase match. A 2-character term has no
 * trigram of its own, so it is expanded through the index's vocabulary into every indexed trigram that
 * starts with it (each indexed text ends with a space, so every occurrence is followed by something).
 */
async function ftsMatchExpression(deps: Deps, term: string): Promise<string | null> {
  const chars = Array.from(term.toLowerCase());
  if (chars.length >= 3) return ftsPhrase(term);
  const prefix = chars.join('');
  const rows = await sql<{ term: string }>`
    SELECT term FROM case_fts_vocab WHERE term >= ${prefix} AND term < ${prefix + '\u{10FFFF}'}`.execute(deps.db);
  if (rows.rows.length === 0) return null;
  return rows.rows.map((r) => ftsPhrase(r.term)).join(' OR ');
}

type Search = { where: (eb: EB) => Expression<SqlBool> } | { match: string } | { none: true };

async function searchFor(deps: Deps, prefix: string, raw: string): Promise<Search> {
  const term = raw.trim();
  const regNo = parseRegisterNo(term);
  if (regNo) {
    const exact = formatRegisterNo(regNo.prefix || prefix, regNo.year, regNo.seq);
    return { where: (eb) => eb.or([eb('cases.register_no', '=', exact), eb('cases.register_no', '=', term)]) };
  }
  const digits = term.replace(/[\s-]/g, '');
  if (/^\d{3,}$/.test(digits)) {
    // Phone numbers: whole or leading digits, through the phone index.
    return {
      where: (eb) => eb('cases.id', 'in', eb.selectFrom('complainants').select('case_id')
        .where((w) => w.or([w('phone', '=', term), w.and([w('phone', '>=', digits), w('phone', '<', `${digits}:`)])]))),
    };
  }
  if (Array.from(term).length < 2) throw new AppError('VALIDATION', '「搜索」请至少输入 2 个字', 'search');
  // Names are part of the indexed text, so one full-text query finds 张三 and 停车场 alike.
  const match = await ftsMatchExpression(deps, term);
  return match === null ? { none: true } : { match };
}

function dueCondition(states: readonly string[], t: DueThresholds, due: Expression<unknown> = sql.ref('cases.due_date')) {
  return (eb: EB) =>
    eb.or(
      states.map((s) =>
        s === 'overdue'
          ? eb(due, '<', t.today)
          : s === 'dueSoon'
            ? eb.and([eb(due, '>=', t.today), eb(due, '<=', t.soonUntil)])
            : eb(due, '>', t.soonUntil),
      ),
    );
}

export function createRegisterList(deps: Deps, settings: SettingsService, calendar: CalendarService) {
  const { db } = deps;

  async function thresholds(): Promise<DueThresholds> {
    return dueThresholds(await calendar.load(), localDate(deps.now()));
  }

  /** Second phase: the page's rows in full, with first complainant and names, in the order given. */
  async function summaries(ids: number[], actor: Actor, t: DueThresholds): Promise<CaseSummary[]> {
    if (ids.length === 0) return [];
    const [rows, firsts, names] = await Promise.all([
      db.selectFrom('cases').select(SUMMARY_COLUMNS).where('id', 'in', ids).execute(),
      db.selectFrom('complainants').select(['case_id', 'name', 'phone']).where('case_id', 'in', ids).where('seq', '=', 1).execute(),
      loadNames(db),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r as SummaryRow]));
    const firstBy = new Map(firsts.map((f) => [f.case_id, f]));
    return ids.map((id) => summaryView(byId.get(id)!, firstBy.get(id), names, actor, t));
  }

  /**
   * The filters as one query. `walkOrder` turns the filter columns' own indexes off (SQLite's unary `+`),
   * so the page walks the sort column's index in order and checks each row: right when matches are dense.
   */
  function filtered(q: Query, t: DueThresholds, search: Search | null, plan: Plan) {
    // `+column` keeps SQLite off that column's index, so the plan chosen here is the one it runs.
    const col = (name: string) => (plan === 'planner' ? sql.ref(name) : sql`+${sql.ref(name)}`);
    let base = db.selectFrom('cases');
    if (search && 'match' in search) {
      // Driven by the full-text index, which hands out its matches in rowid (register-number) order.
      base = base.innerJoin('case_fts', 'case_fts.rowid', 'cases.id').where(sql<SqlBool>`case_fts MATCH ${search.match}`);
    }
    if (search && 'where' in search) base = base.where(search.where);
    const received = plan === 'dates' ? sql.ref('cases.received_at') : col('cases.received_at');
    if (q.receivedFrom) base = base.where(received, '>=', q.receivedFrom);
    if (q.receivedTo) base = base.where(received, '<', `${q.receivedTo} 24:00:00`);
    if (q.caseType?.length) base = base.where(col('cases.case_type'), 'in', q.caseType);
    if (q.channel?.length) base = base.where(col('cases.channel'), 'in', q.channel);
    if (q.status?.length) base = base.where(col('cases.status'), 'in', q.status);
    if (q.severity?.length) base = base.where(col('cases.severity'), 'in', q.severity);
    if (q.respondentDepartmentId) base = base.where(col('cases.respondent_department_id'), '=', q.respondentDepartmentId);
    if (q.handlerDepartmentId) base = base.where(col('cases.handler_department_id'), '=', q.handlerDepartmentId);
    if (q.handlerStaffId) base = base.where(col('cases.handler_staff_id'), '=', q.handlerStaffId);
    if (q.dueState?.length) base = base.where(dueCondition(q.dueState, t, plan === 'due' ? sql.ref('cases.due_date') : col('cases.due_date')));
    return base;
  }

  async function list(actor: Actor, q: Query): Promise<RegisterPage> {
    const t = await thresholds();
    const search = q.search ? await searchFor(deps, (await settings.get()).numbering.prefix, q.search) : null;
    if (search && 'none' in search) return { rows: [], total: 0, totalCapped: false, page: q.page, pageSize: q.pageSize };
    const offset = (q.page - 1) * q.pageSize;
    const cap = Math.max(COUNT_CAP, offset + q.pageSize * 5);
    const hasDates = Boolean(q.receivedFrom || q.receivedTo);
    // A date range or a due state bounds the rows to look at better than any equality filter can.
    const countPlan: Plan = hasDates ? 'dates' : q.dueState?.length ? 'due' : 'planner';
    const counted = await db
      .selectFrom(filtered(q, t, search, countPlan).select(sql<number>`1`.as('one')).limit(cap + 1).as('m'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const total = Number(counted.n);

    // Few matches: fetch them through the filters' indexes and sort. Many: walk the sort order and stop
    // at the page, except an oldest-first order over a date range, whose matches sit at the far end.
    const column = SORT_COLUMNS[q.sortBy];
    const fts = Boolean(search && 'match' in search);
    const plan: Plan = fts || total <= DENSE_AT ? 'planner'
      : column === 'received_at' || (hasDates && q.sortOrder === 'asc') ? 'dates'
        : column === 'due_date' ? (q.sortOrder === 'asc' ? 'due' : 'planner') : 'rowid';
    let page = filtered(q, t, search, plan).select('cases.id');
    // Cases without a due date (closed, suspended) come last either way.
    if (column === 'due_date') page = page.orderBy(sql`cases.due_date IS NULL`).orderBy('cases.due_date', q.sortOrder);
    else if (column === 'id' && fts) page = page.orderBy(sql`case_fts.rowid`, q.sortOrder);
    else page = page.orderBy(`cases.${column}`, q.sortOrder);
    if (column !== 'id') page = page.orderBy('cases.id', q.sortOrder);
    const ids = await page.limit(q.pageSize).offset(offset).execute();
    return {
      rows: await summaries(ids.map((r) => r.id), actor, t),
      total: Math.min(total, cap),
      totalCapped: total > cap,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async function dashboard(actor: Actor): Promise<Dashboard> {
    const t = await thresholds();
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
    const [awaitingAcceptance, dueSoon, overdueList, awaitingFollowUp] = await Promise.all([l1, l2, l3, l4].map((x) => summaries(x, actor, t)));
    return {
      today: t.today,
      counts: { awaitingAcceptance: c1, dueSoon: c2, overdue: c3, awaitingFollowUp: c4 },
      lists: { awaitingAcceptance, dueSoon, overdue: overdueList, awaitingFollowUp },
      calendarWarnings,
    };
  }

  return { list, dashboard };
}

export type RegisterList = ReturnType<typeof createRegisterList>;
