import dayjs from 'dayjs';
import { localDateTime } from '../local-time';
import { AppError } from '../errors';
import * as q from '../../../db/queries/sign-in-attempts';
import type { Deps, Trx } from './deps';

/**
 * Password guessing, counted in the database (migration 0004). An attempt is reserved in a short
 * transaction BEFORE its password is checked, and the reservation is refused once the account or the
 * client address has used up its allowance: parallel guesses queue on the one connection and only the
 * first few get a reservation, so no more than the allowance is ever checked. The slow scrypt runs
 * outside any transaction; its outcome is written in a second short one.
 *
 * - account: 5 attempts not known to have succeeded within 15 minutes lock it for 15 minutes;
 * - client address (the HTTP peer; the desktop window and the command line are one "local" client):
 *   past 10 such attempts within 15 minutes, whatever the names, it is slowed to one attempt a minute, one
 *   at a time. Slowed, not locked: every clerk of an office shares the one "local" address, and a lock
 *   there would let anyone at the PC shut every account out, the admin's too, for a quarter of an hour.
 * Unknown user names are counted like real ones, so the answers do not tell which accounts exist.
 */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const ACCOUNT_LIMIT = 5;
export const ACCOUNT_LOCK_MS = 15 * 60_000;
export const CLIENT_LIMIT = 10;
export const CLIENT_PAUSE_MS = 60_000;
/** What the desktop window and the command line count as: one person at this computer. */
export const LOCAL_CLIENT = 'local';

export const accountKey = (username: string) => username.normalize('NFC').toLowerCase();

/** "10:15", or "3月3日 00:10" when the time falls on another day than now: rounded up to the minute. */
function unlockTime(untilMs: number, nowMs: number): string {
  const until = dayjs(Math.ceil(untilMs / 60_000) * 60_000);
  return until.isSame(dayjs(nowMs), 'day') ? until.format('HH:mm') : until.format('M月D日 HH:mm');
}

const clientSlowedMessage = (untilMs: number, nowMs: number) => `这台电脑登录失败次数过多，请 ${Math.max(1, Math.ceil((untilMs - nowMs) / 1000))} 秒后再试`;

export const accountLockedMessage = (untilMs: number, nowMs: number) => `账号已锁定，请于 ${unlockTime(untilMs, nowMs)} 后再试，或请管理员解锁`;

export interface Reservation {
  id: number;
  key: string;
  client: string;
}

export function createSignInThrottle(deps: Deps) {
  const { db } = deps;

  return {
    /** Refuses (FORBIDDEN, field username) or records a pending attempt, atomically. */
    async reserve(username: string, client: string): Promise<Reservation> {
      const key = accountKey(username);
      return db.transaction().execute(async (trx) => {
        const now = deps.now().getTime();
        const since = now - SIGN_IN_WINDOW_MS;
        // Housekeeping on the way: what has left the window no longer counts, so it goes.
        await q.deleteExpired(trx, since, now);
        const account = await q.activeLock(trx, 'user', key, now);
        if (account) throw new AppError('FORBIDDEN', accountLockedMessage(account.until_ms, now), 'username');
        const address = await q.activeLock(trx, 'client', client, now);
        if (address) throw new AppError('FORBIDDEN', clientSlowedMessage(address.until_ms, now), 'username');
        // Attempts still being checked count too: that is what stops a burst of parallel guesses.
        if ((await q.countAttempts(trx, 'username', key, since, ['pending', 'failed'])) >= ACCOUNT_LIMIT) {
          throw new AppError('FORBIDDEN', '该账号登录尝试过于频繁，请稍后再试', 'username');
        }
        // Past its allowance an address gets one attempt at a time: a parallel burst gets no further.
        if ((await q.countAttempts(trx, 'client', client, since, ['pending', 'failed', 'cleared'])) >= CLIENT_LIMIT
          && (await q.countAttempts(trx, 'client', client, since, ['pending'])) > 0) {
          throw new AppError('FORBIDDEN', clientSlowedMessage(now + CLIENT_PAUSE_MS, now), 'username');
        }
        return { id: await q.insertPendingAttempt(trx, key, client, now), key, client };
      });
    },

    /** The password was wrong: the attempt counts, and may lock the account or the address. Returns the account's lock end, if any. */
    async failed(r: Reservation): Promise<number | null> {
      return db.transaction().execute(async (trx) => {
        const now = deps.now().getTime();
        const since = now - SIGN_IN_WINDOW_MS;
        await q.setAttemptState(trx, r.id, 'failed');
        if ((await q.countAttempts(trx, 'client', r.client, since, ['failed', 'cleared'])) >= CLIENT_LIMIT) {
          await q.putLock(trx, 'client', r.client, now, now + CLIENT_PAUSE_MS);
        }
        if ((await q.countAttempts(trx, 'username', r.key, since, ['failed'])) >= ACCOUNT_LIMIT) {
          await q.putLock(trx, 'user', r.key, now, now + ACCOUNT_LOCK_MS);
          return now + ACCOUNT_LOCK_MS;
        }
        return null;
      });
    },

    /** The password was right: the account starts again; this address's own slips are forgiven, others' stay theirs. */
    async succeeded(r: Reservation): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await q.deleteAttemptsOf(trx, r.key, r.client);
        await q.clearFailedAttempts(trx, r.key);
        await q.deleteAccountLock(trx, r.key);
      });
    },

    /** The password was right but the account is disabled: not a guess, so it does not count. */
    async withdrawn(r: Reservation): Promise<void> {
      await q.deleteAttempt(db, r.id);
    },

    /** An admin lifts an account's lock inside their own transaction. True when there was anything to lift. */
    async unlock(trx: Trx, username: string): Promise<boolean> {
      const key = accountKey(username);
      const now = deps.now().getTime();
      const lifted = await q.deleteAccountLock(trx, key, now);
      const forgiven = await q.clearFailedAttempts(trx, key, now - SIGN_IN_WINDOW_MS);
      return lifted + forgiven > 0;
    },

    /** Accounts locked now, by lower-cased name, with the local time the lock ends. */
    async lockedAccounts(): Promise<Map<string, string>> {
      const now = deps.now().getTime();
      const rows = await q.runningAccountLocks(db, now);
      return new Map(rows.map((r) => [r.key, localDateTime(new Date(r.until_ms))]));
    },
  };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
