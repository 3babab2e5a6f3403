import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore } from '../core';
import type { CoreSession } from '../session';
import { makeOffice, must, PASSWORD, type Office } from '../testing';
import * as passwords from './passwords';

// Counting the real scrypt calls is what proves a guess was (or was not) checked.
vi.mock('./passwords', async (importOriginal) => {
  const real = await importOriginal<typeof import('./passwords')>();
  return { ...real, hashPassword: vi.fn(real.hashPassword), verifyPassword: vi.fn(real.verifyPassword) };
});
const verified = () => vi.mocked(passwords.verifyPassword).mock.calls.length;
const hashed = () => vi.mocked(passwords.hashPassword).mock.calls.length;

const from = (client: string): CoreSession => ({ userId: null, client });
const LOCKED_AT_10_15 = '账号已锁定，请于 10:15 后再试，或请管理员解锁';

let office: Office;
beforeEach(async () => {
  office = await makeOffice();
  vi.mocked(passwords.verifyPassword).mockClear();
  vi.mocked(passwords.hashPassword).mockClear();
});
afterEach(async () => {
  await office.core.close();
});

describe('sign-in throttle', () => {
  it('checks at most 5 of 60 parallel wrong guesses, then refuses the right password with the time the account unlocks', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => office.core.call('auth/signIn', { username: 'clerk', password: `guess-${i}` }, from('http:10.1.1.1'))),
    );
    expect(verified()).toBeLessThanOrEqual(5);
    const checked = guesses.filter((r) => !r.ok && r.error.code === 'UNAUTHENTICATED');
    expect(checked.length).toBe(verified());
    expect(guesses.every((r) => !r.ok)).toBe(true);
    const right = await office.core.call('auth/signIn', { username: 'clerk', password: PASSWORD }, from('http:10.1.1.2'));
    expect(right).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: LOCKED_AT_10_15, field: 'username' } });
    expect(verified()).toBeLessThanOrEqual(5);
    // The same name in other letter cases is the same account.
    expect(must.bind(null, await office.core.call('auth/signIn', { username: 'CLERK', password: PASSWORD }, from('local')))).toThrow(LOCKED_AT_10_15);
  });

  it('also refuses the right password sent together with 60 wrong ones', async () => {
    const all = await Promise.all([
      ...Array.from({ length: 60 }, (_, i) => office.core.call('auth/signIn', { username: 'clerk', password: `guess-${i}` }, from('local'))),
      office.core.call('auth/signIn', { username: 'clerk', password: PASSWORD }, from('local')),
    ]);
    expect(verified()).toBeLessThanOrEqual(5);
    expect(all.at(-1)!.ok).toBe(false);
  });

  it('says so on the fifth failure, lifts the lock after 15 minutes, and a success clears the count', async () => {
    for (let i = 0; i < 4; i++) {
      expect(await office.core.call('auth/signIn', { username: 'clerk', password: 'wrong' }, from('local'))).toEqual({
        ok: false, error: { code: 'UNAUTHENTICATED', message: '用户名或密码不正确', field: 'password' },
      });
    }
    const fifth = await office.core.call('auth/signIn', { username: 'clerk', password: 'wrong' }, from('local'));
    expect(fifth).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: `用户名或密码不正确。${LOCKED_AT_10_15}`, field: 'password' } });
    office.clock.set('2026-03-02 10:14');
    expect((await office.core.call('auth/signIn', { username: 'clerk', password: PASSWORD }, from('local'))).ok).toBe(false);
    office.clock.set('2026-03-02 10:15');
    must(await office.core.call('auth/signIn', { username: 'clerk', password: PASSWORD }, from('local')));
    // Four failures after a success do not lock: the count started again.
    for (let i = 0; i < 4; i++) await office.core.call('auth/signIn', { username: 'clerk', password: 'wrong' }, from('local'));
    must(await office.core.call('auth/signIn', { username: 'clerk', password: PASSWORD }, from('local')));
  });

  it('counts failures across names per client address: 30 names tried from one address, at most 10 checked', async () => {
    const results = [];
    for (let i = 0; i < 30; i++) {
      results.push(await office.core.call('auth/signIn', { username: `user${i}`, password: 'guess' }, from('http:10.9.9.9')));
    }
    expect(verified()).toBe(10);
    const refused = results.slice(10);
    expect(refused.every((r) => !r.ok && r.error.code === 'FORBIDDEN')).toBe(true);
    expect(!refused[0].ok && refused[0].error.message).toBe('这台电脑登录失败次数过多，请 60 秒后再试');
    // The address is refused even with a right password for that minute; other addresses are not affected.
    expect((await office.core.call('auth/signIn', { username: 'clerk', password: PASSWORD }, from('http:10.9.9.9'))).ok).toBe(false);
    must(await office.core.call('auth/signIn', { username: 'clerk', password: PASSWORD }, from('http:10.9.9.10')));
    // Slowed, not locked: a minute later one more attempt is checked, and a wrong one pauses it again.
    office.clock.set('2026-03-02 10:01');
    expect(await office.core.call('auth/signIn', { username: 'user30', password: 'guess' }, from('http:10.9.9.9'))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(verified()).toBe(12); // the ten, the right password from the other address, this one
    expect(await office.core.call('auth/signIn', { username: 'user31', password: 'guess' }, from('http:10.9.9.9'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    office.clock.set('2026-03-02 10:02');
    must(await office.core.call('auth/signIn', { username: 'clerk', password: PASSWORD }, from('http:10.9.9.9')));
  });

  it('lets an admin see and lift the lock, recorded in history', async () => {
    for (let i = 0; i < 5; i++) await office.core.call('auth/signIn', { username: 'clerk', password: 'wrong' }, from('local'));
    const listed = must(await office.core.call('users/list', {}, office.as.admin)).find((u) => u.username === 'clerk')!;
    expect(listed.lockedUntil).toBe('2026-03-02 10:15:00');
    expect((await office.core.call('users/unlock', { id: office.userIds.clerk }, office.as.clerk)).ok).toBe(false); // admins only
    const unlocked = must(await office.core.call('users/unlock', { id: office.userIds.clerk }, office.as.admin));
    expect(unlocked.lockedUntil).toBeNull();
    must(await office.core.call('auth/signIn', { username: 'clerk', password: PASSWORD }, from('local')));
    const rows = await office.core.db.selectFrom('history').select(['action', 'actor_name', 'entity_id', 'note']).where('action', '=', 'user.unlock').execute();
    expect(rows).toEqual([{ action: 'user.unlock', actor_name: '系统管理员', entity_id: office.userIds.clerk, note: '管理员解除登录锁定' }]);
    // Nothing to unlock: nothing written.
    must(await office.core.call('users/unlock', { id: office.userIds.clerk }, office.as.admin));
    expect((await office.core.db.selectFrom('history').select('id').where('action', '=', 'user.unlock').execute()).length).toBe(1);
  });

  it('keeps the attempt table small: attempts older than the window are dropped', async () => {
    for (let i = 0; i < 3; i++) await office.core.call('auth/signIn', { username: `someone${i}`, password: 'x' }, from('local'));
    office.clock.set('2026-03-02 11:00');
    await office.core.call('auth/signIn', { username: 'later', password: 'x' }, from('local'));
    expect((await office.core.db.selectFrom('sign_in_attempts').select('username').execute()).map((r) => r.username)).toEqual(['later']);
  });
});

describe('the throttle is in the data folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-signin-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('survives a restart of the core on the same folder', async () => {
    const first = await openCore(dir, { log: () => {} });
    must(await first.callAsOperator('users/create', { username: 'zhaoli', displayName: '赵丽', password: 'clerk-password-1', role: 'clerk' }));
    for (let i = 0; i < 5; i++) await first.call('auth/signIn', { username: 'zhaoli', password: 'wrong' }, from('local'));
    await first.close();
    const second = await openCore(dir, { log: () => {} });
    try {
      const r = await second.call('auth/signIn', { username: 'zhaoli', password: 'clerk-password-1' }, from('local'));
      expect(r.ok).toBe(false);
      // This core runs on the real clock: a lock that ends after midnight names its day too (12月2日 00:15).
      expect(!r.ok && r.error.message).toMatch(/^账号已锁定，请于 (\d{1,2}月\d{1,2}日 )?\d\d:\d\d 后再试，或请管理员解锁$/);
    } finally {
      await second.close();
    }
  });
});

describe('hashing stays outside the database', () => {
  it('refuses setup/init on a set-up register before hashing anything', async () => {
    const r = await office.core.call('setup/init', { office: { name: '另一个单位' }, admin: { username: 'intruder', displayName: '入侵者', password: 'long-enough-1' } }, from('local'));
    expect(!r.ok && r.error.code).toBe('CONFLICT');
    expect(hashed()).toBe(0);
  });

  it('answers other requests while users/create hashes the password', async () => {
    const order: string[] = [];
    const create = office.core.call('users/create', { username: 'newbie', displayName: '新人', password: 'newbie-password-1', role: 'clerk' }, office.as.admin)
      .then((r) => order.push(r.ok ? 'create' : r.error.message));
    await new Promise((r) => setImmediate(r));
    const list = office.core.call('users/list', {}, office.as.admin).then(() => order.push('list'));
    await Promise.all([create, list]);
    expect(order).toEqual(['list', 'create']);
  });
});
