import fs from 'node:fs';
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
import { COMMAND_LINE_ACTOR, type Actor, type CoreSession } from './session';

/**
 * The one entry point every adapter uses; sign-in and sign-out change the caller's session here.
 */
export interface Core {
  call<C extends Channel>(channel: C | string, input: unknown, session: CoreSession): Promise<Result<ChannelOutput<C>>>;
  /**
   * The command line acts as the machine's operator (an admin), recorded as 命令行 in history; `actor` gives
   * the operator another role for a command that is a case worker's (`doc` issues papers as a supervisor).
   */
  callAsOperator<C extends Channel>(channel: C, input: unknown, actor?: Actor): Promise<Result<ChannelOutput<C>>>;
  readonly services: Services;
  readonly db: Kysely<Database>;
  readonly dataDir: string | null;
  close(): Promise<void>;
}

export interface CoreOptions {
  now?: () => Date;
  log?: (err: unknown) => void;
  /** where issued papers are stored (papers/<year>/…): the data folder unless given; a core without either cannot issue papers */
  papersRoot?: string | null;
  /** see Deps.exportInThread */
  exportInThread?: boolean;
  /** 'schedule' (serve, the desktop app): the day's backup soon after open, every 4 h, one on close (services/backup) */
  backups?: 'schedule';
}

function zodIssueToError(issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code?: string; keys?: string[] }>): AppError {
  const first = issues[0];
  // A field that should not be there is named as the field at fault.
  const path = first.code === 'unrecognized_keys' && first.keys?.length ? [...first.path, first.keys[0]] : first.path;
  const field = path.map(String).join('.');
  return new AppError('VALIDATION', first.message, field || undefined);
}

export function createCore(
  db: Kysely<Database>,
  options: CoreOptions & { dataDir?: string | null; onClose?: () => Promise<void> } = {},
): Core {
  const log = options.log ?? ((err: unknown) => console.error(err));
  const services = createServices({ db, now: options.now ?? (() => new Date()), log, papersRoot: options.papersRoot ?? options.dataDir ?? null, exportInThread: options.exportInThread, dataDir: options.dataDir ?? null });

  async function call(channel: string, input: unknown, session: CoreSession, operator?: Actor): Promise<Result<any>> {
    try {
      if (!isChannel(channel)) throw new AppError('NOT_FOUND', `未知的接口：${String(channel).slice(0, 60)}`);
      const actor = operator ?? (session.userId === null ? null : await services.users.activeActor(session));
      if (session.userId !== null && actor === null) session.userId = null; // deactivated, removed or password reset
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
    call: ((channel: string, input: unknown, session: CoreSession) => call(channel, input, session)) as Core['call'],
    callAsOperator: ((channel: string, input: unknown, actor?: Actor) => call(channel, input, { userId: null }, actor ?? COMMAND_LINE_ACTOR)) as Core['callAsOperator'],
    services,
    db,
    dataDir: options.dataDir ?? null,
    close: async () => {
      await services.backups.close(); // a backup in progress ends, a scheduled core makes its close backup
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
    // Exports a previous run left unfinished or unfetched (only the folder's writer removes them).
    core.services.registerExport.removeLeftovers();
    if (options.backups === 'schedule') core.services.backups.startSchedule();
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

/**
 * Reads a data folder without taking the writer's lock (the desktop app may be running): e.g. `due`.
 * A folder without a register is refused: answering from an empty stand-in would look like a real (and
 * empty) register to whoever mistyped --data.
 */
export async function openReadOnlyCore(dataDir: string, options: CoreOptions = {}): Promise<Core> {
  const file = path.join(dataDir, DB_FILE_NAME);
  if (!fs.existsSync(file)) {
    throw new AppError('NOT_FOUND', `数据目录“${dataDir}”中没有登记册（找不到 ${DB_FILE_NAME}）。请检查 --data 指向的目录是否正确；登记册由桌面版、serve 或 user add 在第一次使用时创建。`);
  }
  const { db } = await openDatabase(file, { readonly: true });
  return createCore(db, { ...options, dataDir });
}
