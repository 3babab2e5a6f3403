import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { acquireDataLock, DataFolderLockedError } from '../../db/lock';
import { DB_FILE_NAME, openDatabase } from '../../db/open';
import { checkRegisterFile, onlyIndexProblems, rebuildIndexes } from '../../db/register-check';
import type { Database } from '../../db/types';
import { contract, isChannel, type Channel, type ChannelOutput } from './contract';
import { CORE_CHANNELS, type CoreChannel } from './core-channels';
import { mayCall } from './domain/permissions';
import { AppError, toErrorData, type Result } from './errors';
import { handlers } from './handlers';
import { createServices, type Services } from './services';
import { isBackupAdmin, newestVerifiedBackup, quarantine, RecoveryThrottle, restoreAdvice, type Damage } from './services/backup/recovery';
import { inspectBackup, refusal, restoreFiles } from './services/backup/restore';
import { COMMAND_LINE_ACTOR, type Actor, type CoreSession } from './session';
import type { RecoveryStatus, RestoreResult } from './types';

/**
 * The one entry point every adapter uses; sign-in and sign-out change the caller's session here.
 *
 * A core on a data folder can swap its register (backup/restore): it stops what runs beside the calls
 * (backup schedule, verification), lets the calls in flight finish while new ones wait, closes the
 * database, restores the files, and opens services over the new database. `services` and `db` are
 * therefore read from the core each time (getters), never kept. Every session signed in before the swap
 * is signed out (the core's generation changes).
 *
 * A core in recovery mode (openCoreOrRecovery on a register that could not be opened) answers only
 * recovery/*; every other channel answers CORRUPT with what happened. A restore there opens the register
 * and the same core goes on as a normal one.
 */
export interface Core {
  call<C extends Channel>(channel: C | string, input: unknown, session: CoreSession): Promise<Result<ChannelOutput<C>>>;
  /**
   * The command line acts as the machine's operator (an admin), recorded as 命令行 in history; `actor` gives
   * the operator another role for a command that is a case worker's (`doc` issues papers as a supervisor).
   */
  callAsOperator<C extends Channel>(channel: C, input: unknown, actor?: Actor): Promise<Result<ChannelOutput<C>>>;
  /** the services over the register open now (throws CORRUPT in recovery mode) */
  readonly services: Services;
  /** the register open now (throws CORRUPT in recovery mode) */
  readonly db: Kysely<Database>;
  readonly dataDir: string | null;
  /** changes at each restore: sessions signed in under another generation are signed out */
  readonly generation: number;
  /** why the register could not be opened (recovery mode), or null */
  readonly damage: Damage | null;
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


/** openCore's refusal of a damaged register: CORRUPT with the message, and where the file went. */
export class RegisterDamagedError extends AppError {
  constructor(readonly damage: Damage) {
    super('CORRUPT', damage.message);
  }
}

function zodIssueToError(issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code?: string; keys?: string[] }>): AppError {
  const first = issues[0];
  // A field that should not be there is named as the field at fault.
  const path = first.code === 'unrecognized_keys' && first.keys?.length ? [...first.path, first.keys[0]] : first.path;
  const field = path.map(String).join('.');
  return new AppError('VALIDATION', first.message, field || undefined);
}

interface Live { db: Kysely<Database>; services: Services }

interface Context {
  options: CoreOptions;
  dataDir: string | null;
  /** the data folder's writer lock; null for a read-only or in-memory core (which never restores) */
  release: (() => void) | null;
  /** opens the register again after a restore (the data folder's core only) */
  reopen: (() => Promise<Live>) | null;
}

function servicesOver(db: Kysely<Database>, options: CoreOptions, dataDir: string | null): Live {
  const log = options.log ?? ((err: unknown) => console.error(err));
  const services = createServices({
    db, now: options.now ?? (() => new Date()), log, papersRoot: options.papersRoot ?? dataDir ?? null, exportInThread: options.exportInThread, dataDir,
  });
  return { db, services };
}

/** Does `p` settle before anything else gets a turn (nothing is running)? */
async function settlesAtOnce(p: Promise<unknown>): Promise<boolean> {
  return Promise.race([p.then(() => true, () => true), new Promise<boolean>((resolve) => setImmediate(() => resolve(false)))]);
}

const IN_FLIGHT_WAIT_MS = 30_000;

