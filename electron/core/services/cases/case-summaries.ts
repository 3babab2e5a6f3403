import type { Kysely } from 'kysely';
import { firstComplainants, summaryRows } from '../../../../db/queries/case-summaries';
import type { Database } from '../../../../db/types';
import type { DueThresholds } from '../../domain/deadlines';
import type { CaseSummary } from '../../types';
import type { Actor } from '../../session';
import { loadNames, summaryView, type SummaryRow } from './case-view';

/**
 * Register lines for these cases, in the order given, masked for the actor: the second phase of every
 * list (the register page, the work lists), once the ids are known.
 */
export async function caseSummaries(db: Kysely<Database>, ids: number[], actor: Actor, t: DueThresholds): Promise<CaseSummary[]> {
  if (ids.length === 0) return [];
  const [rows, firsts, names] = await Promise.all([summaryRows(db, ids), firstComplainants(db, ids), loadNames(db)]);
  const byId = new Map(rows.map((r) => [r.id, r as SummaryRow]));
  const firstBy = new Map(firsts.map((f) => [f.case_id, f]));
  return ids.map((id) => summaryView(byId.get(id)!, firstBy.get(id), names, actor, t));
}
