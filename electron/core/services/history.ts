import { hash } from 'node:crypto';
import { insertHistoryRow, lastHistoryHash } from '../../../db/queries/history';
import type { CaseRow, ComplainantRow } from '../../../db/types';
import { toWellFormedText } from '../well-formed';
import type { Actor } from '../session';
import type { Trx } from './deps';

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

/**
 * One row's hash, chained to the previous row's: what verification recomputes from the stored row. The
 * content is the JSON array of the fields, written out field by field (the same text as
 * JSON.stringify of the array, without building it: verification hashes millions of rows).
 */
export function historyHash(prev: string, r: HashedFields): string {
  const s = JSON.stringify;
  const content = `[${s(r.entity)},${s(r.entity_id)},${s(r.action)},${s(r.actor_id)},${s(r.actor_name)},${s(r.at)},${s(r.before)},${s(r.after)},${s(r.note)}]`;
  return hash('sha256', `${prev}\n${content}`, 'hex');
}

/**
 * A history row as SQLite will hand it back. Validation refuses text that is not well-formed, but a row
 * is hashed over exactly what is stored whatever reaches here: a lone surrogate would be written as
 * bytes that read back as U+FFFD, so a hash over the surrogate would never verify again.
 */
export function storedHistoryFields(r: HashedFields): HashedFields {
  const t = (v: string | null) => (v === null ? null : toWellFormedText(v));
  return {
    entity: t(r.entity)!, entity_id: r.entity_id, action: t(r.action)!, actor_id: r.actor_id, actor_name: t(r.actor_name)!, at: t(r.at)!,
    before: t(r.before), after: t(r.after), note: t(r.note),
  };
}

/**
 * Case columns the history does not record: the row id (the history's entity_id), and the optimistic-lock
 * version and updated_at, which every change moves (the change's own history row says when). Every other
 * column is in the registration's snapshot and in each later change's before/after, so replaying a case's
 * history gives its current row (verification checks exactly that).
 */
export const UNRECORDED_CASE_COLUMNS: ReadonlySet<string> = new Set(['id', 'version', 'updated_at']);

/** A complainant as the history records it. */
export type RecordedComplainant = Omit<ComplainantRow, 'id' | 'case_id'>;

export const recordedComplainant = (c: Pick<ComplainantRow, keyof RecordedComplainant>): RecordedComplainant => ({
  seq: c.seq, name: c.name, gender: c.gender, phone: c.phone, id_number: c.id_number, address: c.address, employer: c.employer,
});

/**
 * The registration entry's `after`: the whole inserted row (minus the unrecorded columns) and its
 * complainants. A column left out is NULL (a new case has some twenty of them): replay reads a column the
 * history never mentions as NULL, and the entry stays about half as long to write, hash and verify.
 */
export function caseSnapshot(row: CaseRow, complainants: RecordedComplainant[]): Record<string, unknown> {
  const snapshot: Record<string, unknown> = {};
  const r = row as unknown as Record<string, unknown>;
  for (const key in r) {
    const value = r[key];
    if (value !== null && value !== undefined && !UNRECORDED_CASE_COLUMNS.has(key)) snapshot[key] = value;
  }
  snapshot.complainants = complainants;
  return snapshot;
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
  const last = await lastHistoryHash(trx);
  const row = storedHistoryFields({
    entity: input.entity,
    entity_id: input.entityId,
    action: input.action,
    actor_id: input.actor?.id ?? null,
    actor_name: input.actor?.displayName ?? '系统',
    at: input.at,
    before: input.before ? JSON.stringify(input.before) : null,
    after: input.after ? JSON.stringify(input.after) : null,
    note: input.note ?? null,
  });
  const prev = last ?? GENESIS_HASH;
  await insertHistoryRow(trx, { ...row, prev_hash: prev, hash: historyHash(prev, row) });
}
