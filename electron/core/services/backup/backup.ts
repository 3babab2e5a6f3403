import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import packageJson from '../../../../package.json';
import { copyRegister, type CopyProgress } from '../../../../db/backup';
import { AppError } from '../../errors';
import type { ParsedInput } from '../../contract';
import type { BackupDestination, BackupInfo, BackupProgress, BackupSettings, BackupStatus } from '../../types';
import type { Actor } from '../../session';
import type { Deps } from '../deps';
import type { SettingsService } from '../settings';
import { attachmentsRoot, copyBlob } from '../files/attachment-store';
import { verifyCopy, type CopyVerdict } from './verify-copy';
import { fsyncFileAsync, fsyncFolder, sha256OfFile } from '../files/durable';
import {
  backupFileName, describeBackup, listBackups, manifestNameOf, PARTIAL_NAME, partialNameOf, wallClock, writeManifest, type BackupManifest,
} from './manifest';
import { DEFAULT_RETENTION, rotate } from './rotation';
import { createSchedule, type BackupSchedule, type ScheduleClock, type ScheduledReason } from './schedule';
import { backupWarningOf, readStatusFile, recordOf, updateStatusFile, type BackupStatusFile } from './status-file';

/**
 * Backups of the live register (SPEC10, issue 10 item 2). One run writes every destination (the data
 * folder's backups/ and the admin's second folder); one failing never stops the other. Per destination:
 * the online copy (db/backup.ts) into `.<name>.partial`, verifyCopy on it in a worker thread (integrity,
 * foreign keys, the history chain and every case's replay), SHA-256, fsync, rename to the final name, folder
 * fsync; then the attachments the destination lacks (content-addressed, re-hashed on the way); then the
 * manifest (itself partial → fsync → rename); then rotation. The second destination gets a byte copy of the
 * first destination's verified file, re-hashed after writing, so both hold the same snapshot. Anything that
 * fails removes what the run left under a temporary name, records the failure in backup-status.json and
 * leaves the register untouched (the backup only reads it). One run at a time.
 */
export const BACKUPS_FOLDER = 'backups';
const SETTINGS_KEY = 'backup';
export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { secondDestination: null, keepDaily: DEFAULT_RETENTION.keepDaily, keepWeekly: DEFAULT_RETENTION.keepWeekly, keepMonthly: DEFAULT_RETENTION.keepMonthly };
const KEEP_FINISHED_JOBS = 5;
/** a partial older than this is a crashed run's leftover (a run in progress writes its own every step) */
const STALE_PARTIAL_MS = 3600_000;

export type BackupReason = BackupInfo['reason'];

/** Points where tests reach in: a write between copy steps, a failing disk, a fake clock. */
export interface BackupHooks {
  onCopyStep?: (p: CopyProgress, destination: string) => void;
  pagesPerStep?: number;
  writeFile?: (file: string, text: string) => void;
  verify?: (file: string) => Promise<CopyVerdict>;
  clock?: ScheduleClock;
  startDelayMs?: number;
}

interface Job { progress: BackupProgress; done: Promise<BackupProgress> }

/** A failure in words for the office (the destination's label and folder are added by the caller). */
export class BackupFailure extends Error {}

function describeIoError(err: unknown): string {
  if (err instanceof BackupFailure || err instanceof AppError) return err.message;
  const code = String((err as { code?: string })?.code ?? '');
  if (code === 'ENOENT') return '文件夹不存在（U 盘未插入、网络共享未连接或已改名？）';
  if (code === 'ENOTDIR' || code === 'EEXIST') return '该位置是一个文件，不是文件夹';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') return '无法写入（只读或没有权限）';
  if (code === 'ENOSPC' || code === 'EFBIG' || code === 'EDQUOT' || code === 'SQLITE_FULL') return '空间不足，写不下这份备份';
  // SQLite reports a write past a file-size limit or quota as a plain I/O error, like a pulled or failing disk.
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return `写入时出错（${code}）：空间不足、存储设备已断开或损坏`;
  return `备份未能完成（${String((err as Error)?.message ?? err).slice(0, 200)}）`;
}

