import {
  shell,
  type BrowserWindowConstructorOptions,
  type HandlerDetails,
  type Session,
  type WebContents,
  type WindowOpenHandlerResponse,
} from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy';
import { channelsArgument } from '../preload/bridge';

/**
 * Every security decision of the desktop shell lives here, as small functions with a fake-electron test
 * (after Electron Fiddle and Actual's security.ts). The page is treated as untrusted: it gets one invoke
 * function through the preload and nothing else.
 */

export const WINDOW_TITLE = '投诉登记册';

export function windowOptions(preloadPath: string, channels: readonly string[]): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false, // shown on 'ready-to-show', so the clerk never sees a blank white frame
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      additionalArguments: [channelsArgument(channels)],
    },
  };
}

// The policy itself is written once, for both adapters and index.html: core/content-security-policy.ts.
export { CONTENT_SECURITY_POLICY, contentSecurityPolicy } from '../core/content-security-policy';

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function filePath(url: URL): string {
  let p: string;
  try {
    p = decodeURIComponent(url.pathname);
  } catch {
    p = url.pathname;
  }
  return process.platform === 'win32' ? p.toLowerCase() : p;
}

/**
 * Whether `url` is the app itself. In production the app is one file (out/renderer/index.html): a file://
 * origin is opaque, so the path must match exactly, or any file on disk would count as "the app". In dev it
 * is the electron-vite dev server: same origin. The hash (routes) and query never matter.
 */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  const target = parseUrl(url);
  const app = parseUrl(appUrl);
  if (target === null || app === null || target.protocol !== app.protocol) return false;
  if (app.protocol === 'file:') return target.host === app.host && filePath(target) === filePath(app);
  if (app.protocol === 'http:' || app.protocol === 'https:') return target.origin === app.origin;
  return false;
}

/** Links the page asks to open go to the system browser, and only over https. */
export function isExternalLink(url: string): boolean {
  return parseUrl(url)?.protocol === 'https:';
}

export function hardenSession(session: Session, policy: string = CONTENT_SECURITY_POLICY): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    // Drop whatever policy the server sent (any letter case) so ours is the only one.
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
  // A complaint register needs no camera, microphone, location, notifications, USB, serial or HID.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

export function hardenWebContents(contents: WebContents, appUrl: string): void {
  const guard = (event: NavigationEvent): void => {
    if (!isAllowedNavigation(event.url, appUrl)) event.preventDefault();
  };
  contents.on('will-navigate', guard); // main frame
  contents.on('will-frame-navigate', guard); // any frame, should an iframe ever appear
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }: HandlerDetails): WindowOpenHandlerResponse => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** The parts of an IpcMainInvokeEvent the sender check reads (so tests can pass a plain object). */
export interface SenderEvent {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * A call is trusted only from the main window's top frame showing the app. The frame can be null when it
 * navigated away or was destroyed while the message was in flight: refused too.
 */
export function isTrustedSender(event: SenderEvent, mainWebContentsId: number | null, appUrl: string): boolean {
  if (mainWebContentsId === null || event.sender.id !== mainWebContentsId) return false;
  const frame = event.senderFrame;
  if (frame === null || frame === undefined || frame.parent !== null) return false;
  return isAllowedNavigation(frame.url, appUrl);
}
