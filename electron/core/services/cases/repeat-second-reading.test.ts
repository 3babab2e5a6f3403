import { describe, expect, it } from 'vitest';
import { makeOffice, must, phoneComplaint } from '../../testing';

/**
 * A second reading of 重复件 as a clerk probing for someone else's confidential case: the candidates beside the
 * form, a registration linked to it, and the answers' words, must not tell that such a case exists.
 */
const SECRET = { name: '欧阳娜娜', phone: '13712345678', idNumber: '11010519491231002X', address: '', employer: '' };

describe('probing the repeat candidates for a confidential case', () => {
  it('a clerk who did not record it gets nothing (an auditor may not ask) for its phone or ID number; the supervisor gets it', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    const secret = must(await o.core.call('cases/register', phoneComplaint({ isConfidential: true, complainants: [SECRET], subject: '欧阳娜娜反映窗口排队' }), o.as.supervisor));
    for (const probe of [{ phone: SECRET.phone }, { idNumber: SECRET.idNumber }, { phone: SECRET.phone, before: '2026-03-02' }]) {
      expect(must(await o.core.call('cases/repeatCandidates', probe, o.as.clerk)), JSON.stringify(probe)).toEqual([]);
      expect(await o.core.call('cases/repeatCandidates', probe, o.as.auditor)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(must(await o.core.call('cases/repeatCandidates', probe, o.as.supervisor)).map((c) => c.id)).toEqual([secret.id]);
    }
  });

  it('registering as a repeat of it is refused with the words of any case that is not a candidate, and registers nothing', async () => {
    const o = await makeOffice('2026-03-02 10:00');
    const secret = must(await o.core.call('cases/register', phoneComplaint({ isConfidential: true, complainants: [SECRET], receivedAt: '2026-02-01 09:00' }), o.as.supervisor));
    const stranger = must(await o.core.call('cases/register', phoneComplaint({ complainants: [{ name: '刘洋', phone: '13900001111' }], receivedAt: '2026-02-01 10:00' }), o.as.clerk));
    const same = await o.core.call('cases/register', phoneComplaint({ complainants: [SECRET], repeatOfId: secret.id }), o.as.clerk);
    const other = await o.core.call('cases/register', phoneComplaint({ complainants: [SECRET], repeatOfId: stranger.id }), o.as.clerk);
    const missing = await o.core.call('cases/register', phoneComplaint({ complainants: [SECRET], repeatOfId: 99999 }), o.as.clerk);
    expect(same).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'repeatOfId' } });
    expect(same).toEqual(other);
    expect(same).toEqual(missing);
    expect(JSON.stringify(same)).not.toContain(secret.registerNo);
    const n = Number((await o.core.db.selectFrom('cases').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(n).toBe(2);
  });
});
