import fs from 'node:fs';
import path from 'node:path';
import { activeUserIdByName, caseIdByRegisterNo } from '../../db/queries/papers';
import { openCore, type Core } from '../core/core';
import type { Channel, ChannelOutput } from '../core/contract';
import { ATTACHMENT_MAX_FILE_BYTES, formatAttachmentSize, oversizeMessage, sniffAttachment } from '../core/domain/attachments';
import { AppError, type Result } from '../core/errors';

/**
 * `attach --case REGISTER_NO FILE… [--as USERNAME]`: attaches files to a case through the same channel as the app
 * (attachments/add: the type read from the bytes, the limits, the history row). One line per file: its SHA-256
 * and the name it is kept under, or why it was refused. Exit 0 only when every file was attached. It acts as the
 * machine's operator (recorded as 命令行), or as the user named by --as.
 */
export const ATTACH_USAGE = 'attach --case 登记编号 文件… [--as 用户名]';

export interface AttachIo {
  print(line: string): void;
  warn(line: string): void;
}

async function caller(core: Core, username: string | undefined) {
  if (username === undefined) {
    return <C extends Channel>(channel: C, input: unknown): Promise<Result<ChannelOutput<C>>> => core.callAsOperator(channel, input);
  }
  const userId = await activeUserIdByName(core.db, username);
  if (userId === undefined) throw new AppError('NOT_FOUND', `没有启用的用户“${username}”（--as）`);
  const session = { userId };
  return <C extends Channel>(channel: C, input: unknown): Promise<Result<ChannelOutput<C>>> => core.call(channel, input, session);
}

/** The file's bytes, or why they cannot be read (a file far over the limit is not read at all). */
function readFile(file: string): Uint8Array | string {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return '不是文件';
    size = stat.size;
  } catch {
    return '文件不存在或无法读取';
  }
  const name = path.basename(file);
  if (size > ATTACHMENT_MAX_FILE_BYTES) return oversizeMessage(name, size);
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch {
    return '文件无法读取';
  }
}

export async function runAttach(dataDir: string, v: { case?: string; as?: string }, files: readonly string[], io: AttachIo): Promise<number> {
  if (!v.case || files.length === 0) {
    io.warn(`用法：${ATTACH_USAGE}`);
    return 2;
  }
  const core = await openCore(dataDir);
  try {
    const caseId = await caseIdByRegisterNo(core.db, v.case.trim());
    if (caseId === undefined) throw new AppError('NOT_FOUND', `没有登记编号为 ${v.case} 的案件（--case）`);
    const call = await caller(core, v.as);
    let refused = 0;
    for (const file of files) {
      const bytes = readFile(file);
      // Checked here too, so a refused file is not sent through the core as 70 MB of Base64 for nothing.
      const sniffed = typeof bytes === 'string' ? { refused: bytes } : sniffAttachment(bytes, path.basename(file));
      if ('refused' in sniffed) {
        refused++;
        io.print(`未添加 ${file}：${sniffed.refused}`);
        continue;
      }
      const r = await call('attachments/add', { caseId, name: path.basename(file), content: Buffer.from(bytes as Uint8Array).toString('base64') });
      if (!r.ok) {
        refused++;
        io.print(`未添加 ${file}：${r.error.message}`);
        continue;
      }
      io.print(`${r.value.sha256}  ${r.value.name}（${formatAttachmentSize(r.value.size)}）`);
    }
    if (refused > 0) io.warn(`${files.length} 个文件中有 ${refused} 个未添加`);
    return refused > 0 ? 1 : 0;
  } finally {
    await core.close();
  }
}
