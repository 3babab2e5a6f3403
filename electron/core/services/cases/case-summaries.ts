import type { Kysely } from 'kysely';
import { complainantIdentities, firstComplainants, summaryRows } from '../../../../db/queries/case-summaries';
import type { Database } from '../../../../db/types';
import type { DueThresholds } from '../../domain/deadlines';
import type { IdentityPerson } from '../../domain/masking';
import type { CaseSummary } from '../../types';
import type { Actor } from '../../session';
import { loadNames, summaryView, type SummaryRow } from './case-view';
import { masksIdentityFor } from './identity-rules';

/**
 * Register lines for these cases, in the order given, masked for the actor: the second phase of every
 * list (the register page, the work lists), once the ids are known.
 */
export async function caseSummaries(db: Kysely<Database>, ids: number[], actor: Actor, t: DueThresholds): Promise<CaseSummary[]> {
  if (ids.length === 0) return [];
  const [rows, firsts, names] = await Promise.all([summaryRows(db, ids), firstComplainants(db, ids), loadNames(db)]);
  const byId = new Map(rows.map((r) => [r.id, r as SummaryRow]));
  const firstBy = new Map(firsts.map((f) => [f.case_id, f]));
  // The cases this actor sees masked: their complainants' identity typed into a subject is masked too.
  const masked = rows.filter((r) => masksIdentityFor(actor, r)).map((r) => r.id);
  const peopleBy = new Map<number, IdentityPerson[]>();
  for (const c of masked.length > 0 ? await complainantIdentities(db, masked) : []) {
    const list = peopleBy.get(c.case_id) ?? [];
    list.push({ name: c.name, phone: c.phone, idNumber: c.id_number, address: c.address, employer: c.employer });
    peopleBy.set(c.case_id, list);
  }
  return ids.map((id) => summaryView(byId.get(id)!, firstBy.get(id), names, actor, t, peopleBy.get(id)));
}
