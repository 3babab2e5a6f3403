import {
  insertRepeatLink, linksOf, markUnlinked, repeatCandidates, standingLinkOf, standingRepeatsOf, type RepeatLinkRow,
} from '../../../../db/queries/case-repeats';
import { caseById, updateCaseAtVersion } from '../../../../db/queries/cases';
import { complainantsOf } from '../../../../db/queries/complainants';
import type { CaseRow } from '../../../../db/types';
import type { ParsedInput } from '../../contract';
import { identityScrubber, maskName } from '../../domain/masking';
import { identityScope } from '../../domain/permissions';
import { shiftYears } from '../../domain/statistics';
import type { CaseStatus } from '../../domain/vocab';
import { AppError } from '../../errors';
import { localDateTime } from '../../local-time';
import type { Actor } from '../../session';
import type { CaseDetail, CaseLinkView, HistoryEntry, RepeatCandidate } from '../../types';
import type { Deps, Trx } from '../deps';
import { appendHistory } from '../history';
import { masksIdentityFor } from './identity-rules';

/** How many earlier cases the registration form lists beside it. */
export const REPEAT_CANDIDATES_SHOWN = 20;

const earlierThan = (a: Pick<CaseRow, 'received_at' | 'id'>, b: Pick<CaseRow, 'received_at' | 'id'>) =>
  a.received_at < b.received_at || (a.received_at === b.received_at && a.id < b.id);

export const linkOtherEnd = (r: RepeatLinkRow, side: 'earlier' | 'later'): CaseLinkView => ({
  caseId: side === 'earlier' ? r.repeat_of_id : r.case_id,
  registerNo: side === 'earlier' ? r.repeat_of_register_no : r.case_register_no,
  receivedAt: side === 'earlier' ? r.repeat_of_received_at : r.case_received_at,
  linkedBy: r.linked_by_name,
  linkedAt: r.linked_at,
});

/**
 * A link ties two cases' complainants together (same phone or ID number): shown only to whoever sees both ends
 * alike, both in full or both masked. A clerk who sees one of them masked (a confidential case of someone else)
 * would otherwise read the protected complainant's name and phone on the other case.
 */
export function linkShownTo(actor: Actor, r: RepeatLinkRow): boolean {
  const later = masksIdentityFor(actor, { is_confidential: r.case_is_confidential, recorder_id: r.case_recorder_id, first_receiver_id: r.case_first_receiver_id });
  const earlier = masksIdentityFor(actor, { is_confidential: r.repeat_of_is_confidential, recorder_id: r.repeat_of_recorder_id, first_receiver_id: r.repeat_of_first_receiver_id });
  return later === earlier;
}

/** The timeline's note for a link entry whose other case the actor may not be shown (linkShownTo). */
export const HIDDEN_LINK_NOTE = '关联的案件不显示：两案诉求人身份的查看权限不同';

/** Both ends of a case's repeat links, for its page: what it repeats, and what repeats it, as the actor may be shown them. */
export async function repeatLinksOf(db: Deps['db'], caseId: number, actor: Actor): Promise<Pick<CaseDetail, 'repeatOf' | 'repeats'>> {
  const [own, later] = await Promise.all([standingLinkOf(db, caseId), standingRepeatsOf(db, caseId)]);
  return {
    repeatOf: own && linkShownTo(actor, own) ? linkOtherEnd(own, 'earlier') : null,
    repeats: later.filter((r) => linkShownTo(actor, r)).map((r) => linkOtherEnd(r, 'later')),
  };
}

/**
 * The case's timeline with the 标记为重复件 / 取消重复件标记 entries of a link the actor may not be shown
 * saying so instead of naming the other case (their notes name its register number).
 */
export async function timelineWithHiddenLinks(db: Deps['db'], caseId: number, actor: Actor, timeline: HistoryEntry[]): Promise<HistoryEntry[]> {
  if (!timeline.some((e) => e.action === 'repeatLinked' || e.action === 'repeatUnlinked')) return timeline;
  const hidden = (await linksOf(db, caseId)).filter((r) => !linkShownTo(actor, r)).map((r) => r.repeat_of_register_no);
  if (hidden.length === 0) return timeline;
  return timeline.map((e) => ((e.action === 'repeatLinked' || e.action === 'repeatUnlinked') && hidden.some((no) => e.note?.includes(no))
    ? { ...e, note: HIDDEN_LINK_NOTE }
    : e));
}

/** Who may be matched by an identity the actor types: the register's rule (identity-rules), as the candidates query takes it. */
function candidateScope(actor: Actor): 'all' | { userId: number } | null {
  const scope = identityScope(actor);
  return scope === 'none' ? null : scope === 'all' ? 'all' : { userId: scope.nonConfidentialAndOwn };
}

