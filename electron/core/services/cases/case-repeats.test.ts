import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';

/**
 * 重复件 marked while registering (`cases/register` with `repeatOfId`): linked in the registration's own
 * transaction, and only to a case the registration form's panel would have listed (cases/repeatCandidates).
 */
describe('a registration linked as a repeat', () => {
  let o: Office;
  const person = (over: Partial<{ name: string; phone: string; idNumber: string; address: string }> = {}) =>
    [{ name: '张三', phone: '13812345678', idNumber: '', address: '', employer: '', ...over }];
  const count = async (table: 'cases' | 'case_repeats' | 'history') =>
    Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(o.core.db)).rows[0].n);

  beforeEach(async () => {
    o = await makeOffice('2026-03-02 10:00');
  });

  it('links the new case to the earlier one in the same save: both case pages show it, the timeline says who', async () => {
    const first = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-01-15 09:00' }), o.as.clerk));
    const candidates = must(await o.core.call('cases/repeatCandidates', { phone: '138 1234 5678', before: '2026-03-02 09:30' }, o.as.clerk));
    expect(candidates.map((c) => c.id)).toEqual([first.id]);
    const later = must(await o.core.call('cases/register', phoneComplaint({ repeatOfId: first.id, complainants: person({ phone: '138 1234 5678' }) }), o.as.clerk));
    expect(later.version).toBe(1);
    expect(later.repeatOf).toMatchObject({ caseId: first.id, registerNo: first.registerNo, linkedBy: '王芳' });
    expect(later.timeline.map((e) => e.action)).toEqual(['register', 'repeatLinked']);
    expect(later.timeline[1].note).toBe(`标记为 ${first.registerNo} 的重复件`);
    const earlier = must(await o.core.call('cases/get', { id: first.id }, o.as.supervisor));
    expect(earlier.repeats).toEqual([expect.objectContaining({ caseId: later.id, registerNo: later.registerNo })]);
    // The history stays verifiable with the two rows of one registration.
    expect(must(await o.core.call('history/verify', {}, o.as.supervisor))).toMatchObject({ ok: true });
  });

  it('links through an ID number too, and a later case of the same person through the first link still works', async () => {
    const id = '110101199003077774';
    const first = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-02-01 09:00', complainants: person({ phone: '', address: '城东路 1 号', idNumber: id }) }), o.as.clerk));
    const later = must(await o.core.call('cases/register', phoneComplaint({ repeatOfId: first.id, complainants: person({ phone: '13900001111', idNumber: id.toLowerCase() }) }), o.as.supervisor));
    expect(later.repeatOf?.caseId).toBe(first.id);
  });

  it('refuses a case that is not a candidate, naming 被重复的案件, and registers nothing', async () => {
    const other = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-01-10 09:00', complainants: person({ phone: '13900002222' }) }), o.as.clerk));
    const old = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2025-02-01 09:00' }), o.as.clerk));
    const voided = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-02-01 09:00' }), o.as.clerk));
    must(await o.core.call('cases/void', { id: voided.id, version: voided.version, reason: '重复登记' }, o.as.clerk));
    // A confidential case another user registered: the clerk does not see who complained, so it is no candidate for them.
    const secret = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-02-10 09:00', isConfidential: true }), o.as.supervisor));
    const before = await Promise.all([count('cases'), count('case_repeats'), count('history')]);
    const refused = [
      ['another phone', other.id], ['more than 12 months before', old.id], ['voided', voided.id], ['confidential, not the clerk\'s', secret.id], ['no such case', 9999],
    ] as const;
    for (const [why, repeatOfId] of refused) {
      const r = await o.core.call('cases/register', phoneComplaint({ repeatOfId }), o.as.clerk);
      expect(r, why).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'repeatOfId', message: expect.stringContaining('被重复的案件') } });
    }
    const anonymous = await o.core.call('cases/register', phoneComplaint({ isAnonymous: true, complainants: [], repeatOfId: other.id }), o.as.clerk);
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'repeatOfId' } });
    // A later case cannot be what an earlier receipt repeats.
    const late = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-03-01 09:00' }), o.as.clerk));
    const earlierReceipt = await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-02-20 09:00', repeatOfId: late.id }), o.as.clerk);
    expect(earlierReceipt).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'repeatOfId' } });
    // Nothing of the refused saves stayed: no case, no link, no history row, and the next number is not skipped.
    expect(await Promise.all([count('cases'), count('case_repeats'), count('history')])).toEqual([before[0] + 1, before[1], before[2] + 1]);
    const next = must(await o.core.call('cases/register', phoneComplaint({ repeatOfId: secret.id }), o.as.supervisor));
    expect(next.registerNo).toBe(`2026-${String(Number(late.registerNo.slice(-6)) + 1).padStart(6, '0')}`);
    expect(next.repeatOf?.caseId).toBe(secret.id);
  });

  it('refuses a malformed id in Chinese', async () => {
    const r = await o.core.call('cases/register', phoneComplaint({ repeatOfId: 'x' as unknown as number }), o.as.clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'repeatOfId', message: expect.stringContaining('被重复的案件') } });
  });

  it('never shows a clerk a link that would tie a complainant they see masked to one they see in full', async () => {
    // 张三 complained openly; later, confidentially, to the supervisor, who linked the two.
    const open = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-01-15 09:00' }), o.as.clerk));
    const secret = must(await o.core.call('cases/register', phoneComplaint({ isConfidential: true, repeatOfId: open.id }), o.as.supervisor));
    // A second clerk (not the recorder): sees 张三 on the open case, the confidential one masked.
    const other = (await o.core.db.insertInto('users').values({ username: 'clerk2', display_name: '李登记', role: 'clerk', password_hash: 'x', staff_id: null, created_at: '2026-01-01 09:00:00' })
      .returning('id').executeTakeFirstOrThrow()).id;
    const clerk2 = { userId: other };
    const seenSecret = must(await o.core.call('cases/get', { id: secret.id }, clerk2));
    expect(seenSecret.identityMasked).toBe(true);
    expect(seenSecret.repeatOf).toBeNull();
    expect(JSON.stringify(seenSecret.timeline)).not.toContain(open.registerNo);
    expect(seenSecret.timeline.at(-1)).toMatchObject({ action: 'repeatLinked', note: expect.stringContaining('不显示') });
    const seenOpen = must(await o.core.call('cases/get', { id: open.id }, clerk2));
    expect(seenOpen.repeats).toEqual([]);
    expect(JSON.stringify(seenOpen)).not.toContain(secret.registerNo);
    // Trying to link the confidential case again names no number either.
    const again = await o.core.call('cases/linkRepeat', { id: secret.id, version: seenSecret.version, repeatOfId: open.id }, clerk2);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(JSON.stringify(again)).not.toContain(open.registerNo);
    // Whoever sees both (the supervisor) or neither (the auditor) sees the link.
    for (const who of [o.as.supervisor, o.as.auditor]) {
      expect(must(await o.core.call('cases/get', { id: secret.id }, who)).repeatOf?.registerNo).toBe(open.registerNo);
      expect(must(await o.core.call('cases/get', { id: open.id }, who)).repeats?.map((r) => r.registerNo)).toEqual([secret.registerNo]);
    }
    // Nor does the register's 重复件 filter list the confidential case for them: it would say that the complainant
    // they see on the open case also complained in confidence. Whoever sees the link finds it there.
    const repeatsFor = async (who: Parameters<typeof o.core.call>[2]) => must(await o.core.call('cases/list', { repeat: true }, who)).rows.map((r) => r.id);
    expect(await repeatsFor(clerk2)).toEqual([]);
    expect(must(await o.core.call('cases/list', { repeat: true, search: secret.registerNo }, clerk2)).rows).toEqual([]);
    for (const who of [o.as.supervisor, o.as.auditor]) expect(await repeatsFor(who)).toEqual([secret.id]);
  });
});

