import type { Kysely, Transaction } from 'kysely';
import type { Database, SignInAttemptsTable, SignInLocksTable } from '../types';

/**
 * Sign-in attempts not known to have succeeded (sign_in_attempts) and the accounts and client addresses
 * refused for a while (sign_in_locks), migration 0004. Times are epoch milliseconds.
 */
type Db = Kysely<Database> | Transaction<Database>;
export type AttemptState = SignInAttemptsTable['state'];
export type LockKind = SignInLocksTable['kind'];

/** Attempts and locks that have left the window, gone. */
export async function deleteExpired(db: Db, attemptsSince: number, now: number): Promise<void> {
  await db.deleteFrom('sign_in_attempts').where('at_ms', '<=', attemptsSince).execute();
  await db.deleteFrom('sign_in_locks').where('until_ms', '<=', now).execute();
}

/** The lock on this account or address still running at `now`, if any. */
export function activeLock(db: Db, kind: LockKind, key: string, now: number): Promise<{ until_ms: number } | undefined> {
  return db.selectFrom('sign_in_locks').select('until_ms').where('kind', '=', kind).where('key', '=', key).where('until_ms', '>', now).executeTakeFirst();
}

/** Attempts by this user name (or from this client) after `since` in one of `states`. */
export async function countAttempts(db: Db, column: 'username' | 'client', value: string, since: number, states: readonly AttemptState[]): Promise<number> {
  const row = await db.selectFrom('sign_in_attempts').select((eb) => eb.fn.countAll<number>().as('n'))
    .where(column, '=', value).where('at_ms', '>', since).where('state', 'in', states).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Locks (or locks again, from `now`) until `until`. */
export async function putLock(db: Db, kind: LockKind, key: string, now: number, until: number): Promise<void> {
  await db.insertInto('sign_in_locks').values({ kind, key, locked_at_ms: now, until_ms: until })
    .onConflict((oc) => oc.columns(['kind', 'key']).doUpdateSet({ locked_at_ms: now, until_ms: until })).execute();
}

/** A new pending attempt; its id. */
export async function insertPendingAttempt(db: Db, username: string, client: string, at: number): Promise<number> {
  const row = await db.insertInto('sign_in_attempts').values({ username, client, at_ms: at, state: 'pending' }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function setAttemptState(db: Db, id: number, state: AttemptState): Promise<void> {
  await db.updateTable('sign_in_attempts').set({ state }).where('id', '=', id).execute();
}

export async function deleteAttempt(db: Db, id: number): Promise<void> {
  await db.deleteFrom('sign_in_attempts').where('id', '=', id).execute();
}

/** Every attempt at this user name from this client, gone. */
export async function deleteAttemptsOf(db: Db, username: string, client: string): Promise<void> {
  await db.deleteFrom('sign_in_attempts').where('username', '=', username).where('client', '=', client).execute();
}

/** This user name's failed attempts (after `since`, when given) marked cleared; how many. */
export async function clearFailedAttempts(db: Db, username: string, since?: number): Promise<number> {
  let q = db.updateTable('sign_in_attempts').set({ state: 'cleared' }).where('username', '=', username).where('state', '=', 'failed');
  if (since !== undefined) q = q.where('at_ms', '>', since);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/** The account lock on this key gone (only one still running at `now`, when given); how many. */
export async function deleteAccountLock(db: Db, key: string, runningAt?: number): Promise<number> {
  let q = db.deleteFrom('sign_in_locks').where('kind', '=', 'user').where('key', '=', key);
  if (runningAt !== undefined) q = q.where('until_ms', '>', runningAt);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

/** Account locks still running at `now`. */
export function runningAccountLocks(db: Db, now: number): Promise<Array<{ key: string; until_ms: number }>> {
  return db.selectFrom('sign_in_locks').select(['key', 'until_ms']).where('kind', '=', 'user').where('until_ms', '>', now).execute();
}
