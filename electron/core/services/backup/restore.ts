import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import dayjs from 'dayjs';
import { sql } from 'kysely';
import { DB_FILE_NAME, openDatabase } from '../../../../db/open';
import { checkRegisterFile, type RegisterHead } from '../../../../db/register-check';
import { AppError } from '../../errors';
import { localDateTime } from '../../local-time';
import type { BackupInfo } from '../../types';
import { appendHistory } from '../history';
import { attachmentsRoot, copyBlob } from '../files/attachment-store';
import { fsyncFile, fsyncFolder, sha256OfFile } from '../files/durable';
import { BACKUP_NAME, checkBackup, describeBackup } from './manifest';
import { verifyCopy, type CopyVerdict } from './verify-copy';

/**
 * Restoring a backup, on files only: the caller holds the data folder's lock and has the register closed
 * (the running core closes it first, the command line and recovery mode never opened it). Order (SPEC10):
 * verify the backup; a safety copy of the current register; its -wal/-shm moved aside (a killed writer's
 * -wal would otherwise be replayed onto the restored file); the backup copied to a temporary file in the
 * data folder, fsynced, checked byte for byte, renamed over register.sqlite, the folder fsynced; the
 * attachments the data folder lacks copied from the backup's destination; the register opened (migrated
 * when older), its chain checked to hold the backup's head, a history row `register.restore` appended, and
 * checked again. Anything failing after the swap puts the safety copy back: the folder is never left
 * without the register it had.
 */
export interface RestoreResult {
  restoredFrom: string;
  /** the safety copy of the register that was replaced; '' when the folder had none */
  safetyCopy: string;
  head: RegisterHead;
  cases: number;
}

export interface Inspected { info: BackupInfo; verdict: CopyVerdict }

export type RestoreStep = 'safety-copy' | 'swapped' | 'attachments' | 'opened' | 'recorded';

export interface RestoreOptions {
  now?: () => Date;
  /** who restores, for the history row (null: the system itself) */
  actor: { id: number; displayName: string } | null;
  log?: (err: unknown) => void;
  /** an inspection made just before (the running core's, while it was still open) */
  inspected?: Inspected;
  /** called after each step (progress; tests make a step fail) */
  onStep?: (step: RestoreStep) => void;
}

/** `YYYYMMDD-HHMMSS` in the office's time, for the names of files set aside. */
export const fileStamp = (date: Date): string => dayjs(date).format('YYYYMMDD-HHmmss');

/** A name beside `base` that does not exist yet: `base`, else `base-2`, `base-3`… (two restores in one second). */
function freshName(base: string): string {
  if (!fs.existsSync(base)) return base;
  for (let i = 2; ; i++) if (!fs.existsSync(`${base}-${i}`)) return `${base}-${i}`;
}


/** Copies `from` to `to` through a temporary file beside `to`: fsynced, renamed, the folder fsynced. */
function copyAtomically(from: string, to: string, temp: string): void {
  fs.rmSync(temp, { force: true });
  fs.copyFileSync(from, temp);
  fsyncFile(temp);
  fs.renameSync(temp, to);
  fsyncFolder(path.dirname(to));
}

/**
 * What a backup file holds, and whether it may be restored: its manifest (when it is one of ours: size and
 * SHA-256 against it), then verifyCopy (integrity, foreign keys, schema, history chain and replay) in a worker.
 * A file without a manifest (a register copied by hand) is described from the file itself.
 */
