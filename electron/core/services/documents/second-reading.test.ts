import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../types';
import type { CoreSession } from '../../session';
import { checkFontFile } from '../../../../templates/fonts/fonts';
import { identityModeFor } from './view-model';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';

/**
 * The second reading of issue 8 (an attacker's and an auditor's): what one should not see or do through the
 * papers' channels, each tried and each refused or scrubbed.
 */
const roots: string[] = [];
afterAll(() => { for (const r of roots) fs.rmSync(r, { recursive: true, force: true }); });

async function office(): Promise<Office & { root: string; clerk2: CoreSession }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'papers-2nd-'));
  roots.push(root);
  const o = await makeOffice('2026-03-02 10:00', { papersRoot: root });
  must(await o.core.call('paperSettings/save', { abbreviation: '某政服', contact: '联系人：王芳，电话：0571-88881234' }, o.as.admin));
  const hash = (await o.core.db.selectFrom('users').select('password_hash').where('username', '=', 'clerk').executeTakeFirstOrThrow()).password_hash;
  const id = (await o.core.db.insertInto('users')
    .values({ username: 'clerk2', display_name: '孙二', role: 'clerk', password_hash: hash, staff_id: null, created_at: '2026-01-01 09:00:00' })
    .returning('id').executeTakeFirstOrThrow()).id;
  return { ...o, root, clerk2: { userId: id } };
}

async function accepted(o: Office, overrides: Parameters<typeof phoneComplaint>[0] = {}): Promise<CaseDetail> {
  const c = must(await o.core.call('cases/register', phoneComplaint(overrides), o.as.clerk));
  return must(await o.core.call('cases/accept', { id: c.id, version: c.version, note: '符合受理条件' }, o.as.supervisor));
}
async function assigned(o: Office, overrides: Parameters<typeof phoneComplaint>[0] = {}): Promise<CaseDetail> {
  const c = await accepted(o, overrides);
  return must(await o.core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple', note: '请核实张三丰反映的问题' }, o.as.supervisor));
}

const pdfText = (bytes: Uint8Array) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: Buffer.from(bytes) }).toString('utf8');
async function docxAll(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async('string')));
  return parts.join('\n');
}

/** Whether any of a person's identity values is in a text, also with other digits (full-width), separators or spaces. */
function leaks(text: string, p: { name: string; phone: string }): string[] {
  const norm = (t: string) => t.normalize('NFKC').replace(/[\s\-－—–·.()（）+]/g, '');
  const t = norm(text);
  return [p.name, p.phone].filter((v) => t.includes(norm(v)));
}

describe('identity typed into the text of a department paper', () => {
  const person = { name: '张三丰', phone: '13812345678', idNumber: '', address: '', employer: '' };

  it('is masked on a 转办单 however the digits are written: full-width, with +86 or 86 before, the name spaced out', async () => {
    const o = await office();
    const c = await assigned(o, {
      complainants: [person],
      account: '本人张三丰，电话１３８１２３４５６７８，或+8613812345678，或 86 138 1234 5678，或＋８６－１３８－１２３４－５６７８，签名：张 三 丰。',
    });
    const draft = must(await o.core.call('papers/prepare', { caseId: c.id, type: 'assign' }, o.as.supervisor));
    const text = JSON.stringify(draft.document);
    expect(text).toContain('138****5678');
    expect(leaks(text, person)).toEqual([]);
  });

  it('is masked when typed into a fill-in of a 督办通知, in the preview and in the issued PDF and Word file', async () => {
    const o = await office();
    const c = await assigned(o, { complainants: [person] });
    o.clock.set('2026-03-20 10:00');
    const fillIns = { 督办要求: '请当面联系张三丰（13812345678）核实', 报告期限: '2026年3月25日' };
    const draft = must(await o.core.call('papers/prepare', { caseId: c.id, type: 'supervise', fillIns }, o.as.supervisor));
    expect(leaks(JSON.stringify(draft.document), person)).toEqual([]);
    expect(JSON.stringify(draft.document)).toContain('请当面联系张**（138****5678）核实');
    const paper = must(await o.core.call('papers/issue', { caseId: c.id, type: 'supervise', fillIns }, o.as.supervisor));
    expect(leaks(pdfText(must(await o.core.call('papers/pdf', { paperId: paper.id }, o.as.clerk)).bytes), person)).toEqual([]);
    expect(leaks(await docxAll(must(await o.core.call('papers/docx', { paperId: paper.id }, o.as.clerk)).bytes), person)).toEqual([]);
  }, 60_000);
});

