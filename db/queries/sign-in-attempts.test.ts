import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../open';
import * as q from './sign-in-attempts';

let opened: OpenedDatabase;
beforeEach(async () => {
  opened = await openDatabase(':memory:');
});
afterEach(async () => {
  await opened.close();
});

const states = async () =>
  (await opened.db.selectFrom('sign_in_attempts').select(['username', 'client', 'at_ms', 'state']).orderBy('id').execute()).map((r) => `${r.username}@${r.client}:${r.at_ms}:${r.state}`);

describe('sign-in attempt queries', () => {
  it('count by name or client, within the window and the states asked for', async () => {
    const a = await q.insertPendingAttempt(opened.db, 'clerk', 'http:1', 100);
    await q.insertPendingAttempt(opened.db, 'clerk', 'http:2', 200);
    await q.insertPendingAttempt(opened.db, 'admin', 'http:1', 300);
    await q.setAttemptState(opened.db, a, 'failed');
    expect(await q.countAttempts(opened.db, 'username', 'clerk', 0, ['pending', 'failed'])).toBe(2);
    expect(await q.countAttempts(opened.db, 'username', 'clerk', 100, ['pending', 'failed'])).toBe(1); // after `since`, not at it
    expect(await q.countAttempts(opened.db, 'client', 'http:1', 0, ['failed'])).toBe(1);
    expect(await q.countAttempts(opened.db, 'client', 'http:1', 0, ['pending', 'failed', 'cleared'])).toBe(2);
  });

  it('clear failed attempts of one name, all of them or only those after a moment, and say how many', async () => {
    for (const at of [100, 200, 300]) await q.setAttemptState(opened.db, await q.insertPendingAttempt(opened.db, 'clerk', 'local', at), 'failed');
    await q.setAttemptState(opened.db, await q.insertPendingAttempt(opened.db, 'other', 'local', 300), 'failed');
    expect(await q.clearFailedAttempts(opened.db, 'clerk', 150)).toBe(2);
    expect(await states()).toEqual(['clerk@local:100:failed', 'clerk@local:200:cleared', 'clerk@local:300:cleared', 'other@local:300:failed']);
    expect(await q.clearFailedAttempts(opened.db, 'clerk')).toBe(1);
    expect(await q.clearFailedAttempts(opened.db, 'clerk')).toBe(0);
  });

  it('lock again from a new moment, find only running locks, lift an account lock only while it runs when asked so', async () => {
    await q.putLock(opened.db, 'user', 'clerk', 1000, 2000);
    await q.putLock(opened.db, 'user', 'clerk', 1500, 2500); // locked again: one lock, the later end
    await q.putLock(opened.db, 'client', 'http:1', 1000, 1100);
    expect(await q.activeLock(opened.db, 'user', 'clerk', 2400)).toEqual({ until_ms: 2500 });
    expect(await q.activeLock(opened.db, 'client', 'http:1', 1100)).toBeUndefined(); // ended at 1100
    expect(await q.runningAccountLocks(opened.db, 2000)).toEqual([{ key: 'clerk', until_ms: 2500 }]);
    expect(await q.deleteAccountLock(opened.db, 'clerk', 2600)).toBe(0); // over by then: nothing to lift
    expect(await q.deleteAccountLock(opened.db, 'clerk', 2400)).toBe(1);
    expect(await q.runningAccountLocks(opened.db, 0)).toEqual([]);
  });

  it('drop what has left the window: attempts at or before it, locks ended by now', async () => {
    await q.insertPendingAttempt(opened.db, 'clerk', 'local', 100);
    await q.insertPendingAttempt(opened.db, 'clerk', 'local', 200);
    await q.putLock(opened.db, 'client', 'local', 0, 500);
    await q.putLock(opened.db, 'user', 'clerk', 0, 501);
    await q.deleteExpired(opened.db, 100, 500);
    expect(await states()).toEqual(['clerk@local:200:pending']);
    expect(await q.activeLock(opened.db, 'user', 'clerk', 500)).toEqual({ until_ms: 501 });
    expect(await opened.db.selectFrom('sign_in_locks').select('key').execute()).toEqual([{ key: 'clerk' }]);
  });

  it("forget one name's attempts from one client, and one attempt by id", async () => {
    const keep = await q.insertPendingAttempt(opened.db, 'clerk', 'http:2', 100);
    await q.insertPendingAttempt(opened.db, 'clerk', 'http:1', 100);
    const other = await q.insertPendingAttempt(opened.db, 'admin', 'http:1', 100);
    await q.deleteAttemptsOf(opened.db, 'clerk', 'http:1');
    await q.deleteAttempt(opened.db, other);
    expect(await states()).toEqual(['clerk@http:2:100:pending']);
    expect(keep).toBeGreaterThan(0);
  });
});
