import fs from 'node:fs/promises';
import path from 'node:path';
import { app, dialog, type BaseWindow } from 'electron';
import type { Result } from '../core/errors';
import { safeFileName } from '../core/file-name';
import type { FileDelivery, FileResult } from '../core/types';

/** The dialog's type filter from the file's extension: 工作日历-2026.csv offers "CSV 文件" first. */
function filters(name: string): Electron.FileFilter[] {
  const ext = path.extname(name).slice(1).toLowerCase();
  const all = { name: '所有文件', extensions: ['*'] };
  return ext ? [{ name: `${ext.toUpperCase()} 文件`, extensions: [ext] }, all] : [all];
}

/**
 * The desktop app's one place for a file answer: a save dialog over the window (the file's own name in
 * the Documents folder to start with), then the bytes written where the person chose. The page learns
 * whether it was saved; closing the dialog is not an error.
 */
export async function saveFileWithDialog(file: FileResult, window: BaseWindow): Promise<Result<FileDelivery>> {
  const name = safeFileName(file.name);
  const choice = await dialog.showSaveDialog(window, {
    title: '保存文件',
    defaultPath: path.join(app.getPath('documents'), name),
    filters: filters(name),
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  });
  if (choice.canceled || !choice.filePath) return { ok: true, value: { name, saved: false } };
  try {
    await fs.writeFile(choice.filePath, file.bytes);
  } catch (err) {
    console.warn('[save-file] could not write', choice.filePath, err);
    const reason = (err as NodeJS.ErrnoException).code === 'ENOSPC' ? '磁盘空间不足' : '该位置不可写入或文件正被其他程序（如 Excel）打开';
    return { ok: false, error: { code: 'INTERNAL', message: `文件未能保存到“${choice.filePath}”：${reason}。请换一个位置或关闭占用它的程序后重试。` } };
  }
  return { ok: true, value: { name: path.basename(choice.filePath), saved: true } };
}
