import { sql, type RawBuilder } from 'kysely';
import { localDate } from '../../local-time';
import type { ParsedInput } from '../../contract';
import { dueThresholds, type DueThresholds } from '../../domain/deadlines';
import { formatRegisterNo, parseRegisterNo } from '../../domain/numbering';
import { identityScope } from '../../domain/permissions';
import { AppError } from '../../errors';
import type { RegisterPage } from '../../types';
import type { CalendarService } from '../calendar';
import type { Actor } from '../../session';
import type { Deps } from '../deps';
import type { SettingsService } from '../settings';
import { caseSummaries } from './case-summaries';
import { cleanSearchText, ftsAny, ftsPhrase } from './fts-query';

type Query = ParsedInput<'cases/list'>;
type Sql = RawBuilder<unknown>;

/**
 * Counting stops here: past it the register says "more than N" instead of scanning every match. Deeper
 * pages raise the cap as far as they need, so paging on always works.
 */
export const COUNT_CAP = 1_000;

/**
 * How the register chooses its plans (tests turn these down so a small register takes every path):
 * - a filter is *selective* when its index holds fewer than `estimateCap` entries for its values;
 * - a page sorts all its matches when there are at most `sortAllAt` of them, or when a selective filter
 *   finds them among at most `selectiveSortAllAt` entries; past that it walks the sort order to the page.
 */
export const REGISTER_TUNING = { estimateCap: 20_000, sortAllAt: 500, selectiveSortAllAt: 2_000 };

/**
 * Where a register query finds its candidates. No plan reads the wide case rows (about a kilobyte each)
 * to check a filter; only the page's 50 rows are read in full:
 * - `covering`: an index holding every filter column, read alone: `cases_register` in register-number
 *   order, `cases_received_filters` in date order, `cases_status_filters` by status (migration 0002);
 * - `lookup`: one filter's own narrow index (`d`), each entry looked up in `cases_register` (`c`) by id;
 * - `fts`: the ids the full-text indexes matched (`ids`, a query of `id`s), looked up the same way.
 */
type Source =
  | { kind: 'covering'; index: 'cases_register' | 'cases_received_filters' | 'cases_status_filters'; where: Sql }
  | { kind: 'lookup'; index: string; where: Sql }
  | { kind: 'fts'; ids: Sql };

const REGISTER: Source = { kind: 'covering', index: 'cases_register', where: sql`1` };

interface Candidate { source: Source; estimate: number }

const conj = (parts: Sql[]): Sql => (parts.length ? sql`${sql.join(parts, sql` AND `)}` : sql`1`);
const inList = (column: Sql, values: ReadonlyArray<string | number>): Sql => sql`${column} IN (${sql.join([...values])})`;

/** The two full-text indexes (migration 0006): the case text, and the complainants' names apart. */
const TEXT = { table: 'case_fts', vocab: 'case_fts_vocab' } as const;
const NAMES = { table: 'case_name_fts', vocab: 'case_name_fts_vocab' } as const;
type FtsIndex = typeof TEXT | typeof NAMES;

/**
 * Full text over a trigram index. Terms of 3+ characters are a phrase match. A 2-character term has no
 * trigram of its own, so it is expanded through the index's vocabulary into every indexed trigram that
 * starts with it (each indexed text ends with a space, so every occurrence is followed by something).
 */
async function ftsMatchExpression(deps: Deps, index: FtsIndex, term: string): Promise<string | null> {
  const chars = Array.from(term.toLowerCase());
  if (chars.length >= 3) return ftsPhrase(term);
  const prefix = chars.join('');
  const rows = await sql<{ term: string }>`
    SELECT term FROM ${sql.table(index.vocab)} WHERE term >= ${prefix} AND term < ${prefix + '\u{10FFFF}'}`.execute(deps.db);
  if (rows.rows.length === 0) return null;
  return ftsAny(rows.rows.map((r) => r.term));
}