const EXPECTED_CODES = /^(ENOENT|ENOTDIR|EEXIST|EACCES|EPERM|EROFS|ENOSPC|EFBIG|EDQUOT|EIO|SQLITE_(READONLY|CANTOPEN|FULL|IOERR)\w*)$/;
function isExpectedFailure(err: unknown): boolean {
  return err instanceof BackupFailure || err instanceof AppError || EXPECTED_CODES.test(String((err as { code?: string })?.code ?? ''));
}

/** Removes a file if it is there (a failed run's leftovers); never throws. */
function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch { /* a destination that disappeared has nothing left to remove */ }
}

/** The attachments a copy of the register records (distinct blobs), read from the copy itself: the snapshot's own list. */
function attachmentsOf(file: string): Array<{ sha256: string; size: number }> {
  const raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const hasTable = raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachments'").get();
    if (!hasTable) return [];
    return raw.prepare('SELECT sha256, max(size) AS size FROM attachments GROUP BY sha256 ORDER BY sha256').all() as Array<{ sha256: string; size: number }>;
  } finally {
    raw.close();
  }
}

export function createBackups(deps: Deps, settings: SettingsService, hooks: BackupHooks = {}) {
  const dataDir = deps.dataDir ?? null;
  const verify = hooks.verify ?? ((file: string) => verifyCopy(file, deps.log));
  let nextJob = 1;
  let running: Job | null = null;
  const finished: Job[] = [];
  let schedule: BackupSchedule | null = null;

  function needDataDir(): string {
    if (dataDir === null) throw new AppError('CONFLICT', '这个登记册没有数据目录（内存数据库），不能备份');
    return dataDir;
  }

  const defaultDestination = (): string => path.join(needDataDir(), BACKUPS_FOLDER);

  async function readSettings(): Promise<BackupSettings> {
    return settings.readGroup(SETTINGS_KEY, DEFAULT_BACKUP_SETTINGS);
  }

  async function destinations(): Promise<Array<{ path: string; isDefault: boolean; label: string }>> {
    const s = await readSettings();
    const list = [{ path: defaultDestination(), isDefault: true, label: '默认备份位置' }];
    if (s.secondDestination) list.push({ path: path.resolve(s.secondDestination), isDefault: false, label: '第二备份位置' });
    return list;
  }

  /** The destination folder as it is now: the default one is made when missing, the second must be there. */
  function prepareFolder(folder: string, isDefault: boolean): void {
    const stat = fs.statSync(folder, { throwIfNoEntry: false });
    if (stat === undefined && isDefault) fs.mkdirSync(folder, { recursive: true });
    else if (stat === undefined) throw new BackupFailure('文件夹不存在（U 盘未插入、网络共享未连接或已改名？）');
    else if (!stat.isDirectory()) throw new BackupFailure('该位置是一个文件，不是文件夹');
  }

  /** A name no file in the folder has yet (two backups within one second: the next second's name). */
  function freeName(folder: string, at: Date): string {
    for (let t = at.getTime(); ; t += 1000) {
      const name = backupFileName(new Date(t));
      if (![name, partialNameOf(name), manifestNameOf(name)].some((n) => fs.existsSync(path.join(folder, n)))) return name;
    }
  }

  /** Partials a crashed run left (ours by name, untouched for an hour). */
  function removeStalePartials(folder: string, now: Date): void {
    for (const name of fs.readdirSync(folder)) {
      const base = name.replace(/-journal$/, '');
      if (!PARTIAL_NAME.test(base)) continue;
      const stat = fs.statSync(path.join(folder, name), { throwIfNoEntry: false });
      if (stat && now.getTime() - stat.mtimeMs > STALE_PARTIAL_MS) removeQuietly(path.join(folder, name));
    }
  }

  interface Snapshot { file: string; sha256: string; size: number; verdict: CopyVerdict; attachments: Array<{ sha256: string; size: number }> }

  async function backupOne(
    progress: BackupProgress, dest: { path: string; isDefault: boolean }, reason: BackupReason, source: Snapshot | null, retention: BackupSettings,
  ): Promise<{ info: BackupInfo; snapshot: Snapshot; attachmentProblem: string | null }> {
    const phase = (p: BackupProgress['phase'], done: number, total: number) => Object.assign(progress, { phase: p, done, total });
    const folder = dest.path;
    prepareFolder(folder, dest.isDefault);
    const started = deps.now();
    removeStalePartials(folder, started);
    const name = freeName(folder, started);
    const final = path.join(folder, name);
    const partial = path.join(folder, partialNameOf(name));
    let renamed = false;
    let snapshot: Snapshot;
    const blobProblems: string[] = [];
    try {
      if (source === null) {
        phase('copy', 0, 1);
        await copyRegister(deps.db, partial, {
          pagesPerStep: hooks.pagesPerStep,
          onProgress: (p) => {
            phase('copy', p.totalPages - p.remainingPages, p.totalPages);
            hooks.onCopyStep?.(p, folder);
          },
        });
        phase('check', 0, 1);
        const verdict = await verify(partial);
        if (!verdict.ok) throw new BackupFailure(`副本核验未通过：${verdict.problem ?? '原因未知'}`);
        const size = fs.statSync(partial).size;
        snapshot = { file: final, sha256: await sha256OfFile(partial), size, verdict, attachments: attachmentsOf(partial) };
        phase('check', 1, 1);
      } else {
        // The same verified snapshot, byte for byte, read back from this medium after writing.
        phase('copy', 0, source.size);
        await pipeline(fs.createReadStream(source.file), fs.createWriteStream(partial, { flags: 'wx' }));
        phase('check', 0, 1);
        const written = await sha256OfFile(partial);
        if (written !== source.sha256) throw new BackupFailure('写入后读回的内容与已核验的副本不一致，存储设备可能有问题');
        snapshot = { ...source, file: final };
        phase('check', 1, 1);
      }
      await fsyncFileAsync(partial);
      fs.renameSync(partial, final);
      renamed = true;
      fsyncFolder(folder);

      const blobs = snapshot.attachments;
      phase('attachments', 0, blobs.length);
      const fromRoot = attachmentsRoot(needDataDir());
      const toRoot = path.join(folder, 'attachments');
      for (let i = 0; i < blobs.length; i++) {
        // Already there (an earlier backup wrote it, fsynced, under its hash): not read again, or every run would
        // re-hash every attachment the office ever kept. Restore re-hashes what it takes back.
        const there = fs.statSync(path.join(toRoot, blobs[i].sha256.slice(0, 2), `${blobs[i].sha256}.bin`), { throwIfNoEntry: false });
        if (there?.isFile() && there.size === blobs[i].size) {
          phase('attachments', i + 1, blobs.length);
          continue;
        }
        try {
          copyBlob(fromRoot, toRoot, blobs[i].sha256, blobs[i].size);
        } catch (err) {
          // The data folder's own copy is missing or altered: the register is still backed up (and says so);
          // a destination that cannot take the blob fails the run like any other write.
          if (!(err instanceof AppError)) throw err;
          blobProblems.push(err.message);
        }
        phase('attachments', i + 1, blobs.length);
        await nextTurn(); // one blob (≤ 50 MB) per turn of the event loop
      }

      phase('manifest', 0, 1);
      const check = snapshot.verdict.check;
      const manifest: BackupManifest = {
        format: 'complaint-register-backup',
        version: 1,
        createdAt: started.toISOString(),
        appVersion: packageJson.version,
        schemaVersion: check.schemaVersion ?? '',
        cases: check.cases,
        lastRegisterNumber: check.lastRegisterNumber,
        history: { count: snapshot.verdict.head.count, head: snapshot.verdict.head.hash },
        database: { file: name, size: snapshot.size, sha256: snapshot.sha256 },
        attachments: blobs.map((b) => ({ sha256: b.sha256, size: b.size })),
        checks: { integrity: 'ok', foreignKeys: 'ok', history: 'ok' },
        reason,
      };
      writeManifest(folder, manifest, hooks.writeFile);
      phase('manifest', 1, 1);
    } catch (err) {
      removeQuietly(partial);
      removeQuietly(`${partial}-journal`);
      // Without its manifest the file would be listed as an unverified backup: the run failed, so it goes too.
      if (renamed) removeQuietly(final);
      throw err;
    }

    phase('rotate', 0, 1);
    try {
      const listed = listBackups(folder);
      const { remove } = rotate(listed.map((b) => ({ name: b.name, verified: b.verified })), retention);
      for (const old of remove) {
        removeQuietly(path.join(folder, old));
        removeQuietly(path.join(folder, manifestNameOf(old)));
      }
      if (remove.length) fsyncFolder(folder);
    } catch (err) {
      deps.log(err); // the backup itself is made and verified; rotation tries again next time
    }
    phase('rotate', 1, 1);
    const attachmentProblem = blobProblems.length === 0 ? null
      : `登记册已备份，但有 ${blobProblems.length} 个附件未能备份：${blobProblems[0]}${blobProblems.length > 1 ? ' 等' : ''}`;
    return { info: describeBackup(folder, name), snapshot, attachmentProblem };
  }

  function record(destination: string, change: (r: BackupStatusFile['destinations'][string]) => void): void {
    try {
      updateStatusFile(needDataDir(), (s) => {
        const r = recordOf(s, destination);
        change(r);
        s.destinations[destination] = r;
      });
    } catch (err) {
      deps.log(err); // the data folder itself is unwritable: the result still goes back to the caller
    }
  }

  async function execute(progress: BackupProgress, reason: BackupReason, to: string | null): Promise<BackupProgress> {
    let targets: Array<{ path: string; isDefault: boolean; label: string }>;
    let retention = DEFAULT_BACKUP_SETTINGS;
    try {
      retention = await readSettings();
      // --to DIR: that folder only, made when missing (the command line names it on purpose)
      targets = to !== null ? [{ path: path.resolve(to), isDefault: true, label: '指定的备份位置' }] : await destinations();
    } catch (err) {
      progress.results.push({ destination: to ?? '', backup: null, error: describeIoError(err) });
      return Object.assign(progress, { phase: 'failed', finished: true });
    }
    let source: Snapshot | null = null;
    for (const target of targets) {
      try {
        const made = await backupOne(progress, target, reason, source, retention);
        // The next destination gets this verified file byte for byte (the same snapshot in both places).
        source = made.snapshot;
        progress.results.push({ destination: target.path, backup: made.info, error: made.attachmentProblem === null ? null : `${target.label}（${target.path}）${made.attachmentProblem}` });
        if (to === null) {
          const at = deps.now().toISOString();
          record(target.path, (r) => Object.assign(r, made.attachmentProblem === null
            ? { lastSuccessAt: at, lastBackup: made.info.name }
            : { lastFailureAt: at, lastFailure: made.attachmentProblem }));
        }
      } catch (err) {
        const message = `${target.label}（${target.path}）${describeIoError(err)}`;
        if (!isExpectedFailure(err)) deps.log(err); // a disk's own error is said in words; anything else is a bug to see
        progress.results.push({ destination: target.path, backup: null, error: message });
        if (to === null) record(target.path, (r) => Object.assign(r, { lastFailureAt: deps.now().toISOString(), lastFailure: describeIoError(err) }));
      }
    }
    const failed = progress.results.some((r) => r.error !== null);
    return Object.assign(progress, { phase: failed ? 'failed' : 'done', finished: true });
  }

  function start(reason: BackupReason, to: string | null = null): Job {
    if (running) return running;
    needDataDir();
    const progress: BackupProgress = { job: nextJob++, phase: 'copy', done: 0, total: 0, finished: false, results: [] };
    const job: Job = {
      progress,
      done: execute(progress, reason, to).finally(() => {
        running = null;
        finished.push(job);
        if (finished.length > KEEP_FINISHED_JOBS) finished.shift();
      }),
    };
    running = job;
    return job;
  }

  const copyOf = (p: BackupProgress): BackupProgress => structuredClone(p);

  async function isSetUp(): Promise<boolean> {
    return (await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
  }

  function hasBackupToday(): boolean {
    const today = wallClock(deps.now());
    const prefix = `register-${today.year}${today.month}${today.day}-`;
    return listBackups(defaultDestination()).some((b) => b.verified && b.name.startsWith(prefix));
  }

  async function status(): Promise<BackupStatus> {
    const s = await readSettings();
    const targets = await destinations();
    const file = readStatusFile(needDataDir());
    const backups = targets.flatMap((t) => listBackups(t.path)).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    const dests = targets.map((t): BackupDestination => {
      const r = recordOf(file, t.path);
      const stat = fs.statSync(t.path, { throwIfNoEntry: false });
      const failing = r.lastFailureAt !== null && (r.lastSuccessAt === null || Date.parse(r.lastFailureAt) > Date.parse(r.lastSuccessAt));
      const folderProblem = stat === undefined ? (t.isDefault ? null : '文件夹不存在（U 盘未插入、网络共享未连接或已改名？）') : stat.isDirectory() ? null : '该位置是一个文件，不是文件夹';
      return {
        path: t.path, isDefault: t.isDefault, ok: !failing && folderProblem === null,
        message: failing ? r.lastFailure : folderProblem, lastSuccessAt: r.lastSuccessAt, lastFailureAt: r.lastFailureAt,
      };
    });
    let lastFailure: BackupStatus['lastFailure'] = null;
    for (const t of targets) {
      const r = recordOf(file, t.path);
      if (r.lastFailureAt && (!r.lastSuccessAt || Date.parse(r.lastFailureAt) > Date.parse(r.lastSuccessAt)) && (!lastFailure || r.lastFailureAt > lastFailure.at)) {
        lastFailure = { at: r.lastFailureAt, destination: t.path, message: r.lastFailure ?? '原因未知' };
      }
    }
    return {
      backups, destinations: dests, settings: s, running: running ? copyOf(running.progress) : null, lastFailure,
      nextScheduledAt: schedule?.nextAt() ?? null,
    };
  }

  /** The folder must exist and take a file (a probe written and removed): root and read-only bits alike. */
  function assertWritableFolder(folder: string): void {
    const field = 'secondDestination';
    if (!path.isAbsolute(folder)) throw new AppError('VALIDATION', '「第二备份位置」须为完整路径（例如 E:\\投诉登记册备份 或 /media/备份）', field);
    // A drive's root is a USB disk on Windows (E:\); on macOS and Linux a disk is mounted in a folder, and the
    // system's root would receive register-*.sqlite and attachments/ beside /etc.
    if (process.platform !== 'win32' && path.resolve(folder) === path.parse(path.resolve(folder)).root) {
      throw new AppError('VALIDATION', '「第二备份位置」不能是系统根目录，请选 U 盘或网络共享中的一个文件夹', field);
    }
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(folder, { throwIfNoEntry: false });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new AppError('VALIDATION', code === 'ENAMETOOLONG' ? '「第二备份位置」路径太长' : `「第二备份位置」${describeIoError(err)}：${folder}`, field);
    }
    if (stat === undefined) throw new AppError('VALIDATION', `「第二备份位置」文件夹不存在：${folder}`, field);
    if (!stat.isDirectory()) throw new AppError('VALIDATION', `「第二备份位置」不是文件夹：${folder}`, field);
    if (path.resolve(folder) === path.resolve(defaultDestination())) throw new AppError('VALIDATION', '「第二备份位置」与默认备份位置相同，请选另一个文件夹（最好在另一块磁盘上）', field);
    const probe = path.join(folder, `.register-write-test-${process.pid}-${Date.now()}`);
    try {
      fs.writeFileSync(probe, 'test');
      fs.rmSync(probe);
    } catch (err) {
      removeQuietly(probe);
      throw new AppError('VALIDATION', `「第二备份位置」${describeIoError(err)}：${folder}`, field);
    }
  }

  return {
    defaultDestination,
    readSettings,

    /** backup/run: starts a run (or answers with the one running); reason 'manual'. */
    run(): BackupProgress {
      return copyOf(start('manual').progress);
    },

    /** A run to the end, e.g. the command line's `backup [--to DIR]` (to DIR only when given). */
    async runNow(reason: BackupReason = 'manual', to: string | null = null): Promise<BackupProgress> {
      if (running) await running.done;
      return copyOf(await start(reason, to).done);
    },

    progress(job: number): BackupProgress {
      const found = running?.progress.job === job ? running : finished.find((j) => j.progress.job === job);
      if (!found) throw new AppError('NOT_FOUND', `找不到备份任务 ${job}（可能已过期），请重新查看备份状态`, 'job');
      return copyOf(found.progress);
    },

    status,

    async saveSettings(actor: Actor, input: ParsedInput<'backup/saveSettings'>): Promise<BackupStatus> {
      if (input.secondDestination) assertWritableFolder(input.secondDestination);
      const next: BackupSettings = {
        secondDestination: input.secondDestination ? path.resolve(input.secondDestination) : null,
        keepDaily: input.keepDaily, keepWeekly: input.keepWeekly, keepMonthly: input.keepMonthly,
      };
      await deps.db.transaction().execute((trx) => settings.writeGroup(trx, actor, SETTINGS_KEY, DEFAULT_BACKUP_SETTINGS, next));
      return status();
    },

    /** dashboard/get's warning (admins and supervisors): from backup-status.json, never from the register. */
    async warning(): Promise<null | { message: string; at: string }> {
      if (dataDir === null) return null;
      const file = readStatusFile(dataDir);
      const format = (iso: string) => {
        const w = wallClock(new Date(iso));
        return `${w.year}-${w.month}-${w.day} ${w.hour}:${w.minute}`;
      };
      return backupWarningOf(file, await destinations(), deps.now(), format);
    },

    /** openCore({ backups: 'schedule' }): the day's backup soon after open, every 4 h, one on close. */
    startSchedule(): void {
      needDataDir();
      if (schedule) return;
      schedule = createSchedule({
        // A register nobody has set up yet (no user, so no case either) holds nothing to lose: no scheduled copy of it.
        run: async (reason: ScheduledReason) => ((await isSetUp()) ? start(reason).done : null),
        needsDaily: () => !hasBackupToday(),
        busy: () => running?.done ?? null,
        log: deps.log,
        clock: hooks.clock,
        startDelayMs: hooks.startDelayMs,
      });
      schedule.start();
      try {
        updateStatusFile(needDataDir(), (s) => {
          s.runningSince = deps.now().toISOString();
        });
      } catch (err) {
        deps.log(err);
      }
    },

    /**
     * Before the database closes: a run in progress finishes; a scheduled core makes its close backup
     * (not before a restore: `finalBackup: false`).
     */
    async close(options: { finalBackup?: boolean } = {}): Promise<void> {
      if (schedule) {
        await schedule.close(options);
        try {
          updateStatusFile(needDataDir(), (s) => {
            s.runningSince = null;
          });
        } catch (err) {
          deps.log(err);
        }
      }
      if (running) await running.done;
    },

    hasBackupToday,

    /** Resolves once no run is in progress (tools that judge one request at a time wait for it, as for exports). */
    async settled(): Promise<void> {
      while (running) await running.done;
    },
  };
}

export type Backups = ReturnType<typeof createBackups>;
