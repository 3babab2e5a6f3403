import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CoreSession } from '../../session';
import type { CaseDetail } from '../../types';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';
import { cleanSearchText, ftsPhrase } from '../../../../db/queries/fts-query';
import { connectionOf } from '../../../../db/open';

/**
 * A confidential complainant's identity reaches only those entitled (a supervisor; the clerk who recorded
 * the case or received it first), through every channel that returns case data, search included; an
 * auditor sees it masked and may reveal it with a recorded purpose.
 */
const IDENTITY = { name: '欧阳娜娜', phone: '13712345678', idNumber: '11010519491231002X', address: '滨江区江南大道88号', employer: '杭州青禾科技有限公司' };
/** Pieces of the identity a masked view must not contain either. */
const FRAGMENTS = ['阳娜', '2345678', '0519491231', '江南大道', '青禾科技'];

type Who = 'recorder' | 'receiver' | 'other' | 'supervisor' | 'auditor';
const ENTITLED: Record<Who, boolean> = { recorder: true, receiver: true, other: false, supervisor: true, auditor: false };
const WHO = Object.keys(ENTITLED) as Who[];

interface Scene extends Office {
  who: Record<Who, CoreSession>;
  ids: Record<Who, number>;
  /** the confidential case: recorded by the clerk, first received by 李静 */
  secret: CaseDetail;
  /** an ordinary case */
  open: CaseDetail;
}

async function scene(): Promise<Scene> {
  const o = await makeOffice('2026-03-02 10:00');
  const clerk = async (username: string, name: string) => (await o.core.db.insertInto('users')
    .values({ username, display_name: name, role: 'clerk', password_hash: 'x', staff_id: null, created_at: '2026-01-01 09:00:00' })
    .returning('id').executeTakeFirstOrThrow()).id;
  const ids: Record<Who, number> = {
    recorder: o.userIds.clerk, receiver: await clerk('receiver', '李静'), other: await clerk('other', '孙丽'),
    supervisor: o.userIds.supervisor, auditor: o.userIds.auditor,
  };
  const who = Object.fromEntries(WHO.map((w) => [w, { userId: ids[w] }])) as Record<Who, CoreSession>;
  const secret = must(await o.core.call('cases/register', phoneComplaint({
    subject: '窗口排队时间过长', account: '上午排队两小时仍未办理。', isConfidential: true, firstReceiverId: ids.receiver,
    complainants: [IDENTITY],
  }), o.as.clerk));
  const open = must(await o.core.call('cases/register', phoneComplaint({
    subject: '停车场收费不合理', account: '市民反映医院停车场收费标准不透明。', complainants: [{ name: '刘洋', phone: '13900001111' }],
  }), o.as.clerk));
  return { ...o, who, ids, secret, open };
}

/** Which parts of the identity appear anywhere in an answer. */
function shown(value: unknown): { full: string[]; fragments: string[] } {
  const text = JSON.stringify(value);
  return { full: Object.values(IDENTITY).filter((v) => text.includes(v)), fragments: FRAGMENTS.filter((f) => text.includes(f)) };
}

function expectIdentity(value: unknown, entitled: boolean, label: string, parts: readonly string[] = Object.values(IDENTITY)): void {
  const seen = shown(value);
  if (entitled) expect(seen.full, label).toEqual(expect.arrayContaining([...parts]));
  else expect(seen, label).toEqual({ full: [], fragments: [] });
}

const found = async (s: Scene, w: Who, search: string) =>
  must(await s.core.call('cases/list', { search }, s.who[w])).rows.map((r) => r.id);

