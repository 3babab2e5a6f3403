import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy';
import { answersFile, DEFAULT_MAX_BODY_BYTES, isChannel, maxBodyBytes } from '../core/contract';
import type { Core } from '../core/core';
import type { ErrorCode, Result } from '../core/errors';
import type { FileResult } from '../core/types';
import { attachmentDisposition } from './content-disposition';
import { OPENAPI_PATH, serveOpenApi } from './openapi-route';
import { isJsonContentType } from './media-type';
import { readCookie, SESSION_COOKIE, SessionStore } from './sessions';
import { resolveStatic } from './static';

/** The desktop window's CSP, written once (core/content-security-policy.ts): the page may talk only to its own origin. */
export const SERVER_CSP = CONTENT_SECURITY_POLICY;

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 422, CALENDAR_MISSING: 422, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404,
  CONFLICT: 409, INVALID_TRANSITION: 409, LOCKED: 423, CORRUPT: 503, INTERNAL: 500,
};
/** Every request's body at most (a channel may mark a bigger one: attachments/add, for its signed-in callers only). */
const MAX_BODY = DEFAULT_MAX_BODY_BYTES;

export const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export interface ServerOptions {
  core: Core;
  rendererDir: string | null;
  host: string;
  port: number;
}

function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', SERVER_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * A file channel's answer goes out as the file itself: its type, named as an attachment (the browser
 * saves it rather than showing it), never cached. nosniff is on every response (securityHeaders).
 */
function sendFile(res: http.ServerResponse, file: FileResult): void {
  const body = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  res.writeHead(200, {
    'Content-Type': file.mimeType,
    'Content-Length': body.byteLength,
    'Content-Disposition': attachmentDisposition(file.name),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function isFileResult(value: unknown): value is FileResult {
  const v = value as Partial<FileResult> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.mimeType === 'string' && v.bytes instanceof Uint8Array;
}

function fail(res: http.ServerResponse, code: ErrorCode, message: string): void {
  sendJson(res, STATUS[code], { ok: false, error: { code, message } } satisfies Result<never>);
}

/**
 * The body, or null once it is known to exceed the limit: at once from a declared Content-Length, else
 * as soon as the bytes read pass it. Reading stops there (the rest is never pulled off the wire), so a
 * stranger cannot make the server swallow an endless upload before it is refused.
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return resolve(null);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      chunks.length = 0;
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * 413, then the connection closes (Connection: close makes Node end it once the answer is written), so
 * the unread rest of the body is dropped with it instead of being parsed as the next request.
 */
function tooLarge(res: http.ServerResponse, limit: number): void {
  res.setHeader('Connection', 'close');
  sendJson(res, 413, { ok: false, error: { code: 'VALIDATION', message: `请求内容过大（上限 ${Math.round(limit / 1024 / 1024)} MB）` } } satisfies Result<never>);
}

/** The peer as the sign-in throttle counts it: an IPv4 peer reached over an IPv6 socket is the IPv4 address. */
export function clientOf(req: http.IncomingMessage): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  return `http:${address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')}`;
}

/**
 * The HTTP adapter: the built UI plus POST /api/<channel> carrying the contract as JSON in and the Result
 * envelope out. Sessions ride in an HttpOnly, SameSite=Strict cookie; requests must come from this very
 * origin (Host and Origin checked) and carry JSON, so another site in the same browser cannot drive it.
 */
export function createServer(options: ServerOptions): http.Server {
  const sessions = new SessionStore();
  const { core } = options;

  async function api(req: http.IncomingMessage, res: http.ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return fail(res, 'NOT_FOUND', '接口只接受 POST 请求');
    if (!isJsonContentType(req.headers['content-type'])) return fail(res, 'VALIDATION', '请求须为 JSON');
    const origin = req.headers.origin;
    if (origin && origin !== `http://${req.headers.host}`) return fail(res, 'FORBIDDEN', '拒绝来自其他网站的请求');
    // A channel marked for bigger bodies (attachments/add) reads them only for a signed-in caller: a stranger
    // cannot make the server take in 70 MB before being told to sign in.
    const marked = isChannel(channel) ? maxBodyBytes(channel) : MAX_BODY;
    const limit = marked > MAX_BODY && !sessions.find(readCookie(req.headers.cookie, SESSION_COOKIE))?.userId ? MAX_BODY : marked;
    const body = await readBody(req, limit);
    if (body === null) return tooLarge(res, limit);
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      return fail(res, 'VALIDATION', '请求内容不是有效的 JSON');
    }
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const found = sessions.find(token);
    const session = found ?? { userId: null };
    session.client = clientOf(req);
    const before = session.signInId;
    const result = await core.call(channel, input, session);
    if (session.userId !== null && session.signInId !== before) {
      // Signed in: always a fresh token, so a cookie planted before sign-in is worth nothing.
      sessions.remove(token);
      res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${sessions.add(session)}; HttpOnly; SameSite=Strict; Path=/`);
    } else if (found && session.userId === null) {
      sessions.remove(token);
      res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    }
    if (result.ok && isChannel(channel) && answersFile(channel)) {
      if (!isFileResult(result.value)) throw new Error(`${channel} answered something that is not a file`);
      return sendFile(res, result.value);
    }
    sendJson(res, result.ok ? 200 : STATUS[result.error.code], result);
  }

  function staticFile(req: http.IncomingMessage, res: http.ServerResponse, urlPath: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 'NOT_FOUND', '未找到');
    if (!options.rendererDir) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('界面尚未构建：请先运行 npm run build');
      return;
    }
    const found = resolveStatic(options.rendererDir, urlPath);
    if (!found) return fail(res, 'NOT_FOUND', '未找到');
    res.writeHead(200, {
      'Content-Type': found.type,
      'Cache-Control': urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(found.file).pipe(res);
  }

  return http.createServer((req, res) => {
    securityHeaders(res);
    // DNS-rebinding guard: on loopback, only loopback Host names are served.
    const hostName = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    if (LOOPBACK_HOSTS.has(options.host) && !LOOPBACK_HOSTS.has(hostName)) return fail(res, 'FORBIDDEN', '拒绝非本机地址的访问');
    const urlPath = (req.url ?? '/').split('?')[0];
    if (urlPath === OPENAPI_PATH) return void serveOpenApi(req, res, core, sessions.find(readCookie(req.headers.cookie, SESSION_COOKIE)));
    if (urlPath.startsWith('/api/')) {
      api(req, res, urlPath.slice(5)).catch((err) => {
        console.error(err);
        if (!res.headersSent) fail(res, 'INTERNAL', '系统内部错误');
      });
      return;
    }
    staticFile(req, res, urlPath);
  });
}

export function listen(server: http.Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
}
