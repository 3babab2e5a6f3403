import path from 'node:path';
import type { Kysely } from 'kysely';
import { acquireDataLock, DataFolderLockedError } from '../../db/lock';
import { DB_FILE_NAME, openDatabase } from '../../db/open';
import type { Database } from '../../db/types';
import { contract, isChannel, type Channel, type ChannelOutput } from './contract';
import { mayCall } from './domain/permissions';
import { AppError, toErrorData, type Result } from './errors';
import { handlers } from './handlers';
import { createServices, type Services } from './services';

/**
 * The one entry point every adapter uses. A session is a small mutable object the adapter keeps per
 * window / cookie / command; sign-in and sign-out change it here, so no adapter can forget to.
 */
export interface CoreSession {
  userId: number | null;
}

export interface Core {
  call<C extends Channel>(channel: C | string, input: unknown, session: CoreSession): Promise<Result<ChannelOutput<C>>>;
  readonly services: Services;
  readonly db: Kysely<Database>;
  readonly dataDir: string | null;
  close(): Promise<void>;
}

export interface CoreOptions {
  now?: () => Date;
  log?: (err: unknown) => void;
}

function zodIssueToError(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): AppError {
  const first = issues[0];
  const field = first.path.map(String).join('.');
  return new AppError('VALIDATION', first.message, field || undefined);
}

export function createCore(db: Kysely<Database>, options: CoreOptions & { dataDir?: string | null; onClose?: () => Promise<void> } = {}): Core {
  const log = options.log ?? ((err: unknown) => console.error(err));
  const services = createServices({ db, now: options.now ?? (() => new Date()), log });

  async function call(channel: string, input: unknown, session: CoreSession): Promise<Result<any>> {
    try {
      if (!isChannel(channel)) throw new AppError('NOT_FOUND', `未知的接口：${String(channel).slice(0, 60)}`);
      const actor = session.userId === null ? null : await services.users.activeActor(session.userId);
      if (session.userId !== null && actor === null) session.userId = null; // deactivated or removed
      if (!mayCall(channel, actor?.role ?? null)) {
        throw actor === null
          ? new AppError('UNAUTHENTICATED', '请先登录')
          : new AppError('FORBIDDEN', '当前角色无权执行此操作');
      }
      const parsed = contract[channel].input.safeParse(input ?? {});
      if (!parsed.success) throw zodIssueToError(parsed.error.issues);
      const value = await (handlers[channel] as (s: Services, a: typeof actor, i: unknown, session: CoreSession) => Promise<unknown>)(
        services, actor, parsed.data, session,
      );
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toErrorData(err, log) };
    }
  }

  return {
    call: call as Core['call'],
    services,
    db,
    dataDir: options.dataDir ?? null,
    close: async () => {
      await db.destroy();
      await options.onClose?.();
    },
  };
}

/** Opens the data folder for writing: takes the single-writer lock, migrates, seeds defaults. */
export async function openCore(dataDir: string, options: CoreOptions = {}): Promise<Core> {
  let release: () => void;
  try {
    release = acquireDataLock(dataDir);
  } catch (err) {
    if (err instanceof DataFolderLockedError) throw new AppError('LOCKED', err.message);
    throw err;
  }
  try {
    const { db } = await openDatabase(path.join(dataDir, DB_FILE_NAME));
    const core = createCore(db, { ...options, dataDir, onClose: async () => release() });
    await core.services.settings.ensureDefaults();
    return core;
  } catch (err) {
    release();
    throw err;
  }
}

/** A fresh in-memory core, for tests and the benchmark's comparisons. */
export async function openMemoryCore(options: CoreOptions = {}): Promise<Core> {
  const { db } = await openDatabase(':memory:');
  const core = createCore(db, options);
  await core.services.settings.ensureDefaults();
  return core;
}