describe('search and a confidential identity', () => {
  it('does not match the identity for whoever may not see it; the case text and register number still match', async () => {
    const s = await scene();
    const identitySearches = ['欧阳娜娜', '欧阳', '娜娜', '13712345678', '1371', '137123', '137-1234-5678'];
    for (const w of WHO) {
      for (const search of identitySearches) {
        expect({ w, search, found: (await found(s, w, search)).includes(s.secret.id) }).toEqual({ w, search, found: ENTITLED[w] });
      }
      for (const search of ['排队', '窗口排队', '两小时', s.secret.registerNo]) {
        expect({ w, search, found: await found(s, w, search) }).toEqual({ w, search, found: [s.secret.id] });
      }
    }
    // An ordinary case's identity is the clerks' and supervisors' to search; the auditor sees none unmasked.
    for (const w of WHO) {
      const visible = w !== 'auditor';
      expect({ w, name: await found(s, w, '刘洋'), phone: await found(s, w, '1390000') })
        .toEqual({ w, name: visible ? [s.open.id] : [], phone: visible ? [s.open.id] : [] });
    }
  });

  it('does not confirm the identity through the case text it was typed into, for whoever sees it masked', async () => {
    const s = await scene();
    // The clerk typed the complainant into the account; the text itself is shown masked (identityScrubber).
    const typed = must(await s.core.call('cases/register', phoneComplaint({
      subject: '叫号系统混乱', isConfidential: true, firstReceiverId: s.ids.receiver, complainants: [IDENTITY],
      account: '欧阳娜娜要求改电话13712345678，身份证11010519491231002X，住滨江区江南大道88号，在杭州青禾科技有限公司上班，反映叫号屏不显示。',
    }), s.as.clerk));
    const open = must(await s.core.call('cases/register', phoneComplaint({
      subject: '自助机故障', account: '刘洋反映自助机吞卡，请回电13900001111。', complainants: [{ name: '刘洋', phone: '13900001111' }],
    }), s.as.clerk));
    const identityTerms = ['欧阳娜娜', '娜娜', '阳娜娜', '欧阳娜娜要求改电话', '电话13712345678', '13712345678',
      '身份证11010519491231002X', '1231002X', '江南大道', '滨江区江南大道88号', '青禾科技', '杭州青禾科技有限公司上班'];
    for (const w of WHO) {
      for (const search of identityTerms) {
        expect({ w, search, found: (await found(s, w, search)).includes(typed.id) }).toEqual({ w, search, found: ENTITLED[w] });
      }
      // An unrelated word of the same account still finds it, for everyone.
      for (const search of ['叫号屏', '不显示', '叫号系统']) expect({ w, search, found: await found(s, w, search) }).toEqual({ w, search, found: [typed.id] });
      // An ordinary case's name in its text is the clerks' and supervisors' to search, not the auditor's.
      const visible = w !== 'auditor';
      expect({ w, name: await found(s, w, '刘洋反映'), word: await found(s, w, '吞卡') })
        .toEqual({ w, name: visible ? [open.id] : [], word: [open.id] });
    }
    // The total does not count what the page leaves out.
    const page = must(await s.core.call('cases/list', { search: '江南大道', status: ['registered'] }, s.who.other));
    expect({ rows: page.rows.length, total: page.total }).toEqual({ rows: 0, total: 0 });
  });

  it('keeps the new search forms (a surname, the last digits of a phone) and their totals to whoever sees the identity, with filters too', async () => {
    const s = await scene();
    const filters = [{}, { status: ['registered'] }, { caseType: ['投诉'] }, { status: ['registered'], channel: ['电话'] }, { sortBy: 'dueDate' }];
    for (const w of WHO) {
      for (const search of ['欧', '5678', '45678', '2345678']) {
        for (const filter of filters) {
          const page = must(await s.core.call('cases/list', { search, ...filter }, s.who[w]));
          const hit = page.rows.some((r) => r.id === s.secret.id);
          // The total may not count a case the page leaves out either.
          expect({ w, search, filter, hit, total: page.total }).toEqual({ w, search, filter, hit: ENTITLED[w], total: ENTITLED[w] ? 1 : 0 });
        }
      }
    }
  });

  it('reads the confidentiality from its own small index, never the wide case rows', async () => {
    const s = await scene();
    const watch = watchPlans(connectionOf(s.core.db));
    try {
      for (const search of ['欧阳娜娜', '娜娜', '13712345678', '1371', '排队']) must(await s.core.call('cases/list', { search }, s.who.other));
    } finally {
      watch.stop();
    }
    const steps = watch.plans.flatMap((p) => p.split(' | '));
    expect(steps.some((step) => /cases_confidential/.test(step))).toBe(true);
    for (const step of steps.filter((x) => /^(SCAN|SEARCH) (c|d|cases)\b/.test(x))) expect(step).toMatch(/USING (COVERING INDEX|INTEGER PRIMARY KEY)/);
  });

  it('reads FTS5 syntax in the search box as plain text', async () => {
    const s = await scene();
    const odd = must(await s.core.call('cases/register', phoneComplaint({ subject: '引号"星号*与NEAR(括号) AND ^上箭头 {body}: 列', complainants: [{ name: '王五', phone: '13600000000' }] }), s.as.clerk));
    const literal = ['引号"星号', '"星号*', 'NEAR(括号)', '(括号', '括号)', 'AND ^上', '^上箭头', '{body}: 列'];
    for (const search of literal) expect({ search, found: await found(s, 'supervisor', search) }).toEqual({ search, found: [odd.id] });
    const nothing = ['a OR b', 'NOT 星号', '星号 NOT 引号x', 'names : 欧阳', '{names}: 欧阳娜娜', '"欧阳" OR "排队"', '欧阳*', 'NEAR(欧阳 娜娜)', '^欧阳', '**', '""', '"""', '"("'];
    for (const search of nothing) {
      const r = await s.core.call('cases/list', { search }, s.who.other);
      expect({ search, r }).toMatchObject({ search, r: { ok: true, value: { rows: [] } } });
    }
    // NUL ended the FTS5 string early (500 INTERNAL): now refused as input, or read as a space.
    for (const search of ['a\u0000b', '\u0000\u0000', '星号\u0000*', '排队\u0007']) {
      const r = await s.core.call('cases/list', { search }, s.who.other);
      if (!r.ok) expect({ search, error: r.error }).toMatchObject({ search, error: { code: 'VALIDATION', field: 'search' } });
    }
    expect(cleanSearchText(' a\u0000b\tc\u009F ')).toBe('a b c');
    expect(ftsPhrase('say "hi"\u0000')).toBe('"say ""hi"""');
  });
});

