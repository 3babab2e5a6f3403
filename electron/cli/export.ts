import { activeUserIdByName } from '../../db/queries/papers';
import { openCore, type Core } from '../core/core';
import type { Channel, ChannelOutput } from '../core/contract';
import { AppError, type Result } from '../core/errors';
import { COMMAND_LINE_ACTOR, type Actor } from '../core/session';
import { STATUSES, STATUS_LABELS, type CaseStatus } from '../core/domain/vocab';
import type { FileResult, RegisterExportProgress } from '../core/types';

/**
 * `export`: the register exported as a workbook from the command line (SPEC9 A), through the same channels as
 * 登记册 → 导出 Excel:
 *   export [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--status S]… [--search TEXT] --xlsx FILE [--unmasked --purpose TEXT] [--as USERNAME]
 * It acts as the operator with an auditor's role (reads everything, recorded as 命令行 in the history), or as
 * the user named by --as; --unmasked is then theirs to be allowed. Progress goes to stderr; the last line of
 * stdout is the row count (digits only). Ctrl+C cancels the export (recorded as cancelled, no file written).
 */
export const EXPORT_USAGE = 'export [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--status 状态]… [--search 文字] --xlsx 文件 [--unmasked --purpose 用途] [--as 用户名]';

/** The operator at the command line, exporting: an auditor reads the whole register and changes nothing. */
export const COMMAND_LINE_EXPORTER: Actor = { ...COMMAND_LINE_ACTOR, role: 'auditor' };

/** A mistake in how `export` was called (exit 2, the message alone). */
export class ExportUsageError extends Error {}

export interface ExportValues {
  from?: string; to?: string; status?: string[]; search?: string; xlsx?: string; unmasked?: boolean; purpose?: string; as?: string;
}

export interface ExportIo {
  print(line: string): void;
  warn(line: string): void;
  /** the CLI's one place for a file answer: returns the path written */
  writeFile(file: FileResult, out: string | undefined): string;
  /** how often progress is asked for (ms) */
  pollMs?: number;
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.field);
  return result.value;
}

/** A status as its code (registered) or its label (待受理). */
function statusCode(value: string): CaseStatus {
  const v = value.trim();
  if ((STATUSES as readonly string[]).includes(v)) return v as CaseStatus;
  const byLabel = STATUSES.find((s) => STATUS_LABELS[s] === v);
  if (byLabel) return byLabel;
  throw new ExportUsageError(`--status 不是案件状态：${value}（可用：${STATUSES.map((s) => `${s}（${STATUS_LABELS[s]}）`).join('、')}）`);
}

async function caller(core: Core, username: string | undefined) {
  if (username === undefined) {
    return <C extends Channel>(channel: C, input: unknown): Promise<Result<ChannelOutput<C>>> => core.callAsOperator(channel, input, COMMAND_LINE_EXPORTER);
  }
  const userId = await activeUserIdByName(core.db, username);
  if (userId === undefined) throw new AppError('NOT_FOUND', `没有启用的用户“${username}”（--as）`);
  const session = { userId };
  return <C extends Channel>(channel: C, input: unknown): Promise<Result<ChannelOutput<C>>> => core.call(channel, input, session);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runExportCommand(dataDir: string, v: ExportValues, io: ExportIo): Promise<number> {
  if (v.xlsx === undefined) throw new ExportUsageError(`缺少 --xlsx（导出的 Excel 文件）\n用法：${EXPORT_USAGE}`);
  if (v.purpose !== undefined && !v.unmasked) throw new ExportUsageError('--purpose 只用于 --unmasked（显示身份的导出）');
  const input = {
    ...(v.from !== undefined ? { receivedFrom: v.from } : {}),
    ...(v.to !== undefined ? { receivedTo: v.to } : {}),
    ...(v.status?.length ? { status: v.status.map(statusCode) } : {}),
    ...(v.search !== undefined ? { search: v.search } : {}),
    ...(v.unmasked ? { unmasked: true, purpose: v.purpose ?? '' } : {}),
  };
  // The export writes its history entry: it takes the writer's lock.
  const core = await openCore(dataDir);
  let cancel: (() => void) | null = null;
  const onSignal = () => cancel?.();
  try {
    const call = await caller(core, v.as);
    let p: RegisterExportProgress = unwrap(await call('registerExport/start', input));
    const exportId = p.exportId;
    cancel = () => void call('registerExport/cancel', { exportId });
    process.once('SIGINT', onSignal);
    io.warn(`导出 ${p.total} 行（${p.unmasked ? '未遮蔽身份' : '身份已遮蔽'}）…`);
    let shown = -1;
    while (p.state === 'running') {
      await sleep(io.pollMs ?? 500);
      p = unwrap(await call('registerExport/progress', { exportId }));
      if (p.state === 'running' && p.written !== shown && p.total > 0) {
        shown = p.written;
        io.warn(`已写 ${p.written} / ${p.total} 行（${Math.floor((p.written / p.total) * 100)}%）`);
      }
    }
    if (p.state === 'cancelled') throw new AppError('CONFLICT', `导出已取消（已写 ${p.written} 行，未保存文件）`);
    if (p.state === 'failed') throw new AppError('INTERNAL', p.message ?? '导出失败');
    const written = io.writeFile(unwrap(await call('registerExport/file', { exportId })), v.xlsx);
    io.print(`已导出 ${p.written} 行：${written}`);
    io.print(String(p.written));
    return 0;
  } finally {
    process.removeListener('SIGINT', onSignal);
    await core.services.registerExport.settled();
    await core.close();
  }
}
