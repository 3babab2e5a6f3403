import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../core/openapi';
import { makeOffice, PASSWORD, type Office } from '../core/testing';
import { OPENAPI_PATH } from './openapi-route';
import { createServer, listen } from './server';
import { SESSION_COOKIE } from './sessions';

let office: Office;
let server: http.Server;
let port: number;

function request(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; json: any }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function signIn(username: string): Promise<string> {
  const reply = await request('POST', '/api/auth/signIn', { 'content-type': 'application/json' }, JSON.stringify({ username, password: PASSWORD }));
  expect(reply.status).toBe(200);
  return /cr_session=([^;]+)/.exec(String(reply.headers['set-cookie']))![1];
}

beforeAll(async () => {
  office = await makeOffice();
  server = createServer({ core: office.core, rendererDir: null, host: '127.0.0.1', port: 0 });
  port = (await listen(server, '127.0.0.1', 0)).port;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await office?.core.close();
});

describe('GET /api/openapi.json', () => {
  it('needs a signed-in session, like every other call', async () => {
    expect(await request('GET', OPENAPI_PATH)).toMatchObject({ status: 401, json: { ok: false, error: { code: 'UNAUTHENTICATED' } } });
    const forged = await request('GET', OPENAPI_PATH, { cookie: `${SESSION_COOKIE}=not-a-session` });
    expect(forged.status).toBe(401);
  });

  it('serves the generated document to any signed-in role, uncached', async () => {
    for (const role of ['clerk', 'auditor'] as const) {
      const reply = await request('GET', OPENAPI_PATH, { cookie: `${SESSION_COOKIE}=${await signIn(role)}` });
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(reply.headers['cache-control']).toBe('no-store');
      expect(reply.headers['content-security-policy']).toBeTruthy();
      expect(reply.json).toEqual(openApiDocument(SESSION_COOKIE));
    }
  });

  it('ends with the session: a deactivated user is refused', async () => {
    const token = await signIn('supervisor');
    await office.core.db.updateTable('users').set({ active: 0 }).where('id', '=', office.userIds.supervisor).execute();
    expect((await request('GET', OPENAPI_PATH, { cookie: `${SESSION_COOKIE}=${token}` })).status).toBe(401);
  });

  it('is not a channel: POST is refused', async () => {
    const token = await signIn('clerk');
    const reply = await request('POST', OPENAPI_PATH, { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${token}` }, '{}');
    expect(reply).toMatchObject({ status: 404, json: { ok: false, error: { code: 'NOT_FOUND' } } });
  });
});
