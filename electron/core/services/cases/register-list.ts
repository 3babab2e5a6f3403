import { cleanSearchText } from '../../../../db/queries/fts-query';
import { registerPageIds, type EstimateCache } from '../../../../db/queries/register';
import { digitsSearch, initialSearch, registerNoSearch, textSearch, type IdentityMatch, type RegisterSearch } from '../../../../db/queries/register-search';
import { localDate } from '../../local-time';
import type { ParsedInput } from '../../contract';
import { dueThresholds } from '../../domain/deadlines';
import { formatRegisterNo, parseRegisterNo } from '../../domain/numbering';
import { identityScope } from '../../domain/permissions';
import { AppError } from '../../errors';
import type { RegisterPage } from '../../types';
import type { Actor } from '../../session';
import type { CalendarService } from '../calendar';
import type { Deps } from '../deps';
import type { SettingsService } from '../settings';
import { caseSummaries } from './case-summaries';

type Query = ParsedInput<'cases/list'>;

/** Whose complainants' names and phones this actor's search may match (the permissions' identity scope). */
function identityMatch(actor: Actor): IdentityMatch {
  const scope = identityScope(actor);
  return scope === 'all' || scope === 'none' ? scope : { seenBy: scope.nonConfidentialAndOwn };
}

/**
 * What the search box holds, read as a clerk means it: a register number; digits (a phone, whole, by its
 * first or last digits, or a register number's sequence in any year); one character (a surname: the
 * complainants whose name starts with it); else text (the case text, and the names the actor may see).
 * Names and phones are identity: they find only the cases whose identity the actor sees.
 */
export async function searchFor(deps: Pick<Deps, 'db'>, actor: Actor, prefix: string, raw: string): Promise<RegisterSearch> {
  const term = cleanSearchText(raw);
  if (term === '') throw new AppError('VALIDATION', '「搜索」请输入要查找的登记编号、电话、姓名或文字', 'search');
  const regNo = parseRegisterNo(term);
  if (regNo) return registerNoSearch(formatRegisterNo(regNo.prefix || prefix, regNo.year, regNo.seq), term);
  const digits = term.replace(/[\s-]/g, '');
  if (/^\d+$/.test(digits)) return digitsSearch(term, digits, identityMatch(actor));
  if (Array.from(term).length === 1) return initialSearch(term, identityMatch(actor));
  return textSearch(deps.db, term, identityMatch(actor));
}

/**
 * The register's filter as this actor may apply it: the 重复件 filter counts only the links whose two ends a clerk
 * sees alike (register-plan.ts repeatSeenBy). The register list and its export both read through it.
 */
export function registerFilterFor<Q extends object>(actor: Actor, q: Q): Q & { repeatSeenBy?: number } {
  const scope = identityScope(actor);
  return typeof scope === 'object' ? { ...q, repeatSeenBy: scope.nonConfidentialAndOwn } : q;
}

/** The register (登记册): one page of cases for the filters, order and search, masked for the actor. */
export function createRegisterList(deps: Deps, settings: SettingsService, calendar: CalendarService) {
  const estimates: EstimateCache = new Map();

  async function list(actor: Actor, q: Query): Promise<RegisterPage> {
    const t = dueThresholds(await calendar.load(), localDate(deps.now()));
    const search = q.search ? await searchFor(deps, actor, (await settings.get()).numbering.prefix, q.search) : null;
    const found = await registerPageIds(deps.db, registerFilterFor(actor, q), t, search, estimates);
    return {
      rows: await caseSummaries(deps.db, found.ids, actor, t),
      total: found.total,
      totalIsExact: found.isExact,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  return { list };
}

export type RegisterList = ReturnType<typeof createRegisterList>;
