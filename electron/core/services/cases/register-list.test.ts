import { describe, expect, it } from 'vitest';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';

async function office(): Promise<Office> {
  const o = await makeOffice('2026-03-02 10:00');
  const { core, as } = o;
  const reg = (over: Parameters<typeof phoneComplaint>[0]) => core.call('cases/register', phoneComplaint(over), as.clerk).then(must);
  await reg({ receivedAt: '2026-02-02 09:00', subject: '停车场收费不合理', account: '市民反映医院停车场收费标准不透明。', complainants: [{ name: '刘洋', phone: '13900001111' }] });
  await reg({ receivedAt: '2026-02-10 09:00', channel: '来访', caseType: '咨询', subject: '社保卡补办流程', account: '咨询补办社保卡需要的材料。', complainants: [{ name: '陈静', phone: '0571-87650000' }] });
  const c3 = await reg({ receivedAt: '2026-02-20 09:00', subject: '窗口排队时间过长', account: '上午排队两小时仍未办理。', isConfidential: true, complainants: [{ name: '欧阳娜娜', phone: '13712345678', idNumber: '11010519491231002X' }] });
  const c4 = await reg({ receivedAt: '2026-03-01 09:00', caseType: '建议', subject: '建议增加自助服务机', account: '建议在大厅增加自助打印设备。', complainants: [{ name: '刘洋', phone: '13900001111' }] });
  await core.call('cases/accept', { id: c3.id, version: c3.version }, as.supervisor).then(must);
  await core.call('cases/void', { id: c4.id, version: c4.version, reason: '重复登记' }, as.clerk).then(must);
  return o;
}

const subjects = (page: { rows: Array<{ subject: string }> }) => page.rows.map((r) => r.subject);

