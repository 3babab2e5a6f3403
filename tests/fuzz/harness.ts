import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { connectionOf, DB_FILE_NAME } from '../../db/open';
import type { Channel } from '../../electron/core/contract';
import { openCore, type Core } from '../../electron/core/core';
import type { CoreSession } from '../../electron/core/session';
import { ACTION_RULES } from '../../electron/core/domain/workflow';
import type { ErrorCode } from '../../electron/core/errors';
import { HTTP_STATUS } from '../../electron/core/openapi';
import { createServer, listen } from '../../electron/server/server';
import { SESSION_COOKIE } from '../../electron/server/sessions';
import { compileDocument, type CompiledOperation } from './document';

/**
 * A real `serve` in this process: a register in a temporary data folder, behind the HTTP adapter on
 * 127.0.0.1, with users of every role signed in over HTTP and cases seeded in most states. `send`
 * makes one request and returns every way the answer broke the server's promises.
 */
export type Who = 'clerk' | 'supervisor' | 'auditor' | 'admin' | 'anonymous';
export const WHO: readonly Who[] = ['clerk', 'supervisor', 'auditor', 'admin', 'anonymous'];
export const PASSWORD = 'fuzz-password-1';
/** Sign-in is fuzzed against this user only, and from another loopback address, so the throttle
 *  never locks the users the rest of the run is signed in as. */
export const SIGN_IN_TARGET = 'fuzz-signin';
export const SIGN_IN_FROM = '127.0.0.2';

export interface FuzzRequest {
  who: Who;
  channel: string;
  /** the JSON body as a value, or the raw bytes/text for bodies that are not JSON at all */
  body: { json: unknown } | { raw: string | Uint8Array };
  /** headers to send instead of the usual ones (content-type, origin): a wrong one must be refused cleanly */
  headers?: Record<string, string>;
}

/** A confidential case and the identity only its recorder, first receiver and supervisors may see. */
export interface SecretCase {
  id: number;
  secrets: string[];
}

export interface Seeded {
  caseIds: number[];
  secretCases: SecretCase[];
  deptIds: number[];
  staffIds: number[];
  userIds: number[];
  /** users that channels changing users may change: never the ones the run is signed in as */
  victimUserIds: number[];
}

export interface Answer {
  status: number;
  text: string;
  json: any;
  ms: number;
}

export interface Verdict {
  answer: Answer | null;
  problems: string[];
  code: ErrorCode | 'OK' | 'TRANSPORT';
}

const ENVELOPE_CODES = new Set(Object.keys(HTTP_STATUS));
/** Failed sign-ins are counted in the database on purpose (the throttle): the only writes an error may make. */
const WRITES_ALLOWED_ON_ERROR: Partial<Record<string, RegExp>> = {
  'auth/signIn': /^sign_in_/,
  'auth/changePassword': /^sign_in_/,
};

/** Channels that only read: even their successful answers must leave every table as it was. */
const READS = /^(setup\/status|auth\/(me|session)|users\/list|settings\/get|directory\/get|calendar\/(get|exportYear|previewImport|due)|cases\/(get|list)|dashboard\/get)$/;

/** Stands for "a case whose status allows `action`", the `n`th of those when the request is sent. */
export const caseFor = (action: string, n: number) => ({ caseForAction: action, n });
const isCaseFor = (v: unknown): v is { caseForAction: string; n: number } => typeof v === 'object' && v !== null && typeof (v as any).caseForAction === 'string';

/** Stands for "the case's current version", filled in when the request is sent (survives structuredClone). */
export const CURRENT_VERSION = Object.freeze({ currentVersionOfThisCase: true });
const isCurrentVersion = (v: unknown) => typeof v === 'object' && v !== null && (v as any).currentVersionOfThisCase === true;

export class FuzzServer {
  readonly stats = {
    requests: 0,
    byChannel: new Map<string, number>(),
    byCode: new Map<string, number>(),
    okByChannel: new Map<string, number>(),
    serverErrors: 0,
    sessionsRenewed: 0,
  };
  /** the code of the last answer: the sweep keeps the first base the server accepts */
  lastCode: Verdict['code'] | null = null;
  private tokens = new Map<Who, string>();
  private passwords = new Map<Who, string>();
  private agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private fingerprintCache: { key: string; print: Map<string, string> } | null = null;

