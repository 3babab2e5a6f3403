import path from 'node:path';
import { openCore, openReadOnlyCore } from '../core/core';
import { BACKUPS_FOLDER } from '../core/services/backup/backup';
import { checkBackup, listBackups, wallClock } from '../core/services/backup/manifest';
import type { BackupInfo } from '../core/types';

/**
 * `backup [--to DIR]`: a backup now, to the configured destinations (the data folder's backups/ and the
 * second folder) or to DIR only; the new file's path is the last line. `backup list [--to DIR] [--check]`:
 * the backups there, newest first (--check also compares each file's SHA-256 with its manifest). Making a
 * backup takes the data folder's writer lock (the online copy reads through the one writer); listing does not.
 */
export const BACKUP_USAGE = 'backup [--to 文件夹]   |   backup list [--to 文件夹] [--check]';

export class BackupUsageError extends Error {}

const REASONS: Record<BackupInfo['reason'], string> = { daily: '每日', interval: '定时', close: '关闭时', manual: '手动' };

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

function localTime(iso: string): string {
  const w = wallClock(new Date(iso));
  return `${w.year}-${w.month}-${w.day} ${w.hour}:${w.minute}:${w.second}`;
}

export function backupLine(b: BackupInfo): string {
  const head = b.verified || b.head.hash ? `${b.head.count}:${b.head.hash.slice(0, 12)}` : '—';
  const verdict = b.verified ? '✓' : `✗ ${b.problem ?? ''}`.trimEnd();
  return `${localTime(b.createdAt)}  ${size(b.size).padStart(9)}  ${String(b.cases).padStart(7)} 件  ${(b.lastRegisterNumber ?? '—').padEnd(14)}  ${head}  ${REASONS[b.reason]}  ${verdict}  ${b.file}`;
}

interface Io { print: (line: string) => void; warn: (line: string) => void }

export async function runBackupCommand(dataDir: string, sub: string | undefined, values: { to?: string; check?: boolean }, io: Io): Promise<number> {
  if (sub === 'list') return listCommand(dataDir, values, io);
  if (sub !== undefined) throw new BackupUsageError(`未知的 backup 子命令：${sub}\n用法：${BACKUP_USAGE}`);
  if (values.check) throw new BackupUsageError(`--check 只用于 backup list\n用法：${BACKUP_USAGE}`);
  const core = await openCore(dataDir);
  let made: string | null = null;
  let failed = false;
  try {
    const progress = await core.services.backups.runNow('manual', values.to ?? null);
    for (const r of progress.results) {
      if (r.error !== null) {
        failed = true;
        io.warn(`错误：${r.error}`);
      }
      if (r.backup) {
        io.print(`已备份到 ${r.destination}：${r.backup.cases} 件案件，链头 ${r.backup.head.count}:${r.backup.head.hash}，${size(r.backup.size)}`);
        made ??= r.backup.file;
      }
    }
    if (progress.results.length === 0) {
      failed = true;
      io.warn('错误：没有可写的备份位置');
    }
  } finally {
    await core.close();
  }
  if (made !== null) io.print(made);
  return failed ? 1 : 0;
}

async function listCommand(dataDir: string, values: { to?: string; check?: boolean }, io: Io): Promise<number> {
  let folders: string[];
  if (values.to !== undefined) folders = [path.resolve(values.to)];
  else {
    const core = await openReadOnlyCore(dataDir);
    try {
      const settings = await core.services.backups.readSettings();
      folders = [path.join(dataDir, BACKUPS_FOLDER), ...(settings.secondDestination ? [settings.secondDestination] : [])];
    } finally {
      await core.close();
    }
  }
  let unverified = 0;
  for (const folder of folders) {
    io.print(`${folder}：`);
    const listed = listBackups(folder);
    if (listed.length === 0) io.print('  （没有备份）');
    for (const info of listed) {
      const b = values.check ? await checkBackup(info) : info;
      if (!b.verified) unverified++;
      io.print(`  ${backupLine(b)}`);
    }
  }
  if (values.check && unverified > 0) {
    io.warn(`错误：${unverified} 份备份未通过核验（✗）`);
    return 1;
  }
  return 0;
}
