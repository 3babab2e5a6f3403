import { createHash } from 'node:crypto';
import { registerNoOf } from '../../../../db/queries/cases';
import { insertRegistrationKey, registrationKey } from '../../../../db/queries/registration-keys';
import { AppError } from '../../errors';
import type { Actor } from '../../session';
import type { Trx } from '../deps';
import type { Registration } from './registration';

/**
 * The idempotency key of `cases/register`: the renderer's draft id. A save whose answer was lost (the
 * server died after the commit) is sent again with the same id and finds the case it already made, so
 * the complaint is not registered twice. Keys are kept in their own table (migration 0005).
 */

/** What the registration said, so a retry can be told from a different registration under a reused id. */
export function registrationFingerprint(input: Registration): string {
  const { draftId: _key, ...rest } = input;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

/** The case this key already made for this user, or null when the key is new. Call inside the registering transaction. */
export async function caseForKey(trx: Trx, key: string, actor: Actor, fingerprint: string): Promise<number | null> {
  const prior = await registrationKey(trx, key);
  if (!prior) return null;
  // Another user's key says nothing of their case: not even that it exists under which number.
  if (prior.user_id !== actor.id) throw new AppError('FORBIDDEN', '「草稿编号」已被其他用户使用，请重新打开新登记页面', 'draftId');
  if (prior.fingerprint !== fingerprint) {
    const registerNo = await registerNoOf(trx, prior.case_id);
    throw new AppError('CONFLICT', `此草稿已登记为 ${registerNo}，本次提交的内容与之不同：请打开该案件修改，或清空草稿后重新登记`, 'draftId');
  }
  return prior.case_id;
}

export async function rememberKey(trx: Trx, key: string, actor: Actor, caseId: number, fingerprint: string, at: string): Promise<void> {
  await insertRegistrationKey(trx, { key, user_id: actor.id, case_id: caseId, fingerprint, created_at: at });
}