/**
 * `seesIdentity` as a condition on a case id, for a clerk: not one of the confidential cases the clerk
 * neither recorded nor first received. Read from `cases_confidential` (confidential cases only, with their
 * recorder and first receiver), one lookup per candidate, never from the case rows.
 */
function seenBy(userId: number, caseId: Sql): Sql {
  return sql`NOT EXISTS (SELECT 1 FROM cases INDEXED BY cases_confidential WHERE cases.is_confidential = 1 AND cases.id = ${caseId}
    AND cases.recorder_id <> ${userId} AND cases.first_receiver_id <> ${userId})`;
}

/**
 * The ids a text search matches for this actor: the case text (事由, 详细情况, 诉求, 被投诉人员) for everyone,
 * and the complainants' names only in cases whose identity the actor sees, so a search never confirms a
 * name the actor sees masked. The names' index is small: when no name matches at all (most searches), the
 * case text alone is searched, read in register order and stopped at the page, as before the split.
 */
async function textSearch(deps: Deps, actor: Actor, term: string): Promise<Search> {
  const scope = identityScope(actor);
  const text = await ftsMatchExpression(deps, TEXT, term);
  let names = scope === 'none' ? null : await ftsMatchExpression(deps, NAMES, term);
  if (names !== null) {
    const any = await sql`SELECT 1 FROM case_name_fts WHERE case_name_fts MATCH ${names} LIMIT 1`.execute(deps.db);
    if (any.rows.length === 0) names = null;
  }
  const byText = text === null ? null : sql`SELECT rowid AS id FROM case_fts WHERE case_fts MATCH ${text}`;
  const byName = names === null || scope === 'none' ? null
    : sql`SELECT n.rowid AS id FROM case_name_fts AS n WHERE n.case_name_fts MATCH ${names}${
      scope === 'all' ? sql`` : sql` AND ${seenBy(scope.nonConfidentialAndOwn, sql.ref('n.rowid'))}`}`;
  if (byText && byName) return { fts: sql`${byText} UNION ${byName}` };
  const only = byText ?? byName;
  return only ? { fts: only } : { none: true };
}

type Search = { where: Sql } | { fts: Sql } | { none: true };

async function searchFor(deps: Deps, actor: Actor, prefix: string, raw: string): Promise<Search> {
  const term = cleanSearchText(raw);
  const regNo = parseRegisterNo(term);
  if (regNo) {
    const exact = formatRegisterNo(regNo.prefix || prefix, regNo.year, regNo.seq);
    return { where: sql`c.id IN (SELECT id FROM cases WHERE register_no IN (${exact}, ${term}))` };
  }
  const digits = term.replace(/[\s-]/g, '');
  if (/^\d{3,}$/.test(digits)) {
    // A phone is identity: found only in the cases whose identity the actor sees.
    const scope = identityScope(actor);
    if (scope === 'none') return { none: true };
    // Phone numbers: as typed, or by leading digits. Two lookups in the phone index (an OR of the two
    // would scan it), each naming the index's own condition (phone <> '') so SQLite may use it.
    const phones = sql`c.id IN (SELECT case_id FROM complainants WHERE phone <> '' AND phone = ${term}
        UNION ALL SELECT case_id FROM complainants WHERE phone <> '' AND phone >= ${digits} AND phone < ${`${digits}:`})`;
    return { where: scope === 'all' ? phones : sql`${phones} AND ${seenBy(scope.nonConfidentialAndOwn, sql.ref('c.id'))}` };
  }
  if (Array.from(term).length < 2) throw new AppError('VALIDATION', '「搜索」请至少输入 2 个字', 'search');
  return textSearch(deps, actor, term);
}

function dueCondition(states: readonly string[], t: DueThresholds, due: Sql): Sql {
  const each = states.map((s) =>
    s === 'overdue' ? sql`${due} < ${t.today}`
      : s === 'dueSoon' ? sql`(${due} >= ${t.today} AND ${due} <= ${t.soonUntil})`
        : sql`${due} > ${t.soonUntil}`,
  );
  return sql`(${sql.join(each, sql` OR `)})`;
}

