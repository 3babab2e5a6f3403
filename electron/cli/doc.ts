import { activeUserIdByName, caseIdByRegisterNo } from '../../db/queries/papers';
import { openCore, openReadOnlyCore, type Core } from '../core/core';
import type { Channel, ChannelOutput } from '../core/contract';
import { PAPER_TYPE_INFO, PAPER_TYPES, type PaperType } from '../core/domain/papers';
import { AppError, type Result } from '../core/errors';
import { COMMAND_LINE_ACTOR, type Actor } from '../core/session';
import type { FileResult } from '../core/types';

/**
 * `doc`: a case's paper from the command line (SPEC8 §7), through the same channels as the app.
 *   doc --case REGISTER_NO --type TYPE --pdf FILE [--docx FILE] [--issue] [--fill 名称=值 …] [--as USERNAME]
 *   doc --batch supervise --overdue --pdf FILE      (or --batch follow-up --follow-up-due)
 * Without --issue it writes a preview and changes nothing (the gaps go to stderr); with --issue it refuses
 * while gaps remain (naming them, writing nothing), else issues the paper, writes the stored PDF and prints
 * the number (a form's register number) as its last line. It acts as the operator with a supervisor's role
 * (recorded as 命令行), or as the user named by --as.
 */
export const DOC_USAGE = `doc --case 登记编号 --type 类型 --pdf 文件 [--docx 文件] [--issue] [--fill 名称=值 …] [--as 用户名]
  doc --batch supervise --overdue --pdf 文件 | doc --batch follow-up --follow-up-due --pdf 文件
  类型：${PAPER_TYPES.map((t) => `${t}（${PAPER_TYPE_INFO[t].name}）`).join('、')}`;

/** The operator at the command line, issuing papers: a supervisor may issue every type. */
export const COMMAND_LINE_ISSUER: Actor = { ...COMMAND_LINE_ACTOR, role: 'supervisor' };

export class DocUsageError extends Error {}

export interface DocValues {
  case?: string; type?: string; pdf?: string; docx?: string; issue?: boolean; fill?: string[]; as?: string;
  batch?: string; overdue?: boolean; 'follow-up-due'?: boolean;
}

export interface DocIo {
  print(line: string): void;
  warn(line: string): void;
  /** the CLI's one place for a file answer: returns the path written */
  writeFile(file: FileResult, out: string | undefined): string;
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.field);
  return result.value;
}

function fillIns(pairs: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new DocUsageError(`--fill 须为 名称=值，例如 --fill 调查核实情况=经调取录像核实：${pair}`);
    out[pair.slice(0, at).trim()] = pair.slice(at + 1);
  }
  return out;
}

function paperType(value: string | undefined): PaperType {
  if (value === undefined) throw new DocUsageError(`缺少 --type\n\n用法：${DOC_USAGE}`);
  if (!(PAPER_TYPES as readonly string[]).includes(value)) throw new DocUsageError(`--type 不是文书类型：${value}\n\n用法：${DOC_USAGE}`);
  return value as PaperType;
}

/** How the command calls the core: as --as's user (their role and name), or as the operator-supervisor. */
async function caller(core: Core, username: string | undefined) {
  if (username === undefined) {
    return <C extends Channel>(channel: C, input: unknown): Promise<Result<ChannelOutput<C>>> => core.callAsOperator(channel, input, COMMAND_LINE_ISSUER);
  }
  const userId = await activeUserIdByName(core.db, username);
  if (userId === undefined) throw new AppError('NOT_FOUND', `没有启用的用户“${username}”（--as）`);
  const session = { userId };
  return <C extends Channel>(channel: C, input: unknown): Promise<Result<ChannelOutput<C>>> => core.call(channel, input, session);
}

async function withCore<T>(open: () => Promise<Core>, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await open();
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

export async function runDoc(dataDir: string, v: DocValues, io: DocIo): Promise<number> {
  if (v.pdf === undefined) throw new DocUsageError(`缺少 --pdf\n\n用法：${DOC_USAGE}`);
  if (v.batch !== undefined) return runBatch(dataDir, v, io);
  if (v.case === undefined) throw new DocUsageError(`缺少 --case（登记编号）\n\n用法：${DOC_USAGE}`);
  const type = paperType(v.type);
  const fill = fillIns(v.fill);
  const name = PAPER_TYPE_INFO[type].name;

  // A preview reads only (the desktop app may be running); issuing takes the writer's lock.
  return withCore(() => (v.issue ? openCore(dataDir) : openReadOnlyCore(dataDir)), async (core) => {
    const call = await caller(core, v.as);
    const caseId = await caseIdByRegisterNo(core.db, v.case!);
    if (caseId === undefined) throw new AppError('NOT_FOUND', `没有登记编号为“${v.case}”的案件`);
    const input = { caseId, type, fillIns: fill };
    if (!v.issue) {
      const draft = unwrap(await call('papers/prepare', input));
      for (const m of draft.missing) {
        io.warn(m.name === '单位名称'
          ? `待填写：${m.name}（${m.description}）；请先在 设置 → 单位信息 中填写本单位名称`
          : `待填写：${m.name}（${m.description}）；签发前用 --fill ${m.name}=… 填写`);
      }
      if (draft.allowed !== null) io.warn(`暂不能签发：${draft.allowed}`);
      io.print(`预览（未签发、未编号，登记册未改动）：${io.writeFile(unwrap(await call('papers/previewPdf', input)), v.pdf)}`);
      if (v.docx !== undefined) io.print(`预览 Word：${io.writeFile(unwrap(await call('papers/previewDocx', input)), v.docx)}`);
      return 0;
    }
    const paper = unwrap(await call('papers/issue', input));
    const label = paper.number ?? paper.registerNo;
    io.print(`已签发「${name}」${label}（第 ${paper.version} 版，SHA-256 ${paper.sha256}）`);
    io.print(`PDF：${io.writeFile(unwrap(await call('papers/pdf', { paperId: paper.id })), v.pdf)}`);
    if (v.docx !== undefined) io.print(`Word：${io.writeFile(unwrap(await call('papers/docx', { paperId: paper.id })), v.docx)}`);
    io.print(label);
    return 0;
  });
}

async function runBatch(dataDir: string, v: DocValues, io: DocIo): Promise<number> {
  const batch = v.batch === 'supervise' && v.overdue ? { type: 'supervise', selection: 'overdue' } as const
    : v.batch === 'follow-up' && v['follow-up-due'] ? { type: 'follow-up', selection: 'followUpDue' } as const
      : null;
  if (batch === null) throw new DocUsageError(`用法：doc --batch supervise --overdue --pdf 文件，或 doc --batch follow-up --follow-up-due --pdf 文件`);
  return withCore(() => openCore(dataDir), async (core) => {
    const call = await caller(core, v.as);
    const file = unwrap(await call('papers/issueBatch', { ...batch, ...(v.fill ? { fillIns: fillIns(v.fill) } : {}) }));
    io.print(`已签发并合为一个 PDF：${io.writeFile(file, v.pdf)}`);
    return 0;
  });
}
