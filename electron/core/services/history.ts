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
  entity: 'case' | 'user' | 'settings' | 'department' | 'staff' | 'lookup' | 'calendar' | 'statistics' | 'export' | 'register';
  entityId: number;
  action: string;
  /** who (recorded by id and by the name they had then); null: the system itself */
  actor: Pick<Actor, 'id' | 'displayName'> | null;
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

/** Complainants as entered (the contract's shape), numbered in order, as the history records them. */
export const recordedComplainants = (list: ReadonlyArray<{ name: string; gender: string | null; phone: string; idNumber: string; address: string; employer: string }>): RecordedComplainant[] =>
  list.map((c, i) => ({ seq: i + 1, name: c.name, gender: c.gender, phone: c.phone, id_number: c.idNumber, address: c.address, employer: c.employer }));

/**
 * The registration entry's `after`: the whole inserted row (minus the unrecorded columns) and its
 * complainants. A column left out is NULL (a new case has some twenty of them): replay reads a column the
 * history never mentions as NULL, and the entry stays about half as long to write, hash and verify.
 * Written straight to JSON text, column by column (the text JSON.stringify gives the same object): the
 * demo loader writes a million of these, and building each object first cost it ten seconds.
 */
export function caseSnapshotJson(row: CaseRow, complainants: RecordedComplainant[]): string {
  const r = row as unknown as Record<string, unknown>;
  let out = '{';
  for (const key in r) {
    const value = r[key];
    if (value === null || value === undefined || UNRECORDED_CASE_COLUMNS.has(key)) continue;
    // A key is a column name (snake_case, nothing to escape).
    out += `"${key}":${typeof value === 'number' && Number.isFinite(value) ? value : JSON.stringify(value)},`;
  }
  return `${out}"complainants":${JSON.stringify(complainants)}}`;
}

/** The registration entry's `after` as an object (appendHistory stores it as the same text). */
export const caseSnapshot = (row: CaseRow, complainants: RecordedComplainant[]): Record<string, unknown> =>
  JSON.parse(caseSnapshotJson(row, complainants)) as Record<string, unknown>;

/** Text, numbers, booleans and NULL: values whose JSON texts differ exactly when the values do. */
const isScalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/**
 * Only the fields that changed, as {before, after}; null when nothing did. Values compare as their JSON
 * text (a list of complainants is one value); scalars, nearly every column, directly, which gives the
 * same answer without writing the text out (the demo loader diffs some five million patches).
 */
export function diff<T extends Record<string, unknown>>(before: T, patch: Partial<T>): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  let b: Record<string, unknown> | null = null;
  let a: Record<string, unknown> | null = null;
  for (const key in patch) {
    const value = patch[key];
    if (value === undefined) continue;
    const old = before[key] ?? null;
    const now = value ?? null;
    if (old === now || (!(isScalar(old) && isScalar(now)) && JSON.stringify(old) === JSON.stringify(now))) continue;
    (b ??= {})[key] = old;
    (a ??= {})[key] = now;
  }
  return a === null ? null : { before: b!, after: a };
}

/** The row `input` appends after the row whose hash is `prev`: its fields as stored, and the chain's two hashes. */
export function chainedHistoryRow(prev: string, input: HistoryInput): HashedFields & { prev_hash: string; hash: string } {
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
  return { ...row, prev_hash: prev, hash: historyHash(prev, row) };
}

export async function appendHistory(trx: Trx, input: HistoryInput): Promise<void> {
  await insertHistoryRow(trx, chainedHistoryRow((await lastHistoryHash(trx)) ?? GENESIS_HASH, input));
}
