import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CSP_PLACEHOLDER, META_CONTENT_SECURITY_POLICY, injectContentSecurityPolicy } from '../core/content-security-policy';
import { readChannelsArgument } from '../preload/bridge';
import { SERVER_CSP } from '../server/server';
import {
  CONTENT_SECURITY_POLICY, contentSecurityPolicy, hardenSession, hardenWebContents, isAllowedNavigation,
  isTrustedSender, windowOptions,
} from './security';

const { openExternal } = vi.hoisted(() => ({ openExternal: vi.fn(async (_url: string) => undefined) }));
vi.mock('electron', () => ({ shell: { openExternal } }));

const APP = 'file:///opt/complaint-register/resources/app.asar/out/renderer/index.html';
const DEV = 'http://localhost:5173/';

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name, values.join(' ')] as [string, string];
  }));
}

describe('windowOptions', () => {
  const options = windowOptions('/app/out/preload/index.js', ['auth/signIn', 'cases/list']);
  const prefs = options.webPreferences!;

  it('keeps the renderer isolated, sandboxed and without Node', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.preload).toBe('/app/out/preload/index.js');
  });

  it('has the Chinese title and a desk-sized window', () => {
    expect(options.title).toBe('投诉登记册');
    expect(options.width).toBe(1280);
    expect(options.height).toBe(800);
    expect(options.minWidth).toBeGreaterThanOrEqual(960);
  });

  it('hands the contract channel list to the preload through argv', () => {
    expect(readChannelsArgument(prefs.additionalArguments ?? [])).toEqual(['auth/signIn', 'cases/list']);
  });
});

describe('content security policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('only runs the app\'s own scripts, never eval', () => {
    expect(csp.get('script-src')).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(csp.get('default-src')).toBe("'self'");
  });

  it('allows inline styles (antd CSS-in-JS) and nothing remote', () => {
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('img-src')).toBe("'self' data: blob:");
    expect(csp.get('font-src')).toBe("'self' data:");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });

  it('shuts plugins, base, forms and framing', () => {
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('form-action')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
  });

  it('is the production policy when not in dev; dev only adds inline scripts for react-refresh', () => {
    expect(contentSecurityPolicy(false)).toBe(CONTENT_SECURITY_POLICY);
    const dev = directives(contentSecurityPolicy(true));
    expect(dev.get('script-src')).toBe("'self' 'unsafe-inline'");
    expect(contentSecurityPolicy(true)).not.toContain('unsafe-eval');
    expect(dev.get('connect-src')).toBe("'self'");
  });
});

describe('isAllowedNavigation', () => {
  it.each([
    [APP, true],
    [`${APP}#/register?page=2`, true],
    [`${APP}?x=1`, true],
    ['file:///opt/complaint-register/resources/app.asar/out/renderer/other.html', false],
    ['file:///etc/passwd', false],
    ['file://evil-host/opt/complaint-register/resources/app.asar/out/renderer/index.html', false],
    ['https://example.com/', false],
    ['http://localhost:5173/', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['not a url', false],
  ])('production app: %s -> %s', (url, expected) => {
    expect(isAllowedNavigation(url, APP)).toBe(expected);
  });

  it('matches percent-encoded and plain paths alike (Chinese install folder)', () => {
    const app = 'file:///home/办公室/app/out/renderer/index.html';
    const encoded = new URL(app).href;
    expect(isAllowedNavigation(encoded, app)).toBe(true);
    expect(isAllowedNavigation(app, encoded)).toBe(true);
  });

  it.each([
    ['http://localhost:5173/', true],
    ['http://localhost:5173/#/cases/1', true],
    ['http://localhost:5174/', false],
    ['http://127.0.0.1:5173/', false],
    ['https://localhost:5173/', false],
    ['http://evil.example/', false],
    [APP, false],
  ])('dev server: %s -> %s', (url, expected) => {
    expect(isAllowedNavigation(url, DEV)).toBe(expected);
  });
});

class FakeWebContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  /** Emits a navigation event the way Electron 41 does and reports whether it went through. */
  navigate(eventName: string, url: string): boolean {
    let prevented = false;
    this.emit(eventName, { url, preventDefault: () => { prevented = true; } });
    return !prevented;
  }
}

