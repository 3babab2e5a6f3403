import { describe, expect, it } from 'vitest';
import { makeOffice, must, phoneComplaint } from '../testing';
import { PREVIEW_CASES_LIMIT } from './preview-cases';

/**
 * paperTemplates/cases: the admin, who may not open the register, picks the case a template preview is composed
 * from. Newest first, searched by part of the register number, and nothing of the case but what picks it.
 */
describe('paperTemplates/cases', () => {
  it('lists the newest cases first, finds one by part of its register number, and carries no case text or complainant', async () => {
    const o = await makeOffice();
    const registered = [];
    for (let i = 0; i < PREVIEW_CASES_LIMIT + 2; i++) {
      registered.push(must(await o.core.call('cases/register', phoneComplaint({ subject: `事由${i}` }), o.as.clerk)));
    }
    const listed = must(await o.core.call('paperTemplates/cases', {}, o.as.admin));
    expect(listed).toHaveLength(PREVIEW_CASES_LIMIT);
    expect(listed.map((c) => c.registerNo)).toEqual(registered.slice().reverse().slice(0, PREVIEW_CASES_LIMIT).map((c) => c.registerNo));
    expect(listed[0]).toEqual({ id: registered.at(-1)!.id, registerNo: registered.at(-1)!.registerNo, receivedAt: '2026-03-02', caseType: '投诉', status: 'registered' });
    expect(JSON.stringify(listed)).not.toMatch(/张三|13812345678|事由/);

    // the third case, found by the tail of its number; % and _ are plain characters, not wildcards
    const third = registered[2].registerNo;
    const found = must(await o.core.call('paperTemplates/cases', { search: third.slice(-3) }, o.as.supervisor));
    expect(found.map((c) => c.registerNo)).toContain(third);
    expect(found.every((c) => c.registerNo.includes(third.slice(-3)))).toBe(true);
    expect(must(await o.core.call('paperTemplates/cases', { search: '%' }, o.as.admin))).toEqual([]);
    expect(must(await o.core.call('paperTemplates/cases', { search: '_' }, o.as.admin))).toEqual([]);
  });

  it('is for the admin and supervisors only', async () => {
    const o = await makeOffice();
    for (const role of ['clerk', 'auditor'] as const) {
      expect(await o.core.call('paperTemplates/cases', {}, o.as[role])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});