describe('who sees the identity on a paper: one rule for issuing and for trying a template', () => {
  it('masks a complainant paper for whoever may not see them only when a template is tried, and refuses it otherwise', () => {
    expect(() => identityModeFor('complainant', false, true, '受理告知书')).toThrow(/无权查看/);
    expect(identityModeFor('complainant', false, true, '受理告知书', true)).toBe('masked');
    expect(identityModeFor('complainant', true, true, '受理告知书', true)).toBe('full');
    expect(identityModeFor('internal', true, true, '回访记录单', true)).toBe('masked');
    expect(identityModeFor('internal', true, false, '回访记录单')).toBe('full');
    expect(identityModeFor('department', true, false, '转办单', true)).toBe('none');
  });

  it('gives an admin trying a template on a confidential case the complainant masked; another clerk is refused the paper', async () => {
    const o = await office();
    const secret = await accepted(o, { isConfidential: true, complainants: [{ name: '欧阳秘', phone: '13900001111', idNumber: '', address: '秘密路1号', employer: '' }] });
    expect(await o.core.call('papers/prepare', { caseId: secret.id, type: 'accept' }, o.clerk2)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await o.core.call('papers/pdf', { paperId: must(await o.core.call('papers/issue', { caseId: secret.id, type: 'accept' }, o.as.supervisor)).id }, o.clerk2))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const text = must(await o.core.call('paperTemplates/list', {}, o.as.admin)).find((t) => t.type === 'accept')!.text;
    const tried = { ...text, body: `${text.body}\n{诉求人姓名}{诉求人电话}{诉求人住址}` };
    const admin = JSON.stringify(must(await o.core.call('paperTemplates/preview', { type: 'accept', caseId: secret.id, text: tried }, o.as.admin)).document);
    expect(admin).toContain('欧**139****1111');
    expect(leaks(admin, { name: '欧阳秘', phone: '13900001111' })).toEqual([]);
    const supervisor = JSON.stringify(must(await o.core.call('paperTemplates/preview', { type: 'accept', caseId: secret.id, text: tried }, o.as.supervisor)).document);
    expect(supervisor).toContain('欧阳秘13900001111秘密路1号');
  }, 60_000);
});