describe('every channel that returns case data', () => {
  it('shows the identity only to those entitled, for each role and relationship', async () => {
    const s = await scene();
    const id = s.secret.id;
    for (const w of WHO) {
      const entitled = ENTITLED[w];
      const detail = must(await s.core.call('cases/get', { id }, s.who[w]));
      expectIdentity(detail, entitled, `${w}: cases/get`);
      expectIdentity(detail.timeline, entitled, `${w}: timeline`, [IDENTITY.name]);
      expect({ w, masked: detail.identityMasked, reveal: detail.mayRevealIdentity })
        .toEqual({ w, masked: !entitled, reveal: w === 'auditor' });
      const row = must(await s.core.call('cases/list', { search: '排队' }, s.who[w])).rows.find((r) => r.id === id);
      expectIdentity(row, entitled, `${w}: cases/list`, [IDENTITY.name, IDENTITY.phone]);
      // Waiting for acceptance, the case is on the supervisor's work lists only (work-lists.test.ts masks a clerk's).
      const board = must(await s.core.call('dashboard/get', {}, s.who[w]));
      const listed = board.groups.flatMap((g) => g.sections).flatMap((x) => x.cases).filter((r) => r.id === id);
      expect({ w, listed: listed.length > 0 }).toEqual({ w, listed: w === 'supervisor' });
      expectIdentity(listed.length ? board : [], entitled && listed.length > 0, `${w}: dashboard/get`, [IDENTITY.name, IDENTITY.phone]);
    }
  });

  it('answers each workflow action with the identity only for an entitled actor', async () => {
    const s = await scene();
    const { core, who, clock } = s;
    let c = s.secret;
    const act = async (w: Who, channel: Parameters<typeof core.call>[0], input: Record<string, unknown>) => {
      c = must(await core.call(channel, { id: c.id, version: c.version, ...input }, who[w])) as CaseDetail;
      expectIdentity(c, ENTITLED[w], `${w}: ${channel}`);
    };
    await act('other', 'cases/update', { subject: '窗口排队时间过长（补充）' });
    await act('receiver', 'cases/update', { request: '要求缩短排队时间' });
    await act('supervisor', 'cases/accept', {});
    await act('other', 'cases/suspend', { suspendedOn: '2026-03-02', material: '排队叫号记录' });
    clock.set('2026-03-03 10:00');
    await act('recorder', 'cases/resume', { receivedOn: '2026-03-03' });
    await act('supervisor', 'cases/assign', { departmentId: s.dept.window, handlerStaffId: s.staff.zhou, severity: 'simple' });
    await act('supervisor', 'cases/addNote', { notedOn: '2026-03-03', text: '调取叫号记录' });
    await act('supervisor', 'cases/extend', { newDue: '2026-03-27', reason: '需调取录像' });
    await act('supervisor', 'cases/recordFinding', { finding: 'substantiated', handlingOpinion: '窗口增开', handledOn: '2026-03-03' });
    await act('other', 'cases/reply', { method: 'phone', repliedOn: '2026-03-03', summary: '电话告知' });
    await act('receiver', 'cases/followUp', { satisfaction: 'unsatisfied', followedUpOn: '2026-03-03' });
    await act('supervisor', 'cases/reopen', { reason: '诉求人不满意' });
    await act('supervisor', 'cases/assign', { departmentId: s.dept.window, handlerStaffId: s.staff.zhou, severity: 'simple' });
    await act('supervisor', 'cases/void', { reason: '演示结束' });
    const refused = await core.call('cases/addNote', { id: c.id, version: c.version, notedOn: '2026-03-03', text: 'x' }, who.auditor);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(JSON.stringify(refused)).not.toContain(IDENTITY.name);
  });

  it('reveals the full identity only to whoever may ask, and records each look', async () => {
    const s = await scene();
    const id = s.secret.id;
    for (const w of WHO) {
      const r = await s.core.call('cases/revealIdentity', { id, purpose: `${w} 核对` }, s.who[w]);
      if (w === 'other') expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      else expect(must(r)[0]).toEqual({ ...IDENTITY, gender: null });
    }
    const timeline = must(await s.core.call('cases/get', { id }, s.as.supervisor)).timeline.filter((t) => t.action === 'identityViewed');
    expect(timeline.map((t) => t.note)).toEqual(['recorder 核对', 'receiver 核对', 'supervisor 核对', 'auditor 核对']);
    // A reveal shows the identity once; the case stays masked for the auditor afterwards.
    expect(must(await s.core.call('cases/get', { id }, s.who.auditor)).identityMasked).toBe(true);
  });
});