export async function inspectBackup(file: string, log: (err: unknown) => void = console.error): Promise<Inspected> {
  // The core is a server's and a desktop app's: a relative path would be taken from wherever the process
  // happened to start (the command line resolves its --from against the terminal's folder before it comes here).
  if (!path.isAbsolute(file)) throw new AppError('VALIDATION', `「备份文件」须为完整路径（例如 D:\\备份\\register-20261201-093000.sqlite 或 /media/u盘/register-20261201-093000.sqlite），“${file.slice(0, 80)}”不是`, 'file');
  const absolute = path.resolve(file);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(absolute, { throwIfNoEntry: false });
  } catch (err) {
    // ENAMETOOLONG, EACCES, ENOTDIR …: a path the system cannot look at is the caller's, not an internal error
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENAMETOOLONG' ? '路径或其中的文件夹名过长' : code === 'EACCES' || code === 'EPERM' ? '没有读取权限' : `系统无法读取（${code ?? '未知原因'}）`;
    throw new AppError('VALIDATION', `「备份文件」${why}：${absolute.slice(0, 120)}`, 'file');
  }
  if (!stat) throw new AppError('NOT_FOUND', `找不到备份文件 ${absolute}`, 'file');
  if (!stat.isFile()) throw new AppError('VALIDATION', `「备份文件」${absolute} 不是文件`, 'file');
  const name = path.basename(absolute);
  const destination = path.dirname(absolute);
  const verdict = await verifyCopy(absolute, log);
  const c = verdict.check;
  let info: BackupInfo;
  if (BACKUP_NAME.test(name) && fs.existsSync(path.join(destination, name.replace(/\.sqlite$/, '.manifest.json')))) {
    info = await checkBackup(describeBackup(destination, name));
    if (info.verified && (info.head.count !== verdict.head.count || info.head.hash !== verdict.head.hash) && verdict.check.ok) {
      info = { ...info, verified: false, problem: `文件的历史链头（${verdict.head.count} 条）与说明文件记录的（${info.head.count} 条）不符` };
    }
  } else {
    info = {
      file: absolute, name, destination, createdAt: stat.mtime.toISOString(), size: stat.size, cases: c.cases, lastRegisterNumber: c.lastRegisterNumber,
      head: verdict.head, schemaVersion: c.schemaVersion ?? '', appVersion: '', reason: 'manual', verified: true, problem: null,
    };
  }
  if (!verdict.ok) info = { ...info, verified: false, problem: verdict.problem };
  return { info, verdict };
}

/** The refusal for a backup that may not be restored, in words naming the file. */
export function refusal(inspected: Inspected): AppError | null {
  const { info, verdict } = inspected;
  if (!verdict.check.isRegister) return new AppError('VALIDATION', `「备份文件」不是登记册，不能恢复：${verdict.problem}`, 'file');
  if (verdict.check.newerThanApp) return new AppError('VALIDATION', `「备份文件」由较新版本的程序创建，本程序不能恢复它，请先升级本程序（${verdict.problem}）`, 'file');
  if (!verdict.ok) return new AppError('VALIDATION', `「备份文件」未通过核验，不能恢复：${verdict.problem}`, 'file');
  if (!info.verified) return new AppError('VALIDATION', `「备份文件」未通过核验，不能恢复：${info.problem ?? '说明文件与文件不符'}`, 'file');
  return null;
}

/**
 * The safety copy of the register about to be replaced: an online backup through its own read-only
 * connection when it opens (which carries what its -wal holds), else the file as it is with its -wal beside.
 */
async function safetyCopy(register: string, target: string): Promise<void> {
  try {
    const raw = new BetterSqlite3(register, { readonly: true, fileMustExist: true });
    try {
      await raw.backup(target);
    } finally {
      raw.close();
    }
    const check = checkRegisterFile(target);
    if (check.damaged) throw new Error(check.problem ?? 'damaged');
  } catch {
    fs.rmSync(target, { force: true });
    fs.copyFileSync(register, target);
    if (fs.existsSync(`${register}-wal`)) {
      fs.copyFileSync(`${register}-wal`, `${target}-wal`);
      fsyncFile(`${target}-wal`);
    }
  }
  fsyncFile(target);
}

/** Moves `file` (with its -wal and -shm) to `to` (`to-wal`, `to-shm`); returns what was moved. */
export function moveWithSidecars(file: string, to: string): string[] {
  const moved: string[] = [];
  for (const suffix of ['', '-wal', '-shm']) {
    if (!fs.existsSync(file + suffix)) continue;
    fs.renameSync(file + suffix, to + suffix);
    moved.push(to + suffix);
  }
  if (moved.length) fsyncFolder(path.dirname(file));
  return moved;
}

function sidecarsAside(register: string, stamp: string): void {
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(register + suffix)) fs.renameSync(register + suffix, freshName(`${register}${suffix}.stale-${stamp}`));
  }
  fsyncFolder(path.dirname(register));
}

