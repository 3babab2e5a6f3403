import fs from 'node:fs/promises';
import path from 'node:path';
import { app, shell } from 'electron';
import { attachmentName, ATTACHMENT_KIND_LABELS, sniffAttachment } from '../core/domain/attachments';
import type { Result } from '../core/errors';
import { safeFileName } from '../core/file-name';
import type { FileDelivery, FileResult } from '../core/types';

/** The folder under the system's temp folder where PDFs opened for printing are written. */
export const PRINT_FOLDER = 'complaint-register-print';
/** The folder under the system's temp folder where attachments opened with the system's viewer are written. */
export const OPEN_FOLDER = 'complaint-register-open';
/** Opened files older than this are removed the next time a file is opened (the viewer has long read them). */
const KEEP_MS = 24 * 60 * 60 * 1000;

const refuse = (message: string): Result<FileDelivery> => ({ ok: false, error: { code: 'VALIDATION', message } });

function isPdf(file: FileResult): boolean {
  const essence = file.mimeType.split(';')[0].trim().toLowerCase();
  const magic = file.bytes.length >= 5 && String.fromCharCode(...file.bytes.subarray(0, 5)) === '%PDF-';
  return essence === 'application/pdf' && magic;
}

/** Best effort: earlier opened files the viewer no longer needs. A failure here never stops a print. */
async function removeOld(folder: string, now: number): Promise<void> {
  const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const full = path.join(folder, entry.name);
    const stat = await fs.stat(full).catch(() => null);
    if (stat && now - stat.mtimeMs > KEEP_MS) await fs.rm(full, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * The desktop app's "open for printing": the PDF written to a folder of its own under the system's temp
 * folder (a fresh sub-folder each time, so a letter still open in the viewer is never overwritten), then
 * opened with the system's PDF viewer, whose print button prints it. Only PDFs: a file of another type
 * (or bytes that are not a PDF) is refused rather than handed to whatever program its name would start.
 */
export async function openFileForPrinting(file: FileResult, now = Date.now()): Promise<Result<FileDelivery>> {
  if (!isPdf(file)) return refuse('只有 PDF 文件可以打开打印');
  let name = safeFileName(file.name);
  if (!/\.pdf$/i.test(name)) name = `${name}.pdf`;
  const folder = path.join(app.getPath('temp'), PRINT_FOLDER);
  let target: string;
  try {
    await fs.mkdir(folder, { recursive: true });
    await removeOld(folder, now);
    const own = await fs.mkdtemp(path.join(folder, 'p-'));
    target = path.join(own, name);
    await fs.writeFile(target, file.bytes, { mode: 0o600 });
  } catch (err) {
    console.warn('[open-file] could not write', file.name, err);
    const reason = (err as NodeJS.ErrnoException).code === 'ENOSPC' ? '磁盘空间不足' : '临时文件夹不可写入';
    return { ok: false, error: { code: 'INTERNAL', message: `文件“${name}”未能打开打印：${reason}。请改用“下载 PDF”保存后再打印。` } };
  }
  // openPath answers '' on success, else the system's reason (no program for PDFs, …).
  const error = await shell.openPath(target);
  if (error) {
    return { ok: false, error: { code: 'INTERNAL', message: `文件“${name}”未能用 PDF 阅读器打开：${error}。请安装 PDF 阅读器，或改用“下载 PDF”保存后再打印。` } };
  }
  return { ok: true, value: { name, saved: true } };
}

/**
 * The desktop app's "open" of an attachment (附件): a copy written to a folder of its own under the system's temp
 * folder (a fresh sub-folder each time), then opened with the system's viewer for its type. What it is, is read
 * again here from the bytes (domain/attachments.ts), not taken from the name or the stored type: only the allowed
 * kinds are opened, under a name ending in their own extension (so the system picks the viewer for what the file
 * is: a web page kept as text opens in a text editor), and never a file that can act when opened (a PDF with
 * JavaScript or a launch action), which the page offers only to save. Nothing is ever run.
 */
export async function openAttachment(file: FileResult, now = Date.now()): Promise<Result<FileDelivery>> {
  const sniffed = sniffAttachment(file.bytes, file.name);
  if ('refused' in sniffed) return refuse(`附件“${safeFileName(file.name)}”不是可以直接打开的类型，请改用“下载”保存`);
  if (sniffed.activeContent) return refuse(`附件“${safeFileName(file.name)}”含有脚本或启动程序的动作，只能下载保存，不能直接打开`);
  const stated = file.mimeType.split(';')[0].trim().toLowerCase();
  if (stated !== sniffed.mimeType.split(';')[0]) return refuse(`附件“${safeFileName(file.name)}”的内容与登记的类型不符，请改用“下载”保存`);
  const name = attachmentName(file.name, sniffed);
  const folder = path.join(app.getPath('temp'), OPEN_FOLDER);
  let target: string;
  try {
    await fs.mkdir(folder, { recursive: true });
    await removeOld(folder, now);
    const own = await fs.mkdtemp(path.join(folder, 'a-'));
    target = path.join(own, name);
    await fs.writeFile(target, file.bytes, { mode: 0o600 });
  } catch (err) {
    console.warn('[open-file] could not write', file.name, err);
    const reason = (err as NodeJS.ErrnoException).code === 'ENOSPC' ? '磁盘空间不足' : '临时文件夹不可写入';
    return { ok: false, error: { code: 'INTERNAL', message: `附件“${name}”未能打开：${reason}。请改用“下载”保存后再打开。` } };
  }
  const error = await shell.openPath(target);
  if (error) {
    return { ok: false, error: { code: 'INTERNAL', message: `附件“${name}”未能打开（没有可以打开${ATTACHMENT_KIND_LABELS[sniffed.kind]}的程序？${error}）。请改用“下载”保存。` } };
  }
  return { ok: true, value: { name, saved: true } };
}