/**
 * 标记为重复件 on the case page (`cases/linkRepeat`): the same rule as at registration. The dialog lists the earlier
 * cases of the complainants' phone or ID number; the core refuses any other case, so the register's 重复件 and the
 * statistics' repeat counts cannot be made of unrelated cases, and a user cannot probe whose phone matches whose.
 */
describe('a link made later on the case page', () => {
  let o: Office;
  const person = (phone: string) => [{ name: '张三', phone, idNumber: '', address: '', employer: '' }];
  const count = async (table: 'case_repeats' | 'history') =>
    Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(o.core.db)).rows[0].n);

  beforeEach(async () => {
    o = await makeOffice('2026-03-02 10:00');
  });

  it('refuses a case of another phone, from more than 12 months before, or hidden from the clerk, and changes nothing', async () => {
    const later = must(await o.core.call('cases/register', phoneComplaint({ complainants: person('13812345678') }), o.as.clerk));
    const other = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-01-10 09:00', complainants: person('13900002222') }), o.as.clerk));
    const old = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2025-02-01 09:00', complainants: person('13812345678') }), o.as.clerk));
    const secret = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-02-10 09:00', isConfidential: true, complainants: person('13812345678') }), o.as.supervisor));
    const before = await Promise.all([count('case_repeats'), count('history')]);
    for (const [why, repeatOfId] of [['another phone', other.id], ['more than 12 months before', old.id], ['confidential, not the clerk\'s', secret.id]] as const) {
      const r = await o.core.call('cases/linkRepeat', { id: later.id, version: later.version, repeatOfId }, o.as.clerk);
      expect(r, why).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'repeatOfId', message: expect.stringContaining('被重复的案件') } });
    }
    expect(await Promise.all([count('case_repeats'), count('history')])).toEqual(before);
    expect(must(await o.core.call('cases/get', { id: later.id }, o.as.clerk))).toMatchObject({ version: later.version, repeatOf: null });
    // The supervisor sees the confidential case: for them it is a candidate, and the link is made.
    const linked = must(await o.core.call('cases/linkRepeat', { id: later.id, version: later.version, repeatOfId: secret.id }, o.as.supervisor));
    expect(linked.repeatOf?.registerNo).toBe(secret.registerNo);
  });

  it('links a listed candidate, and refuses a clerk who sees the case\'s complainant masked before looking at phones', async () => {
    const open = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-01-15 09:00', complainants: person('13812345678') }), o.as.clerk));
    const secret = must(await o.core.call('cases/register', phoneComplaint({ isConfidential: true, complainants: person('13812345678') }), o.as.supervisor));
    const other = (await o.core.db.insertInto('users').values({ username: 'clerk2', display_name: '李登记', role: 'clerk', password_hash: 'x', staff_id: null, created_at: '2026-01-01 09:00:00' })
      .returning('id').executeTakeFirstOrThrow()).id;
    const unrelated = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-01-20 09:00', complainants: person('13900002222') }), o.as.clerk));
    // The same answer whether the hidden complainant's phone matches or not: no oracle.
    for (const repeatOfId of [open.id, unrelated.id]) {
      const r = await o.core.call('cases/linkRepeat', { id: secret.id, version: secret.version, repeatOfId }, { userId: other });
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'repeatOfId' } });
    }
    const later = must(await o.core.call('cases/register', phoneComplaint({ complainants: person('138 1234 5678') }), o.as.clerk));
    const linked = must(await o.core.call('cases/linkRepeat', { id: later.id, version: later.version, repeatOfId: open.id }, o.as.clerk));
    expect(linked.repeatOf).toMatchObject({ caseId: open.id, registerNo: open.registerNo });
  });
});