/** The attachments the restored register names that the data folder lacks, from the backup's destination. */
async function copyMissingAttachments(dataDir: string, register: string, backupDestination: string): Promise<number> {
  const raw = new BetterSqlite3(register, { readonly: true, fileMustExist: true });
  let blobs: Array<{ sha256: string; size: number }> = [];
  try {
    const hasTable = raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachments'").get();
    const columns = hasTable ? (raw.prepare("SELECT name FROM pragma_table_info('attachments')").pluck().all() as string[]) : [];
    if (columns.includes('sha256') && columns.includes('size')) {
      blobs = raw.prepare('SELECT DISTINCT sha256, size FROM attachments').all() as typeof blobs;
    }
  } finally {
    raw.close();
  }
  let copied = 0;
  const from = path.join(backupDestination, 'attachments');
  const to = attachmentsRoot(dataDir);
  for (const b of blobs) {
    try {
      if (copyBlob(from, to, b.sha256, b.size)) copied++;
    } catch (err) {
      if (fs.existsSync(path.join(to, b.sha256.slice(0, 2), `${b.sha256}.bin`))) continue; // the folder has it (checked again by verify)
      throw new AppError('NOT_FOUND', `备份位置缺少附件文件 ${b.sha256}.bin（${(err as Error).message}），恢复已撤销`, 'file');
    }
  }
  return copied;
}

export async function restoreFiles(dataDir: string, file: string, options: RestoreOptions): Promise<RestoreResult> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((err: unknown) => console.error(err));
  const step = options.onStep ?? (() => {});
  const register = path.join(dataDir, DB_FILE_NAME);
  const from = path.resolve(file);
  if (fs.existsSync(register) && fs.realpathSync(from) === fs.realpathSync(register)) {
    throw new AppError('VALIDATION', '「备份文件」就是当前的登记册本身，不能用它恢复', 'file');
  }
  const inspected = options.inspected ?? (await inspectBackup(from, log));
  const refused = refusal(inspected);
  if (refused) throw refused;
  const expected = inspected.verdict.head;
  const sourceSha = await sha256OfFile(from);

  fs.mkdirSync(dataDir, { recursive: true });
  const stamp = fileStamp(now());
  let safety = '';
  if (fs.existsSync(register)) {
    safety = freshName(`${register}.before-restore-${stamp}`);
    await safetyCopy(register, safety);
    fsyncFolder(dataDir);
  }
  step('safety-copy');
  sidecarsAside(register, stamp);
  const temp = path.join(dataDir, `.${DB_FILE_NAME}.restore-${stamp}.partial`);
  fs.rmSync(temp, { force: true });
  fs.copyFileSync(from, temp);
  fsyncFile(temp);
  if ((await sha256OfFile(temp)) !== sourceSha) {
    fs.rmSync(temp, { force: true });
    throw new AppError('INTERNAL', '复制备份文件时内容发生变化（磁盘可能有问题），恢复已取消，登记册未改动');
  }
  fs.renameSync(temp, register);
  fsyncFolder(dataDir);

  try {
    step('swapped');
    await copyMissingAttachments(dataDir, register, inspected.info.destination);
    step('attachments');
    const opened = await openDatabase(register); // migrates a backup made by an older version
    let cases = 0;
    try {
      step('opened');
      const at = await sql<{ hash: string }>`SELECT hash FROM history WHERE id = ${expected.count}`.execute(opened.db);
      if (expected.count > 0 && at.rows[0]?.hash !== expected.hash) throw new Error('恢复后的登记册不含备份的历史链头');
      await opened.db.transaction().execute((trx) => appendHistory(trx, {
        entity: 'register', entityId: 0, action: 'register.restore', actor: options.actor, at: localDateTime(now()),
        after: { from, safetyCopy: safety || null, head: { count: expected.count, hash: expected.hash } },
      }));
      cases = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM cases`.execute(opened.db)).rows[0].n);
      step('recorded');
    } finally {
      await opened.close();
    }
    const after = checkRegisterFile(register);
    if (!after.ok) throw new Error(`恢复后的登记册未通过检查：${after.problem}`);
    return { restoredFrom: from, safetyCopy: safety, head: expected, cases };
  } catch (err) {
    putBack(register, safety, stamp, log);
    if (err instanceof AppError) throw err;
    log(err);
    throw new AppError('INTERNAL', `恢复未能完成（${(err as Error)?.message ?? String(err)}），原来的登记册已放回`);
  }
}

/** After a failed restore: the safety copy back in place (the attempt's files set aside as `.failed-restore-<time>`). */
function putBack(register: string, safety: string, stamp: string, log: (err: unknown) => void): void {
  try {
    moveWithSidecars(register, freshName(`${register}.failed-restore-${stamp}`));
    if (!safety) return;
    copyAtomically(safety, register, `${register}.put-back.partial`);
    if (fs.existsSync(`${safety}-wal`)) copyAtomically(`${safety}-wal`, `${register}-wal`, `${register}-wal.put-back.partial`);
  } catch (err) {
    log(err);
  }
}
