import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeOffice, must, phoneComplaint } from '../../testing';

const count = async (o: Awaited<ReturnType<typeof makeOffice>>, table: 'cases' | 'complainants' | 'history') =>
  Number((await o.core.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('register numbers', () => {
  it('are gap-free per year, kept by voided cases and not consumed by a failed save', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    const { core, as } = o;
    const a = must(await core.call('cases/register', phoneComplaint(), as.clerk));
    const bad = await core.call('cases/register', phoneComplaint({ subject: '' }), as.clerk);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'subject', message: '请填写「事由」' } });
    const b = must(await core.call('cases/register', phoneComplaint(), as.clerk));
    must(await core.call('cases/void', { id: b.id, version: b.version, reason: '重复登记' }, as.clerk));
    const c = must(await core.call('cases/register', phoneComplaint(), as.clerk));
    expect([a.registerNo, b.registerNo, c.registerNo]).toEqual(['2026-000001', '2026-000002', '2026-000003']);
    const voided = must(await core.call('cases/get', { id: b.id }, as.supervisor));
    expect([voided.status, voided.registerNo, voided.voidReason]).toEqual(['voided', '2026-000002', '重复登记']);
    o.clock.set('2027-01-04 09:00');
    await core.call('calendar/importYear', { text: '2027-01-01,休,元旦' }, as.admin);
    const next = must(await core.call('cases/register', phoneComplaint({ receivedAt: '2027-01-04 08:50' }), as.clerk));
    expect(next.registerNo).toBe('2027-000001');
  });

  it('use the configured prefix', async () => {
    const o = await makeOffice();
    must(await o.core.call('settings/update', { numbering: { prefix: 'TS' } }, o.as.admin));
    expect(must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk)).registerNo).toBe('TS2026-000001');
  });
});

