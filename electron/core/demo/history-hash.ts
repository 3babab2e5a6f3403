import { hash } from 'node:crypto';

/**
 * TEMPORARY mirror of `rowHash` in services/history.ts, which is not exported yet. Asked the lead to
 * export it as `historyHash(prev, row)`; then this file becomes `export { historyHash } from
 * '../services/history'`. The demo test runs `history/verify` over seeded rows, so any drift between
 * the two fails loudly.
 */
export interface HashedFields {
  entity: string; entity_id: number; action: string; actor_id: number | null; actor_name: string; at: string;
  before: string | null; after: string | null; note: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

export function historyHash(prev: string, r: HashedFields): string {
  const content = JSON.stringify([r.entity, r.entity_id, r.action, r.actor_id, r.actor_name, r.at, r.before, r.after, r.note]);
  return hash('sha256', `${prev}\n${content}`, 'hex');
}

/**
 * The same hash for the bulk loader, without building the array: each field through JSON.stringify on
 * its own gives the very same text (demo.test.ts checks both against history/verify).
 */
export function historyHashFast(prev: string, r: HashedFields): string {
  const s = JSON.stringify;
  const content = `[${s(r.entity)},${r.entity_id},${s(r.action)},${s(r.actor_id)},${s(r.actor_name)},${s(r.at)},${s(r.before)},${s(r.after)},${s(r.note)}]`;
  return hash('sha256', `${prev}\n${content}`, 'hex');
}