describe('batches: whoever has the work list prints its papers', () => {
  it('lets a clerk (whose 待回访 list it is, domain.md: clerks make the follow-up calls) print the 回访记录单 of every case awaiting follow-up; 督办通知 stay the supervisor\'s', async () => {
    const o = await office();
    let c = await assigned(o);
    c = must(await o.core.call('cases/recordFinding', {
      id: c.id, version: c.version, finding: 'partly', handlingOpinion: '经核实，窗口未一次性告知所需材料。', measures: '公示材料清单', draftReply: '已整改', handledOn: '2026-03-02',
    }, o.as.supervisor));
    c = must(await o.core.call('cases/reply', { id: c.id, version: c.version, method: 'letter', repliedOn: '2026-03-02', summary: '已书面答复：窗口已整改。' }, o.as.supervisor));
    const batch = must(await o.core.call('papers/issueBatch', { type: 'follow-up', selection: 'followUpDue' }, o.as.clerk));
    expect(batch.name).toMatch(/^回访记录单-2026-03-02-共1份\.pdf$/);
    expect(pdfText(batch.bytes)).toContain(c.registerNo);
    expect(must(await o.core.call('papers/list', { caseId: c.id }, o.as.clerk)).map((p) => [p.type, p.issuedBy])).toEqual([['follow-up', '王芳']]);
    expect(await o.core.call('papers/issueBatch', { type: 'supervise', selection: 'overdue' }, o.as.clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await o.core.call('papers/issueBatch', { type: 'follow-up', selection: 'followUpDue' }, o.as.auditor)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }, 60_000);
});

describe('发文字号 patterns', () => {
  it('refuses patterns that would give two paper types the same numbers, naming both types, and changes nothing', async () => {
    const o = await office();
    const same = '{单位简称}〔{年}〕{序号}号';
    must(await o.core.call('paperSettings/save', { patterns: { accept: same } }, o.as.admin));
    const r = await o.core.call('paperSettings/save', { patterns: { reply: same } }, o.as.admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'patterns.reply' } });
    expect(!r.ok && r.error.message).toContain('「受理告知书」');
    expect(!r.ok && r.error.message).toContain('某政服〔2026〕1号');
    expect(must(await o.core.call('paperSettings/get', {}, o.as.admin)).patterns.reply).toBe('{单位简称}{类型字}〔{年}〕{序号}号');
    // Both in one save, and a literal type word instead of {类型字}, are the same case.
    expect(await o.core.call('paperSettings/save', { patterns: { refuse: '某政服诉〔{年}〕{序号}号', extend: '某政服诉〔{年}〕{序号}号' } }, o.as.admin))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    must(await o.core.call('paperSettings/save', { patterns: { reply: '某政服诉复〔{年}〕{序号}号' } }, o.as.admin));
  });

  it('refuses a 单位简称 of more than one line (it is the start of every 文号)', async () => {
    const o = await office();
    for (const abbreviation of ['某\n政服', '某\t政服']) {
      expect(await o.core.call('paperSettings/save', { abbreviation }, o.as.admin), abbreviation)
        .toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'abbreviation', message: expect.stringContaining('「单位简称」') } });
    }
    expect(must(await o.core.call('paperSettings/get', {}, o.as.admin)).abbreviation).toBe('某政服');
  });

  it('refuses a digit written before {序号}: 01号 would be the 虚位 GB/T 9704 forbids', async () => {
    const o = await office();
    for (const pattern of ['{单位简称}{类型字}〔{年}〕0{序号}号', '{单位简称}{类型字}〔{年}〕００{序号}号']) {
      expect(await o.core.call('paperSettings/save', { patterns: { reply: pattern } }, o.as.admin), pattern)
        .toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'patterns.reply', message: expect.stringContaining('虚位') } });
    }
  });

  it('refuses the year in other brackets than 〔〕 (GB/T 9704)', async () => {
    const o = await office();
    for (const pattern of ['{单位简称}{类型字}[{年}]{序号}号', '{单位简称}{类型字}【{年}】{序号}号', '{单位简称}{类型字}（{年}）{序号}号', '{单位简称}{类型字}({年}){序号}号']) {
      const r = await o.core.call('paperSettings/save', { patterns: { accept: pattern } }, o.as.admin);
      expect(r, pattern).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'patterns.accept', message: expect.stringContaining('〔〕') } });
    }
  });
});

