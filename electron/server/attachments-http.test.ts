import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_BODY_BYTES } from '../core/contract';
import { makeOffice, must, PASSWORD, phoneComplaint, type Office } from '../core/testing';
import { createServer, listen } from './server';
import { SESSION_COOKIE } from './sessions';

/**
 * Attachments over HTTP: the bigger body attachments/add may send (for a signed-in caller only; every other
 * channel keeps 2 MB), and a stored file going out as a download the browser never renders: an HTML page kept as
 * text is served as text/plain, named .txt, with Content-Disposition: attachment and nosniff.
 */
let office: Office;
let server: http.Server;
let port: number;
let tmp: string;

interface Reply { status: number; headers: http.IncomingHttpHeaders; body: Buffer; json: any }

function post(channel: string, body: string | Buffer, cookie?: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, method: 'POST', path: `/api/${channel}`,
      headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}), ...headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const all = Buffer.concat(chunks);
        let json: unknown;
        try { json = JSON.parse(all.toString('utf8')); } catch { json = undefined; }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: all, json });
      });
    });
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' || (err as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : reject(err)));
    req.end(body);
  });
}

async function signIn(username: string): Promise<string> {
  const reply = await post('auth/signIn', JSON.stringify({ username, password: PASSWORD }));
  expect(reply.status).toBe(200);
  const line = (reply.headers['set-cookie'] ?? []).find((l) => l.startsWith(`${SESSION_COOKIE}=`))!;
  return line.split(';')[0].slice(SESSION_COOKIE.length + 1);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-attach-http-'));
  office = await makeOffice('2026-03-02 10:00', { papersRoot: path.join(tmp, 'data') });
  server = createServer({ core: office.core, rendererDir: null, host: '127.0.0.1', port: 0 });
  port = (await listen(server, '127.0.0.1', 0)).port;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await office?.core.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('attachments over HTTP', () => {
  it('serves an HTML page kept as text as a plain-text download: attachment, nosniff, a safe .txt name', async () => {
    const c = must(await office.core.call('cases/register', phoneComplaint(), office.as.clerk));
    const html = '<!doctype html><html><body><script>alert(document.cookie)</script>通知</body></html>';
    const cookie = await signIn('clerk');
    const added = await post('attachments/add', JSON.stringify({ caseId: c.id, name: '..\\..\\通知\u202Eexe.html', content: Buffer.from(html).toString('base64') }), cookie);
    expect(added.status, added.body.toString()).toBe(200);
    expect(added.json.value).toMatchObject({ name: '通知_exe.html.txt', kind: 'text', mimeType: 'text/plain; charset=utf-8' });
    const file = await post('attachments/file', JSON.stringify({ id: added.json.value.id }), cookie);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="__exe.html.txt"; filename*=UTF-8''${encodeURIComponent('通知_exe.html.txt')}`);
    expect(file.headers['content-security-policy']).toContain("default-src 'self'");
    expect(file.body.toString('utf8')).toBe(html);
  });

  it('reads a body over 2 MB for attachments/add from a signed-in caller, and for no other channel or stranger', async () => {
    const c = must(await office.core.call('cases/register', phoneComplaint(), office.as.clerk));
    const cookie = await signIn('clerk');
    const big = Buffer.alloc(3 * 1024 * 1024, 0x61); // 3 MB of text
    const body = JSON.stringify({ caseId: c.id, name: '长文本.txt', content: big.toString('base64') });
    expect(body.length).toBeGreaterThan(4 * 1024 * 1024);
    const added = await post('attachments/add', body, cookie);
    expect(added.status, added.body.toString().slice(0, 300)).toBe(200);
    expect(added.json.value).toMatchObject({ name: '长文本.txt', size: big.length });
    // Another channel: 2 MB as before.
    const other = await post('cases/list', JSON.stringify({ search: 'x'.repeat(3 * 1024 * 1024) }), cookie);
    expect(other.status).toBe(413);
    expect(other.json.error.message).toBe('请求内容过大（上限 2 MB）');
    // Not signed in: the big body is not read at all.
    const stranger = await post('attachments/add', body);
    expect(stranger.status).toBe(413);
    expect(stranger.json.error.message).toBe('请求内容过大（上限 2 MB）');
    // Over the channel's own mark (a declared length): refused before reading.
    const over = await post('attachments/add', '{}', cookie, { 'content-length': String(ATTACHMENT_BODY_BYTES + 1) });
    expect(over.status).toBe(413);
    expect(over.json.error.message).toBe(`请求内容过大（上限 ${Math.round(ATTACHMENT_BODY_BYTES / 1024 / 1024)} MB）`);
  });
});