/** The date range as conditions on `alias.received_at`. */
function receivedRange(q: Query, alias: string): Sql[] {
  const column = sql.ref(`${alias}.received_at`);
  return [
    ...(q.receivedFrom ? [sql`${column} >= ${q.receivedFrom}`] : []),
    ...(q.receivedTo ? [sql`${column} < ${`${q.receivedTo} 24:00:00`}`] : []),
  ];
}

/** Every filter of the query as conditions on `c` (all of them columns of the narrow register index). */
function filters(q: Query, t: DueThresholds, search: Search | null): Sql[] {
  const c = (column: string) => sql.ref(`c.${column}`);
  const out: Sql[] = [...receivedRange(q, 'c')];
  if (search && 'where' in search) out.push(search.where);
  if (q.caseType?.length) out.push(inList(c('case_type'), q.caseType));
  if (q.channel?.length) out.push(inList(c('channel'), q.channel));
  if (q.status?.length) out.push(inList(c('status'), q.status));
  if (q.severity?.length) out.push(inList(c('severity'), q.severity));
  if (q.respondentDepartmentId) out.push(sql`${c('respondent_department_id')} = ${q.respondentDepartmentId}`);
  if (q.handlerDepartmentId) out.push(sql`${c('handler_department_id')} = ${q.handlerDepartmentId}`);
  if (q.handlerStaffId) out.push(sql`${c('handler_staff_id')} = ${q.handlerStaffId}`);
  if (q.dueState?.length) out.push(dueCondition(q.dueState, t, c('due_date')));
  return out;
}

/** The indexes one filter could start from, each with that filter as its condition. */
function candidateSources(q: Query, t: DueThresholds): Source[] {
  const d = (column: string) => sql.ref(`d.${column}`);
  const index = (name: string, where: Sql): Source => ({ kind: 'lookup', index: name, where });
  const out: Source[] = [];
  if (q.receivedFrom || q.receivedTo) out.push({ kind: 'covering', index: 'cases_received_filters', where: conj(receivedRange(q, 'c')) });
  if (q.dueState?.length) out.push(index('cases_due', sql`${d('due_date')} IS NOT NULL AND ${dueCondition(q.dueState, t, d('due_date'))}`));
  if (q.status?.length) out.push({ kind: 'covering', index: 'cases_status_filters', where: inList(sql.ref('c.status'), q.status) });
  if (q.handlerStaffId) out.push(index('cases_handler_staff', sql`${d('handler_staff_id')} = ${q.handlerStaffId}`));
  if (q.handlerDepartmentId) out.push(index('cases_handler_dept', sql`${d('handler_department_id')} = ${q.handlerDepartmentId}`));
  if (q.respondentDepartmentId) out.push(index('cases_respondent', sql`${d('respondent_department_id')} = ${q.respondentDepartmentId}`));
  if (q.severity?.length) out.push(index('cases_severity', inList(d('severity'), q.severity)));
  if (q.caseType?.length) out.push(index('cases_type', inList(d('case_type'), q.caseType)));
  if (q.channel?.length) out.push(index('cases_channel', inList(d('channel'), q.channel)));
  return out;
}

/** `FROM ... WHERE ...` for a source and the query's filters. */
function fromWhere(source: Source, where: Sql[]): Sql {
  switch (source.kind) {
    case 'covering':
      return sql`FROM cases AS c INDEXED BY ${sql.raw(source.index)} WHERE ${source.where} AND ${conj(where)}`;
    case 'lookup':
      return sql`FROM cases AS d INDEXED BY ${sql.raw(source.index)} CROSS JOIN cases AS c INDEXED BY cases_register
        WHERE c.id = d.id AND ${source.where} AND ${conj(where)}`;
    case 'fts':
      return sql`FROM (${source.ids}) AS f CROSS JOIN cases AS c INDEXED BY cases_register
        WHERE c.id = f.id AND ${conj(where)}`;
  }
}