describe('nothing half-written', () => {
  it('a registration that fails mid-transaction leaves no case, no complainant and no number used', async () => {
    const o = await makeOffice();
    await sql`CREATE TRIGGER boom BEFORE INSERT ON history WHEN NEW.action = 'register' BEGIN SELECT RAISE(ABORT, 'disk full'); END`.execute(o.core.db);
    const failed = await o.core.call('cases/register', phoneComplaint(), o.as.clerk);
    expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect([await count(o, 'cases'), await count(o, 'complainants'), await count(o, 'history')]).toEqual([0, 0, 0]);
    await sql`DROP TRIGGER boom`.execute(o.core.db);
    expect(must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk)).registerNo).toBe('2026-000001');
  });

  it('a transition that fails mid-transaction leaves the case as it was', async () => {
    const o = await makeOffice();
    const c = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    await sql`CREATE TRIGGER boom BEFORE INSERT ON history WHEN NEW.action = 'accept' BEGIN SELECT RAISE(ABORT, 'disk full'); END`.execute(o.core.db);
    expect((await o.core.call('cases/accept', { id: c.id, version: c.version }, o.as.supervisor)).ok).toBe(false);
    const after = must(await o.core.call('cases/get', { id: c.id }, o.as.supervisor));
    expect([after.status, after.version, after.timeline.length]).toEqual(['registered', c.version, 1]);
  });

  it('a stale version is refused with CONFLICT and changes nothing', async () => {
    const o = await makeOffice();
    const c = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    must(await o.core.call('cases/update', { ...phoneComplaint({ subject: '已更正的事由' }), id: c.id, version: c.version }, o.as.clerk));
    const stale = await o.core.call('cases/accept', { id: c.id, version: c.version }, o.as.supervisor);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(must(await o.core.call('cases/get', { id: c.id }, o.as.supervisor)).status).toBe('registered');
  });

  it('two saves of the same version at once: one wins, the other changes nothing, side rows included', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    let c = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    c = must(await o.core.call('cases/accept', { id: c.id, version: c.version }, o.as.supervisor));
    c = must(await o.core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, o.as.supervisor));
    const historyBefore = await count(o, 'history');
    const note = (text: string) => o.core.call('cases/addNote', { id: c.id, version: c.version, notedOn: '2026-03-02', text }, o.as.supervisor);
    const suspend = o.core.call('cases/suspend', { id: c.id, version: c.version, suspendedOn: '2026-03-02', material: '身份证复印件' }, o.as.supervisor);
    const answers = await Promise.all([note('第一条'), note('第二条'), suspend]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    for (const a of answers.filter((x) => !x.ok)) expect(a).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const after = must(await o.core.call('cases/get', { id: c.id }, o.as.supervisor));
    const sideRows = after.notes.length + Number((await o.core.db.selectFrom('case_suspensions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect([after.version, sideRows, (await count(o, 'history')) - historyBefore]).toEqual([c.version + 1, 1, 1]);
  });

  it('a transition not allowed from the current status is refused', async () => {
    const o = await makeOffice();
    const c = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    const r = await o.core.call('cases/reply', { id: c.id, version: c.version, method: 'phone', repliedOn: '2026-03-02', summary: '答复' }, o.as.clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
  });
});

describe('history', () => {
  it('is append-only at the database level and verifiable', async () => {
    const o = await makeOffice();
    const c = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    must(await o.core.call('cases/accept', { id: c.id, version: c.version }, o.as.supervisor));
    await expect(sql`UPDATE history SET note = 'x'`.execute(o.core.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM history`.execute(o.core.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM cases`.execute(o.core.db)).rejects.toThrow(/never deleted/);
    expect(must(await o.core.call('history/verify', {}, o.as.auditor))).toMatchObject({ ok: true, checked: 2, brokenAtId: null });
    // Someone edits the file behind the app's back: the chain shows where.
    await sql`DROP TRIGGER history_no_update`.execute(o.core.db);
    await sql`UPDATE history SET actor_name = '他人' WHERE id = 1`.execute(o.core.db);
    expect(must(await o.core.call('history/verify', {}, o.as.auditor))).toMatchObject({ ok: false, checked: 2, brokenAtId: 1 });
  });
});

describe('bad input', () => {
  it.each([
    [{ complainants: [{ name: '张三', phone: '12345' }] }, 'complainants.0.phone', '联系电话'],
    [{ complainants: [{ name: '张三', phone: '13812345678', idNumber: '110101199003071234' }] }, 'complainants.0.idNumber', '身份证'],
    [{ complainants: [{ name: '', phone: '13812345678' }] }, 'complainants.0.name', '姓名'],
    [{ complainants: [{ name: '张三' }] }, 'complainants.0.phone', '联系方式'],
    [{ receivedAt: '2026-03-09 10:00' }, 'receivedAt', '不能晚于当前时间'],
    [{ receivedAt: '2026-02-30 10:00' }, 'receivedAt', '不是有效'],
    [{ subject: '事'.repeat(101) }, 'subject', '不能超过 100 个字'],
    [{ channel: '飞鸽传书' }, 'channel', '不是可选的值'],
    [{ headCount: 0 }, 'headCount', '不能小于 1'],
    [{ complainants: [{ name: '张三', phone: 13812345678 }] }, 'complainants.0.phone', '必须是文字'],
  ])('%o is refused on %s', async (override, field, words) => {
    const o = await makeOffice('2026-03-02 10:00');
    const r = await o.core.call('cases/register', { ...phoneComplaint(), ...override }, o.as.clerk);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.field).toBe(field);
      expect(r.error.message).toContain(words);
    }
    expect(await count(o, 'cases')).toBe(0);
  });

  it('accepts a valid ID number with an X check digit and a landline', async () => {
    const o = await makeOffice();
    const c = must(await o.core.call('cases/register', phoneComplaint({
      complainants: [{ name: '李四', phone: '0571-87654321', idNumber: '11010519491231002x' }],
    }), o.as.clerk));
    expect(c.complainants[0]).toMatchObject({ phone: '0571-87654321', idNumber: '11010519491231002X' });
  });

  it('anonymous complaints need no complainant and store none', async () => {
    const o = await makeOffice();
    const c = must(await o.core.call('cases/register', phoneComplaint({ isAnonymous: true, complainants: [{ name: '应被忽略', phone: '13800000000' }] }), o.as.clerk));
    expect([c.complainants, c.complainant]).toEqual([[], '（匿名）']);
  });
});

describe('editing a confidential case', () => {
  it('someone who sees the identity masked may correct other fields but cannot overwrite the identity', async () => {
    const o = await makeOffice();
    const c = must(await o.core.call('cases/register', phoneComplaint({ isConfidential: true }), o.as.clerk));
    const other = await o.core.db.insertInto('users').values({ username: 'clerk2', display_name: '孙丽', role: 'clerk', password_hash: 'x', staff_id: null, created_at: '2026-01-01 09:00:00' }).returning('id').executeTakeFirstOrThrow();
    const seen = must(await o.core.call('cases/get', { id: c.id }, { userId: other.id }));
    expect(seen.complainants[0].name).toBe('张*');
    const overwrite = await o.core.call('cases/update', { ...phoneComplaint({ isConfidential: true, complainants: [{ name: '张*', phone: '13800000000' }] }), id: c.id, version: c.version }, { userId: other.id });
    expect(overwrite).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'complainants' } });
    const { complainants: _omit, ...rest } = phoneComplaint({ isConfidential: true, subject: '更正后的事由' });
    must(await o.core.call('cases/update', { ...rest, id: c.id, version: c.version }, { userId: other.id }));
    const after = must(await o.core.call('cases/get', { id: c.id }, o.as.supervisor));
    expect([after.subject, after.complainants[0].name, after.complainants[0].phone]).toEqual(['更正后的事由', '张三', '13812345678']);
  });
});