  private constructor(
    readonly core: Core,
    readonly server: http.Server,
    readonly port: number,
    readonly dir: string,
    readonly seeded: Seeded,
    private readonly operations: Map<string, CompiledOperation>,
    private readonly internalLog: unknown[],
    /** a second, read-only connection: its data_version moves when the server's connection commits */
    private readonly watcher: BetterSqlite3.Database,
  ) {}

  static async start(): Promise<FuzzServer> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-fuzz-'));
    const internalLog: unknown[] = [];
    // A fixed clock: the same seed gives the same run. Monday 2026-06-15, inside the built-in calendar.
    // exports on the core's thread: a worker per export would compile the export's modules under tsx each time (about a second)
    const core = await openCore(dir, { now: () => new Date('2026-06-15T10:00:00'), log: (e) => internalLog.push(e), exportInThread: true });
    const seeded = await seed(core);
    const server = createServer({ core, rendererDir: null, host: '127.0.0.1', port: 0 });
    const { port } = await listen(server, '127.0.0.1', 0);
    const watcher = new BetterSqlite3(path.join(dir, DB_FILE_NAME), { readonly: true });
    const fuzz = new FuzzServer(core, server, port, dir, seeded, await compileDocument(), internalLog, watcher);
    for (const who of WHO) if (who !== 'anonymous') await fuzz.signIn(who);
    return fuzz;
  }

  /** Errors the core logged as INTERNAL since the last call. */
  takeInternalLog(): unknown[] {
    return this.internalLog.splice(0, this.internalLog.length);
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    this.watcher.close();
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
    await this.core.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private async signIn(who: Who): Promise<void> {
    const answer = await this.http('auth/signIn', JSON.stringify({ username: who, password: this.passwords.get(who) ?? PASSWORD }), undefined);
    const token = /cr_session=([^;]+)/.exec(String(answer.headers['set-cookie'] ?? ''))?.[1];
    if (answer.status !== 200 || !token) throw new Error(`fuzz harness: ${who} cannot sign in: ${answer.status} ${answer.text}`);
    this.tokens.set(who, token);
  }

  private http(channel: string, body: string | Uint8Array, token: string | undefined, localAddress?: string, extra: Record<string, string> = {}) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1', port: this.port, method: 'POST', path: `/api/${channel}`, localAddress,
          agent: localAddress ? undefined : this.agent,
          headers: {
            host: `127.0.0.1:${this.port}`,
            'content-type': 'application/json',
            ...(token ? { cookie: `${SESSION_COOKIE}=${token}` } : {}),
            ...extra,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Replaces CURRENT_VERSION markers by the version the case has now. */
  private resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
    const out: Record<string, unknown> = {};
    const id = isCaseFor((value as any).id) ? this.caseFor((value as any).id) : (value as any).id;
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === 'id' ? (isCaseFor(v) ? id : this.resolve(v)) : isCurrentVersion(v) ? this.currentVersion(id) : this.resolve(v);
    }
    return out;
  }

  /** A broken field can name any user id: edits of users go to the victims, never to a user the run is signed in as. */
  private protect(channel: string, value: unknown): unknown {
    if (!channel.startsWith('users/') || value === null || typeof value !== 'object' || !('id' in value)) return value;
    const { id } = value as { id: unknown };
    const signedIn = this.seeded.userIds.slice(0, 4);
    return signedIn.includes(id as number) ? { ...value, id: this.seeded.victimUserIds[0] } : value;
  }

  private caseFor({ caseForAction, n }: { caseForAction: string; n: number }): number {
    const from = (ACTION_RULES as Record<string, { from: readonly string[] }>)[caseForAction]?.from ?? [];
    const ids = connectionOf(this.core.db).prepare(`SELECT id FROM cases WHERE status IN (${from.map(() => '?').join(',') || "''"}) ORDER BY id`).pluck().all(...from) as number[];
    return ids.length > 0 ? ids[n % ids.length] : this.seeded.caseIds[n % this.seeded.caseIds.length];
  }

  private currentVersion(id: unknown): number {
    const row = typeof id === 'number' ? (connectionOf(this.core.db).prepare('SELECT version FROM cases WHERE id = ?').get(id) as { version: number } | undefined) : undefined;
    return row?.version ?? 1;
  }

  private dataVersion(): number {
    return this.watcher.pragma('data_version', { simple: true }) as number;
  }

  private rowCounts(): Map<string, number> {
    const tables = connectionOf(this.core.db)
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")
      .pluck()
      .all() as string[];
    return new Map(tables.map((t) => [t, connectionOf(this.core.db).prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
  }

  /**
   * Changes counted by SQLite: this connection's row changes (rolled-back ones included) and any other
   * connection's commits. While it stays the same nothing can have been written, and the last
   * fingerprint still holds; hashing every table after every request would slow the run as it grows.
   */
  private changeKey(): string {
    const changes = connectionOf(this.core.db).prepare('SELECT total_changes()').pluck().get();
    return `${String(changes)}:${String(connectionOf(this.core.db).pragma('data_version', { simple: true }))}`;
  }

  private currentFingerprint(): Map<string, string> {
    const key = this.changeKey();
    if (this.fingerprintCache?.key !== key) this.fingerprintCache = { key, print: this.fingerprint() };
    return this.fingerprintCache.print;
  }

  /** Every ordinary table's content, hashed: what "nothing was written" is checked against. */
  fingerprint(): Map<string, string> {
    const tables = connectionOf(this.core.db)
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")
      .pluck()
      .all() as string[];
    const print = new Map<string, string>();
    for (const table of tables) {
      const rows = connectionOf(this.core.db).prepare(`SELECT * FROM "${table}"`).raw().all();
      print.set(table, createHash('sha1').update(JSON.stringify(rows, (_k, v) => (v?.type === 'Buffer' ? Buffer.from(v.data).toString('base64') : v))).digest('hex'));
    }
    return print;
  }

  /** One request, checked. Requests are sequential: the fingerprint after one is the one before the next. */
  async send(request: FuzzRequest): Promise<Verdict> {
    const { channel } = request;
    const isSignIn = channel === 'auth/signIn';
    const who = isSignIn ? 'anonymous' : request.who;
    const body = 'json' in request.body ? JSON.stringify(this.protect(channel, this.resolve(request.body.json))) ?? '' : request.body.raw;
    // What "nothing was written" is checked against: the commits another connection sees (SQLite's
    // data_version; a rolled-back transaction is not one), and row counts to name the tables. Only the
    // sign-in channels, which may write on an error, have every table's content compared.
    const exempt = WRITES_ALLOWED_ON_ERROR[channel];
    // A register export started by an earlier request writes its history entry when it finishes, in the
    // background: it is waited for here, so that entry is never counted against the request being judged.
    await this.core.services.registerExport.settled();
    // The same for a backup started by backup/run: it reads the register, and its verifying worker takes a core.
    await this.core.services.backups.settled();
    const beforeVersion = this.dataVersion();
    const beforeCounts = this.rowCounts();
    const before = exempt ? this.currentFingerprint() : null;
    this.stats.requests++;
    this.stats.byChannel.set(channel, (this.stats.byChannel.get(channel) ?? 0) + 1);
    const started = performance.now();
    let reply: Awaited<ReturnType<FuzzServer['http']>>;
    try {
      reply = await this.http(channel, body, who === 'anonymous' ? undefined : this.tokens.get(who), isSignIn ? SIGN_IN_FROM : undefined, request.headers);
    } catch (err) {
      this.count('TRANSPORT');
      return { answer: null, problems: [`no HTTP answer: ${(err as Error).message}`], code: 'TRANSPORT' };
    }
    const ms = performance.now() - started;
    const problems: string[] = [];
    let json: any;
    const fileMediaType = this.operations.get(`/api/${channel.split('?')[0]}`)?.fileMediaType;
    const contentType = String(reply.headers['content-type'] ?? '');
    if (fileMediaType && reply.status === 200 && !contentType.startsWith('application/json')) {
      // A file channel's success is the file itself: its documented type, named as an attachment.
      // application/octet-stream is documented for files of any type (attachments/file answers each file's stored type).
      if (fileMediaType !== 'application/octet-stream' && contentType.split(';')[0].trim() !== fileMediaType) problems.push(`file answered as ${contentType}, documented ${fileMediaType}`);
      if (!String(reply.headers['content-disposition'] ?? '').startsWith('attachment; ')) problems.push('file answer without Content-Disposition: attachment');
      json = { ok: true, value: null };
    } else {
      try {
        json = JSON.parse(reply.text);
      } catch {
        problems.push('answer is not JSON');
      }
    }
    const answer: Answer = { status: reply.status, text: reply.text, json, ms };
    if (reply.status >= 500) {
      this.stats.serverErrors++;
      problems.push(`server error: HTTP ${reply.status}`);
    }
    const envelope = checkEnvelope(json);
    if (envelope) problems.push(envelope);
    const code: Verdict['code'] = json?.ok === true ? 'OK' : ENVELOPE_CODES.has(json?.error?.code) ? json.error.code : 'TRANSPORT';
    this.count(code);
    if (code === 'OK') this.stats.okByChannel.set(channel, (this.stats.okByChannel.get(channel) ?? 0) + 1);
    if (code === 'INTERNAL') {
      this.stats.serverErrors += reply.status >= 500 ? 0 : 1;
      const logged = this.takeInternalLog().map((e) => (e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 3).join(' | ') : String(e)));
      problems.push(`INTERNAL${logged.length ? `: ${logged.join(' ;; ')}` : ''}`);
    }
    if (!envelope) problems.push(...this.checkDocumented(channel, reply.status, json));
    const committed = this.dataVersion() !== beforeVersion;
    const counted = () => {
      const after = this.rowCounts();
      const tables = [...after.keys()].filter((t) => after.get(t) !== beforeCounts.get(t));
      return tables.length > 0 ? tables.join(', ') : 'same row counts';
    };
    if (json?.ok === true) problems.push(...this.checkIdentity(who, channel, body, json.value, reply.text));
    if (json?.ok === true && READS.test(channel) && committed) problems.push(`a read committed a write (${counted()})`);
    if (json?.ok !== true && committed) {
      if (before && exempt) {
        const after = this.currentFingerprint();
        const changed = [...new Set([...before.keys(), ...after.keys()])].filter((t) => before.get(t) !== after.get(t) && !exempt.test(t));
        if (changed.length > 0) problems.push(`an error answer committed a write (${changed.join(', ')})`);
      } else {
        problems.push(`an error answer committed a write (${counted()})`);
      }
    }
    if (channel === 'auth/changePassword' && json?.ok === true) this.passwords.set(who, JSON.parse(body as string).newPassword);
    await this.keepSignedIn(who, reply.headers, json);
    this.lastCode = code;
    return { answer, problems, code };
  }

  /**
   * The complainant's identity reaches only those entitled, except through cases/revealIdentity, which
   * records the asking: not in any other answer, and a search by a hidden identity does not find the
   * case. Entitled, as the office's rules say (written here again, not taken from permissions.ts): a
   * supervisor; a clerk for a case that is not confidential or that they recorded or first received.
   */
  private checkIdentity(who: Who, channel: string, body: string | Uint8Array, value: any, text: string): string[] {
    if (who === 'anonymous' || who === 'supervisor' || channel === 'cases/revealIdentity') return [];
    const me = this.seeded.userIds[WHO.indexOf(who)];
    const problems: string[] = [];
    for (const { id, secrets } of this.seeded.secretCases) {
      const row = connectionOf(this.core.db).prepare('SELECT is_confidential, recorder_id, first_receiver_id, register_no, subject, account, request, respondent_staff FROM cases WHERE id = ?').get(id) as any;
      if (!row || (who === 'clerk' && (row.is_confidential === 0 || row.recorder_id === me || row.first_receiver_id === me))) continue;
      const shown = secrets.filter((secret) => text.includes(secret));
      if (shown.length > 0) problems.push(`identity leak: case ${id}'s hidden ${shown.join(', ')} shown to ${who}`);
      if (channel === 'cases/list' && Array.isArray(value?.rows) && value.rows.some((r: any) => r?.id === id)) {
        const search = String(parseOr(body)?.search ?? '').trim();
        const open = [row.register_no, row.subject, row.account, row.request, row.respondent_staff].join('\n');
        if (search.length >= 2 && secrets.some((secret) => secret.includes(search)) && !open.includes(search)) {
          problems.push(`identity leak: search "${search}" found case ${id} by its hidden identity for ${who}`);
        }
      }
    }
    return problems;
  }

  private count(code: string): void {
    this.stats.byCode.set(code, (this.stats.byCode.get(code) ?? 0) + 1);
  }

  /** The answer must be the status and shape docs/openapi.json promises for this operation. */
  private checkDocumented(channel: string, status: number, json: any): string[] {
    const op = this.operations.get(`/api/${channel.split('?')[0]}`); // the server ignores a query string
    if (!op) return json?.ok === false && json.error.code === 'NOT_FOUND' ? [] : [`undocumented channel answered ${status}`];
    if (json.ok === true && status !== 200) return [`ok answer with HTTP ${status}`];
    if (json.ok === false && HTTP_STATUS[json.error.code as ErrorCode] !== status && status !== 413) {
      return [`${json.error.code} answered with HTTP ${status}, documented ${HTTP_STATUS[json.error.code as ErrorCode]}`];
    }
    if (op.fileMediaType && status === 200 && json.ok === true) return []; // the file itself, checked in send()
    const validate = op.responses.get(status);
    if (!validate) return [`HTTP ${status} is not documented for ${channel}`];
    return validate(json) ? [] : [`answer does not match docs/openapi.json: ${JSON.stringify(validate.errors?.slice(0, 2))}`];
  }

  /** Sign-out, a password change or a fuzzed user edit may end a session: sign in again and count it. */
  private async keepSignedIn(who: Who, headers: http.IncomingHttpHeaders, json: any): Promise<void> {
    if (who === 'anonymous') return;
    const cleared = String(headers['set-cookie'] ?? '').includes('Max-Age=0');
    if (!cleared && json?.error?.code !== 'UNAUTHENTICATED') return;
    this.stats.sessionsRenewed++;
    await this.signIn(who);
  }

  /** History verification through the API as the supervisor: starts a run, then asks after it by `job`. */
  async verifyHistory(timeoutMs = 60_000): Promise<{ ok: boolean; detail: unknown }> {
    const token = this.tokens.get('supervisor');
    const started = Date.now();
    let input: Record<string, unknown> = {};
    for (;;) {
      const reply = await this.http('history/verify', JSON.stringify(input), token);
      const json = JSON.parse(reply.text);
      const value = json.value;
      if (json.ok && value?.state === 'running' && Date.now() - started < timeoutMs) {
        input = { job: value.job };
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      return { ok: json.ok === true && value?.ok === true, detail: json };
    }
  }
}

function parseOr(body: string | Uint8Array): any {
  try {
    return JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
  } catch {
    return undefined;
  }
}

function checkEnvelope(json: any): string | null {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return 'answer is not an object';
  const keys = Object.keys(json).sort().join(',');
  if (json.ok === true) return keys === 'ok,value' ? null : `ok answer with keys ${keys}`;
  if (json.ok !== false) return 'answer without ok: true|false';
  if (keys !== 'error,ok') return `error answer with keys ${keys}`;
  const e = json.error;
  if (!e || typeof e !== 'object') return 'error is not an object';
  const eKeys = Object.keys(e).filter((k) => !['code', 'message', 'field'].includes(k));
  if (eKeys.length) return `error has extra keys ${eKeys.join(',')}`;
  if (!ENVELOPE_CODES.has(e.code)) return `unknown error code ${String(e.code)}`;
  if (typeof e.message !== 'string' || e.message.length === 0) return 'error without a message';
  if (e.field !== undefined && typeof e.field !== 'string') return 'error.field is not text';
  return null;
}

/** The register the fuzzer attacks: a small office with cases in most states, made through the core. */
async function seed(core: Core): Promise<Seeded> {
  const op = async <T = any>(channel: Channel, input: unknown): Promise<T> => {
    const r = await core.callAsOperator(channel, input);
    if (!r.ok) throw new Error(`fuzz seed ${channel}: ${r.error.code} ${r.error.message} [${r.error.field ?? ''}]`);
    return r.value as T;
  };
  await op('settings/update', { office: { name: '模糊测试县政务服务中心', address: '', phone: '' } });
  const window = await op('departments/save', { name: '综合窗口' });
  const social = await op('departments/save', { name: '社保服务科' });
  const li = await op('staff/save', { departmentId: social.id, name: '李明' });
  const zhou = await op('staff/save', { departmentId: window.id, name: '周敏' });
  const users: Record<string, number> = {};
  const roleOf: Record<string, string> = { clerk2: 'clerk', victim1: 'clerk', victim2: 'auditor', [SIGN_IN_TARGET]: 'clerk' };
  for (const name of ['clerk', 'supervisor', 'auditor', 'admin', 'clerk2', 'victim1', 'victim2', SIGN_IN_TARGET]) {
    const user = await op('users/create', {
      username: name, displayName: `${name}用户`, password: PASSWORD, role: roleOf[name] ?? name, staffId: name === 'clerk' ? li.id : null,
    });
    users[name] = user.id;
  }
  const as = (name: string): CoreSession => ({ userId: users[name] });
  const call = async (channel: Channel, input: unknown, who: string): Promise<any> => {
    const r = await core.call(channel, input, as(who));
    if (!r.ok) throw new Error(`fuzz seed ${channel} as ${who}: ${r.error.code} ${r.error.message} [${r.error.field ?? ''}]`);
    return r.value;
  };
  const register = (extra: Record<string, unknown> = {}, who = 'clerk') =>
    call('cases/register', {
      receivedAt: '2026-06-15 09:00', channel: '电话', caseType: '投诉',
      complainants: [{ name: '张三丰', phone: '13812345678', idNumber: '', address: '杭州市西湖区文三路 1 号', employer: '某公司' }],
      subject: '社保窗口工作人员态度生硬', account: '来电人反映在社保窗口办理退休手续时，工作人员态度生硬。', request: '要求道歉',
      ...extra,
    }, who);
  const step = (c: any, channel: Channel, input: Record<string, unknown>, who = 'supervisor') => call(channel, { id: c.id, version: c.version, ...input }, who);
  const caseIds: number[] = [];
  const keep = (c: any) => (caseIds.push(c.id), c);

  keep(await register());
  // Recorded by another clerk: the fuzzed clerk, the auditor and the admin must never see these unmasked.
  const secretCases: SecretCase[] = [];
  const secret = async (who: string, identity: { name: string; phone: string; idNumber: string; address: string; employer: string }) => {
    const c = keep(await register({ isConfidential: true, complainants: [identity] }, who));
    secretCases.push({ id: c.id, secrets: Object.values(identity).filter((v) => v.length >= 3) });
    return c;
  };
  await secret('clerk2', { name: '李四光', phone: '13900001111', idNumber: '110101199003077571', address: '保密路七号院', employer: '机密研究所' });
  const handledByClerk = await secret('clerk2', { name: '王五岳', phone: '13700002222', idNumber: '', address: '隐秘巷九号', employer: '' });
  await step(await step(handledByClerk, 'cases/accept', {}), 'cases/assign', { departmentId: social.id, handlerStaffId: li.id, severity: 'simple' });
  keep(await register({ isAnonymous: true, complainants: [] }));
  keep(await register({ receivedAt: '2026-05-06 09:00', subject: '超期未受理的投诉' }));
  const accepted = keep(await step(await register(), 'cases/accept', {}));
  void accepted;
  const assign = async (severity: string, staff = li) =>
    step(await step(await register(), 'cases/accept', {}), 'cases/assign', { departmentId: staff.departmentId, handlerStaffId: staff.id, severity });
  keep(await assign('simple'));
  keep(await assign('simple', zhou));
  keep(await step(await assign('complex'), 'cases/recordFinding', { finding: 'partly', handlingOpinion: '初步意见', handledOn: '2026-06-15' }, 'clerk'));
  const approved = keep(await step(await assign('simple'), 'cases/recordFinding', { finding: 'substantiated', handlingOpinion: '批评教育', handledOn: '2026-06-15' }, 'clerk'));
  void approved;
  const replied = async () => {
    const found = await step(await assign('simple'), 'cases/recordFinding', { finding: 'substantiated', handlingOpinion: '批评教育', handledOn: '2026-06-15' }, 'clerk');
    return step(found, 'cases/reply', { method: 'phone', repliedOn: '2026-06-15', summary: '电话告知核查结果。' }, 'clerk');
  };
  keep(await replied());
  keep(await step(await replied(), 'cases/followUp', { satisfaction: 'basic', followedUpOn: '2026-06-15' }, 'clerk'));
  keep(await step(await replied(), 'cases/followUp', { satisfaction: 'unsatisfied', followedUpOn: '2026-06-15' }, 'clerk'));
  keep(await step(await register(), 'cases/refuse', { reason: '不属于本单位职责', referral: '请向市场监管部门反映' }));
  keep(await step(await register(), 'cases/void', { reason: '重复登记' }, 'clerk'));
  keep(await step(await assign('simple'), 'cases/suspend', { suspendedOn: '2026-06-15', material: '补充身份证明' }, 'clerk'));
  keep(await step(await assign('complex'), 'cases/extend', { newDue: '2026-07-31', reason: '案情复杂需延期', notice: '已电话告知' }));

  const directory = await op<any>('directory/get', {});
  return {
    caseIds,
    secretCases,
    deptIds: directory.departments.map((d: any) => d.id),
    staffIds: directory.staff.map((s: any) => s.id),
    userIds: Object.values(users),
    victimUserIds: [users.victim1, users.victim2],
  };
}
