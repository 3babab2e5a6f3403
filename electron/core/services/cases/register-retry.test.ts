import { describe, expect, it } from 'vitest';
import { makeOffice, must, phoneComplaint } from '../../testing';

const DRAFT = '5f0c6a1e-4b7d-4c2e-9a51-0d6f3e8b2c71';

describe('a registration sent again with the same draft id (item 17)', () => {
  it('returns the case already made instead of registering it twice', async () => {
    const o = await makeOffice();
    const first = must(await o.core.call('cases/register', { ...phoneComplaint(), draftId: DRAFT }, o.as.clerk));
    // The answer was lost; the clerk presses save again.
    const again = must(await o.core.call('cases/register', { ...phoneComplaint(), draftId: DRAFT }, o.as.clerk));
    expect([again.id, again.registerNo, again.version]).toEqual([first.id, first.registerNo, first.version]);
    expect(Number((await o.core.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(1);
    expect(must(await o.core.call('cases/register', { ...phoneComplaint(), draftId: 'another-draft-0001' }, o.as.clerk)).registerNo).toBe('2026-000002');
    // Without a draft id (the command line, older clients) every call registers.
    must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    expect(must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk)).registerNo).toBe('2026-000004');
  });

  it('refuses another user\'s draft id, and a changed registration under a used one, writing nothing', async () => {
    const o = await makeOffice();
    const first = must(await o.core.call('cases/register', { ...phoneComplaint(), draftId: DRAFT }, o.as.clerk));
    const other = await o.core.call('cases/register', { ...phoneComplaint(), draftId: DRAFT }, o.as.supervisor);
    expect(other).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'draftId' } });
    expect(JSON.stringify(other)).not.toContain(first.registerNo);
    const changed = await o.core.call('cases/register', { ...phoneComplaint({ subject: '另一件事' }), draftId: DRAFT }, o.as.clerk);
    expect(changed).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'draftId', message: expect.stringContaining(first.registerNo) } });
    const cases = await o.core.db.selectFrom('cases').select('id').execute();
    expect(cases).toHaveLength(1);
  });

  it('refuses a malformed draft id with a field message', async () => {
    const o = await makeOffice();
    const r = await o.core.call('cases/register', { ...phoneComplaint(), draftId: 'x' }, o.as.clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'draftId' } });
  });

  it('answers concurrent retries with one case', async () => {
    const o = await makeOffice();
    const all = await Promise.all(Array.from({ length: 8 }, () => o.core.call('cases/register', { ...phoneComplaint(), draftId: DRAFT }, o.as.clerk)));
    expect(new Set(all.map((r) => must(r).id)).size).toBe(1);
    expect(await o.core.db.selectFrom('cases').select('id').execute()).toHaveLength(1);
  });
});
