import { sql, type RawBuilder } from 'kysely';

/**
 * The register's query planner: which index finds a page's matches, whether to sort them all or walk the
 * sort order, and the SQL each choice runs. Pure: it builds SQL and reads nothing (the estimates it weighs
 * are counted by register.ts). No plan reads the wide case rows (about a kilobyte each) to check a filter;
 * only the page's rows are read in full, afterwards.
 */

export type Sql = RawBuilder<unknown>;
export type DueState = 'overdue' | 'dueSoon' | 'onTrack';

/** The register's filters, as the contract's `cases/list` input carries them. */
export interface RegisterFilter {
  receivedFrom?: string;
  receivedTo?: string;
  caseType?: readonly string[];
  channel?: readonly string[];
  status?: readonly string[];
  severity?: readonly string[];
  respondentDepartmentId?: number;
  handlerDepartmentId?: number;
  handlerStaffId?: number;
  dueState?: readonly DueState[];
  /** true: only the cases linked now as a repeat of an earlier one (重复件, case_repeats) */
  repeat?: boolean;
  /**
   * With `repeat`: the user (a clerk) who sees a confidential case's complainant only on the cases they recorded or
   * first received. Only the links whose two ends they see alike count (case-repeats.ts linkShownTo): a case
   * linked to a confidential complaint they may not see would tell them that its complainant made one.
   */
  repeatSeenBy?: number;
}

