import path from 'node:path';
import readline from 'node:readline';
import { acquireDataLock, DataFolderLockedError } from '../../db/lock';
import { AppError } from '../core/errors';
import { inspectBackup, refusal, restoreFiles } from '../core/services/backup/restore';
import { COMMAND_LINE_ACTOR } from '../core/session';
import type { BackupInfo } from '../core/types';

/**
 * `restore --from FILE [--yes]`: the register of the data folder replaced by a backup, on files only, so it
 * works when the register is damaged or missing. Shows what the backup holds, verifies it (refused: not a
 * register, failing, newer version), asks y/N on the terminal unless --yes, then restores (restore.ts: safety
 * copy, stale -wal/-shm aside, atomic swap, checked, recorded). A folder a running app holds is refused.
 */
export const RESTORE_USAGE = 'restore --from 备份文件 [--yes]';

export class RestoreUsageError extends Error {}

export interface RestoreIo {
  print: (line: string) => void;
  warn: (line: string) => void;
  /** asks on the terminal; resolves with what was typed */
  ask?: (question: string) => Promise<string>;
}

function askTerminal(question: string): Promise<string> {
  process.stderr.write(question);
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  return new Promise((resolve) => {
    let answer: string | null = null;
    rl.once('line', (line) => {
      answer = line;
      rl.close();
    });
    rl.once('close', () => resolve(answer ?? ''));
  });
}

const shown = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};

/** What a backup holds, in lines for the terminal. */
export function describeBackupLines(info: BackupInfo): string[] {
  return [
    `备份文件：${info.file}`,
    `备份时间：${shown(info.createdAt)}`,
    `案件数：${info.cases}`,
    `最后登记编号：${info.lastRegisterNumber ?? '（无）'}`,
    `历史链头：${info.head.count}:${info.head.hash}`,
    `核验：${info.verified ? '通过 ✓' : `未通过 ✗（${info.problem ?? '未知问题'}）`}`,
  ];
}

export async function runRestoreCommand(dataDir: string, values: { from?: string; yes?: boolean }, io: RestoreIo): Promise<number> {
  if (!values.from) throw new RestoreUsageError(`缺少 --from\n用法：${RESTORE_USAGE}`);
  const file = path.resolve(values.from);
  let release: () => void;
  try {
    release = acquireDataLock(dataDir);
  } catch (err) {
    if (err instanceof DataFolderLockedError) {
      throw new AppError('LOCKED', `${err.message}\n恢复须在没有程序使用该数据目录时进行：请先关闭桌面版或 serve（桌面版也可在「设置 → 备份与恢复」中直接恢复），再运行 restore。`);
    }
    throw err;
  }
  try {
    io.warn('正在核验备份……');
    const inspected = await inspectBackup(file);
    for (const line of describeBackupLines(inspected.info)) io.print(line);
    const refused = refusal(inspected);
    if (refused) throw refused;
    if (!values.yes) {
      const answer = await (io.ask ?? askTerminal)(`用该备份替换数据目录 ${dataDir} 中的登记册？当前登记册会先留一份安全副本。(y/N) `);
      if (!/^\s*(y|yes|是)\s*$/i.test(answer)) {
        io.print('已取消，登记册未改动');
        return 1;
      }
    }
    const result = await restoreFiles(dataDir, file, { actor: COMMAND_LINE_ACTOR, inspected });
    if (result.safetyCopy) io.print(`原登记册的安全副本：${result.safetyCopy}`);
    io.print(`已从备份恢复：${result.cases} 件案件`);
    io.print(`登记册现为备份的内容（历史链头 ${result.head.count}:${result.head.hash}，另加一条恢复记录）`);
    return 0;
  } finally {
    release();
  }
}
