import { hash } from 'node:crypto';
import type { HashedFields } from '../services/history';

export { GENESIS_HASH, historyHash, type HashedFields } from '../services/history';

/**
 * The same hash for the bulk loader, without building the array: each field through JSON.stringify on
 * its own gives the very same text (demo.test.ts checks both against history/verify).
 */
export function historyHashFast(prev: string, r: HashedFields): string {
  const s = JSON.stringify;
  const content = `[${s(r.entity)},${r.entity_id},${s(r.action)},${s(r.actor_id)},${s(r.actor_name)},${s(r.at)},${s(r.before)},${s(r.after)},${s(r.note)}]`;
  return hash('sha256', `${prev}\n${content}`, 'hex');
}
