import { complainantsOf } from '../../../../db/queries/complainants';
import type { ParsedInput } from '../../contract';
import { AppError } from '../../errors';
import type { Actor } from '../../session';
import type { ComplainantView } from '../../types';
import type { Deps } from '../deps';
import { appendHistory } from '../history';
import type { CaseChange } from './case-change';
import { complainantView } from './case-view';
import { mayRevealIdentityOf } from './identity-rules';

/**
 * A confidential complainant's full identity, for those entitled to ask (identity-rules.ts decides who
 * sees it masked and who may reveal it): who looked, when and why goes into the case history.
 */
export function createCaseIdentity(deps: Deps, kit: CaseChange) {
  const { db } = deps;
  return {
    async revealIdentity(actor: Actor, input: ParsedInput<'cases/revealIdentity'>): Promise<ComplainantView[]> {
      return db.transaction().execute(async (trx) => {
        const row = await kit.load(trx, input.id);
        if (!mayRevealIdentityOf(actor, row)) throw new AppError('FORBIDDEN', '该诉求人要求保密，您无权查看完整身份信息');
        const list = await complainantsOf(trx, row.id);
        await appendHistory(trx, { entity: 'case', entityId: row.id, action: 'identityViewed', actor, at: kit.nowText(), note: input.purpose });
        return list.map((c) => complainantView(c, false));
      });
    },
  };
}