describe('the timeline and corrected complainants', () => {
  it('shows a changed phone, masked for whoever may not see it', async () => {
    const s = await scene();
    must(await s.core.call('cases/update', { id: s.secret.id, version: s.secret.version, complainants: [{ ...IDENTITY, phone: '13798764321' }] }, s.who.recorder));
    for (const w of WHO) {
      const entry = must(await s.core.call('cases/get', { id: s.secret.id }, s.who[w])).timeline.at(-1)!;
      expect({ w, action: entry.action, changes: entry.changes }).toEqual({
        w, action: 'update',
        changes: [{
          field: 'complainants.0.phone', label: '诉求人联系电话',
          before: ENTITLED[w] ? '13712345678' : '137****5678', after: ENTITLED[w] ? '13798764321' : '137****4321',
        }],
      });
    }
  });

  it('shows an ID number, address and an added complainant field by field', async () => {
    const s = await scene();
    const second = { name: '欧阳峰', phone: '', idNumber: '', address: '', employer: '青禾科技' };
    must(await s.core.call('cases/update', {
      id: s.secret.id, version: s.secret.version, headCount: 2,
      complainants: [{ ...IDENTITY, idNumber: '33010619800101003X', address: '西湖区文三路1号' }, second],
    }, s.who.receiver));
    const entry = (w: Who) => s.core.call('cases/get', { id: s.secret.id }, s.who[w]).then(must).then((d) => d.timeline.at(-1)!.changes);
    expect((await entry('supervisor')).map((c) => [c.label, c.before, c.after])).toEqual([
      ['人数', 1, 2],
      ['诉求人（1）身份证号', IDENTITY.idNumber, '33010619800101003X'],
      ['诉求人（1）住址', IDENTITY.address, '西湖区文三路1号'],
      ['诉求人（2）姓名', null, '欧阳峰'],
      ['诉求人（2）工作单位', null, '青禾科技'],
    ]);
    const masked = await entry('auditor');
    expect(masked.map((c) => c.after)).toEqual([2, '330***********003X', '西湖******', '欧**', '青***']);
    expect(shown(masked).full).toEqual([]);
  });
});