describe('an issued paper\'s row changed behind the app\'s back', () => {
  async function issuedTwice() {
    const o = await office();
    const c = await accepted(o);
    const first = must(await o.core.call('papers/issue', { caseId: c.id, type: 'accept' }, o.as.supervisor));
    const second = must(await o.core.call('papers/issue', { caseId: c.id, type: 'accept', supersedes: first.id, reason: '更正日期' }, o.as.supervisor));
    expect(must(await o.core.call('history/verify', {}, o.as.auditor))).toMatchObject({ state: 'done', ok: true });
    return { o, c, first, second };
  }
  const verify = async (o: Office) => must(await o.core.call('history/verify', {}, o.as.auditor));

  it('fails the verification when its number, hash or size differ from the history row that issued it', async () => {
    const { o, c, second } = await issuedTwice();
    await sql`DROP TRIGGER papers_frozen`.execute(o.core.db);
    await sql`UPDATE papers SET number = '某政服诉受〔2026〕9号', sha256 = ${'0'.repeat(64)} WHERE id = ${second.id}`.execute(o.core.db);
    const v = await verify(o);
    expect(v).toMatchObject({ state: 'done', ok: false });
    expect(v.failures.map((f) => [f.kind, f.caseId, f.field])).toEqual([['replay', c.id, 'papers.number'], ['replay', c.id, 'papers.sha256']]);
    expect(v.failures[0].message).toContain('受理告知书');
  });

  it('refuses to serve a file the row points to outside the papers folder, or a stored file replaced by a link, naming no content', async () => {
    const { o, second } = await issuedTwice();
    const secret = path.join(os.tmpdir(), `secret-${process.pid}.txt`);
    fs.writeFileSync(secret, 'TOPSECRET');
    await sql`DROP TRIGGER papers_frozen`.execute(o.core.db);
    for (const file of ['../../../../etc/passwd', 'papers/../register.sqlite', 'papers/2026/../../../x.pdf', secret, 'papers']) {
      await sql`UPDATE papers SET file = ${file} WHERE id = ${second.id}`.execute(o.core.db);
      const r = await o.core.call('papers/pdf', { paperId: second.id }, o.as.supervisor);
      expect(r, file).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      expect(!r.ok && r.error.message).not.toMatch(/TOPSECRET|root:/);
    }
    const file = `papers/2026/${second.sha256}.pdf`;
    await sql`UPDATE papers SET file = ${file} WHERE id = ${second.id}`.execute(o.core.db);
    fs.rmSync(path.join(o.root, file));
    fs.symlinkSync(secret, path.join(o.root, file));
    const r = await o.core.call('papers/pdf', { paperId: second.id }, o.as.supervisor);
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!r.ok && r.error.message).not.toContain('TOPSECRET');
    fs.rmSync(secret);
  });

  it('fails it for a paper deleted, a paper no history row issued, and a superseded mark taken away', async () => {
    const { o, c, first, second } = await issuedTwice();
    await sql`DROP TRIGGER papers_no_delete`.execute(o.core.db);
    await sql`DROP TRIGGER papers_superseded_once`.execute(o.core.db);
    await sql`UPDATE papers SET superseded_by = NULL, superseded_at = NULL, superseded_reason = NULL WHERE id = ${first.id}`.execute(o.core.db);
    await sql`INSERT INTO papers (case_id, type, version, template_version, document, fill_ins, sha256, size, file, issued_by_name, issued_at)
      SELECT case_id, 'process', 1, 0, document, fill_ins, sha256, size, file, issued_by_name, issued_at FROM papers WHERE id = ${second.id}`.execute(o.core.db);
    await sql`DELETE FROM papers WHERE id = ${second.id}`.execute(o.core.db);
    const v = await verify(o);
    expect(v.ok).toBe(false);
    expect(v.failures.every((f) => f.kind === 'replay' && f.caseId === c.id)).toBe(true);
    expect(v.failures.map((f) => f.field).sort()).toEqual(['papers', 'papers', 'papers.superseded_by']);
  });
});

describe('a font file that is too large to be one', () => {
  it('is refused by its size before being read, saying so (a 3 GB file read as "找不到或无法读取")', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'font-2nd-'));
    roots.push(dir);
    const big = path.join(dir, 'huge.ttf');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 3 * 1024 ** 3); // sparse: takes no room
    const r = checkFontFile(big);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('过大') });
    expect(!r.ok && r.message).toContain('「字体文件」');
  });
});
