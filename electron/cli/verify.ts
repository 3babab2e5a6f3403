import path from 'node:path';
import dayjs from 'dayjs';
import { sql } from 'kysely';
import { openReadOnlyCore, type Core } from '../core/core';
import { newestVerifiedBackup } from '../core/services/backup/recovery';
import { inspectBackup } from '../core/services/backup/restore';
import { AppError } from '../core/errors';
import type { HistoryVerification, VerificationFailure } from '../core/types';

/**
 * `verify [--anchor COUNT:HASH]`: history/verify through the core, read-only (the desktop app may be
 * running on the same folder), waiting for the run to finish. Progress goes to stderr; stdout ends with
 * `history ok <count> <head hash>` (write it down: it is the next run's anchor) or the first failure with
 * its case. Exit status 0 only when everything verifies.
 */
const POLL_MS = 250;
const PROGRESS_EVERY_MS = 5000;

export function failureLine(f: VerificationFailure): string {
  const where = [f.registerNo ? `case ${f.registerNo}` : null, f.historyId ? `row ${f.historyId}` : null, f.field ? `field ${f.field}` : null].filter(Boolean).join(' ');
  return `history FAILED ${f.kind}${where ? ` ${where}` : ''}: ${f.message}`;
}

export async function runVerify(dataDir: string, anchor: string | undefined, print: (line: string) => void, progress: (line: string) => void = (l) => console.error(l)): Promise<number> {
  const core = await openReadOnlyCore(dataDir);
  try {
    const ask = async (job?: number): Promise<HistoryVerification> => {
      const r = await core.callAsOperator('history/verify', { ...(anchor !== undefined ? { anchor } : {}), ...(job !== undefined ? { job } : {}) });
      if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.field);
      return r.value;
    };
    let v = await ask();
    let shown = performance.now();
    while (v.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      v = await ask(v.job);
      if (performance.now() - shown >= PROGRESS_EVERY_MS) {
        shown = performance.now();
        const pct = v.progress.total ? Math.floor((100 * v.progress.done) / v.progress.total) : 0;
        progress(`核验中……${pct}%（${v.progress.done}/${v.progress.total}）`);
      }
    }
    print(`已核验 ${v.checked} 条历史记录、${v.casesChecked} 件案件（${v.startedAt} 至 ${v.finishedAt}）`);
    if (v.anchor) print(`链头 ${v.anchor.count}:${v.anchor.hash}：${v.anchor.ok ? '仍在历史链中' : '不在历史链中'}`);
    for (const f of v.failures.slice(1)) print(`  另：${failureLine(f)}`);
    if (v.failureCount > v.failures.length) print(`  另有 ${v.failureCount - v.failures.length} 处问题未列出`);
    if (v.ok) {
      // The attachments' files, each against the SHA-256 and size its row records.
      const files = await core.services.attachments.fileProblemLines();
      if (files === null) print('附件文件：该登记册的结构早于附件功能（迁移 0013），没有登记附件文件，附件文件核验不适用');
      else if (files.length > 0) {
        for (const line of files.slice(1)) print(`  另：${line}`);
        print(`history FAILED attachments: ${files[0]}${files.length > 1 ? `（共 ${files.length} 个附件文件有问题）` : ''}`);
        return 1;
      }
      const cut = await backupHeadMissing(core, dataDir);
      if (cut) {
        print(`history FAILED backup: ${cut}`);
        return 1;
      }
      print(`history ok ${v.head!.count} ${v.head!.hash}`);
      return 0;
    }
    print(failureLine(v.failures[0]));
    return 1;
  } finally {
    await core.close();
  }
}

/**
 * The newest verified backup in the data folder's backups/ holds a chain head: the register must still have
 * that row with that hash, or its newest history was cut off or rewritten since. A restore legitimately goes
 * back to an older head: only backups made after the last `register.restore` row are held against it.
 * Returns the failure in words, or null.
 */
async function backupHeadMissing(core: Core, dataDir: string): Promise<string | null> {
  const backup = newestVerifiedBackup(dataDir);
  if (!backup || backup.head.count === 0) return null;
  const restored = await sql<{ at: string }>`SELECT at FROM history WHERE action = 'register.restore' ORDER BY id DESC LIMIT 1`.execute(core.db);
  const restoredAt = restored.rows[0]?.at;
  if (restoredAt && dayjs(restoredAt).toDate().getTime() >= Date.parse(backup.createdAt)) return null;
  const row = await sql<{ hash: string }>`SELECT hash FROM history WHERE id = ${backup.head.count}`.execute(core.db);
  if (row.rows[0]?.hash === backup.head.hash) return null;
  const when = dayjs(backup.createdAt).format('YYYY-MM-DD HH:mm:ss');
  return `history was cut or rewritten after the backup of ${when}（${path.basename(backup.file)} 记录的第 ${backup.head.count} 条历史记录${row.rows[0] ? '已被改写' : '已不存在'}：备份之后的历史被截断或改写）`;
}

/**
 * `verify --backup FILE`: that backup verified as a restore would (manifest, size and SHA-256, integrity,
 * foreign keys, schema, history chain and replay of the copy). Prints `history ok <count> <head>` for it, or the
 * first failure; exit 0 only when it verifies.
 */
export async function runVerifyBackup(file: string, print: (line: string) => void, progress: (line: string) => void = (l) => console.error(l)): Promise<number> {
  progress('正在核验备份……');
  const { info, verdict } = await inspectBackup(path.resolve(file));
  print(`备份 ${info.file}：${info.cases} 件案件，最后登记编号 ${info.lastRegisterNumber ?? '（无）'}`);
  if (info.verified && verdict.ok) {
    print(`history ok ${verdict.head.count} ${verdict.head.hash}`);
    return 0;
  }
  print(`history FAILED backup: ${info.problem ?? verdict.problem ?? '未通过核验'}`);
  return 1;
}
