import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { makeOffice, must, phoneComplaint } from '../../testing';

/**
 * papers/docx builds the Word file from the document stored with the paper. The PDF's SHA-256 is in the
 * history row that issued it; the stored document's is too, so a document edited behind the app's back
 * (its freeze trigger dropped) is refused on download and named by history/verify, like a replaced PDF.
 */
const roots: string[] = [];
afterAll(() => { for (const r of roots) fs.rmSync(r, { recursive: true, force: true }); });

async function issued() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'papers-dochash-'));
  roots.push(root);
  const o = await makeOffice('2026-03-02 10:00', { papersRoot: root });
  must(await o.core.call('paperSettings/save', { abbreviation: '某政服', contact: '联系人：王芳，电话：0571-88881234' }, o.as.admin));
  const reg = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
  const c = must(await o.core.call('cases/accept', { id: reg.id, version: reg.version, note: '符合受理条件' }, o.as.supervisor));
  const paper = must(await o.core.call('papers/issue', { caseId: c.id, type: 'accept' }, o.as.supervisor));
  return { o, c, paper };
}

const wordText = async (bytes: Uint8Array) => (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');

describe('the stored document of an issued paper', () => {
  it('is recorded by its SHA-256 in the history row that issued it', async () => {
    const { o, paper } = await issued();
    const row = await o.core.db.selectFrom('papers').select('document').where('id', '=', paper.id).executeTakeFirstOrThrow();
    const h = await o.core.db.selectFrom('history').select('after').where('action', '=', 'paperIssued').executeTakeFirstOrThrow();
    const { createHash } = await import('node:crypto');
    expect(JSON.parse(h.after!).paper.documentSha256).toBe(createHash('sha256').update(row.document, 'utf8').digest('hex'));
    expect(await wordText(must(await o.core.call('papers/docx', { paperId: paper.id }, o.as.supervisor)).bytes)).toContain('受理');
  });

  it('edited behind the app\'s back: papers/docx refuses it (CONFLICT) and history/verify names the paper', async () => {
    const { o, c, paper } = await issued();
    await sql`DROP TRIGGER papers_frozen`.execute(o.core.db);
    await sql`UPDATE papers SET document = replace(document, '受理', '不予受理') WHERE id = ${paper.id}`.execute(o.core.db);
    const r = await o.core.call('papers/docx', { paperId: paper.id }, o.as.supervisor);
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const v = must(await o.core.call('history/verify', {}, o.as.auditor));
    expect(v).toMatchObject({ state: 'done', ok: false });
    expect(v.failures.map((f) => [f.kind, f.caseId, f.field])).toEqual([['replay', c.id, 'papers.document']]);
    expect(v.failures[0].message).toContain('受理告知书');
    // The PDF, whose own hash still matches, is still served.
    expect(must(await o.core.call('papers/pdf', { paperId: paper.id }, o.as.supervisor)).bytes.length).toBeGreaterThan(0);
  });
});

describe('a re-issue reason naming the complainant', () => {
  it('is masked in papers/list and the timeline for a clerk who sees the complainant masked, as typed for the supervisor', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'papers-reason-'));
    roots.push(root);
    const o = await makeOffice('2026-03-02 10:00', { papersRoot: root });
    must(await o.core.call('paperSettings/save', { abbreviation: '某政服', contact: '联系人：王芳，电话：0571-88881234' }, o.as.admin));
    const other = { userId: (await o.core.db.insertInto('users')
      .values({ username: 'other', display_name: '孙丽', role: 'clerk', password_hash: 'x', staff_id: null, created_at: '2026-01-01 09:00:00' })
      .returning('id').executeTakeFirstOrThrow()).id };
    const reg = must(await o.core.call('cases/register', phoneComplaint({ isConfidential: true, complainants: [{ name: '张三丰', phone: '13812345678' }] }), o.as.clerk));
    const c = must(await o.core.call('cases/accept', { id: reg.id, version: reg.version }, o.as.supervisor));
    const first = must(await o.core.call('papers/issue', { caseId: c.id, type: 'accept' }, o.as.supervisor));
    const reason = '张三丰要求改电话 13812345678';
    must(await o.core.call('papers/issue', { caseId: c.id, type: 'accept', supersedes: first.id, reason }, o.as.supervisor));
    const seen = async (who: Parameters<typeof o.core.call>[2]) => JSON.stringify([
      must(await o.core.call('papers/list', { caseId: c.id }, who)), must(await o.core.call('cases/get', { id: c.id }, who)).timeline,
    ]);
    const masked = await seen(other);
    expect([masked.includes('张三丰'), masked.includes('13812345678'), masked.includes('张**要求改电话 138****5678')]).toEqual([false, false, true]);
    expect((await seen(o.as.supervisor)).includes(reason)).toBe(true);
  });
});
