import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, openMemoryCore, type Core } from '../core/core';
import type { CoreSession } from '../core/session';
import { addCalendarDays, addWorkingDays, isWorkingDay } from '../core/domain/calendar';
import { computeDueDates, DEFAULT_DEADLINES, earlier } from '../core/domain/deadlines';
import { formatRegisterNo } from '../core/domain/numbering';
import { STATUSES, type CaseStatus } from '../core/domain/vocab';
import { allowedActions } from '../core/domain/workflow';
import { isPlausibleIdNumber, isPlausiblePhone } from '../core/validation';
import { setAsideForLoad } from '../../db/bulk-load';
import { seedDemo, type SeedResult } from './bulk-writer';
import { builtinCalendar } from './generator';
import { DEMO_OFFICE, DEMO_USERS } from './vocabulary';
import { connectionOf } from '../../db/open';

const TODAY = '2026-11-24';
const now = () => new Date(`${TODAY}T18:30:00+08:00`);
const CASES = 300;
const cal = builtinCalendar();

async function seeded(seed: number, worker = false): Promise<{ core: Core; result: SeedResult }> {
  const core = await openMemoryCore({ now });
  const result = await seedDemo(core, { cases: CASES, seed, today: TODAY, worker });
  return { core, result };
}

async function signIn(core: Core, role: 'clerk' | 'supervisor'): Promise<CoreSession> {
  const u = DEMO_USERS.find((x) => x.role === role)!;
  const session: CoreSession = { userId: null };
  const r = await core.call('auth/signIn', { username: u.username, password: u.password }, session);
  expect(r.ok).toBe(true);
  return session;
}

type Row = Record<string, any>;
const all = (core: Core, sql: string, ...args: unknown[]) => connectionOf(core.db).prepare(sql).all(...args) as Row[];
const register = (core: Core) =>
  all(core, 'SELECT register_no, received_at, registered_at, status, subject, account, due_date, original_due, version FROM cases ORDER BY id');