export function createRegisterList(deps: Deps, settings: SettingsService, calendar: CalendarService) {
  const { db } = deps;

  async function thresholds(): Promise<DueThresholds> {
    return dueThresholds(await calendar.load(), localDate(deps.now()));
  }

  /**
   * How many entries a filter's index holds for its values, counted no further than the cap. Only the
   * plan depends on it, never the answer, so it is kept for a minute: paging on reuses it.
   */
  const estimates = new Map<string, { n: number; at: number }>();
  async function estimate(source: Exclude<Source, { kind: 'fts' }>): Promise<number> {
    const alias = sql.raw(source.kind === 'covering' ? 'c' : 'd');
    // Marked, so the benchmark's hand-written floor can leave plan-choosing out.
    const query = sql<{ n: number }>`/* estimate */ SELECT count(*) AS n FROM (SELECT 1 FROM cases AS ${alias} INDEXED BY ${sql.raw(source.index)}
      WHERE ${source.where} LIMIT ${REGISTER_TUNING.estimateCap})`;
    const compiled = query.compile(db);
    const key = JSON.stringify([compiled.sql, compiled.parameters]);
    const now = Date.now();
    const known = estimates.get(key);
    if (known && now - known.at < 60_000) return known.n;
    const n = Number((await query.execute(db)).rows[0].n);
    if (estimates.size > 200) estimates.clear();
    estimates.set(key, { n, at: now });
    return n;
  }

  /**
   * The source that finds the matches with least reading: the most selective filter's index; failing
   * one, a date range or due state (their matches sit together), else the register in number order.
   */
  async function chooseSource(q: Query, t: DueThresholds, search: Search | null): Promise<Candidate> {
    const cap = REGISTER_TUNING.estimateCap;
    if (search && 'fts' in search) return { source: { kind: 'fts', ids: search.fts }, estimate: 0 };
    if (search && 'where' in search) return { source: REGISTER, estimate: 0 }; // a handful of ids
    const sources = candidateSources(q, t) as Array<Exclude<Source, { kind: 'fts' }>>;
    const candidates: Candidate[] = [];
    for (const source of sources) candidates.push({ source, estimate: await estimate(source) });
    const best = candidates.filter((e) => e.estimate < cap).sort((a, b) => a.estimate - b.estimate)[0];
    // A wide date range or a due state still beats the whole register: their matches sit together.
    const together = sources.find((s) => s.index === 'cases_received_filters' || s.index === 'cases_due');
    return best ?? { source: together ?? REGISTER, estimate: cap };
  }

  async function ids(query: Sql): Promise<number[]> {
    return (await sql<{ id: number }>`${query}`.execute(db)).rows.map((r) => r.id);
  }

  /**
   * The page's ids. Few matches (or a selective filter that finds them all): take them from the counting
   * source and sort. Many: walk the sort order's own index and stop at the page.
   */
  async function pageIds(q: Query, t: DueThresholds, where: Sql[], chosen: Candidate, total: number): Promise<number[]> {
    const { pageSize } = q;
    const offset = (q.page - 1) * pageSize;
    const dir = sql.raw(q.sortOrder === 'asc' ? 'ASC' : 'DESC');
    const limit = sql`LIMIT ${pageSize} OFFSET ${offset}`;
    const { source } = chosen;
    const sortAll = source.kind === 'fts' || total <= REGISTER_TUNING.sortAllAt
      || (chosen.estimate <= REGISTER_TUNING.selectiveSortAllAt && source !== REGISTER);
    if (sortAll) {
      const order = q.sortBy === 'dueDate' ? sql`c.due_date IS NULL, c.due_date ${dir}, c.id ${dir}`
        : q.sortBy === 'receivedAt' ? sql`c.received_at ${dir}, c.id ${dir}`
          : source.kind === 'fts' ? sql`f.id ${dir}` : sql`c.id ${dir}`;
      return ids(sql`SELECT c.id ${fromWhere(source, where)} ORDER BY ${order} ${limit}`);
    }
    const dates = q.receivedFrom || q.receivedTo;
    if (q.sortBy === 'registerNo') {
      // Over a date range, start at the range's first register number (oldest first) or its last (newest
      // first, when the range ends before today) rather than at an end of the whole register.
      const rangeIds = sql`FROM cases AS d INDEXED BY cases_received_filters WHERE ${conj(receivedRange(q, 'd'))}`;
      const bound = q.sortOrder === 'asc' && dates ? [sql`c.id >= (SELECT min(d.id) ${rangeIds})`]
        : q.sortOrder === 'desc' && q.receivedTo && q.receivedTo < t.today ? [sql`c.id <= (SELECT max(d.id) ${rangeIds})`]
          : [];
      return ids(sql`SELECT c.id ${fromWhere(REGISTER, [...bound, ...where])} ORDER BY c.id ${dir} ${limit}`);
    }
    if (q.sortBy === 'receivedAt') {
      const walk: Source = { kind: 'covering', index: 'cases_received_filters', where: sql`1` };
      return ids(sql`SELECT c.id ${fromWhere(walk, where)} ORDER BY c.received_at ${dir}, c.id ${dir} ${limit}`);
    }
    if (q.sortOrder === 'asc') {
      // Due dates in order, then the cases without one in register-number order: one index holds both.
      const walk: Source = {
        kind: 'lookup', index: 'cases_due_order',
        where: q.dueState?.length ? sql`(d.due_date IS NULL) = 0 AND ${dueCondition(q.dueState, t, sql.ref('d.due_date'))}` : sql`1`,
      };
      return ids(sql`SELECT c.id ${fromWhere(walk, where)} ORDER BY d.due_date IS NULL, d.due_date, d.id ${limit}`);
    }
    // Latest due date first, then the cases without one (newest register number first): two walks.
    const dated: Source = {
      kind: 'lookup', index: 'cases_due',
      where: sql`d.due_date IS NOT NULL${q.dueState?.length ? sql` AND ${dueCondition(q.dueState, t, sql.ref('d.due_date'))}` : sql``}`,
    };
    const first = await ids(sql`SELECT c.id ${fromWhere(dated, where)} ORDER BY d.due_date DESC, d.id DESC ${limit}`);
    // A due-state filter leaves no case without a due date: nothing to walk on to.
    if (first.length === pageSize || q.dueState?.length) return first;
    const datedTotal = first.length > 0 ? offset + first.length
      : Number((await sql<{ n: number }>`SELECT count(*) AS n ${fromWhere(dated, where)}`.execute(db)).rows[0].n);
    const rest = await ids(sql`SELECT c.id ${fromWhere(REGISTER, [sql`c.due_date IS NULL`, ...where])}
      ORDER BY c.id DESC LIMIT ${pageSize - first.length} OFFSET ${Math.max(0, offset - datedTotal)}`);
    return [...first, ...rest];
  }

  async function list(actor: Actor, q: Query): Promise<RegisterPage> {
    const t = await thresholds();
    const search = q.search ? await searchFor(deps, actor, (await settings.get()).numbering.prefix, q.search) : null;
    if (search && 'none' in search) return { rows: [], total: 0, totalCapped: false, page: q.page, pageSize: q.pageSize };
    const offset = (q.page - 1) * q.pageSize;
    const cap = Math.max(COUNT_CAP, offset + q.pageSize * 5);
    const where = filters(q, t, search);
    const chosen = await chooseSource(q, t, search);
    const counted = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 ${fromWhere(chosen.source, where)} LIMIT ${cap + 1})`.execute(db);
    const total = Number(counted.rows[0].n);
    const pageOf = total === 0 ? [] : await pageIds(q, t, where, chosen, total);
    return {
      rows: await caseSummaries(db, pageOf, actor, t),
      total: Math.min(total, cap),
      totalCapped: total > cap,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  return { list };
}

export type RegisterList = ReturnType<typeof createRegisterList>;
