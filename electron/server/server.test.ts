import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../core/contract';
import { ACCESS } from '../core/domain/permissions';
import { makeOffice, must, PASSWORD, phoneComplaint, type Office } from '../core/testing';
import { createServer, listen, SERVER_CSP } from './server';
import { SESSION_COOKIE } from './sessions';

/**
 * The HTTP adapter over real sockets and a real (in-memory) SQLite core. Requests go through
 * http.request rather than fetch so the test controls Host, Origin and the raw path exactly as a
 * hostile page or a DNS-rebinding attacker could.
 */

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

let office: Office;
let server: http.Server;
let port: number;
let tmp: string;

function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${port}`, ...opts.headers }, localAddress: opts.localAddress },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function post(channel: string, input: unknown = {}, opts: { cookie?: string; headers?: Record<string, string>; localAddress?: string } = {}): Promise<Reply> {
  return request({
    localAddress: opts.localAddress,
    method: 'POST',
    path: `/api/${channel}`,
    headers: {
      'content-type': 'application/json',
      ...(opts.cookie !== undefined ? { cookie: `${SESSION_COOKIE}=${opts.cookie}` } : {}),
      ...opts.headers,
    },
    body: JSON.stringify(input),
  });
}

/** The session token a response set, or undefined. */
function issuedToken(reply: Reply): string | undefined {
  const set = reply.headers['set-cookie'] ?? [];
  const line = set.find((l) => l.startsWith(`${SESSION_COOKIE}=`));
  return line?.split(';')[0].slice(SESSION_COOKIE.length + 1);
}

async function signIn(username: string, password = PASSWORD): Promise<string> {
  const reply = await post('auth/signIn', { username, password });
  expect(reply.status, reply.text).toBe(200);
  const token = issuedToken(reply);
  expect(token).toBeTruthy();
  return token!;
}

beforeAll(async () => {
  office = await makeOffice();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-server-'));
  const rendererDir = path.join(tmp, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>投诉登记册</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'x.js'), 'console.log("x")');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'outside the renderer folder');
  server = createServer({ core: office.core, rendererDir, host: '127.0.0.1', port: 0 });
  port = (await listen(server, '127.0.0.1', 0)).port;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await office?.core.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('sign-in is required', () => {
  const publicChannels = CHANNELS.filter((c) => ACCESS[c] === 'public');
  const privateChannels = CHANNELS.filter((c) => ACCESS[c] !== 'public');

  it('answers 401 UNAUTHENTICATED on every non-public channel without a session', async () => {
    expect(privateChannels.length).toBeGreaterThan(30);
    for (const channel of privateChannels) {
      const reply = await post(channel, {});
      expect({ channel, status: reply.status, body: reply.json }).toEqual({
        channel, status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } },
      });
    }
  });

  it('lets the public channels through without a session', async () => {
    expect(publicChannels.sort()).toEqual(['auth/session', 'auth/signIn', 'recovery/restore', 'recovery/status', 'setup/init', 'setup/status']);
    // recovery/* answers without a session; on a register that opened there is nothing to recover
    expect((await post('recovery/status')).json.value).toMatchObject({ damaged: false });
    const recover = await post('recovery/restore', { file: '/x.sqlite', username: 'admin', password: 'whatever-1' });
    expect({ status: recover.status, code: recover.json.error.code }).toEqual({ status: 409, code: 'CONFLICT' });
    const status = await post('setup/status');
    expect(status.status).toBe(200);
    expect(status.json).toEqual({ ok: true, value: { needsSetup: false, officeName: '测试县政务服务中心' } });
    // Reaching input validation proves the permission check let the call through.
    expect((await post('auth/signIn', {})).json.error.code).toBe('VALIDATION');
    const init = await post('setup/init', { office: { name: '另一个单位' }, admin: { username: 'intruder', displayName: '入侵者', password: 'long-enough-1' } });
    expect(init.status).toBe(409); // refuses itself once users exist
    expect(init.json.error.code).toBe('CONFLICT');
  });

  it('tells a page whether it is signed in without an error status (auth/session)', async () => {
    expect((await post('auth/session')).status).toBe(200);
    expect((await post('auth/session')).json).toEqual({ ok: true, value: null });
    const token = await signIn('clerk');
    const reply = await post('auth/session', {}, { cookie: token });
    expect(reply.status).toBe(200);
    expect(reply.json.value).toMatchObject({ username: 'clerk', role: 'clerk' });
    await post('auth/signOut', {}, { cookie: token });
    const after = await post('auth/session', {}, { cookie: token });
    expect({ status: after.status, body: after.json }).toEqual({ status: 200, body: { ok: true, value: null } });
  });
});

describe('sessions over cookies', () => {
  it('signs in with an HttpOnly, SameSite=Strict cookie and a token issued after sign-in', async () => {
    // Visitors who have not signed in are given nothing to hold.
    expect(issuedToken(await post('setup/status'))).toBeUndefined();
    // A previous session's token (the strongest form of a planted cookie) is replaced at sign-in.
    const earlier = await signIn('clerk');
    const reply = await post('auth/signIn', { username: 'clerk', password: PASSWORD }, { cookie: earlier });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ ok: true, value: { id: office.userIds.clerk, username: 'clerk', displayName: '王芳', role: 'clerk', staffId: null } });
    const cookie = reply.headers['set-cookie']!.find((l) => l.startsWith(`${SESSION_COOKIE}=`))!;
    const attributes = cookie.split(';').map((a) => a.trim());
    expect(attributes).toContain('HttpOnly');
    expect(attributes).toContain('SameSite=Strict');
    expect(attributes).toContain('Path=/');
    const token = issuedToken(reply)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token).not.toBe(earlier);
    expect((await post('auth/me', {}, { cookie: earlier })).status).toBe(401);
    const me = await post('auth/me', {}, { cookie: token });
    expect(me.json.value.username).toBe('clerk');
    // A made-up cookie value is never adopted either.
    const planted = await post('auth/signIn', { username: 'clerk', password: PASSWORD }, { cookie: 'attacker-chosen' });
    expect(issuedToken(planted)).toBeTruthy();
    expect(issuedToken(planted)).not.toBe('attacker-chosen');
    expect((await post('auth/me', {}, { cookie: 'attacker-chosen' })).status).toBe(401);
  });

  it('ends the other sessions of a user whose password an admin resets', async () => {
    const admin = await signIn('admin');
    const created = await post('users/create', { username: 'reset-me', displayName: '重置', password: PASSWORD, role: 'clerk' }, { cookie: admin });
    expect(created.status).toBe(200);
    const theirs = await signIn('reset-me');
    expect((await post('users/update', { id: created.json.value.id, password: 'brand-new-pass-1' }, { cookie: admin })).status).toBe(200);
    expect((await post('auth/me', {}, { cookie: theirs })).status).toBe(401);
    await signIn('reset-me', 'brand-new-pass-1');
  });

  it('slows down password guessing on one account', async () => {
    const admin = await signIn('admin');
    expect((await post('users/create', { username: 'guessed', displayName: '被猜', password: PASSWORD, role: 'clerk' }, { cookie: admin })).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await post('auth/signIn', { username: 'guessed', password: 'wrong-guess' })).status).toBe(401);
    const blocked = await post('auth/signIn', { username: 'guessed', password: PASSWORD });
    expect(blocked.status).toBe(403);
    expect(blocked.json.error.message).toBe('账号已锁定，请于 10:15 后再试，或请管理员解锁');
    // The admin lifts it.
    expect((await post('users/unlock', { id: (await post('users/list', {}, { cookie: admin })).json.value.find((u: { username: string }) => u.username === 'guessed').id }, { cookie: admin })).json.value.lockedUntil).toBeNull();
    expect((await post('auth/signIn', { username: 'guessed', password: PASSWORD })).status).toBe(200);
  });

  it('counts failures per client address: one address trying many names is refused, the others are not', async () => {
    const from = '127.0.0.2'; // another loopback address: the server sees a different peer
    const replies = [];
    for (let i = 0; i < 12; i++) replies.push(await post('auth/signIn', { username: `sprayed${i}`, password: 'guess' }, { localAddress: from }));
    expect(replies.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(401));
    expect(replies.slice(10).map((r) => r.status)).toEqual([403, 403]);
    expect(replies[10].json.error.message).toBe('这台电脑登录失败次数过多，请 60 秒后再试');
    expect((await post('auth/signIn', { username: 'clerk', password: PASSWORD }, { localAddress: from })).status).toBe(403);
    await signIn('clerk'); // from 127.0.0.1
  });

  it('does not re-issue the cookie on ordinary signed-in calls', async () => {
    const token = await signIn('clerk');
    const reply = await post('auth/me', {}, { cookie: token });
    expect(reply.status).toBe(200);
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a wrong password with 401 and the same message as an unknown user', async () => {
    const wrong = await post('auth/signIn', { username: 'clerk', password: 'not-the-password' });
    const unknown = await post('auth/signIn', { username: 'nobody', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '用户名或密码不正确', field: 'password' } });
    expect(unknown.json).toEqual(wrong.json);
  });

  it('registers a case with the cookie and returns the Result envelope', async () => {
    const token = await signIn('clerk');
    const reply = await post('cases/register', phoneComplaint(), { cookie: token });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.json.ok).toBe(true);
    const detail = reply.json.value;
    expect(detail).toMatchObject({ registerNo: '2026-000001', status: 'registered', channel: '电话', subject: '社保窗口工作人员态度生硬', version: 1 });
    expect(detail.allowedActions).toContain('update');
    const list = await post('cases/list', { search: detail.registerNo }, { cookie: token });
    expect(list.json.value.rows.map((r: { id: number }) => r.id)).toEqual([detail.id]);
  });

  it('ends the session on sign-out', async () => {
    const token = await signIn('supervisor');
    expect((await post('auth/me', {}, { cookie: token })).status).toBe(200);
    const out = await post('auth/signOut', {}, { cookie: token });
    expect(out.json).toEqual({ ok: true, value: null });
    const after = await post('auth/me', {}, { cookie: token });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('UNAUTHENTICATED');
  });

  it("stops a deactivated user's session at the next call", async () => {
    const created = must(await office.core.callAsOperator('users/create', { username: 'temp-clerk', displayName: '临时登记员', password: 'temp-password-1', role: 'clerk' }));
    const userToken = await signIn('temp-clerk', 'temp-password-1');
    expect((await post('cases/list', {}, { cookie: userToken })).status).toBe(200);
    const adminToken = await signIn('admin');
    const update = await post('users/update', { id: created.id, active: false }, { cookie: adminToken });
    expect(update.status, update.text).toBe(200);
    expect(update.json.value.active).toBe(false);
    const after = await post('cases/list', {}, { cookie: userToken });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('UNAUTHENTICATED');
    const again = await post('auth/signIn', { username: 'temp-clerk', password: 'temp-password-1' });
    expect(again.status).toBe(403);
    expect(again.json.error.code).toBe('FORBIDDEN');
    expect(issuedToken(again)).toBeUndefined(); // no session for a refused sign-in
  });
});

describe('error codes map to HTTP statuses', () => {
  it('VALIDATION 422, FORBIDDEN 403, NOT_FOUND 404, CONFLICT 409, INVALID_TRANSITION 409, CALENDAR_MISSING 422', async () => {
    const clerk = await signIn('clerk');
    const supervisor = await signIn('supervisor');
    const admin = await signIn('admin');
    const registered = must(await office.core.call('cases/register', phoneComplaint(), office.as.clerk));

    const cases: Array<[string, Reply, number, string]> = [
      ['bad phone', await post('cases/register', phoneComplaint({ complainants: [{ name: '张三', phone: '12345' }] }), { cookie: clerk }), 422, 'VALIDATION'],
      ['clerk reads users', await post('users/list', {}, { cookie: clerk }), 403, 'FORBIDDEN'],
      ['clerk accepts a case', await post('cases/accept', { id: registered.id, version: registered.version }, { cookie: clerk }), 403, 'FORBIDDEN'],
      ['missing case', await post('cases/get', { id: 999_999 }, { cookie: clerk }), 404, 'NOT_FOUND'],
      ['duplicate user', await post('users/create', { username: 'clerk', displayName: '重名', password: 'long-enough-1', role: 'clerk' }, { cookie: admin }), 409, 'CONFLICT'],
      ['stale version', await post('cases/accept', { id: registered.id, version: registered.version + 5 }, { cookie: supervisor }), 409, 'CONFLICT'],
      ['reply before handling', await post('cases/reply', { id: registered.id, version: registered.version, method: 'phone', repliedOn: '2026-03-02', summary: '已答复' }, { cookie: clerk }), 409, 'INVALID_TRANSITION'],
      ['due in 2027', await post('calendar/due', { from: '2026-12-25', workingDays: 10 }, { cookie: clerk }), 422, 'CALENDAR_MISSING'],
    ];
    for (const [what, reply, status, code] of cases) {
      expect({ what, status: reply.status, code: reply.json?.error?.code }).toEqual({ what, status, code });
      expect(reply.json.ok).toBe(false);
      expect(typeof reply.json.error.message).toBe('string');
    }
    const badPhone = cases[0][1].json.error;
    expect(badPhone.field).toBe('complainants.0.phone');
    expect(badPhone.message).toContain('联系电话');
  });
});

describe('file answers', () => {
  it('sends a file channel\'s answer as the file itself: its type, an attachment with the UTF-8 name, not cached', async () => {
    const clerk = await signIn('clerk');
    const reply = await post('calendar/exportYear', { year: 2026 }, { cookie: clerk });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(reply.headers['content-disposition']).toBe(`attachment; filename="_-2026.csv"; filename*=UTF-8''${encodeURIComponent('工作日历-2026.csv')}`);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.json).toBeUndefined();
    expect(reply.text.startsWith('\uFEFF# 2026 年工作日历')).toBe(true);
    expect(reply.text).toContain('\r\n2026-10-07,休,国庆节\r\n');
    expect(Number(reply.headers['content-length'])).toBe(Buffer.byteLength(reply.text));
  });

  it('still answers its errors as the JSON envelope', async () => {
    const clerk = await signIn('clerk');
    const missing = await post('calendar/exportYear', { year: 2031 }, { cookie: clerk });
    expect([missing.status, missing.headers['content-type'], missing.json?.error?.code]).toEqual([422, 'application/json; charset=utf-8', 'CALENDAR_MISSING']);
    const signedOut = await post('calendar/exportYear', { year: 2026 });
    expect([signedOut.status, signedOut.json?.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('request shape', () => {
  it('answers 422 VALIDATION to bad JSON and to anything that is not JSON', async () => {
    const token = await signIn('clerk');
    const send = (body: string, contentType?: string) =>
      request({ method: 'POST', path: '/api/auth/me', body, headers: { cookie: `${SESSION_COOKIE}=${token}`, ...(contentType ? { 'content-type': contentType } : {}) } });
    const broken = await send('{"username": ', 'application/json');
    expect(broken.status).toBe(422);
    expect(broken.json).toEqual({ ok: false, error: { code: 'VALIDATION', message: '请求内容不是有效的 JSON' } });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      const reply = await send('{}', type);
      expect({ type, status: reply.status, code: reply.json?.error?.code }).toEqual({ type, status: 422, code: 'VALIDATION' });
      expect(reply.json.error.message).toBe('请求须为 JSON');
    }
    // The charset parameter is fine; an empty body counts as {}.
    expect((await send('', 'application/json; charset=utf-8')).status).toBe(200);
    // The media type is parsed, not prefix-matched: type and subtype in any case, parameters allowed.
    for (const type of ['APPLICATION/JSON', 'Application/Json; Charset=UTF-8', 'application/json;charset="utf-8"', 'application/json ; foo=bar']) {
      expect({ type, status: (await send('{}', type)).status }).toEqual({ type, status: 200 });
    }
    for (const type of ['application/jsonx', 'application/json-patch+json', 'application/json/x', 'text/json', 'application/json; charset=latin1', 'application/json; =x', 'application', '']) {
      const reply = await send('{}', type);
      expect({ type, status: reply.status, code: reply.json?.error?.code }).toEqual({ type, status: 422, code: 'VALIDATION' });
    }
    // A channel without input refuses fields it does not take, naming the field.
    const extra = await post('auth/me', { verbose: true }, { cookie: token });
    expect(extra.status).toBe(422);
    expect(extra.json).toEqual({ ok: false, error: { code: 'VALIDATION', message: '此接口不接受输入字段「verbose」', field: 'verbose' } });
    // Valid JSON of the wrong shape is the contract's VALIDATION, with the field.
    const shape = await post('cases/get', { id: 'one' }, { cookie: token });
    expect(shape.status).toBe(422);
    expect(shape.json.error.field).toBe('id');
  });

  it('refuses a body over 2 MB with 413', async () => {
    const reply = await request({ method: 'POST', path: '/api/setup/status', headers: { 'content-type': 'application/json' }, body: Buffer.alloc(2 * 1024 * 1024 + 10, 0x20) }).catch((err: NodeJS.ErrnoException) => err);
    if (reply instanceof Error) throw reply;
    expect(reply.status).toBe(413);
    expect(reply.json).toEqual({ ok: false, error: { code: 'VALIDATION', message: '请求内容过大（上限 2 MB）' } });
  });

  /** Writes a request by hand and resolves with what came back once the server closed the connection. */
  function rawExchange(head: string, send: (socket: net.Socket) => void): Promise<{ text: string; sentAtClose: number }> {
    return new Promise((resolve, reject) => {
      let text = '';
      let sent = 0;
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(head);
        send(socket);
      });
      const write = socket.write.bind(socket);
      socket.write = ((chunk: Buffer | string, ...rest: never[]) => {
        sent += Buffer.byteLength(chunk);
        return write(chunk, ...rest);
      }) as typeof socket.write;
      socket.on('data', (c) => (text += c));
      socket.on('close', () => resolve({ text, sentAtClose: sent }));
      socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? undefined : reject(err)));
    });
  }

  it('answers 413 to a declared length over 2 MB at once, without waiting for the body', async () => {
    const head = `POST /api/setup/status HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n`;
    const { text } = await rawExchange(head, (s) => s.write(Buffer.alloc(1024, 0x20))); // and nothing more: the server must not wait
    expect(text.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    expect(text.toLowerCase()).toContain('connection: close');
    expect(text).toContain('上限 2 MB');
  });

  it('stops reading a chunked body at 2 MB, answers 413 and closes', async () => {
    const head = `POST /api/setup/status HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const { text } = await rawExchange(head, (s) => {
      // 3 MB, then the body never ends: only stopping at the limit gets an answer.
      for (let i = 0; i < 12; i++) s.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`);
    });
    expect(text.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
  });

  it('answers 404 to an unknown channel and to GET on a channel', async () => {
    const token = await signIn('clerk');
    for (const channel of ['cases/delete', 'nothing', 'constructor', '__proto__', 'cases%2Fget', 'cases/get/extra']) {
      for (const cookie of [undefined, token]) {
        const reply = await post(channel, {}, { cookie });
        expect({ channel, status: reply.status, code: reply.json?.error?.code }).toEqual({ channel, status: 404, code: 'NOT_FOUND' });
      }
    }
    const get = await request({ path: '/api/setup/status' });
    expect(get.status).toBe(404);
    expect(get.json.error.code).toBe('NOT_FOUND');
  });
});

describe('same-origin only', () => {
  it('answers 403 to an Origin from another site, before running the call', async () => {
    const token = await signIn('clerk');
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, 'null']) {
      const reply = await post('cases/register', phoneComplaint({ subject: `跨站 ${origin}` }), { cookie: token, headers: { origin } });
      expect({ origin, status: reply.status, code: reply.json?.error?.code }).toEqual({ origin, status: 403, code: 'FORBIDDEN' });
    }
    const signInFromElsewhere = await post('auth/signIn', { username: 'clerk', password: PASSWORD }, { headers: { origin: 'http://evil.example' } });
    expect(signInFromElsewhere.status).toBe(403);
    expect(signInFromElsewhere.headers['set-cookie']).toBeUndefined();
    const list = must(await office.core.call('cases/list', { search: '跨站' }, office.as.clerk));
    expect(list.rows.filter((r) => r.subject.startsWith('跨站'))).toEqual([]);
    // The page's own origin is fine.
    const own = await post('auth/me', {}, { cookie: token, headers: { origin: `http://127.0.0.1:${port}` } });
    expect(own.status).toBe(200);
  });

  it('answers 403 to a Host that is not loopback (DNS rebinding), for the API and the page alike', async () => {
    for (const host of [`evil.example:${port}`, 'evil.example', `192.168.1.20:${port}`, `127.0.0.1.evil.example:${port}`]) {
      const api = await post('setup/status', {}, { headers: { host, origin: `http://${host}` } });
      expect({ host, status: api.status, code: api.json?.error?.code }).toEqual({ host, status: 403, code: 'FORBIDDEN' });
      const page = await request({ path: '/', headers: { host } });
      expect({ host, status: page.status }).toEqual({ host, status: 403 });
      expect(page.text).not.toContain('<title>');
    }
    // HTTP/1.0 may leave Host out altogether (http.request would add one, so write the request by hand).
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end('GET / HTTP/1.0\r\n\r\n'));
      let text = '';
      socket.on('data', (c) => (text += c));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 403 Forbidden');
    for (const host of [`localhost:${port}`, `[::1]:${port}`, `127.0.0.1:${port}`]) {
      const reply = await post('setup/status', {}, { headers: { host, origin: `http://${host}` } });
      expect({ host, status: reply.status }).toEqual({ host, status: 200 });
    }
  });
});

