import type http from 'node:http';
import type { Core } from '../core/core';
import type { CoreSession } from '../core/session';
import { openApiDocument } from '../core/openapi';
import { SESSION_COOKIE } from './sessions';

export const OPENAPI_PATH = '/api/openapi.json';

let document: string | null = null;

function send(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

const failure = (code: string, message: string) => JSON.stringify({ ok: false, error: { code, message } });

/**
 * GET /api/openapi.json: the contract as OpenAPI 3.1. Like every call it needs a signed-in session: the
 * document tells nothing docs/API.md does not, but a server that answers strangers nothing is simpler
 * to reason about than one with exceptions. The session is checked by the core (a deactivated user or a
 * reset password ends it there), through `auth/me`.
 */
export async function serveOpenApi(req: http.IncomingMessage, res: http.ServerResponse, core: Core, session: CoreSession | undefined): Promise<void> {
  try {
    if (req.method !== 'GET') return send(res, 404, failure('NOT_FOUND', '此地址只接受 GET 请求'));
    const me = session ? await core.call('auth/me', {}, session) : null;
    if (!me?.ok || me.value === null) return send(res, 401, failure('UNAUTHENTICATED', '请先登录'));
    document ??= JSON.stringify(openApiDocument(SESSION_COOKIE));
    send(res, 200, document);
  } catch (err) {
    console.error(err);
    if (!res.headersSent) send(res, 500, failure('INTERNAL', '系统内部错误'));
  }
}
