import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DB_FILE_NAME } from '../../../../db/open';
import type { RegisterCheck } from '../../../../db/register-check';
import { AppError } from '../../errors';
import type { BackupInfo } from '../../types';
import { verifyPassword } from '../passwords';
import { listBackups, wallClock } from './manifest';
import { fileStamp, moveWithSidecars } from './restore';

/**
 * A register that cannot be opened (SPEC10 start-up): moved aside with its -wal/-shm as
 * `register.sqlite.corrupt-<time>`, never opened for writing; the message says what happened, where the file
 * went, and which backup to restore and how. Recovery mode (serve, the desktop app) answers only recovery/*:
 * a restore there is authorised by an active administrator of the backup being restored.
 */
export interface Damage {
  /** where the damaged file went; null when nothing could be moved */
  movedTo: string | null;
  problem: string;
  message: string;
}

/** The default backup destination of a data folder. */
export const defaultBackupFolder = (dataDir: string): string => path.join(dataDir, 'backups');

/** The newest backup in the data folder's default destination that lists as verified (manifest, size). */
export function newestVerifiedBackup(dataDir: string): BackupInfo | null {
  return listBackups(defaultBackupFolder(dataDir)).find((b) => b.verified) ?? null;
}

/** In the office's time zone, as backup names and the 备份与恢复 list show it (not the machine's). */
const shown = (iso: string) => {
  const w = wallClock(new Date(iso));
  return `${w.year}-${w.month}-${w.day} ${w.hour}:${w.minute}`;
};

/** How to get the register back, in words: the newest verified backup and the two ways of restoring it. */
export function restoreAdvice(backup: BackupInfo | null): string {
  if (!backup) return '备份位置中没有经过核验的备份。请找到备份文件（例如 U 盘或网络位置上的 register-….sqlite），在本程序的恢复页面选择它，或在命令行运行 restore --from <备份文件>。';
  return `最新的已核验备份是 ${shown(backup.createdAt)} 的备份（${backup.cases} 件案件）：${backup.file}。`
    + `在本程序的恢复页面点击「恢复」，或在命令行运行 restore --from "${backup.file}"。`;
}

export function damageMessage(problem: string, movedTo: string | null, backup: BackupInfo | null): string {
  const where = movedTo ? `已将它移到 ${movedTo}（不作任何改动，可交给技术人员检查）` : '未能把它移开';
  return `登记册文件已损坏，无法打开（${problem}）。为避免在损坏的文件上继续写入，${where}。${restoreAdvice(backup)}`;
}

/** Moves the damaged register (and -wal, -shm) aside; returns what start-up reports. */
export function quarantine(dataDir: string, check: Pick<RegisterCheck, 'problem'>, now: Date): Damage {
  const register = path.join(dataDir, DB_FILE_NAME);
  let target = `${register}.corrupt-${fileStamp(now)}`;
  for (let i = 2; fs.existsSync(target); i++) target = `${register}.corrupt-${fileStamp(now)}-${i}`;
  let movedTo: string | null = null;
  try {
    if (moveWithSidecars(register, target).length) movedTo = target;
  } catch {
    movedTo = null;
  }
  const problem = check.problem ?? '数据库文件已损坏';
  return { movedTo, problem, message: damageMessage(problem, movedTo, newestVerifiedBackup(dataDir)) };
}

/**
 * A few wrong passwords, then a pause: recovery mode has no register to count sign-in failures in, so it
 * counts them here (per process; a restart of the damaged app starts the count again, as it must to be usable).
 */
export class RecoveryThrottle {
  private failures: number[] = [];
  constructor(private readonly now: () => Date, private readonly limit = 5, private readonly windowMs = 15 * 60_000) {}

  check(): void {
    const t = this.now().getTime();
    this.failures = this.failures.filter((f) => t - f < this.windowMs);
    if (this.failures.length >= this.limit) {
      const until = new Date(this.failures[0] + this.windowMs);
      throw new AppError('LOCKED', `密码错误次数过多，请于 ${String(until.getHours()).padStart(2, '0')}:${String(until.getMinutes()).padStart(2, '0')} 之后再试`);
    }
  }

  failed(): void {
    this.failures.push(this.now().getTime());
  }
}

/** A hash that no password matches, verified when the name is unknown so the answer takes as long either way. */
const NO_USER_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';

/**
 * Is this an active administrator of the register in `file` (the backup about to be restored), with this
 * password? Read from the backup's own users table on a read-only connection, with the app's password hashing.
 */
export async function isBackupAdmin(file: string, username: string, password: string): Promise<{ id: number; displayName: string } | null> {
  let row: { id: number; display_name: string; password_hash: string } | undefined;
  try {
    const raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      row = raw.prepare("SELECT id, display_name, password_hash FROM users WHERE username = ? COLLATE NOCASE AND role = 'admin' AND active = 1").get(username) as typeof row;
    } finally {
      raw.close();
    }
  } catch {
    row = undefined;
  }
  const good = await verifyPassword(password, row?.password_hash ?? NO_USER_HASH);
  return good && row ? { id: row.id, displayName: row.display_name } : null;
}
