import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openCore, type Core } from '../core';
import type { CoreSession } from '../session';
import { seedDemo } from '../../demo/bulk-writer';
import { DEMO_USERS } from '../../demo/vocabulary';
import { historyHash } from '../services/history';
import { makeOffice, must, phoneComplaint, type Office } from '../testing';
import type { HistoryVerification } from '../types';
import { connectionOf } from '../../../db/open';
import { Verification } from './verify-run';

/**
 * What an auditor relies on: history/verify fails, and names the case, for each way someone with the
 * database file could alter the record behind the app's back: cutting off the history's tail, appending
 * a row with a correct hash, re-chaining a suffix after editing it, editing a case or complainant row.
 */
async function verify(o: Office, input: { anchor?: string } = {}): Promise<HistoryVerification> {
  return must(await o.core.call('history/verify', input, o.as.auditor));
}

/** A few cases through the workflow, a complainant correction and a recorded reveal. */
async function busyOffice(): Promise<Office & { ids: number[] }> {
  const o = await makeOffice('2026-03-02 10:00');
  const a = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
  const b = must(await o.core.call('cases/register', phoneComplaint({ isConfidential: true, subject: '窗口排队时间过长' }), o.as.clerk));
  const c = must(await o.core.call('cases/register', phoneComplaint({ channel: '来访', answeredOnSpot: { reply: '当场说明了材料清单' } }), o.as.clerk));
  const a1 = must(await o.core.call('cases/accept', { id: a.id, version: a.version, note: '受理' }, o.as.supervisor));
  must(await o.core.call('cases/assign', { id: a.id, version: a1.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, o.as.supervisor));
  const { complainants: _c, ...rest } = phoneComplaint({ isConfidential: true, subject: '窗口排队时间过长' });
  must(await o.core.call('cases/update', { ...rest, id: b.id, version: b.version, complainants: [{ name: '李四', phone: '13900000000' }, { name: '王五', phone: '' }], headCount: 2 }, o.as.clerk));
  must(await o.core.call('cases/revealIdentity', { id: b.id, purpose: '信访复核' }, o.as.auditor));
  return { ...o, ids: [a.id, b.id, c.id] };
}

const exec = (core: Core, text: string, ...params: unknown[]) => connectionOf(core.db).prepare(text).run(...params);
const registerNo = (core: Core, id: number) => connectionOf(core.db).prepare('SELECT register_no FROM cases WHERE id = ?').pluck().get(id) as string;

/** Appends a history row chained to the current head, as someone who knows the hash function would. */
function appendForged(core: Core, row: { entity: string; entity_id: number; action: string; after: Record<string, unknown> | null; note?: string }): void {
  const prev = connectionOf(core.db).prepare('SELECT hash FROM history ORDER BY id DESC LIMIT 1').pluck().get() as string;
  const r = { ...row, actor_id: null, actor_name: '系统', at: '2026-03-02 11:00:00', before: null, after: row.after ? JSON.stringify(row.after) : null, note: row.note ?? null };
  exec(core, 'INSERT INTO history (entity, entity_id, action, actor_id, actor_name, at, before, after, note, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    r.entity, r.entity_id, r.action, r.actor_id, r.actor_name, r.at, r.before, r.after, r.note, prev, historyHash(prev, r));
}

/** Recomputes every hash from row `fromId` on: what hides an edit from a chain-only check. */
function rechainFrom(core: Core, fromId: number): void {
  let prev = connectionOf(core.db).prepare('SELECT hash FROM history WHERE id < ? ORDER BY id DESC LIMIT 1').pluck().get(fromId) as string;
  for (const r of connectionOf(core.db).prepare('SELECT * FROM history WHERE id >= ? ORDER BY id').all(fromId) as Array<Record<string, any>>) {
    const hash = historyHash(prev, r as never);
    exec(core, 'UPDATE history SET prev_hash = ?, hash = ? WHERE id = ?', prev, hash, r.id);
    prev = hash;
  }
}

describe('history/verify', () => {
  it('passes an untouched register and returns the chain head', async () => {
    const o = await busyOffice();
    const v = await verify(o);
    const last = connectionOf(o.core.db).prepare('SELECT id, hash FROM history ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
    expect(v).toMatchObject({ state: 'done', phase: 'done', ok: true, failures: [], head: { count: last.id, hash: last.hash }, casesChecked: 3, checked: last.id });
    expect((await verify(o, { anchor: `${v.head!.count}:${v.head!.hash.toUpperCase()}` })).anchor).toEqual({ ...v.head, ok: true });
    await o.core.close();
  });

  it('finds a direct edit of a case row and names the case and the column', async () => {
    const o = await busyOffice();
    exec(o.core, "UPDATE cases SET status = 'closed', close_note = '已办结' WHERE id = ?", o.ids[0]);
    const v = await verify(o);
    expect(v.ok).toBe(false);
    expect(v.failures[0]).toMatchObject({ kind: 'replay', caseId: o.ids[0], registerNo: registerNo(o.core, o.ids[0]), field: 'status' });
    expect(v.failures[0].message).toContain(registerNo(o.core, o.ids[0]));
    await o.core.close();
  });

  it('finds a direct edit of a complainant row (and an added one), without quoting the identity', async () => {
    const o = await busyOffice();
    exec(o.core, "UPDATE complainants SET phone = '13700000000' WHERE case_id = ? AND seq = 1", o.ids[1]);
    exec(o.core, "INSERT INTO complainants (case_id, seq, name, phone) VALUES (?, 9, '赵六', '')", o.ids[2]);
    const v = await verify(o);
    expect(v.failures.map((f) => [f.caseId, f.field])).toEqual([[o.ids[1], 'complainants'], [o.ids[2], 'complainants']]);
    expect(JSON.stringify(v.failures)).not.toMatch(/13700000000|赵六|李四/);
    await o.core.close();
  });

  it('finds a case row inserted without history', async () => {
    const o = await busyOffice();
    const row = connectionOf(o.core.db).prepare('SELECT * FROM cases WHERE id = ?').get(o.ids[0]) as Record<string, unknown>;
    const copy: Record<string, unknown> = { ...row, register_no: '2026-000099', reg_seq: 99 };
    delete copy.id;
    exec(o.core, `INSERT INTO cases (${Object.keys(copy).join(', ')}) VALUES (${Object.keys(copy).map(() => '?').join(', ')})`, ...Object.values(copy));
    const v = await verify(o);
    expect(v.failures).toEqual([expect.objectContaining({ kind: 'replay', registerNo: '2026-000099', message: expect.stringContaining('没有登记记录') })]);
    await o.core.close();
  });

  it('finds a tail cut off, against an anchor written down before', async () => {
    const o = await busyOffice();
    const head = (await verify(o)).head!;
    // The last row is the reveal: no case column depends on it, so only the anchor can tell it is gone.
    exec(o.core, 'DROP TRIGGER history_no_delete');
    exec(o.core, 'DELETE FROM history WHERE id = ?', head.count);
    expect((await verify(o)).ok).toBe(true);
    const v = await verify(o, { anchor: `${head.count}:${head.hash}` });
    expect(v).toMatchObject({ ok: false, anchor: { count: head.count, ok: false } });
    expect(v.failures[0]).toMatchObject({ kind: 'anchor', message: expect.stringContaining('截去') });
    await o.core.close();
  });

  it('finds a row appended with a correct hash: by replay when the case row disagrees, and a forged baseline is refused', async () => {
    const o = await busyOffice();
    appendForged(o.core, { entity: 'case', entity_id: o.ids[0], action: 'close', after: { status: 'closed' } });
    let v = await verify(o);
    expect(v.failures).toEqual([expect.objectContaining({ kind: 'replay', caseId: o.ids[0], field: 'status' })]);

    // Edit the row to match and append a baseline that says so: a baseline outside migration 0003's seal is refused.
    const p = await makeOffice();
    const c = must(await p.core.call('cases/register', phoneComplaint(), p.as.clerk));
    exec(p.core, "UPDATE cases SET subject = '改过的事由' WHERE id = ?", c.id);
    const row = connectionOf(p.core.db).prepare('SELECT * FROM cases WHERE id = ?').get(c.id) as Record<string, unknown>;
    const { id: _i, version: _v, updated_at: _u, ...snapshot } = row;
    const people = connectionOf(p.core.db).prepare('SELECT seq, name, gender, phone, id_number, address, employer FROM complainants WHERE case_id = ?').all(c.id);
    appendForged(p.core, { entity: 'case', entity_id: c.id, action: 'baseline', after: { ...snapshot, complainants: people } });
    v = await verify(p);
    expect(v.ok).toBe(false);
    expect(v.failures[0]).toMatchObject({ kind: 'chain', message: expect.stringContaining('基线') });
    await o.core.close();
    await p.core.close();
  });

  it('finds a suffix edited and re-chained, against an anchor', async () => {
    const o = await busyOffice();
    const head = (await verify(o)).head!;
    exec(o.core, 'DROP TRIGGER history_no_update');
    const reveal = head.count;
    exec(o.core, "UPDATE history SET note = '例行检查', actor_name = '他人' WHERE id = ?", reveal);
    rechainFrom(o.core, reveal);
    expect((await verify(o)).ok).toBe(true); // the chain alone cannot tell
    const v = await verify(o, { anchor: `${head.count}:${head.hash}` });
    expect(v).toMatchObject({ ok: false, anchor: { ok: false } });
    expect(v.failures[0].message).toContain('重新串链');
    await o.core.close();
  });

  it('names a seal row whose content is not JSON instead of failing to finish', async () => {
    const o = await busyOffice();
    const prev = connectionOf(o.core.db).prepare('SELECT hash FROM history ORDER BY id DESC LIMIT 1').pluck().get() as string;
    const r = { entity: 'settings', entity_id: 0, action: 'historyBaseline', actor_id: null, actor_name: '系统', at: '2026-03-02 11:00:00', before: null, after: '{"first_id": 1,', note: null };
    exec(o.core, 'INSERT INTO history (entity, entity_id, action, actor_id, actor_name, at, before, after, note, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      r.entity, r.entity_id, r.action, r.actor_id, r.actor_name, r.at, r.before, r.after, r.note, prev, historyHash(prev, r));
    const id = connectionOf(o.core.db).prepare('SELECT max(id) FROM history').pluck().get() as number;
    const v = await verify(o);
    expect(v.ok).toBe(false);
    expect(v.failures.some((f) => f.historyId === id), JSON.stringify(v)).toBe(true);
    await o.core.close();
  });

  it('names each altered history row of the chain and its case', async () => {
    const o = await busyOffice();
    exec(o.core, 'DROP TRIGGER history_no_update');
    const first = connectionOf(o.core.db).prepare("SELECT id FROM history WHERE entity = 'case' AND entity_id = ? ORDER BY id LIMIT 1").pluck().get(o.ids[1]) as number;
    exec(o.core, "UPDATE history SET actor_name = '他人' WHERE id = ?", first);
    const v = await verify(o);
    expect(v).toMatchObject({ ok: false, brokenAtId: first });
    expect(v.failures[0]).toMatchObject({ kind: 'chain', historyId: first, caseId: o.ids[1], registerNo: registerNo(o.core, o.ids[1]) });
    await o.core.close();
  });

  it('replays the due dates a calendar import recomputes (a writer without a version bump)', async () => {
    const o = await makeOffice('2026-12-28 10:00'); // 2027 not yet published
    const c = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-12-28 09:00' }), o.as.clerk));
    expect(c.calendarMissingYear).toBe(2027);
    must(await o.core.call('calendar/importYear', { text: '2027-01-01,休,元旦' }, o.as.admin));
    const after = connectionOf(o.core.db).prepare('SELECT calendar_missing_year, overall_due FROM cases WHERE id = ?').get(c.id) as Record<string, unknown>;
    expect(after).toMatchObject({ calendar_missing_year: null, overall_due: expect.stringMatching(/^2027-/) });
    expect(await verify(o)).toMatchObject({ ok: true, casesChecked: 1 });
    await o.core.close();
  });

  it('refuses an anchor that is not COUNT:HASH', async () => {
    const o = await makeOffice();
    const r = await o.core.call('history/verify', { anchor: '12:abc' }, o.as.auditor);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'anchor' } });
    await o.core.close();
  });

  it('replays every kind of change the services write', async () => {
    const o = await busyOffice();
    const a = must(await o.core.call('cases/get', { id: o.ids[0] }, o.as.supervisor));
    const f = must(await o.core.call('cases/recordFinding', {
      id: a.id, version: a.version, finding: 'substantiated', handlingOpinion: '批评教育', handledOn: '2026-03-02',
    }, o.as.supervisor));
    const r = must(await o.core.call('cases/reply', { id: f.id, version: f.version, method: 'phone', repliedOn: '2026-03-02', summary: '电话答复' }, o.as.clerk));
    const u = must(await o.core.call('cases/followUp', { id: r.id, version: r.version, satisfaction: 'unsatisfied', followedUpOn: '2026-03-02' }, o.as.clerk));
    must(await o.core.call('cases/reopen', { id: u.id, version: u.version, reason: '诉求人提供新情况' }, o.as.supervisor));
    const b = must(await o.core.call('cases/get', { id: o.ids[1] }, o.as.supervisor));
    const e = must(await o.core.call('cases/extend', { id: b.id, version: b.version, newDue: '2026-03-20', reason: '需调取监控', notice: '已电话告知' }, o.as.supervisor));
    must(await o.core.call('cases/void', { id: e.id, version: e.version, reason: '重复登记' }, o.as.supervisor));
    expect(await verify(o)).toMatchObject({ ok: true, failures: [] });
    await sql`SELECT 1`.execute(o.core.db);
    await o.core.close();
  });
});

describe('history/verify on a register file', () => {
  it('runs in worker threads, one run at a time, while register pages stay fast', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-verify-'));
    const core = await openCore(dir, { log: () => {} });
    try {
      await seedDemo(core, { cases: 6000, seed: 5, worker: false });
      const supervisor: CoreSession = { userId: null };
      must(await core.call('auth/signIn', { username: DEMO_USERS.find((u) => u.role === 'supervisor')!.username, password: DEMO_USERS.find((u) => u.role === 'supervisor')!.password }, supervisor));
      const first = must(await core.call('history/verify', {}, supervisor));
      expect(first).toMatchObject({ state: 'running', ok: null });
      // A second request while it runs joins it instead of starting another.
      expect(must(await core.call('history/verify', {}, supervisor)).job).toBe(first.job);
      const t = performance.now();
      const page = must(await core.call('cases/list', { pageSize: 50, sortBy: 'receivedAt' }, supervisor));
      const listMs = performance.now() - t;
      const meanwhile = must(await core.call('history/verify', { job: first.job }, supervisor));
      expect(page.rows.length).toBe(50);
      expect(meanwhile.state).toBe('running'); // the page was answered while the verification ran
      expect(listMs).toBeLessThan(1000);
      let v = meanwhile;
      const seen = new Set<number>();
      while (v.state === 'running') {
        seen.add(v.progress.done);
        await new Promise((r) => setTimeout(r, 50));
        v = must(await core.call('history/verify', { job: first.job }, supervisor));
      }
      const last = connectionOf(core.db).prepare('SELECT id, hash FROM history ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
      expect(v).toMatchObject({ ok: true, failures: [], checked: last.id, casesChecked: 6000, head: { count: last.id, hash: last.hash } });
      expect(v.progress).toEqual({ done: last.id + 6000, total: last.id + 6000 });

      // A direct edit of the file is found by the workers too, and named.
      // (a case in the second worker's half that has a complainant: the demo's data follow the day it runs, and some
      // 6 % of its cases are anonymous, which made an UPDATE of case 4321's complainants change nothing on some days)
      const raw = new Database(path.join(dir, 'register.sqlite'));
      const altered = raw.prepare('SELECT min(case_id) FROM complainants WHERE case_id >= 4321').pluck().get() as number;
      expect(raw.prepare("UPDATE complainants SET phone = '13700000000' WHERE case_id = ? AND phone <> '13700000000'").run(altered).changes).toBeGreaterThan(0);
      raw.close();
      v = must(await core.call('history/verify', { anchor: `${last.id}:${last.hash}` }, supervisor));
      expect(v.job).toBeGreaterThan(first.job);
      while (v.state === 'running') {
        await new Promise((r) => setTimeout(r, 50));
        v = must(await core.call('history/verify', { job: v.job, anchor: `${last.id}:${last.hash}` }, supervisor));
      }
      expect(v).toMatchObject({ ok: false, anchor: { count: last.id, ok: true }, failures: [expect.objectContaining({ kind: 'replay', caseId: altered, field: 'complainants' })] });
    } finally {
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/**
 * The chain is checked a thousand ids at a time in one read (chainGroup), and a group with anything wrong in it again
 * row by row: what is wrong at a group's edge must be named exactly as inside one. A bare history table of 2,500 rows.
 */
describe('the chain in groups of a thousand ids', () => {
  function chainOf(n: number): Database.Database {
    const raw = new Database(':memory:');
    raw.exec(`CREATE TABLE cases (id INTEGER PRIMARY KEY, register_no TEXT);
      CREATE TABLE history (id INTEGER PRIMARY KEY, entity TEXT NOT NULL, entity_id INTEGER NOT NULL, action TEXT NOT NULL, actor_id INTEGER,
        actor_name TEXT NOT NULL, at TEXT NOT NULL, before TEXT, after TEXT, note TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`);
    const insert = raw.prepare('INSERT INTO history VALUES (@id, @entity, @entity_id, @action, @actor_id, @actor_name, @at, @before, @after, @note, @prev_hash, @hash)');
    let prev = '0'.repeat(64);
    for (let id = 1; id <= n; id++) {
      const row = { entity: 'department', entity_id: id, action: 'department.update', actor_id: id % 3 ? 1 : null, actor_name: '王"管理"\\员', at: '2026-03-02 10:00:00',
        before: JSON.stringify({ name: `科室${id}` }), after: JSON.stringify({ name: `科室${id}\n第二行 "引号" 𠮷` }), note: id % 7 ? null : '备注\t' };
      const hash = historyHash(prev, row);
      insert.run({ id, ...row, prev_hash: prev, hash });
      prev = hash;
    }
    return raw;
  }
  const run = (raw: Database.Database, from = 1, to?: number) => {
    const v = new Verification(raw);
    const s = v.begin();
    v.chain(from, to ?? s.maxHistoryId);
    v.end();
    return v.findings();
  };

  it('passes an untouched chain, whole or from a part\'s start, and names the first bad row at and around the edges', () => {
    expect(run(chainOf(2500))).toMatchObject({ checked: 2500, failureCount: 0, brokenAtId: null });
    expect(run(chainOf(2500), 1001)).toMatchObject({ checked: 1500, failureCount: 0 });
    const cases: Array<[string, (raw: Database.Database) => void, number, RegExp]> = [
      ['row 1000 deleted', (r) => r.prepare('DELETE FROM history WHERE id = 1000').run(), 1001, /编号不连续：应为第 1000 条/],
      ['row 1001 deleted', (r) => r.prepare('DELETE FROM history WHERE id = 1001').run(), 1002, /编号不连续：应为第 1001 条/],
      ['rows 990–1010 deleted', (r) => r.prepare('DELETE FROM history WHERE id BETWEEN 990 AND 1010').run(), 1011, /应为第 990 条/],
      ['row 2001 changed', (r) => r.prepare("UPDATE history SET at = '2026-03-02 10:00:01' WHERE id = 2001").run(), 2001, /内容与其哈希不符/],
      ['row 1000 changed', (r) => r.prepare("UPDATE history SET after = '{}' WHERE id = 1000").run(), 1000, /内容与其哈希不符/],
      ['row 1001 prev_hash replaced', (r) => r.prepare("UPDATE history SET prev_hash = ? WHERE id = 1001").run('f'.repeat(64)), 1001, /接不上/],
      ['row 1000 hash in capitals', (r) => r.prepare('UPDATE history SET hash = upper(hash) WHERE id = 1000').run(), 1000, /内容与其哈希不符/],
      ['row 1500 hash a blob', (r) => r.prepare('UPDATE history SET hash = CAST(hash AS BLOB) WHERE id = 1500').run(), 1500, /内容与其哈希不符/],
      ['row 1700 note a blob', (r) => r.prepare("UPDATE history SET note = x'00ff' WHERE id = 1700").run(), 1700, /内容与其哈希不符/],
      ['row 2500 prev_hash with a newline', (r) => r.prepare("UPDATE history SET prev_hash = substr(prev_hash, 1, 63) || char(10) WHERE id = 2500").run(), 2500, /接不上/],
      ['rows 1000 and 1001 swapped', (r) => {
        r.prepare('UPDATE history SET id = -1 WHERE id = 1000').run();
        r.prepare('UPDATE history SET id = 1000 WHERE id = 1001').run();
        r.prepare('UPDATE history SET id = 1001 WHERE id = -1').run();
      }, 1000, /接不上/],
    ];
    for (const [what, change, first, message] of cases) {
      const raw = chainOf(2500);
      change(raw);
      const f = run(raw);
      expect(f.brokenAtId, what).toBe(first);
      expect(f.failures[0], what).toMatchObject({ kind: 'chain', historyId: first });
      expect(f.failures[0].message, what).toMatch(message);
      raw.close();
    }
  });
});