export interface RegisterOrder {
  sortBy: 'registerNo' | 'receivedAt' | 'dueDate';
  sortOrder: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** Today and the last day that counts as "due soon" (the office's rule, computed by the domain). */
export interface DueBounds { today: string; soonUntil: string }

/**
 * How the register chooses its plans (tests turn these down so a small register takes every path):
 * - a filter is *selective* when its index holds fewer than `estimateCap` entries for its values;
 * - a page sorts all its matches when there are at most `sortAllAt` of them, or when a selective filter
 *   finds them among at most `selectiveSortAllAt` entries; past that it walks the sort order to the page;
 * - counting stops at a cap: past it the register says "more than N" instead of counting every match:
 *   `countCap` when one index (or a search's id list) holds the answer and is read alone, a fraction of a
 *   millisecond per thousand; `lookupCountCap` when filters are combined and each match costs a lookup in
 *   the register index (about a microsecond: 10,000 of them tripled a broad two-filter page). Deeper pages
 *   raise either cap as far as they need, so paging on always works. A register with no filter, or only a
 *   status filter, is counted exactly at any size from the maintained counts (migration 0007).
 */
export const REGISTER_TUNING = { estimateCap: 20_000, sortAllAt: 500, selectiveSortAllAt: 2_000, countCap: 10_000, lookupCountCap: 1_000 };

/**
 * Where a register query finds its candidates:
 * - `covering`: an index holding every filter column, read alone: `cases_register` in register-number
 *   order, `cases_received_filters` in date order, `cases_status_filters` by status (migration 0002);
 * - `lookup`: one filter's own narrow index (`d`), each entry looked up in `cases_register` (`c`) by id;
 * - `ids`: the case ids a search found (`f.id`, from a query of `id`s: the full-text indexes, or the
 *   complainants' initials in register order), looked up the same way.
 */
export type Source =
  | { kind: 'covering'; index: 'cases_register' | 'cases_received_filters' | 'cases_status_filters'; where: Sql }
  | { kind: 'lookup'; index: string; where: Sql }
  | { kind: 'ids'; ids: Sql };

/** A source an estimate can be counted for: an index of the cases table. */
export type IndexSource = Exclude<Source, { kind: 'ids' }>;

export const REGISTER: IndexSource = { kind: 'covering', index: 'cases_register', where: sql`1` };

export interface Candidate { source: Source; estimate: number }

/**
 * The cases linked now as a repeat (重复件): the standing links of `case_repeats` (migration 0009), read from
 * their own partial index in case-id order. Few beside the register (a link per repeat complaint), so the
 * repeat filter starts from them rather than from any index of the cases.
 */
export function standingRepeats(seenBy?: number): Sql {
  if (seenBy === undefined) return sql`SELECT r.case_id AS id FROM case_repeats AS r INDEXED BY case_repeats_standing WHERE r.unlinked_at IS NULL`;
  const sees = (c: string) => sql`(${sql.ref(`${c}.is_confidential`)} = 0 OR ${sql.ref(`${c}.recorder_id`)} = ${seenBy} OR ${sql.ref(`${c}.first_receiver_id`)} = ${seenBy})`;
  return sql`SELECT r.case_id AS id FROM case_repeats AS r INDEXED BY case_repeats_standing
    JOIN cases AS rl ON rl.id = r.case_id JOIN cases AS re ON re.id = r.repeat_of_id
    WHERE r.unlinked_at IS NULL AND ${sees('rl')} = ${sees('re')}`;
}

/** How many standing repeat links there are, counted no further than the estimate cap. */
export function repeatsEstimateQuery(): RawBuilder<{ n: number }> {
  return sql<{ n: number }>`/* estimate */ SELECT count(*) AS n FROM (SELECT 1 FROM case_repeats AS r INDEXED BY case_repeats_standing
      WHERE r.unlinked_at IS NULL LIMIT ${REGISTER_TUNING.estimateCap})`;
}

export const conj = (parts: Sql[]): Sql => (parts.length ? sql`${sql.join(parts, sql` AND `)}` : sql`1`);
const inList = (column: Sql, values: ReadonlyArray<string | number>): Sql => sql`${column} IN (${sql.join([...values])})`;

export function dueCondition(states: readonly DueState[], t: DueBounds, due: Sql): Sql {
  const each = states.map((s) =>
    s === 'overdue' ? sql`${due} < ${t.today}`
      : s === 'dueSoon' ? sql`(${due} >= ${t.today} AND ${due} <= ${t.soonUntil})`
        : sql`${due} > ${t.soonUntil}`,
  );
  return sql`(${sql.join(each, sql` OR `)})`;
}

/** The date range as conditions on `alias.received_at`. */
export function receivedRange(q: RegisterFilter, alias: string): Sql[] {
  const column = sql.ref(`${alias}.received_at`);
  return [
    ...(q.receivedFrom ? [sql`${column} >= ${q.receivedFrom}`] : []),
    ...(q.receivedTo ? [sql`${column} < ${`${q.receivedTo} 24:00:00`}`] : []),
  ];
}

/**
 * Every filter of the query as conditions on `c` (all of them columns of the narrow register index), with
 * a search's condition on `c.id` when it has one.
 */
export function registerConditions(q: RegisterFilter, t: DueBounds, searchWhere: Sql | null): Sql[] {
  const c = (column: string) => sql.ref(`c.${column}`);
  const out: Sql[] = [...receivedRange(q, 'c')];
  if (searchWhere) out.push(searchWhere);
  if (q.caseType?.length) out.push(inList(c('case_type'), q.caseType));
  if (q.channel?.length) out.push(inList(c('channel'), q.channel));
  if (q.status?.length) out.push(inList(c('status'), q.status));
  if (q.severity?.length) out.push(inList(c('severity'), q.severity));
  if (q.respondentDepartmentId) out.push(sql`${c('respondent_department_id')} = ${q.respondentDepartmentId}`);
  if (q.handlerDepartmentId) out.push(sql`${c('handler_department_id')} = ${q.handlerDepartmentId}`);
  if (q.handlerStaffId) out.push(sql`${c('handler_staff_id')} = ${q.handlerStaffId}`);
  if (q.dueState?.length) out.push(dueCondition(q.dueState, t, c('due_date')));
  // One lookup of the (small) standing links per candidate, however the page is found.
  if (q.repeat) out.push(sql`${c('id')} IN (${standingRepeats(q.repeatSeenBy)})`);
  return out;
}

/** True when the query filters on nothing but (perhaps) status: the maintained counts answer it exactly. */
export function isStatusOnly(q: RegisterFilter): boolean {
  return !(q.receivedFrom || q.receivedTo || q.caseType?.length || q.channel?.length || q.severity?.length
    || q.respondentDepartmentId || q.handlerDepartmentId || q.handlerStaffId || q.dueState?.length || q.repeat);
}

/** The indexes one filter could start from, each with that filter as its condition. */
export function candidateSources(q: RegisterFilter, t: DueBounds): IndexSource[] {
  const d = (column: string) => sql.ref(`d.${column}`);
  const index = (name: string, where: Sql): IndexSource => ({ kind: 'lookup', index: name, where });
  const out: IndexSource[] = [];
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

/**
 * The source that finds the matches with least reading, given each candidate's estimate: the most
 * selective filter's index; failing one, a date range or due state (their matches sit together), else the
 * register in number order.
 */
export function pickSource(candidates: Array<{ source: IndexSource; estimate: number }>): Candidate {
  const cap = REGISTER_TUNING.estimateCap;
  const best = candidates.filter((e) => e.estimate < cap).sort((a, b) => a.estimate - b.estimate)[0];
  const together = candidates.find((e) => e.source.index === 'cases_received_filters' || e.source.index === 'cases_due');
  return best ?? { source: together?.source ?? REGISTER, estimate: cap };
}

/** How many entries an index holds for a source's condition, counted no further than the cap. */
export function estimateQuery(source: IndexSource): RawBuilder<{ n: number }> {
  const alias = sql.raw(source.kind === 'covering' ? 'c' : 'd');
  // Marked, so the benchmark's hand-written floor can leave plan-choosing out.
  return sql<{ n: number }>`/* estimate */ SELECT count(*) AS n FROM (SELECT 1 FROM cases AS ${alias} INDEXED BY ${sql.raw(source.index)}
      WHERE ${source.where} LIMIT ${REGISTER_TUNING.estimateCap})`;
}

/**
 * The matches of a query whose only condition is its source's own (one filter, or a search alone), counted
 * up to `cap + 1` in that source alone: one index read in order, no lookup per entry.
 */
export function countAloneQuery(source: Source, cap: number): RawBuilder<{ n: number }> {
  if (source.kind === 'ids') return sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM (${source.ids}) LIMIT ${cap + 1})`;
  const alias = sql.raw(source.kind === 'covering' ? 'c' : 'd');
  return sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM cases AS ${alias} INDEXED BY ${sql.raw(source.index)}
      WHERE ${source.where} LIMIT ${cap + 1})`;
}

/** `FROM ... WHERE ...` for a source and the query's conditions. */
export function fromWhere(source: Source, where: Sql[]): Sql {
  switch (source.kind) {
    case 'covering':
      return sql`FROM cases AS c INDEXED BY ${sql.raw(source.index)} WHERE ${source.where} AND ${conj(where)}`;
    case 'lookup':
      return sql`FROM cases AS d INDEXED BY ${sql.raw(source.index)} CROSS JOIN cases AS c INDEXED BY cases_register
        WHERE c.id = d.id AND ${source.where} AND ${conj(where)}`;
    case 'ids':
      return sql`FROM (${source.ids}) AS f CROSS JOIN cases AS c INDEXED BY cases_register
        WHERE c.id = f.id AND ${conj(where)}`;
  }
}

/** The matches, counted up to `cap + 1` (one more than the cap tells "more than the cap"). */
export function countQuery(source: Source, where: Sql[], cap: number): RawBuilder<{ n: number }> {
  return sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 ${fromWhere(source, where)} LIMIT ${cap + 1})`;
}

/**
 * A page of ids in one step or two: each step's SQL, and for the second (the cases without a due date,
 * after the latest due dates first) how to place it after the first.
 */
export type PagePlan =
  | { kind: 'one'; query: Sql }
  | { kind: 'datedThenUndated'; dated: Sql; datedCount: Sql; undated: (datedTotal: number, taken: number) => Sql };

/**
 * The page's ids. Few matches (or a selective filter that finds them all): take them from the counting
 * source and sort. Many: walk the sort order's own index and stop at the page.
 */
export function pagePlan(q: RegisterFilter & RegisterOrder, t: DueBounds, where: Sql[], chosen: Candidate, total: number): PagePlan {
  const { pageSize } = q;
  const offset = (q.page - 1) * pageSize;
  const dir = sql.raw(q.sortOrder === 'asc' ? 'ASC' : 'DESC');
  const limit = sql`LIMIT ${pageSize} OFFSET ${offset}`;
  const { source } = chosen;
  const one = (query: Sql): PagePlan => ({ kind: 'one', query });
  // A search's ids are sorted whatever their number (estimate 0); the repeats' ids (estimate counted) only
  // when few: past that the sort order's own index is walked with the repeat condition, like any filter.
  const sortAll = (source.kind === 'ids' && chosen.estimate <= REGISTER_TUNING.selectiveSortAllAt) || total <= REGISTER_TUNING.sortAllAt
    || (chosen.estimate <= REGISTER_TUNING.selectiveSortAllAt && source !== REGISTER);
  if (sortAll) {
    const order = q.sortBy === 'dueDate' ? sql`c.due_date IS NULL, c.due_date ${dir}, c.id ${dir}`
      : q.sortBy === 'receivedAt' ? sql`c.received_at ${dir}, c.id ${dir}`
        : source.kind === 'ids' ? sql`f.id ${dir}` : sql`c.id ${dir}`;
    return one(sql`SELECT c.id ${fromWhere(source, where)} ORDER BY ${order} ${limit}`);
  }
  const dates = q.receivedFrom || q.receivedTo;
  if (q.sortBy === 'registerNo') {
    // Over a date range, start at the range's first register number (oldest first) or its last (newest
    // first, when the range ends before today) rather than at an end of the whole register.
    const rangeIds = sql`FROM cases AS d INDEXED BY cases_received_filters WHERE ${conj(receivedRange(q, 'd'))}`;
    const bound = q.sortOrder === 'asc' && dates ? [sql`c.id >= (SELECT min(d.id) ${rangeIds})`]
      : q.sortOrder === 'desc' && q.receivedTo && q.receivedTo < t.today ? [sql`c.id <= (SELECT max(d.id) ${rangeIds})`]
        : [];
    return one(sql`SELECT c.id ${fromWhere(REGISTER, [...bound, ...where])} ORDER BY c.id ${dir} ${limit}`);
  }
  if (q.sortBy === 'receivedAt') {
    const walk: Source = { kind: 'covering', index: 'cases_received_filters', where: sql`1` };
    return one(sql`SELECT c.id ${fromWhere(walk, where)} ORDER BY c.received_at ${dir}, c.id ${dir} ${limit}`);
  }
  if (q.sortOrder === 'asc') {
    // Due dates in order, then the cases without one in register-number order: one index holds both.
    const walk: Source = {
      kind: 'lookup', index: 'cases_due_order',
      where: q.dueState?.length ? sql`(d.due_date IS NULL) = 0 AND ${dueCondition(q.dueState, t, sql.ref('d.due_date'))}` : sql`1`,
    };
    return one(sql`SELECT c.id ${fromWhere(walk, where)} ORDER BY d.due_date IS NULL, d.due_date, d.id ${limit}`);
  }
  // Latest due date first, then the cases without one (newest register number first): two walks.
  const dated: Source = {
    kind: 'lookup', index: 'cases_due',
    where: sql`d.due_date IS NOT NULL${q.dueState?.length ? sql` AND ${dueCondition(q.dueState, t, sql.ref('d.due_date'))}` : sql``}`,
  };
  const first = sql`SELECT c.id ${fromWhere(dated, where)} ORDER BY d.due_date DESC, d.id DESC ${limit}`;
  // A due-state filter leaves no case without a due date: nothing to walk on to.
  if (q.dueState?.length) return one(first);
  return {
    kind: 'datedThenUndated',
    dated: first,
    datedCount: sql`SELECT count(*) AS n ${fromWhere(dated, where)}`,
    undated: (datedTotal, taken) => sql`SELECT c.id ${fromWhere(REGISTER, [sql`c.due_date IS NULL`, ...where])}
      ORDER BY c.id DESC LIMIT ${pageSize - taken} OFFSET ${Math.max(0, offset - datedTotal)}`,
  };
}