describe('hardenWebContents', () => {
  let contents: FakeWebContents;
  beforeEach(() => {
    openExternal.mockClear();
    contents = new FakeWebContents();
    hardenWebContents(contents as never, APP);
  });

  it('prevents navigation to another origin, in the main frame, a subframe or by redirect', () => {
    expect(contents.navigate('will-navigate', 'https://example.com/')).toBe(false);
    expect(contents.navigate('will-frame-navigate', 'https://example.com/')).toBe(false);
    expect(contents.navigate('will-redirect', 'http://evil.example/')).toBe(false);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(false);
  });

  it('allows navigation within the app', () => {
    expect(contents.navigate('will-navigate', `${APP}#/register`)).toBe(true);
    expect(contents.navigate('will-frame-navigate', APP)).toBe(true);
  });

  it('refuses to attach a <webview>', () => {
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => { prevented = true; } }, {}, {});
    expect(prevented).toBe(true);
  });

  it('denies window.open; https links go to the system browser, nothing else does', () => {
    expect(contents.openHandler).not.toBeNull();
    expect(contents.openHandler!({ url: 'https://www.gov.cn/' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://www.gov.cn/');
    openExternal.mockClear();
    for (const url of ['http://example.com/', 'file:///etc/passwd', `${APP}#/x`, 'javascript:alert(1)', 'smb://server/share']) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('hardenSession', () => {
  type HeadersListener = (details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void;
  type RequestHandler = (wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void;
  type CheckHandler = (...args: unknown[]) => boolean;

  function fakeSession() {
    const seen: { headers?: HeadersListener; request?: RequestHandler; check?: CheckHandler; device?: CheckHandler } = {};
    const session = {
      webRequest: { onHeadersReceived: (l: HeadersListener) => { seen.headers = l; } },
      setPermissionRequestHandler: (fn: RequestHandler) => { seen.request = fn; },
      setPermissionCheckHandler: (fn: CheckHandler) => { seen.check = fn; },
      setDevicePermissionHandler: (fn: CheckHandler) => { seen.device = fn; },
    };
    return { session, seen };
  }

  it('puts our CSP on every response, replacing any the server sent', () => {
    const { session, seen } = fakeSession();
    hardenSession(session as never);
    let result: { responseHeaders: Record<string, string[]> } | undefined;
    seen.headers!(
      { responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ["script-src * 'unsafe-eval'"] } },
      (r) => { result = r as typeof result; },
    );
    expect(result!.responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(result!.responseHeaders['content-security-policy']).toBeUndefined();
    expect(result!.responseHeaders['content-type']).toEqual(['text/html']);
  });

  it('denies every permission request and check', () => {
    const { session, seen } = fakeSession();
    hardenSession(session as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'unknown']) {
      const callback = vi.fn();
      seen.request!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(seen.check!({}, permission, 'file://', {})).toBe(false);
    }
    expect(seen.device!({ deviceType: 'usb' })).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const event = (senderId: number, url: string | null, parent: unknown = null) => ({
    sender: { id: senderId },
    senderFrame: url === null ? null : { url, parent },
  });

  it('trusts the main window\'s top frame showing the app', () => {
    expect(isTrustedSender(event(7, `${APP}#/register`), 7, APP)).toBe(true);
    expect(isTrustedSender(event(3, `${DEV}#/`), 3, DEV)).toBe(true);
  });

  it('refuses another webContents', () => {
    expect(isTrustedSender(event(8, APP), 7, APP)).toBe(false);
    expect(isTrustedSender(event(7, APP), null, APP)).toBe(false);
  });

  it('refuses a foreign frame URL, a subframe, or a frame that is gone', () => {
    expect(isTrustedSender(event(7, 'https://evil.example/'), 7, APP)).toBe(false);
    expect(isTrustedSender(event(7, 'file:///tmp/evil.html'), 7, APP)).toBe(false);
    expect(isTrustedSender(event(7, APP, { url: APP }), 7, APP)).toBe(false);
    expect(isTrustedSender(event(7, null), 7, APP)).toBe(false);
  });
});

describe('one content security policy, wherever the page is served from', () => {
  const indexHtml = readFileSync(resolve(__dirname, '../../renderer/index.html'), 'utf8');
  const metaPolicy = (html: string) => /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1] ?? null;

  it('is the same header in the desktop window and from the HTTP adapter', () => {
    expect(SERVER_CSP).toBe(CONTENT_SECURITY_POLICY);
  });

  it("is written into index.html by the build's own plugin, as much of it as a <meta> can carry", async () => {
    expect(indexHtml).not.toMatch(/default-src/); // no copy of the policy by hand
    const { default: config } = await import('../../electron.vite.config');
    const plugins = (config as { renderer: { plugins: unknown[] } }).renderer.plugins.flat() as Array<{ name?: string; transformIndexHtml?: unknown }>;
    const plugin = plugins.find((p) => p?.name === 'content-security-policy');
    const hook = plugin?.transformIndexHtml as { handler: (html: string, ctx: { server?: unknown }) => string };
    const built = hook.handler(indexHtml, {});
    const meta = metaPolicy(built);
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    // the header minus what only a header can say (frame-ancestors is ignored in <meta>)
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(directives(meta!)).toEqual(header);
    // the dev server gets the dev relaxation, like the window's session does
    expect(directives(metaPolicy(hook.handler(indexHtml, { server: {} }))!).get('script-src')).toBe(directives(contentSecurityPolicy(true)).get('script-src'));
  });

  it('refuses to build a page that lost its placeholder', () => {
    expect(() => injectContentSecurityPolicy('<html></html>', CONTENT_SECURITY_POLICY)).toThrow(CSP_PLACEHOLDER);
  });
});