function makeCore(initial: Live | Damage, ctx: Context): Core {
  const { options, dataDir } = ctx;
  const log = options.log ?? ((err: unknown) => console.error(err));
  const now = options.now ?? (() => new Date());
  let live: Live | null = 'services' in initial ? initial : null;
  let damage: Damage | null = 'services' in initial ? null : initial;
  let generation = 0;
  let closed = false;
  /** while the register is being swapped: calls wait for it */
  let gate: Promise<void> | null = null;
  let inFlight = 0;
  const throttle = new RecoveryThrottle(now);

  const corrupt = () => new AppError('CORRUPT', damage?.message ?? '登记册无法打开');
  const current = (): Live => {
    if (live) return live;
    throw corrupt();
  };

  async function call(channel: string, input: unknown, session: CoreSession, operator?: Actor): Promise<Result<any>> {
    try {
      if (!isChannel(channel)) throw new AppError('NOT_FOUND', `未知的接口：${String(channel).slice(0, 60)}`);
      while (gate) await gate;
      if (closed) throw new AppError('CONFLICT', '登记册已关闭');
      if (!live) return { ok: true, value: await recoveryCall(channel, input) };
      inFlight++;
      try {
        return { ok: true, value: await liveCall(live, channel, input, session, operator) };
      } finally {
        inFlight--;
      }
    } catch (err) {
      return { ok: false, error: toErrorData(err, log) };
    }
  }

  async function liveCall(l: Live, channel: Channel, input: unknown, session: CoreSession, operator?: Actor): Promise<unknown> {
    const gen = generation;
    const stale = operator === undefined && session.userId !== null && (session.generation ?? 0) !== gen;
    if (stale) {
      // signed in before the register was restored: that sign-in belongs to another register
      session.userId = null;
      session.credential = undefined;
      session.signInId = undefined;
    }
    const actor = operator ?? (session.userId === null ? null : await l.services.users.activeActor(session));
    if (session.userId !== null && actor === null) session.userId = null; // deactivated, removed or password reset
    if (!mayCall(channel, actor?.role ?? null)) {
      if (actor === null) throw new AppError('UNAUTHENTICATED', stale ? '登记册已从备份恢复，请重新登录' : '请先登录');
      throw new AppError('FORBIDDEN', '当前角色无权执行此操作');
    }
    const parsed = contract[channel].input.safeParse(input ?? {});
    if (!parsed.success) throw zodIssueToError(parsed.error.issues);
    const value = CORE_CHANNELS.has(channel)
      ? await coreChannel(l, channel as CoreChannel, parsed.data, actor)
      : await (handlers[channel as Exclude<Channel, CoreChannel>] as (s: Services, a: typeof actor, i: unknown, session: CoreSession) => Promise<unknown>)(
        l.services, actor, parsed.data, session,
      );
    if (session.userId !== null) session.generation = gen;
    return value;
  }

  async function coreChannel(l: Live, channel: CoreChannel, input: any, actor: Actor | null): Promise<unknown> {
    if (channel === 'recovery/status') {
      return { damaged: false, movedTo: null, message: '登记册完好，无需恢复', newestBackup: dataDir ? newestVerifiedBackup(dataDir) : null } satisfies RecoveryStatus;
    }
    if (channel === 'recovery/restore') throw new AppError('CONFLICT', '登记册完好，无需恢复：请登录后在「设置 → 备份与恢复」中恢复备份');
    return restoreRunning(l, input.file, actor);
  }

  /** Waits until no call but the restore's own is in flight. */
  async function othersFinished(): Promise<void> {
    const until = Date.now() + IN_FLIGHT_WAIT_MS;
    while (inFlight > 1) {
      if (Date.now() > until) throw new AppError('CONFLICT', '有其他操作一直在进行，未能开始恢复，请稍后再试');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function restoreRunning(l: Live, file: string, actor: Actor | null): Promise<RestoreResult> {
    if (!ctx.reopen || dataDir === null) throw new AppError('CONFLICT', '只有打开数据目录写入的程序（桌面版、serve 或命令行）才能恢复备份');
    if (!(await settlesAtOnce(l.services.registerExport.settled()))) {
      throw new AppError('CONFLICT', '正在导出登记册：请等导出完成（或取消导出）后再恢复');
    }
    // Refused before anything stops: a backup that may not be restored leaves the running register alone.
    const inspected = await inspectBackup(file, log);
    const refused = refusal(inspected);
    if (refused) throw refused;
    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));
    try {
      await othersFinished();
      await l.services.history.settled(); // a verification in progress finishes on the old file
      // The schedule stops and a run in progress finishes, without a close backup: its rotation keeps one
      // backup a day, so it would remove a backup made earlier today, the very one being restored.
      await l.services.backups.close({ finalBackup: false });
      await l.services.registerExport.settled();
      await l.db.destroy();
      live = null;
      let result: RestoreResult;
      try {
        // A run that was in progress may have rotated the chosen backup away meanwhile.
        if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `备份文件“${path.basename(file)}”已不存在（可能刚被备份轮换删除），登记册未作改动。请在备份列表中另选一份。`, 'file');
        result = await restoreFiles(dataDir, file, { now, actor, log, inspected });
      } finally {
        await reopenAfterRestore();
      }
      generation++;
      return result;
    } finally {
      gate = null;
      open();
    }
  }

  /** Opens whatever register the folder has now (the restored one, or the one put back); recovery mode if none opens. */
  async function reopenAfterRestore(): Promise<void> {
    try {
      live = await ctx.reopen!();
      damage = null;
    } catch (err) {
      live = null;
      damage = err instanceof RegisterDamagedError ? err.damage : { movedTo: null, problem: String((err as Error)?.message ?? err), message: `登记册未能重新打开：${(err as Error)?.message ?? String(err)}` };
      log(err);
    }
  }

  /** Recovery mode: only recovery/* answers; everything else says the register is unavailable. */
  async function recoveryCall(channel: Channel, input: unknown): Promise<unknown> {
    const d = damage!;
    if (channel === 'recovery/status') {
      return { damaged: true, movedTo: d.movedTo, message: d.message, newestBackup: dataDir ? newestVerifiedBackup(dataDir) : null } satisfies RecoveryStatus;
    }
    if (channel !== 'recovery/restore' || dataDir === null || !ctx.reopen) throw corrupt();
    const parsed = contract['recovery/restore'].input.safeParse(input ?? {});
    if (!parsed.success) throw zodIssueToError(parsed.error.issues);
    const { file, username, password } = parsed.data;
    throttle.check();
    const from = path.resolve(file);
    if (!fs.existsSync(from)) throw new AppError('NOT_FOUND', `找不到「备份文件」${from}`, 'file');
    const admin = await isBackupAdmin(from, username, password);
    if (!admin) {
      throttle.failed();
      throw new AppError('VALIDATION', '「用户名」或「密码」不正确：须为该备份中一个启用的管理员账号', 'password');
    }
    let open!: () => void;
    gate = new Promise<void>((resolve) => (open = resolve));
    try {
      const result = await restoreFiles(dataDir, from, { now, actor: admin, log });
      await reopenAfterRestore();
      generation++;
      return { ...result, safetyCopy: result.safetyCopy || d.movedTo || '' } satisfies RestoreResult;
    } finally {
      gate = null;
      open();
    }
  }

  return {
    call: ((channel: string, input: unknown, session: CoreSession) => call(channel, input, session)) as Core['call'],
    callAsOperator: ((channel: string, input: unknown, actor?: Actor) => call(channel, input, { userId: null }, actor ?? COMMAND_LINE_ACTOR)) as Core['callAsOperator'],
    get services() {
      return current().services;
    },
    get db() {
      return current().db;
    },
    dataDir,
    get generation() {
      return generation;
    },
    get damage() {
      return damage;
    },
    close: async () => {
      if (closed) return;
      while (gate) await gate;
      closed = true;
      try {
        if (live) {
          await live.services.registerExport.close(); // exports running are cancelled, files nobody fetched removed
          await live.services.backups.close(); // a backup in progress ends, a scheduled core makes its close backup
          await live.db.destroy();
          live = null;
        }
      } finally {
        ctx.release?.();
      }
    },
  };
}

