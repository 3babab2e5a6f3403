import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types';
import type { HistoryVerification } from '../types';
import type { Actor, Trx } from './deps';

/**
 * The append-only history: who, when, what before, what after. Each row carries the SHA-256 of its
 * content chained to the previous row's hash, so an auditor can verify nothing was altered or removed
 * (the database also refuses UPDATE and DELETE on this table).
 */
export interface HistoryInput {
  entity: 'case' | 'user' | 'settings' | 'department' | 'staff' | 'lookup' | 'calendar';
  entityId: number;
  action: string;
  actor: Actor | null;
  at: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  note?: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  entity: string; entity_id: number; action: string; actor_id: number | null; actor_name: string; at: string;
  before: string | null; after: string | null; note: string | null;
}

/** One row's hash, chained to the previous row's: what `verifyHistory` recomputes. */
export function historyHash(prev: string, r: HashedFields): string {
  const content = JSON.stringify([r.entity, r.entity_id, r.action, r.actor_id, r.actor_name, r.at, r.before, r.after, r.note]);
  return createHash('sha256').update(prev).update('\n').update(content).digest('hex');
}

/** Only the fields that changed, as {before, after}; null when nothing did. */
export function diff<T extends Record<string, unknown>>(before: T, patch: Partial<T>): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(value ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = value ?? null;
    }
  }
  return Object.keys(a).length === 0 ? null : { before: b, after: a };
}

export async function appendHistory(trx: Trx, input: HistoryInput): Promise<void> {
  const last = await trx.selectFrom('history').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const row = {
    entity: input.entity,
    entity_id: input.entityId,
    action: input.action,
    actor_id: input.actor?.id ?? null,
    actor_name: input.actor?.displayName ?? '系统',
    at: input.at,
    before: input.before ? JSON.stringify(input.before) : null,
    after: input.after ? JSON.stringify(input.after) : null,
    note: input.note ?? null,
  };
  const prev = last?.hash ?? GENESIS_HASH;
  await trx.insertInto('history').values({ ...row, prev_hash: prev, hash: historyHash(prev, row) }).execute();
}

export async function verifyHistory(db: Kysely<Database>): Promise<HistoryVerification> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('history').selectAll().where('id', '>', lastId).orderBy('id').limit(5000).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.prev_hash !== prev || historyHash(prev, r) !== r.hash) return { ok: false, checked, brokenAtId: r.id };
      prev = r.hash;
      lastId = r.id;
      checked++;
    }
  }
  return { ok: true, checked, brokenAtId: null };
}
