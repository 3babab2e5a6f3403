import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../types';
import {
  candidateSources, countAloneQuery, countQuery, estimateQuery, isStatusOnly, pagePlan, pickSource, REGISTER, REGISTER_TUNING, registerConditions,
  repeatsEstimateQuery, standingRepeats,
  type Candidate, type DueBounds, type IndexSource, type RegisterFilter, type RegisterOrder, type Sql,
} from './register-plan';
import type { RegisterSearch } from './register-search';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Estimates only steer the plan, never the answer, so each is kept for a minute: paging on reuses it.
 * The caller owns the cache (one per register service).
 */
export type EstimateCache = Map<string, { n: number; at: number }>;

async function estimateEntries(db: Db, source: IndexSource, cache: EstimateCache): Promise<number> {
  const query = estimateQuery(source);
  const compiled = query.compile(db);
  const key = JSON.stringify([compiled.sql, compiled.parameters]);
  const now = Date.now();
  const known = cache.get(key);
  if (known && now - known.at < 60_000) return known.n;
  const n = Number((await query.execute(db)).rows[0].n);
  if (cache.size > 200) cache.clear();
  cache.set(key, { n, at: now });
  return n;
}

async function chooseSource(db: Db, q: RegisterFilter, t: DueBounds, search: RegisterSearch | null, cache: EstimateCache): Promise<Candidate> {
  // A search and the repeat filter: the search's ids that are repeats, checked against the (few) standing links
  // before any case is looked up; counted alone when no other filter applies. The `+` keeps SQLite from pushing
  // the IN into the full-text query as a rowid constraint: that probed the index once per repeat (40 s at 100,000).
  if (search && 'ids' in search && q.repeat) {
    return { source: { kind: 'ids', ids: sql`SELECT s.id FROM (${search.ids}) AS s WHERE +s.id IN (${standingRepeats(q.repeatSeenBy)})` }, estimate: 0 };
  }
  if (search && 'ids' in search) return { source: { kind: 'ids', ids: search.ids }, estimate: 0 };
  if (search && 'where' in search) return { source: REGISTER, estimate: 0 }; // a handful of ids
  // 重复件: the standing links are few beside the cases; the other filters are checked on each.
  if (q.repeat) return { source: { kind: 'ids', ids: standingRepeats(q.repeatSeenBy) }, estimate: Number((await repeatsEstimateQuery().execute(db)).rows[0].n) };
  const candidates: Array<{ source: IndexSource; estimate: number }> = [];
  for (const source of candidateSources(q, t)) candidates.push({ source, estimate: await estimateEntries(db, source, cache) });
  return pickSource(candidates);
}

async function ids(db: Db, query: Sql): Promise<number[]> {
  return (await sql<{ id: number }>`${query}`.execute(db)).rows.map((r) => r.id);
}

/** Cases in these statuses (all cases without a list), from the counts the triggers of migration 0007 keep. */
export async function maintainedCount(db: Db, statuses?: readonly string[]): Promise<number> {
  const row = await db.selectFrom('case_counts').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('n'), eb.lit(0)).as('n'))
    .$if(Boolean(statuses?.length), (qb) => qb.where('status', 'in', [...statuses!]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface RegisterIds {
  ids: number[];
  /** exact when `isExact`; otherwise counting stopped there and more match */
  total: number;
  isExact: boolean;
}

/** One register page's case ids, in order, and how many cases match in all. */
export async function registerPageIds(
  db: Db, q: RegisterFilter & RegisterOrder, t: DueBounds, search: RegisterSearch | null, cache: EstimateCache,
): Promise<RegisterIds> {
  if (search && 'none' in search) return { ids: [], total: 0, isExact: true };
  const offset = (q.page - 1) * q.pageSize;
  const where = registerConditions(q, t, search && 'where' in search ? search.where : null);
  const chosen = await chooseSource(db, q, t, search, cache);
  let total: number;
  let isExact = true;
  if (!search && isStatusOnly(q)) {
    total = await maintainedCount(db, q.status);
  } else {
    // One filter, or a search of many ids alone: its own index (or id list) holds the answer, read alone.
    const filters = candidateSources(q, t);
    // The repeat filter counts as a filter: alone, its own links hold the answer; with any other, none does.
    const idsAlone = filters.length === 0 && (search ? 'ids' in search : Boolean(q.repeat));
    const alone = !search && !q.repeat && filters.length === 1 ? filters[0] : idsAlone ? chosen.source : null;
    const cap = Math.max(alone ? REGISTER_TUNING.countCap : REGISTER_TUNING.lookupCountCap, offset + q.pageSize * 5);
    const query = alone ? countAloneQuery(alone, cap) : countQuery(chosen.source, where, cap);
    const counted = Number((await query.execute(db)).rows[0].n);
    isExact = counted <= cap;
    total = Math.min(counted, cap);
  }
  if (total === 0 || (offset >= total && isExact)) return { ids: [], total, isExact };
  const plan = pagePlan(q, t, where, chosen, total);
  if (plan.kind === 'one') return { ids: await ids(db, plan.query), total, isExact };
  const first = await ids(db, plan.dated);
  if (first.length === q.pageSize) return { ids: first, total, isExact };
  const datedTotal = first.length > 0 ? offset + first.length
    : Number((await sql<{ n: number }>`${plan.datedCount}`.execute(db)).rows[0].n);
  const rest = await ids(db, plan.undated(datedTotal, first.length));
  return { ids: [...first, ...rest], total, isExact };
}