describe('static files', () => {
  it('serves index.html and assets with the security headers', async () => {
    for (const p of ['/', '/index.html', '/?x=1']) {
      const page = await request({ path: p });
      expect(page.status).toBe(200);
      expect(page.text).toContain('<title>投诉登记册</title>');
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toBe(SERVER_CSP);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['cache-control']).toBe('no-cache');
    }
    expect(SERVER_CSP).toContain("default-src 'self'");
    expect(SERVER_CSP).toContain("frame-ancestors 'none'");
    const js = await request({ path: '/assets/x.js' });
    expect(js.status).toBe(200);
    expect(js.text).toBe('console.log("x")');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    const head = await request({ method: 'HEAD', path: '/' });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });

  it('answers 404 to path traversal and to missing files', async () => {
    const attempts = [
      '/../package.json', '/../secret.txt', '/%2e%2e/secret.txt', '/%2e%2e/package.json', '/%2E%2E%2Fsecret.txt',
      '/..%2fsecret.txt', '/assets/../../secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt',
      '//etc/passwd', '/%2fetc%2fpasswd', '/index.html%00.js', '/%E0%A4%A', '/assets', '/missing.js',
    ];
    for (const p of attempts) {
      const reply = await request({ path: p });
      expect({ p, status: reply.status }).toEqual({ p, status: 404 });
      expect(reply.text).not.toContain('outside the renderer folder');
      expect(reply.headers['content-security-policy']).toBe(SERVER_CSP);
    }
  });

  it('does not serve files to other methods', async () => {
    expect((await request({ method: 'POST', path: '/index.html' })).status).toBe(404);
    expect((await request({ method: 'PUT', path: '/assets/x.js', body: 'x' })).status).toBe(404);
  });

  it('says the UI is not built when there is no renderer folder, and the API still works', async () => {
    const bare = createServer({ core: office.core, rendererDir: null, host: '127.0.0.1', port: 0 });
    const { port: barePort } = await listen(bare, '127.0.0.1', 0);
    try {
      const get = (p: string, method = 'GET') => new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: barePort, path: p, method, headers: { 'content-type': 'application/json' } }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        req.end(method === 'POST' ? '{}' : undefined);
      });
      const page = await get('/');
      expect(page.status).toBe(503);
      expect(page.text).toContain('npm run build');
      expect((await get('/api/setup/status', 'POST')).status).toBe(200);
    } finally {
      bare.closeAllConnections();
      await new Promise((r) => bare.close(r));
    }
  });
});
