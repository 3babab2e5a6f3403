import { describe, expect, it } from 'vitest';
import type { CoreSession } from '../../session';
import type { CaseDetail } from '../../types';
import { makeOffice, must, phoneComplaint } from '../../testing';

/**
 * A complainant's identity typed into the case's free text (the subject, the account, a note, a reason, the
 * handling opinion) is masked for whoever sees the complainant masked, as in the department papers: on the
 * case page, its timeline, the register and the 工作台. Whoever sees the identity reads the text as typed.
 */
const IDENTITY = { name: '欧阳娜娜', phone: '13712345678', idNumber: '11010519491231002X', address: '滨江区江南大道88号', employer: '杭州青禾科技有限公司' };
/** The identity and pieces of it, as a masked answer must not contain them. */
const LEAKS = [IDENTITY.name, '阳娜', IDENTITY.phone, '2345678', '１３７', IDENTITY.idNumber, '0519491231', '江南大道', '青禾科技'];
const leaks = (value: unknown) => { const t = JSON.stringify(value); return LEAKS.filter((x) => t.includes(x)); };

async function scene() {
  const o = await makeOffice('2026-03-02 10:00');
  const clerk = async (username: string, name: string) => ({
    userId: (await o.core.db.insertInto('users')
      .values({ username, display_name: name, role: 'clerk', password_hash: 'x', staff_id: null, created_at: '2026-01-01 09:00:00' })
      .returning('id').executeTakeFirstOrThrow()).id,
  });
  const other: CoreSession = await clerk('other', '孙丽');
  const sup = o.as.supervisor;
  const step = async (channel: 'cases/update' | 'cases/accept' | 'cases/assign' | 'cases/addNote' | 'cases/extend' | 'cases/recordFinding', c: CaseDetail, input: Record<string, unknown>) =>
    must(await o.core.call(channel, { id: c.id, version: c.version, ...input } as never, sup)) as CaseDetail;
  let c = must(await o.core.call('cases/register', phoneComplaint({
    subject: '欧阳娜娜投诉窗口排队', isConfidential: true,
    account: '欧阳 娜娜（电话 137-1234-5678，+86 １３７１２３４５６７８，身份证 11010519491231002X，住滨江区江南大道88号，在杭州青禾科技有限公司工作）反映窗口排队两小时。',
    request: '请回电13712345678', complainants: [IDENTITY],
  }), o.as.clerk));
  c = await step('cases/update', c, { account: '欧阳娜娜要求改电话 13712345678，窗口排队两小时。' });
  c = await step('cases/accept', c, {});
  c = await step('cases/assign', c, { departmentId: o.dept.window, handlerStaffId: o.staff.zhou, severity: 'simple' });
  c = await step('cases/addNote', c, { notedOn: '2026-03-02', text: '已电话联系欧阳娜娜（13712345678）' });
  c = await step('cases/extend', c, { newDue: '2026-03-27', reason: '欧阳娜娜补充材料' });
  c = await step('cases/recordFinding', c, { finding: 'partly', handlingOpinion: '向欧阳娜娜说明，身份证11010519491231002X已核对', handledOn: '2026-03-02' });
  return { ...o, other, c };
}

describe('identity typed into a case\'s free text', () => {
  it('is masked for a clerk who sees the complainant masked: cases/get (text, notes, timeline), cases/list, dashboard/get', async () => {
    const s = await scene();
    const detail = must(await s.core.call('cases/get', { id: s.c.id }, s.other));
    expect(detail.identityMasked).toBe(true);
    expect({ page: leaks(detail), timeline: leaks(detail.timeline) }).toEqual({ page: [], timeline: [] });
    expect(detail.subject).toBe('欧***投诉窗口排队');
    expect(detail.account).toContain('137****5678');
    expect(detail.notes[0].text).toBe('已电话联系欧***（137****5678）');
    expect(detail.handlingOpinion).toContain('110***********002X');
    const row = must(await s.core.call('cases/list', { search: '排队' }, s.other)).rows.find((r) => r.id === s.c.id);
    expect(row?.subject).toBe('欧***投诉窗口排队');
    const board = must(await s.core.call('dashboard/get', {}, s.other));
    const listed = board.groups.flatMap((g) => g.sections).flatMap((x) => x.cases).filter((r) => r.id === s.c.id);
    expect(listed.length).toBeGreaterThan(0);
    expect(leaks(board)).toEqual([]);
  });

  it('is shown as typed to whoever sees the identity', async () => {
    const s = await scene();
    const detail = must(await s.core.call('cases/get', { id: s.c.id }, s.as.supervisor));
    expect(detail.subject).toBe('欧阳娜娜投诉窗口排队');
    expect(detail.account).toBe('欧阳娜娜要求改电话 13712345678，窗口排队两小时。');
    expect(detail.notes[0].text).toBe('已电话联系欧阳娜娜（13712345678）');
    expect(JSON.stringify(detail.timeline)).toContain('+86 １３７１２３４５６７８');
    const row = must(await s.core.call('cases/list', { search: '排队' }, s.as.clerk)).rows.find((r) => r.id === s.c.id);
    expect(row?.subject).toBe('欧阳娜娜投诉窗口排队');
  });
});
