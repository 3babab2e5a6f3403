import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { answersFile, isChannel, type Channel } from '../core/contract';
import type { Core } from '../core/core';
import type { CoreSession } from '../core/session';
import { toErrorData, type Result } from '../core/errors';
import type { FileDelivery, FileResult } from '../core/types';
import { INVOKE_CHANNEL } from '../preload/bridge';
import { isTrustedSender } from './security';

interface WindowLike {
  webContents: { id: number };
}

/**
 * One handler for the whole contract. The sender check comes first; the core then checks the channel,
 * the signed-in user's role and the input. Whatever happens, the page receives a Result, never a throw
 * (a rejected invoke would reach the page as an unreadable "Error invoking remote method").
 *
 * Sign-in state is one CoreSession per webContents: the core mutates it on sign-in/out, and it is dropped
 * when that webContents is destroyed, so a new window starts signed out.
 *
 * A file channel's answer never travels to the page: `deliverFile` (the save dialog, save-file.ts) takes
 * the file, and the page learns its name and whether it was saved. A page that asks to open the file for
 * printing (the invoke's third argument `{ delivery: 'open' }`) gets mode 'open' (open-file.ts: the system's
 * PDF viewer); anything else there is the save dialog.
 */
export type DeliveryMode = 'save' | 'open';

/** The delivery the page asked for: only exactly `{ delivery: 'open' }` opens; anything else saves. */
export function deliveryMode(options: unknown): DeliveryMode {
  return typeof options === 'object' && options !== null && (options as { delivery?: unknown }).delivery === 'open' ? 'open' : 'save';
}

export function registerIpc<W extends WindowLike>(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: Pick<Core, 'call'>,
  getMainWindow: () => W | null,
  appUrl: string,
  /** `channel`: which file it is (an attachment opens with its own viewer, a paper with the PDF viewer for printing) */
  deliverFile: (file: FileResult, window: W, mode: DeliveryMode, channel: Channel) => Promise<Result<FileDelivery>>,
  log: (message: string, err?: unknown) => void = (message, err) => console.warn(message, err ?? ''),
): () => void {
  const sessions = new Map<number, CoreSession>();

  function sessionFor(sender: WebContents): CoreSession {
    let session = sessions.get(sender.id);
    if (session === undefined) {
      session = { userId: null };
      sessions.set(sender.id, session);
      const id = sender.id;
      sender.once('destroyed', () => sessions.delete(id));
    }
    return session;
  }

  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, input: unknown, options?: unknown): Promise<Result<unknown>> => {
    try {
      const mainWindow = getMainWindow();
      const mainId = mainWindow?.webContents.id ?? null;
      if (!isTrustedSender(event, mainId, appUrl)) {
        log(`[ipc] refused a call from webContents ${event.sender.id} (${event.senderFrame?.url ?? 'no frame'})`);
        return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } };
      }
      if (!isChannel(channel)) {
        const name = typeof channel === 'string' ? channel.slice(0, 60) : typeof channel;
        return { ok: false, error: { code: 'NOT_FOUND', message: `未知的接口：${name}` } };
      }
      const result = await core.call(channel, input, sessionFor(event.sender));
      if (!result.ok || !answersFile(channel)) return result;
      // A trusted sender is the main window, so it exists here; the dialog is modal to it.
      return await deliverFile(result.value as FileResult, mainWindow!, deliveryMode(options), channel);
    } catch (err) {
      return { ok: false, error: toErrorData(err, (e) => log('[ipc] unexpected error', e)) };
    }
  });

  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    sessions.clear();
  };
}