export function createCore(db: Kysely<Database>, options: CoreOptions & { dataDir?: string | null } = {}): Core {
  const dataDir = options.dataDir ?? null;
  return makeCore(servicesOver(db, options, dataDir), { options, dataDir, release: null, reopen: null });
}

/**
 * The register of a data folder, checked before it is opened for writing: a damaged file (or one that is
 * not a database at all) is moved aside with its -wal/-shm and refused with RegisterDamagedError (CORRUPT);
 * one made by a newer program is refused and left where it is.
 */
async function openRegister(dataDir: string, options: CoreOptions): Promise<Live> {
  const file = path.join(dataDir, DB_FILE_NAME);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  const size = stat?.size ?? 0;
  // An empty or missing register beside verified backups is a register lost (truncated to nothing, deleted),
  // not a first start: opening it would begin an empty register with 首次设置 whose own backups the rotation
  // would in time put in place of the real ones. Recovery instead, offering the newest backup.
  if (size === 0 && newestVerifiedBackup(dataDir)) {
    const now = (options.now ?? (() => new Date()))();
    if (stat) throw new RegisterDamagedError(quarantine(dataDir, { problem: '文件为空（0 字节），其中的数据已丢失' }, now));
    const problem = `找不到 ${DB_FILE_NAME}，而备份位置中有此前的备份`;
    throw new RegisterDamagedError({
      movedTo: null,
      problem,
      message: `登记册文件不见了（${problem}）：没有新建空登记册，以免与备份混淆。${restoreAdvice(newestVerifiedBackup(dataDir))}如确实要从头建立新的登记册，请先把数据目录中的 backups 文件夹移到别处。`,
    });
  }
  if (size > 0) {
    // quick_check reads every page (about 10 minutes for a 6.5 GB register of a million cases on our loaded
    // machine): in full for a register up to FULL_CHECK_MAX_BYTES and after a writer died (a -wal with content);
    // a large register closed cleanly gets the header and schema checked, and every backup checks it in full.
    const unclean = (fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0;
    // Up to INTEGRITY_CHECK_MAX_BYTES integrity_check, which also finds damaged indexes (quick_check does not).
    const level = { light: !unclean && size > FULL_CHECK_MAX_BYTES, full: size <= INTEGRITY_CHECK_MAX_BYTES };
    let check = checkRegisterFile(file, level);
    if (check.damaged && onlyIndexProblems(check.integrity)) {
      // The rows are intact: rebuilt from them, nothing is lost (a restore would lose every save since the backup).
      const found = check.integrity;
      try {
        rebuildIndexes(file);
        check = checkRegisterFile(file, level);
      } catch (err) {
        (options.log ?? console.error)(err);
      }
      if (!check.damaged) (options.log ?? console.error)(new Error(`登记册的索引损坏（${found}），已重建索引；登记的数据本身完好，未作其他改动`));
    }
    if (check.damaged) throw new RegisterDamagedError(quarantine(dataDir, check, (options.now ?? (() => new Date()))()));
    if (check.newerThanApp) throw new AppError('CONFLICT', check.problem ?? '该登记册由较新版本的程序创建');
  }
  const { db } = await openDatabase(file);
  const live = servicesOver(db, options, dataDir);
  try {
    await live.services.settings.ensureDefaults();
    // Exports a previous run left unfinished or unfetched (only the folder's writer removes them).
    live.services.registerExport.removeLeftovers();
    if (options.backups === 'schedule') live.services.backups.startSchedule();
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return live;
}

/** Up to this size the register is quick_checked at every start (a few seconds at most). */
export const FULL_CHECK_MAX_BYTES = 256 * 1024 * 1024;
/** Up to this size the start-up check is integrity_check (indexes too: about a second), above it quick_check. */
export const INTEGRITY_CHECK_MAX_BYTES = 64 * 1024 * 1024;

function lock(dataDir: string): () => void {
  try {
    return acquireDataLock(dataDir);
  } catch (err) {
    if (err instanceof DataFolderLockedError) throw new AppError('LOCKED', err.message);
    throw err;
  }
}

/**
 * Opens the data folder for writing: takes the single-writer lock, checks the register (quick_check),
 * migrates, seeds defaults. A damaged register: moved aside, RegisterDamagedError (CORRUPT) thrown.
 */
export async function openCore(dataDir: string, options: CoreOptions = {}): Promise<Core> {
  const release = lock(dataDir);
  try {
    const live = await openRegister(dataDir, options);
    return makeCore(live, { options, dataDir, release, reopen: () => openRegister(dataDir, options) });
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * openCore for the programs that stay running (serve, the desktop app): on a damaged register, a core in
 * recovery mode that keeps the folder's lock and answers only recovery/* until a backup is restored.
 */
export async function openCoreOrRecovery(dataDir: string, options: CoreOptions = {}): Promise<Core> {
  const release = lock(dataDir);
  const reopen = () => openRegister(dataDir, options);
  try {
    return makeCore(await reopen(), { options, dataDir, release, reopen });
  } catch (err) {
    if (err instanceof RegisterDamagedError) return makeCore(err.damage, { options, dataDir, release, reopen });
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
