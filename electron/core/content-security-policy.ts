/**
 * THE Content Security Policy of the app's page, written once. The desktop window's session sends it as a
 * header (main/security.ts), the HTTP adapter sends it with every response (server/server.ts), and the
 * build writes it into renderer/index.html's <meta> (electron.vite.config.ts), so a page opened from the
 * file system without either adapter is held to it too. The page may talk only to its own origin.
 * Pure strings: the Vite config imports this file, and so may anything that checks it.
 */
const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"], // antd's CSS-in-JS writes <style> tags at run time
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** Directives a <meta> element cannot carry (browsers ignore them there, with a console warning). */
const HEADER_ONLY = new Set(['frame-ancestors']);

type Directives = ReadonlyArray<readonly [string, string]>;
const build = (directives: Directives) => directives.map(([name, value]) => `${name} ${value}`).join('; ');

/**
 * The dev server (electron-vite dev, never packaged) needs one relaxation: @vitejs/plugin-react injects an
 * inline module script (the react-refresh preamble) into index.html. Never 'unsafe-eval', even in dev.
 */
const forDev = (directives: Directives): Directives =>
  directives.map(([name, value]) => [name, name === 'script-src' ? `${value} 'unsafe-inline'` : value] as const);

/** The policy as a response header (both adapters). */
export const CONTENT_SECURITY_POLICY = build(DIRECTIVES);

/** The same policy as index.html's <meta http-equiv>: everything a meta element can enforce. */
export const META_CONTENT_SECURITY_POLICY = build(DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name)));

export function contentSecurityPolicy(isDev: boolean): string {
  return isDev ? build(forDev(DIRECTIVES)) : CONTENT_SECURITY_POLICY;
}

export function metaContentSecurityPolicy(isDev: boolean): string {
  const meta = DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name));
  return isDev ? build(forDev(meta)) : META_CONTENT_SECURITY_POLICY;
}

/** What renderer/index.html holds where the build writes the policy. */
export const CSP_PLACEHOLDER = '%CONTENT_SECURITY_POLICY%';

/** index.html with the policy written in; throws when the placeholder is missing, so no build ships without it. */
export function injectContentSecurityPolicy(html: string, policy: string): string {
  const parts = html.split(CSP_PLACEHOLDER);
  if (parts.length !== 2) throw new Error(`index.html must hold ${CSP_PLACEHOLDER} exactly once (found ${parts.length - 1})`);
  return parts.join(policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;'));
}
