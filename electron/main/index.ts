import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { CHANNELS } from '../core/contract';
import { openCoreOrRecovery, type Core } from '../core/core';
import type { AppError } from '../core/errors';
import { defaultDataDir } from '../core/paths';
import { registerIpc } from './ipc';
import { openAttachment, openFileForPrinting } from './open-file';
import { saveFileWithDialog } from './save-file';
import { contentSecurityPolicy, hardenSession, hardenWebContents, windowOptions } from './security';

// First of all: the single-instance lock and Chromium's profile live under userData, and the CLI and the
// LAN server find the register through the same defaultDataDir().
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);
app.enableSandbox();

// electron-vite sets ELECTRON_RENDERER_URL for `electron-vite dev` only.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const rendererFile = path.join(__dirname, '../renderer/index.html');
const appUrl = devServerUrl ?? pathToFileURL(rendererFile).href;

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

function createWindow(): void {
  const win = new BrowserWindow(windowOptions(path.join(__dirname, '../preload/index.js'), CHANNELS));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void (devServerUrl === undefined ? win.loadFile(rendererFile) : win.loadURL(devServerUrl));
}

function isLocked(err: unknown): err is AppError {
  return err instanceof Error && (err as Partial<AppError>).code === 'LOCKED';
}

function showStartupError(err: unknown): void {
  console.error(err);
  const message = isLocked(err)
    ? `${err.message}\n\n可能是另一个投诉登记册窗口、命令行工具或局域网服务正在使用这些数据。请先关闭它，再重新打开投诉登记册。`
    : `无法打开数据文件夹：\n${dataDir}\n\n请确认该文件夹存在且可写、磁盘空间充足，然后重新打开投诉登记册。\n\n技术信息：${err instanceof Error ? err.message : String(err)}`;
  dialog.showErrorBox('投诉登记册无法启动', message);
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, contentSecurityPolicy(devServerUrl !== undefined));
  try {
    // A damaged register: a core in recovery mode; the window shows the recovery page (recovery/*).
    core = await openCoreOrRecovery(dataDir, { backups: 'schedule' });
    if (core.damage) console.error(core.damage.message);
  } catch (err) {
    showStartupError(err);
    app.quit();
    return;
  }
  registerIpc(ipcMain, core, () => mainWindow, appUrl, (file, win, mode, channel) => (mode === 'save' ? saveFileWithDialog(file, win) : channel === 'attachments/file' ? openAttachment(file) : openFileForPrinting(file)));
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl));

  app.on('activate', () => {
    if (core !== null && mainWindow === null) createWindow();
  });

  app.on('window-all-closed', () => app.quit());

  // Close the database (WAL checkpoint, lock file) before the process goes away.
  app.on('will-quit', (event) => {
    if (core === null) return;
    event.preventDefault();
    const closing = core;
    core = null;
    closing
      .close()
      .catch((err: unknown) => console.error(err))
      .finally(() => app.quit());
  });

  app.whenReady().then(start, (err: unknown) => {
    showStartupError(err);
    app.quit();
  });
}