describe('demo register', () => {
  let core: Core;
  let result: SeedResult;
  let supervisor: CoreSession;
  let clerk: CoreSession;

  beforeAll(async () => {
    ({ core, result } = await seeded(42));
    supervisor = await signIn(core, 'supervisor');
    clerk = await signIn(core, 'clerk');
  });
  afterAll(() => core.close());

  it('writes the requested cases with a valid history chain', async () => {
    expect(result.cases).toBe(CASES);
    expect(Number(connectionOf(core.db).prepare('SELECT count(*) FROM cases').pluck().get())).toBe(CASES);
    const v = await core.call('history/verify', {}, supervisor);
    expect(v).toMatchObject({ ok: true, value: { ok: true, brokenAtId: null } });
    expect(v.ok && v.value.checked).toBe(Number(connectionOf(core.db).prepare('SELECT count(*) FROM history').pluck().get()));
  });

  it('names the staff member complained about by the directory: picked from the department complained about, with their name', () => {
    const [picked] = all(core, `SELECT count(*) n, sum(s.department_id = c.respondent_department_id AND s.name = c.respondent_staff) ok
      FROM cases c JOIN staff s ON s.id = c.respondent_staff_id`);
    expect(picked.n).toBeGreaterThan(0);
    expect(picked.ok).toBe(picked.n);
    // A name without an id is one the complainant did not give (咨询 names nobody).
    expect(all(core, "SELECT count(*) n FROM cases WHERE respondent_staff IS NOT NULL AND respondent_staff <> '' AND respondent_staff_id IS NULL")[0].n).toBe(0);
  });

  it('gives the office a name, address and phone, as 首次设置 would, so its papers can be issued', async () => {
    const settings = await core.call('settings/get', {}, supervisor);
    expect(settings.ok && settings.value.office).toEqual(DEMO_OFFICE);
    expect(all(core, "SELECT action FROM history WHERE entity = 'settings'").map((r) => r.action)).toEqual(['settings.office']);
  });

  it('numbers each registration year from 1 without gaps, in registration order, and moves the counters', () => {
    const years = all(core, 'SELECT reg_year, count(*) n, min(reg_seq) lo, max(reg_seq) hi FROM cases GROUP BY reg_year');
    expect(years.length).toBeGreaterThanOrEqual(2);
    for (const y of years) {
      expect([y.lo, y.hi]).toEqual([1, y.n]);
      expect(connectionOf(core.db).prepare('SELECT last_seq FROM register_counters WHERE year = ?').pluck().get(y.reg_year)).toBe(y.n);
    }
    const rows = all(core, 'SELECT register_no, reg_year, reg_seq, registered_at FROM cases ORDER BY id');
    rows.forEach((r, i) => {
      expect(r.register_no).toBe(formatRegisterNo('', r.reg_year, r.reg_seq));
      expect(r.reg_year).toBe(Number(r.registered_at.slice(0, 4)));
      if (i > 0) expect(r.registered_at >= rows[i - 1].registered_at).toBe(true);
    });
  });

  it('shows every stage of the workflow, extensions, second rounds and the side paths', () => {
    for (const s of STATUSES) expect(result.byStatus[s], s).toBeGreaterThan(0);
    expect(result.extended).toBeGreaterThan(0);
    expect(result.reopened).toBeGreaterThan(0);
    const actions = new Set(all(core, "SELECT DISTINCT action FROM history WHERE entity = 'case'").map((r) => r.action));
    for (const a of ['register', 'answeredOnSpot', 'accept', 'refuse', 'assign', 'addNote', 'recordFinding', 'review', 'reply', 'followUp', 'reopen', 'close', 'extend', 'suspend', 'resume', 'void']) {
      expect(actions.has(a), a).toBe(true);
    }
    const ext = all(core, 'SELECT c.original_due, c.due_date, c.overall_due, e.old_due, e.new_due FROM case_extensions e JOIN cases c ON c.id = e.case_id WHERE c.status = ? ', 'assigned');
    expect(ext.length).toBeGreaterThan(0);
    for (const e of ext) expect(e.due_date === e.new_due || e.due_date === e.overall_due).toBe(true);
    expect(all(core, 'SELECT * FROM case_rounds r JOIN cases c ON c.id = r.case_id WHERE c.round = 2').length).toBe(result.reopened);
    expect(all(core, 'SELECT 1 FROM cases WHERE is_anonymous = 1').length).toBeGreaterThan(0);
    expect(all(core, 'SELECT 1 FROM cases WHERE is_confidential = 1').length).toBeGreaterThan(0);
    expect(all(core, 'SELECT 1 FROM cases WHERE head_count > 1').length).toBeGreaterThan(0);
  });

  it('writes the history rows the services write: one per step, in time order, statuses replaying to the row', () => {
    const rows = all(core, 'SELECT id, register_no, received_at, registered_at, status, version FROM cases ORDER BY id');
    const history = all(core, "SELECT entity_id, action, at, before, after FROM history WHERE entity = 'case' ORDER BY id");
    const byCase = new Map<number, Row[]>();
    for (const h of history) byCase.set(h.entity_id, [...(byCase.get(h.entity_id) ?? []), h]);
    for (const r of rows) {
      const hs = byCase.get(r.id)!;
      const first = JSON.parse(hs[0].after);
      expect(['register', 'answeredOnSpot']).toContain(hs[0].action);
      expect(hs[0].before).toBeNull();
      expect(first.register_no).toBe(r.register_no);
      expect(hs[0].at).toBe(r.registered_at);
      expect(r.received_at <= r.registered_at).toBe(true);
      expect(r.version).toBe(hs.length); // every step after registration bumps the version once
      let status = first.status;
      for (const [i, h] of hs.entries()) {
        if (i > 0) {
          expect(h.at >= hs[i - 1].at).toBe(true);
          expect(isWorkingDay(cal, h.at.slice(0, 10)), `${r.register_no} ${h.action} ${h.at}`).toBe(true);
          const after = JSON.parse(h.after);
          if (after.status) {
            expect(JSON.parse(h.before).status).toBe(status);
            status = after.status;
          }
        }
        expect(h.at <= `${TODAY} 18:00:00`).toBe(true);
      }
      expect(status).toBe(r.status);
    }
  });

  it('stores the due dates the services compute from the calendar and the rules', () => {
    const open = all(core, "SELECT * FROM cases WHERE status NOT IN ('closed', 'refused', 'voided', 'suspended', 'replied', 'unsatisfied') AND id NOT IN (SELECT case_id FROM case_extensions)");
    expect(open.length).toBeGreaterThan(5);
    for (const r of open) {
      const c = computeDueDates(cal, { stageStart: r.stage_start, stageLimit: r.stage_limit, overallStart: r.overall_start, overallDays: DEFAULT_DEADLINES.overallCalendarDays });
      expect([r.stage_due, r.overall_due, r.due_date, r.calendar_missing_year]).toEqual([c.stageDue, c.overallDue, c.dueDate, c.calendarMissingYear]);
    }
    // Independently for cases awaiting acceptance: 3 working days, or 15 calendar days, from the day after receipt.
    for (const r of open.filter((x) => x.status === 'registered')) {
      const d = r.received_at.slice(0, 10);
      expect(r.due_date).toBe(earlier(addWorkingDays(cal, d, 3), addCalendarDays(cal, d, 15)));
      expect(r.original_due).toBe(addCalendarDays(cal, d, 15));
    }
  });

  it('has plausible complainants: valid ID numbers and phones, none for anonymous cases', () => {
    const people = all(core, 'SELECT p.*, c.is_anonymous, c.head_count FROM complainants p JOIN cases c ON c.id = p.case_id');
    expect(people.filter((p) => p.id_number).length).toBeGreaterThan(20);
    for (const p of people) {
      expect(p.is_anonymous).toBe(0);
      if (p.id_number) expect(isPlausibleIdNumber(p.id_number), p.id_number).toBe(true);
      if (p.phone) expect(isPlausiblePhone(p.phone), p.phone).toBe(true);
      expect(p.phone || p.address || p.employer).toBeTruthy();
    }
    expect(people.some((p) => /^0571-/.test(p.phone))).toBe(true);
    for (const c of all(core, 'SELECT c.head_count, count(p.id) n FROM cases c JOIN complainants p ON p.case_id = c.id GROUP BY c.id')) {
      expect(c.head_count).toBeGreaterThanOrEqual(c.n);
    }
  });

  it('lets a supervisor open every case with the actions its status allows, and act on them', async () => {
    const me = (await core.call('auth/me', {}, supervisor)) as { ok: true; value: { id: number } };
    for (const r of all(core, 'SELECT id, status, recorder_id FROM cases')) {
      const d = await core.call('cases/get', { id: r.id }, supervisor);
      expect(d.ok).toBe(true);
      if (d.ok) expect(d.value.allowedActions).toEqual(allowedActions({ status: r.status as CaseStatus, recorderId: r.recorder_id }, { id: me.value.id, role: 'supervisor' }));
    }
    const waiting = all(core, "SELECT id, version FROM cases WHERE status = 'registered'")[0];
    const accepted = await core.call('cases/accept', { id: waiting.id, version: waiting.version }, supervisor);
    expect(accepted.ok && accepted.value.status).toBe('accepted');
    const replied = all(core, "SELECT id, version, replied_on FROM cases WHERE status = 'replied'")[0];
    const followed = await core.call('cases/followUp', { id: replied.id, version: replied.version, satisfaction: 'basic', followedUpOn: TODAY, note: '电话回访' }, clerk);
    expect(followed.ok && followed.value.status).toBe('closed');
    const unsatisfied = all(core, "SELECT id, version FROM cases WHERE status = 'unsatisfied'")[0];
    const reopened = await core.call('cases/reopen', { id: unsatisfied.id, version: unsatisfied.version, reason: '诉求人提供新情况' }, supervisor);
    expect(reopened.ok && reopened.value.status).toBe('assigned');
    expect((await core.call('history/verify', {}, supervisor)).ok).toBe(true);
  });

  it('fills the dashboard and answers searches for realistic words', async () => {
    const d = await core.call('dashboard/get', {}, supervisor);
    expect(d.ok).toBe(true);
    if (d.ok) {
      const count = Object.fromEntries(d.value.groups.flatMap((g) => g.sections).map((s) => [s.key, s.count]));
      expect(count.awaitingAcceptance).toBeGreaterThan(0);
      expect(count.overdue).toBeGreaterThan(0);
      expect(count.dueSoon).toBeGreaterThan(0);
      expect(count.awaitingReview).toBeGreaterThan(0);
    }
    for (const term of ['排队', '态度', '停车', '维修', '服务态度']) {
      const r = await core.call('cases/list', { search: term }, supervisor);
      expect(r.ok && r.value.total, term).toBeGreaterThan(0);
    }
    // The full-text index was filled in one statement per batch, names included, and its trigger is back.
    expect(result.ftsPerBatch).toBe(true);
    const named = all(core, 'SELECT c.id, p.name FROM complainants p JOIN cases c ON c.id = p.case_id WHERE length(p.name) >= 3 ORDER BY c.id DESC LIMIT 1')[0];
    const byName = await core.call('cases/list', { search: named.name }, supervisor);
    expect(byName.ok && byName.value.rows.map((x) => x.id)).toContain(named.id);
    expect(all(core, "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'cases_fts_insert'").length).toBe(1);
  });

  it('leaves the indexes and full-text settings as it found them', () => {
    const indexes = all(core, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'complainants_%'").map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['complainants_name', 'complainants_phone', 'complainants_initial', 'complainants_phone_tail']));
    expect(all(core, "SELECT key FROM settings WHERE key LIKE 'demo.%'")).toEqual([]);
    const config = Object.fromEntries(all(core, 'SELECT k, v FROM case_fts_config').map((r) => [r.k, r.v]));
    expect([config.automerge ?? 4, config.hashsize ?? 1024 * 1024]).toEqual([4, 1024 * 1024]);
  });

  it('continues numbering and the chain when seeded again into the same register', async () => {
    const before = Number(connectionOf(core.db).prepare('SELECT count(*) FROM cases').pluck().get());
    const again = await seedDemo(core, { cases: 50, seed: 7, today: TODAY });
    expect(again.accounts.every((a) => !a.created)).toBe(true);
    expect(Number(connectionOf(core.db).prepare('SELECT count(*) FROM cases').pluck().get())).toBe(before + 50);
    for (const y of all(core, 'SELECT reg_year, count(*) n, max(reg_seq) hi FROM cases GROUP BY reg_year')) expect(y.hi).toBe(y.n);
    expect(await core.call('history/verify', {}, supervisor)).toMatchObject({ ok: true, value: { ok: true } });
  });
});

describe('demo determinism', () => {
  it('gives the same register for the same seed, in one thread or two', async () => {
    const a = await seeded(5);
    const b = await seeded(5, true);
    expect(b.result.usedWorker).toBe(true);
    expect(register(b.core)).toEqual(register(a.core));
    const lastHash = (c: Core) => connectionOf(c.db).prepare('SELECT hash FROM history ORDER BY id DESC LIMIT 1').pluck().get();
    expect(lastHash(b.core)).toBe(lastHash(a.core));
    const c = await seeded(6);
    expect(register(c.core)).not.toEqual(register(a.core));
    await Promise.all([a.core.close(), b.core.close(), c.core.close()]);
  }, 60_000);

  it('gets back the indexes and full-text settings a load set aside when that load never finished', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'register-demo-test-'));
    try {
      const first = await openCore(dir);
      setAsideForLoad(connectionOf(first.db), { deferIndexes: true }); // what a load into an empty register does first; then the program stops
      const names = (c: Core) => all(c, "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'complainants_%'").map((r) => r.name);
      const fts = (c: Core) => Object.fromEntries(all(c, "SELECT k, v FROM case_fts_config WHERE k IN ('automerge', 'hashsize')").map((r) => [r.k, r.v]));
      expect(names(first)).not.toContain('complainants_phone');
      expect(fts(first)).toEqual({ automerge: 16, hashsize: 256 * 1024 * 1024 });
      await first.close();
      const reopened = await openCore(dir);
      expect(names(reopened)).toEqual(expect.arrayContaining(['complainants_name', 'complainants_phone', 'complainants_initial', 'complainants_phone_tail']));
      expect(fts(reopened)).toEqual({ automerge: 4, hashsize: 1024 * 1024 });
      expect(all(reopened, "SELECT key FROM settings WHERE key LIKE 'demo.%'")).toEqual([]);
      await reopened.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
