import { createHash, randomUUID } from 'node:crypto';
import { localDateTime } from '../local-time';
import type { ParsedInput } from '../contract';
import type { Role } from '../domain/vocab';
import { AppError } from '../errors';
import type { SessionUser, UserInfo } from '../types';
import type { UserRow } from '../../../db/types';
import type { Actor, CoreSession } from '../session';
import * as q from '../../../db/queries/users';
import type { Deps, Trx } from './deps';
import { appendHistory, diff } from './history';
import { hashPassword, verifyPassword } from './passwords';
import { accountKey, accountLockedMessage, createSignInThrottle, LOCAL_CLIENT } from './sign-in-throttle';

const toSessionUser = (u: UserRow): SessionUser => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role as Role,
  staffId: u.staff_id,
});

const toUserInfo = (u: UserRow, lockedUntil: string | null): UserInfo => ({ ...toSessionUser(u), active: u.active === 1, createdAt: u.created_at, lockedUntil });

export function createUserService(deps: Deps) {
  const { db } = deps;

  async function activeActor(session: CoreSession): Promise<SessionUser | null> {
    if (session.userId === null) return null;
    const u = await q.activeUserById(db, session.userId);
    if (!u || (session.credential !== undefined && session.credential !== fingerprint(u.password_hash))) return null;
    return toSessionUser(u);
  }

  function startSession(session: CoreSession, u: UserRow): void {
    session.userId = u.id;
    session.credential = fingerprint(u.password_hash);
    session.signInId = randomUUID();
  }

  const throttle = createSignInThrottle(deps);

  async function assertStaff(trx: Trx, staffId: number | null | undefined): Promise<void> {
    if (staffId === null || staffId === undefined) return;
    if (!(await q.staffExists(trx, staffId))) throw new AppError('VALIDATION', '「对应工作人员」不存在', 'staffId');
  }

  async function insertUser(trx: Trx, actor: Actor | null, input: { username: string; displayName: string; role: Role; staffId: number | null }, passwordHash: string): Promise<UserRow> {
    if (await q.isUsernameTaken(trx, input.username)) throw new AppError('CONFLICT', `用户名“${input.username}”已被使用`, 'username');
    await assertStaff(trx, input.staffId);
    const at = localDateTime(deps.now());
    const row = await q.insertUser(trx, {
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      password_hash: passwordHash,
      staff_id: input.staffId,
      created_at: at,
    });
    await appendHistory(trx, {
      entity: 'user', entityId: row.id, action: 'user.create', actor, at,
      after: { username: row.username, display_name: row.display_name, role: row.role, staff_id: row.staff_id },
    });
    return row;
  }

  async function hasUsers(): Promise<boolean> {
    return q.hasAnyUser(db);
  }

  async function withLock(u: UserRow): Promise<UserInfo> {
    return toUserInfo(u, (await throttle.lockedAccounts()).get(accountKey(u.username)) ?? null);
  }

  return {
    activeActor,

    hasUsers,

    /** First run only: creates the first admin and signs them in. Refused once any user exists. */
    async setupInit(input: ParsedInput<'setup/init'>, session: CoreSession, saveOffice: (trx: Trx, actor: Actor) => Promise<void>): Promise<SessionUser> {
      const alreadySetUp = () => new AppError('CONFLICT', '系统已完成首次设置，请登录');
      // Refused before hashing: a stranger must not be able to make the register run scrypt for nothing.
      if (await hasUsers()) throw alreadySetUp();
      const hash = await hashPassword(input.admin.password);
      const row = await db.transaction().execute(async (trx) => {
        if (await q.hasAnyUser(trx)) throw alreadySetUp();
        const at = localDateTime(deps.now());
        const created = await q.insertUser(trx, { username: input.admin.username, display_name: input.admin.displayName, role: 'admin', password_hash: hash, staff_id: null, created_at: at });
        const actor = toSessionUser(created);
        await appendHistory(trx, { entity: 'user', entityId: created.id, action: 'user.create', actor, at, after: { username: created.username, role: 'admin' }, note: '首次设置' });
        await saveOffice(trx, actor);
        return created;
      });
      startSession(session, row);
      return toSessionUser(row);
    },

    async signIn(input: ParsedInput<'auth/signIn'>, session: CoreSession): Promise<SessionUser> {
      const reservation = await throttle.reserve(input.username, session.client ?? LOCAL_CLIENT);
      const u = await q.userByUsername(db, input.username);
      // Same message for unknown user and wrong password: do not tell a stranger which accounts exist.
      const good = u ? await verifyPassword(input.password, u.password_hash) : await verifyPassword(input.password, DUMMY_HASH);
      if (!u || !good) {
        const lockedUntil = await throttle.failed(reservation);
        const locked = lockedUntil === null ? '' : `。${accountLockedMessage(lockedUntil, deps.now().getTime())}`;
        throw new AppError('UNAUTHENTICATED', `用户名或密码不正确${locked}`, 'password');
      }
      if (u.active !== 1) {
        await throttle.withdrawn(reservation);
        throw new AppError('FORBIDDEN', '该账号已停用，请联系管理员');
      }
      await throttle.succeeded(reservation);
      startSession(session, u);
      return toSessionUser(u);
    },

    /** Changing one's own password keeps this session and ends every other one. */
    async changePassword(actor: Actor, input: ParsedInput<'auth/changePassword'>, session: CoreSession): Promise<null> {
      const u = await q.userById(db, actor.id);
      if (!u) throw new AppError('NOT_FOUND', '用户不存在');
      if (!(await verifyPassword(input.oldPassword, u.password_hash))) throw new AppError('VALIDATION', '「原密码」不正确', 'oldPassword');
      const hash = await hashPassword(input.newPassword);
      await db.transaction().execute(async (trx) => {
        await q.updateUser(trx, actor.id, { password_hash: hash });
        await appendHistory(trx, { entity: 'user', entityId: actor.id, action: 'user.password', actor, at: localDateTime(deps.now()), note: '本人修改密码' });
      });
      session.credential = fingerprint(hash);
      return null;
    },

    async list(): Promise<UserInfo[]> {
      const rows = await q.allUsers(db);
      const locked = await throttle.lockedAccounts();
      return rows.map((u) => toUserInfo(u, locked.get(accountKey(u.username)) ?? null));
    },

    async create(actor: Actor | null, input: ParsedInput<'users/create'>): Promise<UserInfo> {
      // Hashed first: scrypt inside the transaction would hold the register's only connection for its
      // duration. A name already taken is refused before hashing (and checked again inside).
      if (await q.isUsernameTaken(db, input.username)) {
        throw new AppError('CONFLICT', `用户名“${input.username}”已被使用`, 'username');
      }
      const hash = await hashPassword(input.password);
      const row = await db.transaction().execute((trx) => insertUser(trx, actor, input, hash));
      return withLock(row);
    },

    async update(actor: Actor, input: ParsedInput<'users/update'>): Promise<UserInfo> {
      const hash = input.password ? await hashPassword(input.password) : undefined;
      const row = await db.transaction().execute(async (trx) => {
        const before = await q.userById(trx, input.id);
        if (!before) throw new AppError('NOT_FOUND', '用户不存在', 'id');
        await assertStaff(trx, input.staffId);
        const patch = {
          display_name: input.displayName,
          role: input.role,
          active: input.active === undefined ? undefined : input.active ? 1 : 0,
          staff_id: input.staffId,
        };
        const demotesLastAdmin = before.role === 'admin' && ((input.role && input.role !== 'admin') || input.active === false);
        if (demotesLastAdmin) {
          if ((await q.activeAdminCount(trx)) <= 1) throw new AppError('CONFLICT', '至少需要保留一个启用的管理员账号', input.role ? 'role' : 'active');
        }
        const change = diff(before as unknown as Record<string, unknown>, patch);
        if (change || hash) {
          await q.updateUser(trx, input.id, { ...patch, ...(hash ? { password_hash: hash } : {}) });
          await appendHistory(trx, {
            entity: 'user', entityId: input.id, action: 'user.update', actor, at: localDateTime(deps.now()),
            before: change?.before ?? null, after: change?.after ?? null, note: hash ? '管理员重置密码' : null,
          });
        }
        return (await q.userById(trx, input.id))!;
      });
      return withLock(row);
    },

    /** Lifts a sign-in lock before it runs out (the user called the admin). Recorded; nothing written when there was none. */
    async unlock(actor: Actor, input: ParsedInput<'users/unlock'>): Promise<UserInfo> {
      const row = await db.transaction().execute(async (trx) => {
        const u = await q.userById(trx, input.id);
        if (!u) throw new AppError('NOT_FOUND', '用户不存在', 'id');
        if (await throttle.unlock(trx, u.username)) {
          await appendHistory(trx, { entity: 'user', entityId: u.id, action: 'user.unlock', actor, at: localDateTime(deps.now()), note: '管理员解除登录锁定' });
        }
        return u;
      });
      return withLock(row);
    },
  };
}

const fingerprint = (passwordHash: string) => createHash('sha256').update(passwordHash).digest('hex').slice(0, 32);

// Verifying against a fixed hash when the user is unknown keeps the response time the same either way.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';

export type UserService = ReturnType<typeof createUserService>;