describe('the register list', () => {
  it('sorts, pages and counts', async () => {
    const o = await office();
    const p1 = must(await o.core.call('cases/list', { pageSize: 2, sortBy: 'receivedAt', sortOrder: 'asc' }, o.as.supervisor));
    expect([p1.total, p1.totalIsExact, subjects(p1)]).toEqual([4, true, ['停车场收费不合理', '社保卡补办流程']]);
    const p2 = must(await o.core.call('cases/list', { pageSize: 2, page: 2, sortBy: 'receivedAt', sortOrder: 'asc' }, o.as.supervisor));
    expect(subjects(p2)).toEqual(['窗口排队时间过长', '建议增加自助服务机']);
    const byNo = must(await o.core.call('cases/list', { sortBy: 'registerNo', sortOrder: 'desc' }, o.as.supervisor));
    expect(byNo.rows.map((r) => r.registerNo)).toEqual(['2026-000004', '2026-000003', '2026-000002', '2026-000001']);
  });

  it('filters by type, channel, status and date range together', async () => {
    const o = await office();
    const q = (input: object) => o.core.call('cases/list', input, o.as.supervisor).then(must).then(subjects);
    expect(await q({ caseType: ['投诉'], channel: ['电话'] })).toEqual(['窗口排队时间过长', '停车场收费不合理']);
    expect(await q({ status: ['accepted', 'voided'] })).toEqual(['建议增加自助服务机', '窗口排队时间过长']);
    expect(await q({ receivedFrom: '2026-02-10', receivedTo: '2026-02-20' })).toEqual(['窗口排队时间过长', '社保卡补办流程']);
  });

  it('filters by due state against today and the calendar', async () => {
    const o = await office();
    // Registered 02-02 and 02-10 with 3-working-day acceptance limits, both long past on 03-02.
    const overdue = must(await o.core.call('cases/list', { dueState: ['overdue'] }, o.as.supervisor));
    expect(subjects(overdue)).toEqual(['社保卡补办流程', '停车场收费不合理']);
    expect(overdue.rows.every((r) => r.dueState === 'overdue')).toBe(true);
    // Accepted: only the whole-case limit runs, 02-20 + 15 = Sat 03-07 -> Mon 03-09.
    const onTrack = must(await o.core.call('cases/list', { dueState: ['onTrack', 'dueSoon'] }, o.as.supervisor));
    expect(onTrack.rows.map((r) => [r.subject, r.dueDate, r.dueState])).toEqual([['窗口排队时间过长', '2026-03-09', 'onTrack']]);
  });

  it('searches by register number, phone, name and Chinese text of two or more characters', async () => {
    const o = await office();
    const q = (search: string) => o.core.call('cases/list', { search }, o.as.supervisor).then(must).then(subjects);
    expect(await q('2026-000002')).toEqual(['社保卡补办流程']);
    expect(await q('2026-2')).toEqual(['社保卡补办流程']);
    expect(await q('13900001111')).toEqual(['建议增加自助服务机', '停车场收费不合理']);
    expect(await q('0571-87650000')).toEqual(['社保卡补办流程']);
    expect(await q('1390000')).toEqual(['建议增加自助服务机', '停车场收费不合理']);
    expect(await q('刘洋')).toEqual(['建议增加自助服务机', '停车场收费不合理']);
    expect(await q('排队')).toEqual(['窗口排队时间过长']);
    expect(await q('停车场')).toEqual(['停车场收费不合理']);
    expect(await q('社保')).toEqual(['社保卡补办流程']);
    expect(await q('自助打印设备')).toEqual(['建议增加自助服务机']);
    expect(await q('不存在的词')).toEqual([]);
    // A term at the very end of a text is found too (each indexed text ends with a space).
    expect(await q('办理')).toEqual(['窗口排队时间过长']);
    const empty = await o.core.call('cases/list', { search: '\u0001' }, o.as.supervisor);
    expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'search' } });
  });

  it('finds a surname of one character: the cases with a complainant whose name starts with it, newest first', async () => {
    const o = await office();
    const q = (search: string) => o.core.call('cases/list', { search }, o.as.supervisor).then(must).then(subjects);
    expect(await q('刘')).toEqual(['建议增加自助服务机', '停车场收费不合理']);
    expect(await q('陈')).toEqual(['社保卡补办流程']);
    // Starts with, not contains: 洋 is in 刘洋 but begins no name.
    expect(await q('洋')).toEqual([]);
    // Any complainant of the case, and a case whose two complainants share the surname is found once.
    await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-03-02 09:00', subject: '两位诉求人', headCount: 3, complainants: [{ name: '王芳', phone: '13800000001' }, { name: '刘伟', phone: '13800000002' }, { name: '刘敏', phone: '13800000003' }] }), o.as.clerk).then(must);
    expect(await q('刘')).toEqual(['两位诉求人', '建议增加自助服务机', '停车场收费不合理']);
    expect(must(await o.core.call('cases/list', { search: '刘' }, o.as.supervisor))).toMatchObject({ total: 3, totalIsExact: true });
    expect(await q('王')).toEqual(['两位诉求人']);
  });

  it('finds a phone by its last digits (4 or more), a landline\'s dash left out', async () => {
    const o = await office();
    const q = (search: string) => o.core.call('cases/list', { search }, o.as.supervisor).then(must).then(subjects);
    expect(await q('1111')).toEqual(['建议增加自助服务机', '停车场收费不合理']);
    expect(await q('01111')).toEqual(['建议增加自助服务机', '停车场收费不合理']);
    expect(await q('87650000')).toEqual(['社保卡补办流程']);
    expect(await q('7650000')).toEqual(['社保卡补办流程']);
    expect(await q('5678')).toEqual(['窗口排队时间过长']);
    expect(await q('45678')).toEqual(['窗口排队时间过长']);
    expect(await q('55678')).toEqual([]);
  });

  it('finds a bare sequence number in every year, newest first', async () => {
    const o = await office();
    // A case numbered in another year, with the office's prefix of the time.
    await o.core.db.updateTable('cases').set({ register_no: 'TS2025-000002', reg_year: 2025, reg_seq: 2 }).where('register_no', '=', '2026-000001').execute();
    await o.core.db.insertInto('register_counters').values({ year: 2025, last_seq: 2 }).execute();
    const q = (search: string, as = o.as.supervisor) => o.core.call('cases/list', { search }, as).then(must).then((p) => p.rows.map((r) => r.registerNo));
    expect(await q('000002')).toEqual(['2026-000002', 'TS2025-000002']);
    expect(await q('2')).toEqual(['2026-000002', 'TS2025-000002']);
    expect(await q('04')).toEqual(['2026-000004']);
    expect(await q('000009')).toEqual([]);
    // A register number is no identity: the auditor, who sees no phone, finds it too.
    expect(await q('3', o.as.auditor)).toEqual(['2026-000003']);
  });

  it('finds by a name\'s initial or a phone\'s last digits only in the cases whose identity the searcher sees', async () => {
    const o = await office();
    const other = await o.core.db.insertInto('users').values({ username: 'clerk2', display_name: '孙丽', role: 'clerk', password_hash: 'x', staff_id: null, created_at: '2026-01-01 09:00:00' }).returning('id').executeTakeFirstOrThrow();
    const q = (search: string, userId: number) => o.core.call('cases/list', { search }, { userId }).then(must).then(subjects);
    // The confidential case (欧阳娜娜, 13712345678), recorded by the clerk: as the two-character name search.
    for (const search of ['欧阳', '欧', '5678', '12345678']) {
      expect(await q(search, o.userIds.supervisor), search).toEqual(['窗口排队时间过长']);
      expect(await q(search, o.userIds.clerk), search).toEqual(['窗口排队时间过长']);
      expect(await q(search, other.id), search).toEqual([]);
      expect(await q(search, o.userIds.auditor), search).toEqual([]);
    }
    // Names of cases that are not confidential: every clerk finds them, the auditor does not.
    expect(await q('刘', other.id)).toEqual(['建议增加自助服务机', '停车场收费不合理']);
    expect(await q('刘', o.userIds.auditor)).toEqual([]);
  });

  it('masks a confidential complainant for a clerk who did not receive the case, and for the auditor', async () => {
    const o = await office();
    const other = await o.core.db.insertInto('users').values({ username: 'clerk2', display_name: '孙丽', role: 'clerk', password_hash: 'x', staff_id: null, created_at: '2026-01-01 09:00:00' }).returning('id').executeTakeFirstOrThrow();
    const find = async (userId: number) => must(await o.core.call('cases/list', { search: '排队' }, { userId })).rows[0];
    expect(await find(other.id)).toMatchObject({ complainant: '欧***', complainantPhone: '137****5678' });
    expect(await find(o.userIds.auditor)).toMatchObject({ complainant: '欧***', complainantPhone: '137****5678' });
    expect(await find(o.userIds.clerk)).toMatchObject({ complainant: '欧阳娜娜', complainantPhone: '13712345678' });
    expect(await find(o.userIds.supervisor)).toMatchObject({ complainant: '欧阳娜娜' });
    const id = (await find(other.id)).id;
    const detail = must(await o.core.call('cases/get', { id }, { userId: o.userIds.auditor }));
    expect([detail.identityMasked, detail.complainants[0].idNumber]).toEqual([true, '110***********002X']);
    expect(JSON.stringify(detail.timeline)).not.toContain('欧阳娜娜');
    const refused = await o.core.call('cases/revealIdentity', { id, purpose: '核对' }, { userId: other.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const full = must(await o.core.call('cases/revealIdentity', { id, purpose: '年度审计抽查' }, o.as.auditor));
    expect(full[0]).toMatchObject({ name: '欧阳娜娜', idNumber: '11010519491231002X' });
    const after = must(await o.core.call('cases/get', { id }, o.as.supervisor));
    expect(after.timeline.at(-1)).toMatchObject({ action: 'identityViewed', actorName: '钱审计', note: '年度审计抽查' });
  });
});

describe('the dashboard', () => {
  it('counts what needs doing today', async () => {
    const o = await office();
    const d = must(await o.core.call('dashboard/get', {}, o.as.supervisor));
    expect(d.today).toBe('2026-03-02');
    const x = Object.fromEntries(d.groups[0].sections.map((s) => [s.key, s]));
    expect([x.awaitingAcceptance.count, x.dueSoon.count, x.overdue.count]).toEqual([2, 0, 2]);
    expect(x.overdue.cases.map((r) => r.registerNo)).toEqual(['2026-000001', '2026-000002']);
    expect(x.awaitingAcceptance.cases.map((r) => r.registerNo)).toEqual(['2026-000001', '2026-000002']);
    expect(d.calendarWarnings).toEqual([]);
  });
});