/**
 * `cases/register` with `repeatOfId`: the new case is linked as a repeat of that earlier case in the
 * registration's own transaction, only when it is one of the cases `cases/repeatCandidates` would have listed
 * for this registration (a complainant's phone or ID number, received in the 12 months before it, not voided,
 * its identity seen by the actor); anything else is refused naming 「被重复的案件」 and nothing is registered.
 * The link is the case's second history row (its timeline says who linked it), written with the first.
 */
/**
 * The one rule of a link, at registration and later alike: the earlier case must be one that
 * `cases/repeatCandidates` lists for the later case's complainants (a complainant's phone or ID number, received in
 * the 12 months before the later case, not voided, its identity seen by the actor). Refused naming 「被重复的案件」.
 */
async function candidateOrRefuse(trx: Trx, actor: Actor, v: {
  receivedAt: string; complainants: ReadonlyArray<{ phone: string; idNumber: string }>; repeatOfId: number;
}): Promise<{ id: number; register_no: string }> {
  const scope = candidateScope(actor);
  const keys = v.complainants
    .map((c) => ({ phoneDigits: c.phone ? c.phone.replace(/-/g, '') : null, idNumber: c.idNumber || null }))
    .filter((k) => k.phoneDigits || k.idNumber);
  if (keys.length === 0 || scope === null) {
    throw new AppError('VALIDATION', '「被重复的案件」须是同一电话或身份证号码的早先案件：本案件没有诉求人电话或身份证号码', 'repeatOfId');
  }
  for (const k of keys) {
    const [earlier] = await repeatCandidates(trx, {
      ...k, from: shiftYears(v.receivedAt.slice(0, 10), -1), before: v.receivedAt, limit: 1, visibleTo: scope, caseId: v.repeatOfId,
    });
    if (earlier) return earlier;
  }
  throw new AppError('VALIDATION', '「被重复的案件」不是本案件诉求人电话或身份证号码在收到时间前 12 个月内的案件，请从列出的早先案件中选择', 'repeatOfId');
}

/**
 * `cases/register` with `repeatOfId`: the new case is linked as a repeat of that earlier case in the
 * registration's own transaction, only when it is one of the cases `cases/repeatCandidates` would have listed
 * for this registration (candidateOrRefuse); anything else is refused naming 「被重复的案件」 and nothing is registered.
 * The link is the case's second history row (its timeline says who linked it), written with the first.
 */
export async function linkAtRegistration(trx: Trx, actor: Actor, v: {
  caseId: number; receivedAt: string; complainants: ReadonlyArray<{ phone: string; idNumber: string }>; repeatOfId: number; at: string;
}): Promise<void> {
  const earlier = await candidateOrRefuse(trx, actor, v);
  await insertRepeatLink(trx, { caseId: v.caseId, repeatOfId: earlier.id, byId: actor.id, byName: actor.displayName, at: v.at });
  await appendHistory(trx, {
    entity: 'case', entityId: v.caseId, action: 'repeatLinked', actor, at: v.at, before: {}, after: {}, note: `标记为 ${earlier.register_no} 的重复件`,
  });
}

/**
 * 重复件: earlier cases of the same phone or ID number while a clerk registers, and the link "this case repeats
 * that earlier one" (set by the clerk or later the supervisor; undone with a reason, never deleted). Each link
 * and unlink is a history row of the later case (its timeline), and bumps its version like any change.
 */