describe('correcting a registration', () => {
  it('keeps every field left out, the confidentiality flag included', async () => {
    const s = await scene();
    for (const w of ['other', 'recorder'] as const) {
      const before = must(await s.core.call('cases/get', { id: s.secret.id }, s.who.supervisor));
      const after = must(await s.core.call('cases/update', { id: s.secret.id, version: before.version, subject: `${w} 改过的事由` }, s.who[w]));
      expect(after.subject).toBe(`${w} 改过的事由`);
      expect(after.identityMasked).toBe(!ENTITLED[w]);
      const now = must(await s.core.call('cases/get', { id: s.secret.id }, s.who.supervisor));
      const { subject: _a, version: _b, timeline: _c, ...rest } = now;
      const { subject: _d, version: _e, timeline: _f, ...was } = before;
      expect(rest).toEqual(was);
      expect(now.isConfidential).toBe(true);
    }
  });

  it('lets no one who sees the identity masked change who may see it, or the identity itself', async () => {
    const s = await scene();
    const id = s.secret.id;
    const attempts: Array<[Record<string, unknown>, string]> = [
      [{ firstReceiverId: s.ids.other }, 'firstReceiverId'],
      [{ isConfidential: false }, 'isConfidential'],
      [{ isAnonymous: true }, 'isAnonymous'],
      [{ complainants: [{ name: '欧阳娜娜', phone: '13712345678' }] }, 'complainants'],
      [{ complainants: [] }, 'complainants'],
    ];
    for (const [change, field] of attempts) {
      for (const w of ['other', 'auditor'] as const) {
        const r = await s.core.call('cases/update', { id, version: s.secret.version, ...change }, s.who[w]);
        expect({ change, w, r }).toMatchObject({ change, w, r: { ok: false, error: { code: 'FORBIDDEN', ...(w === 'other' ? { field } : {}) } } });
      }
    }
    const now = must(await s.core.call('cases/get', { id }, s.who.other));
    expect([now.version, now.identityMasked, now.isConfidential, now.firstReceiverId]).toEqual([s.secret.version, true, true, s.ids.receiver]);
    // Sending a flag as it already is changes nothing and is allowed.
    const same = must(await s.core.call('cases/update', { id, version: s.secret.version, isConfidential: true, isAnonymous: false, firstReceiverId: s.ids.receiver, headCount: 1 }, s.who.other));
    expect([same.identityMasked, same.isConfidential]).toEqual([true, true]);
    expect([same.mayEditIdentity, same.mayChangeResponsibility, same.mayRevealIdentity]).toEqual([false, false, false]);
  });

  it('leaves who is responsible for the case to a supervisor, and records the change', async () => {
    const s = await scene();
    const id = s.secret.id;
    const byClerk = await s.core.call('cases/update', { id, version: s.secret.version, firstReceiverId: s.ids.recorder }, s.who.recorder);
    expect(byClerk).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'firstReceiverId' } });
    const mine = must(await s.core.call('cases/get', { id }, s.who.recorder));
    expect([mine.mayEditIdentity, mine.mayChangeResponsibility]).toEqual([true, false]);
    const moved = must(await s.core.call('cases/update', { id, version: s.secret.version, firstReceiverId: s.ids.other }, s.who.supervisor));
    expect(moved.timeline.at(-1)!.changes).toEqual([{ field: 'first_receiver_id', label: '首问责任人', before: '李静', after: '孙丽' }]);
    // The new first receiver sees the identity; the one it was taken from no longer does.
    expect(must(await s.core.call('cases/get', { id }, s.who.other)).identityMasked).toBe(false);
    expect(must(await s.core.call('cases/get', { id }, s.who.receiver)).identityMasked).toBe(true);
  });

  it('takes back what cases/get answered, respondentStaff null included', async () => {
    const s = await scene();
    for (const w of ['recorder', 'supervisor'] as const) {
      const detail = must(await s.core.call('cases/get', { id: s.open.id }, s.who[w]));
      expect(detail.respondentStaff).toBeNull();
      const back = must(await s.core.call('cases/update', detail, s.who[w]));
      // Nothing changed, so nothing is written (second-reading.test.ts).
      expect(back.version).toBe(detail.version);
      expect(back.timeline).toHaveLength(detail.timeline.length);
    }
  });
});

/** Every register statement's plan while watching (as register-plans.test.ts does). */
function watchPlans(raw: BetterSqlite3.Database): { plans: string[]; stop: () => void } {
  const original = raw.prepare;
  const plans: string[] = [];
  const db = raw as unknown as { prepare: (text: string) => BetterSqlite3.Statement };
  db.prepare = (text: string) => {
    const st = original.call(raw, text);
    if (/^select (count\(\*\)|c\.id)/i.test(text)) {
      const all = st.all.bind(st) as (...params: unknown[]) => unknown[];
      (st as { all: unknown }).all = (...params: unknown[]) => {
        const explain = original.call(raw, `EXPLAIN QUERY PLAN ${text}`) as unknown as { all: (...p: unknown[]) => Array<{ detail: string }> };
        plans.push(explain.all(...params.flat()).map((p) => p.detail).join(' | '));
        return all(...params);
      };
    }
    return st;
  };
  return { plans, stop: () => void (db.prepare = original as unknown as typeof db.prepare) };
}