export function createCaseRepeats(deps: Deps, detail: (id: number, actor: Actor) => Promise<CaseDetail>) {
  const { db } = deps;
  const nowText = () => localDateTime(deps.now());

  async function load(trx: Trx, id: number, field: string, label: string): Promise<CaseRow> {
    const row = await caseById(trx, id);
    if (!row) throw new AppError('NOT_FOUND', `${label}不存在`, field);
    return row;
  }

  async function bump(trx: Trx, row: CaseRow, version: number, at: string): Promise<void> {
    if (version !== row.version || !(await updateCaseAtVersion(trx, row.id, row.version, { updated_at: at, version: row.version + 1 }))) {
      throw new AppError('CONFLICT', '该案件刚被他人修改，请刷新后再操作', 'version');
    }
  }

  return {
    async candidates(actor: Actor, input: ParsedInput<'cases/repeatCandidates'>): Promise<RepeatCandidate[]> {
      const phoneDigits = input.phone ? input.phone.replace(/-/g, '') : null;
      const idNumber = input.idNumber || null;
      if (!phoneDigits && !idNumber) return [];
      const before = input.before ?? nowText();
      // A date alone means "received before that day's end": the form may know only the day.
      const beforeText = before.length === 10 ? `${before} 24` : before;
      const scope = candidateScope(actor);
      if (scope === null) return [];
      const rows = await repeatCandidates(db, {
        phoneDigits, idNumber, from: shiftYears(before.slice(0, 10), -1), before: beforeText, limit: REPEAT_CANDIDATES_SHOWN, visibleTo: scope,
      });
      return rows.map((r) => {
        const masked = masksIdentityFor(actor, r);
        // The matched complainant's identity typed into the subject is masked like the name beside it.
        const subject = masked ? identityScrubber([{ name: r.name, phone: r.phone, idNumber: r.id_number, address: '', employer: '' }])(r.subject) : r.subject;
        return {
        id: r.id, registerNo: r.register_no, receivedAt: r.received_at, caseType: r.case_type, channel: r.channel, subject,
        status: r.status as CaseStatus,
        matchedBy: [
          ...(phoneDigits && r.phone.replace(/-/g, '') === phoneDigits ? ['phone' as const] : []),
          ...(idNumber && r.id_number === idNumber ? ['idNumber' as const] : []),
        ],
        complainantName: masked ? maskName(r.name) : r.name,
        };
      });
    },

    async link(actor: Actor, input: ParsedInput<'cases/linkRepeat'>): Promise<CaseDetail> {
      await db.transaction().execute(async (trx) => {
        const row = await load(trx, input.id, 'id', '案件');
        const earlier = await load(trx, input.repeatOfId, 'repeatOfId', '被重复的案件');
        if (row.status === 'voided') throw new AppError('INVALID_TRANSITION', '已作废的案件不能标记为重复件');
        if (earlier.status === 'voided') throw new AppError('VALIDATION', `「被重复的案件」${earlier.register_no} 已作废`, 'repeatOfId');
        if (earlier.id === row.id) throw new AppError('VALIDATION', '「被重复的案件」不能是本案件自己', 'repeatOfId');
        if (!earlierThan(earlier, row)) {
          throw new AppError('VALIDATION', `「被重复的案件」须早于本案件收到：${earlier.register_no} 收到于 ${earlier.received_at}`, 'repeatOfId');
        }
        const standing = await standingLinkOf(trx, row.id);
        if (standing) {
          const named = linkShownTo(actor, standing) ? ` ${standing.repeat_of_register_no} 的` : '';
          throw new AppError('CONFLICT', `本案件已标记为${named}重复件，请先取消该标记`, 'repeatOfId');
        }
        // Only a case the 标记为重复件 dialog lists: the same complainant's phone or ID number, 12 months before. Whoever
        // sees this case's complainant masked cannot pick one, and must not learn by trying whose phone matches whose.
        if (masksIdentityFor(actor, row)) {
          throw new AppError('FORBIDDEN', '本案件的诉求人身份对您不可见，不能标记重复件：请由可查看其身份的人员标记', 'repeatOfId');
        }
        const people = (await complainantsOf(trx, row.id)).map((p) => ({ phone: p.phone, idNumber: p.id_number }));
        await candidateOrRefuse(trx, actor, { receivedAt: row.received_at, complainants: people, repeatOfId: earlier.id });
        const at = nowText();
        await bump(trx, row, input.version, at);
        await insertRepeatLink(trx, { caseId: row.id, repeatOfId: earlier.id, byId: actor.id, byName: actor.displayName, at });
        await appendHistory(trx, {
          entity: 'case', entityId: row.id, action: 'repeatLinked', actor, at, before: {}, after: {}, note: `标记为 ${earlier.register_no} 的重复件`,
        });
      });
      return detail(input.id, actor);
    },

    async unlink(actor: Actor, input: ParsedInput<'cases/unlinkRepeat'>): Promise<CaseDetail> {
      await db.transaction().execute(async (trx) => {
        const row = await load(trx, input.id, 'id', '案件');
        const standing = await standingLinkOf(trx, row.id);
        if (!standing) throw new AppError('INVALID_TRANSITION', '本案件未标记为重复件');
        const at = nowText();
        await bump(trx, row, input.version, at);
        await markUnlinked(trx, standing.id, { byId: actor.id, byName: actor.displayName, at, reason: input.reason });
        await appendHistory(trx, {
          entity: 'case', entityId: row.id, action: 'repeatUnlinked', actor, at, before: {}, after: {},
          note: `取消 ${standing.repeat_of_register_no} 的重复件标记：${input.reason}`,
        });
      });
      return detail(input.id, actor);
    },
  };
}

export type CaseRepeats = ReturnType<typeof createCaseRepeats>;
