import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../../../templates/pdf/render-pdf';
import type { CaseDetail } from '../../types';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';
import { createDocuments } from './documents';
import { createFrozenStore, sha256Hex } from '../files/frozen-store';

/**
 * Issuing papers through the core: numbers gap-free per type and year (also when issues run at once and when
 * another writer takes a number between the render and the record), the stored PDF's SHA-256 equal in the
 * record, the history and the file, a changed file refused on download, re-issue and supersede, and the
 * refusals (case state, role, gaps, identity) with nothing written.
 */
const roots: string[] = [];
afterAll(() => { for (const r of roots) fs.rmSync(r, { recursive: true, force: true }); });
const tempRoot = () => {
  const r = fs.mkdtempSync(path.join(os.tmpdir(), 'papers-'));
  roots.push(r);
  return r;
};

async function office(): Promise<Office & { root: string }> {
  const root = tempRoot();
  const o = await makeOffice('2026-03-02 10:00', { papersRoot: root });
  must(await o.core.call('paperSettings/save', { abbreviation: '某政服', contact: '联系人：王芳，电话：0571-88881234' }, o.as.admin));
  return { ...o, root };
}

async function accepted(o: Office, overrides: Parameters<typeof phoneComplaint>[0] = {}): Promise<CaseDetail> {
  const c = must(await o.core.call('cases/register', phoneComplaint(overrides), o.as.clerk));
  return must(await o.core.call('cases/accept', { id: c.id, version: c.version, note: '符合受理条件' }, o.as.supervisor));
}

const count = async (o: Office, table: 'history' | 'papers' | 'paper_counters') =>
  Number((await o.core.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

const pdfText = (bytes: Uint8Array) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(bytes) }).toString('utf8');

describe('issuing papers', () => {
  it('issues an acceptance notice: numbered, stored as the exact PDF, its SHA-256 in the record, the history and the file', async () => {
    const o = await office();
    const c = await accepted(o);
    const paper = must(await o.core.call('papers/issue', { caseId: c.id, type: 'accept' }, o.as.supervisor));
    expect(paper).toMatchObject({ caseId: c.id, type: 'accept', name: '受理告知书', version: 1, number: '某政服诉受〔2026〕1号', issuedBy: '赵主任', audience: 'complainant', supersededAt: null });
    const file = path.join(o.root, 'papers', '2026', `${paper.sha256}.pdf`);
    const stored = new Uint8Array(fs.readFileSync(file));
    expect(sha256Hex(stored)).toBe(paper.sha256);
    expect(stored.byteLength).toBe(paper.size);
    // No temporary file is left beside it.
    expect(fs.readdirSync(path.dirname(file))).toEqual([`${paper.sha256}.pdf`]);

    const download = must(await o.core.call('papers/pdf', { paperId: paper.id }, o.as.supervisor));
    expect(download).toMatchObject({ mimeType: 'application/pdf', name: '受理告知书-某政服诉受〔2026〕1号.pdf' });
    expect(Buffer.from(download.bytes).equals(Buffer.from(stored))).toBe(true);
    const text = pdfText(download.bytes);
    expect(text).toContain('某政服诉受〔2026〕1号');
    expect(text).toContain('张三');
    expect(text).not.toMatch(/预览|待填写|undefined|\{/);

    const row = await o.core.db.selectFrom('history').selectAll().where('action', '=', 'paperIssued').executeTakeFirstOrThrow();
    expect(JSON.parse(row.after!)).toEqual({ paper: { id: paper.id, type: 'accept', version: 1, number: '某政服诉受〔2026〕1号', sha256: paper.sha256, size: paper.size, supersedes: null, documentSha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const detail = must(await o.core.call('cases/get', { id: c.id }, o.as.supervisor));
    const entry = detail.timeline.find((t) => t.action === 'paperIssued')!;
    expect(entry).toMatchObject({ actionLabel: '签发文书', actorName: '赵主任' });
    expect(entry.note).toBe(`签发「受理告知书」某政服诉受〔2026〕1号 · SHA-256 ${paper.sha256}`);
    expect(must(await o.core.call('papers/list', { caseId: c.id }, o.as.auditor))).toEqual([paper]);
    // The history still verifies: a paper row changes no case column.
    const verification = must(await o.core.call('history/verify', {}, o.as.auditor));
    expect(verification).toMatchObject({ state: 'done', ok: true });
  });

  it('rebuilds the Word file from the stored document: same number, same text', async () => {
    const o = await office();
    const c = await accepted(o);
    const paper = must(await o.core.call('papers/issue', { caseId: c.id, type: 'accept' }, o.as.supervisor));
    const docx = must(await o.core.call('papers/docx', { paperId: paper.id }, o.as.clerk));
    expect(docx.name).toBe('受理告知书-某政服诉受〔2026〕1号.docx');
    const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('某政服诉受〔2026〕1号');
    expect(text).toContain('社保窗口工作人员态度生硬');
  });

  it('numbers ten papers issued at once 1…10 without a gap, then the next year starts again at 1', async () => {
    const o = await office();
    const cases: CaseDetail[] = [];
    for (let i = 0; i < 10; i++) cases.push(await accepted(o, { subject: `事由${i}` }));
    const papers = await Promise.all(cases.map((c) => o.core.call('papers/issue', { caseId: c.id, type: 'accept' }, o.as.supervisor)));
    const numbers = papers.map((p) => must(p).number).sort((a, b) => Number(/〕(\d+)号/.exec(a!)![1]) - Number(/〕(\d+)号/.exec(b!)![1]));
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => `某政服诉受〔2026〕${i + 1}号`));
    expect(await o.core.db.selectFrom('paper_counters').selectAll().execute()).toEqual([{ type: 'accept', year: 2026, last_seq: 10 }]);
    // Each stored file is its own paper's.
    for (const p of papers.map((r) => must(r))) expect(sha256Hex(fs.readFileSync(path.join(o.root, 'papers/2026', `${p.sha256}.pdf`)))).toBe(p.sha256);
    // A new year starts at 1 (the calendar has no 2027 yet, so the due date is typed in).
    o.clock.set('2027-01-04 09:00');
    const next = await accepted(o, { receivedAt: '2027-01-04 08:30' });
    const fillIns = { 办理期限: '2027年1月19日' };
    expect(must(await o.core.call('papers/issue', { caseId: next.id, type: 'accept', fillIns }, o.as.supervisor)).number).toBe('某政服诉受〔2027〕1号');
  });

  it('renders again with the next number when another writer took the number during the render', async () => {
    const o = await office();
    const c = await accepted(o);
    let renders = 0;
    const s = o.core.services;
    const documents = createDocuments(s.deps, {
      settings: s.settings, paperSettings: s.paperSettings, paperTemplates: s.paperTemplates, calendar: s.calendar,
      store: createFrozenStore(o.root, 'papers'),
      render: {
        pdf: async (docs, fonts) => {
          renders++;
          // The first render: someone else records number 1 meanwhile (the counter moves past what was read).
          if (renders === 1) await o.core.db.insertInto('paper_counters').values({ type: 'accept', year: 2026, last_seq: 1 }).execute();
          return renderPdf(docs, fonts);
        },
      },
    });
    const actor = { id: o.userIds.supervisor, username: 'supervisor', displayName: '赵主任', role: 'supervisor' as const, staffId: null };
    const paper = await documents.issue(actor, { caseId: c.id, type: 'accept', fillIns: {} });
    expect(renders).toBe(2);
    expect(paper.number).toBe('某政服诉受〔2026〕2号');
    expect(pdfText(new Uint8Array(fs.readFileSync(path.join(o.root, 'papers/2026', `${paper.sha256}.pdf`))))).toContain('某政服诉受〔2026〕2号');
    // The file rendered with the number taken is not left behind.
    expect(fs.readdirSync(path.join(o.root, 'papers/2026'))).toEqual([`${paper.sha256}.pdf`]);
  });

  it('re-issues with a reason: a new version with its own number, the old one marked superseded; issuing again without superseding is refused', async () => {
    const o = await office();
    const c = await accepted(o);
    const first = must(await o.core.call('papers/issue', { caseId: c.id, type: 'accept' }, o.as.supervisor));
    const again = await o.core.call('papers/issue', { caseId: c.id, type: 'accept' }, o.as.supervisor);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'supersedes' } });
    expect(!again.ok && again.error.message).toContain('某政服诉受〔2026〕1号');
    expect(await o.core.call('papers/issue', { caseId: c.id, type: 'accept', supersedes: first.id }, o.as.supervisor))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } });
    const second = must(await o.core.call('papers/issue', { caseId: c.id, type: 'accept', supersedes: first.id, reason: '受理日期写错' }, o.as.supervisor));
    expect(second).toMatchObject({ version: 2, number: '某政服诉受〔2026〕2号', supersededAt: null });
    const list = must(await o.core.call('papers/list', { caseId: c.id }, o.as.clerk));
    expect(list.map((p) => [p.id, p.version, p.supersededById, p.supersededReason])).toEqual([[second.id, 2, null, null], [first.id, 1, second.id, '受理日期写错']]);
    // The old one cannot be superseded twice; its file is still served.
    expect(await o.core.call('papers/issue', { caseId: c.id, type: 'accept', supersedes: first.id, reason: '再改' }, o.as.supervisor))
      .toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(must(await o.core.call('papers/pdf', { paperId: first.id }, o.as.supervisor)).bytes.byteLength).toBe(first.size);
    const note = must(await o.core.call('cases/get', { id: c.id }, o.as.supervisor)).timeline.find((t) => t.action === 'paperReissued')!;
    expect(note.note).toContain('重新签发「受理告知书」某政服诉受〔2026〕2号（第 2 版，替代第 1 版 某政服诉受〔2026〕1号（原因：受理日期写错））');
    // Another case's paper cannot be the one replaced.
    const other = await accepted(o);
    expect(await o.core.call('papers/issue', { caseId: other.id, type: 'accept', supersedes: second.id, reason: '误操作' }, o.as.supervisor))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'supersedes' } });
    // Forms carry the register number and are versioned the same way.
    const a = must(await o.core.call('cases/assign', { id: c.id, version: must(await o.core.call('cases/get', { id: c.id }, o.as.supervisor)).version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, o.as.supervisor));
    const slip = must(await o.core.call('papers/issue', { caseId: a.id, type: 'assign' }, o.as.supervisor));
    expect(slip).toMatchObject({ number: null, registerNo: c.registerNo, version: 1, audience: 'department' });
  });

  it('refuses a changed or missing stored file on download instead of serving it', async () => {
    const o = await office();
    const c = await accepted(o);
    const paper = must(await o.core.call('papers/issue', { caseId: c.id, type: 'accept' }, o.as.supervisor));
    const file = path.join(o.root, 'papers/2026', `${paper.sha256}.pdf`);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] ^= 1;
    fs.writeFileSync(file, bytes);
    const tampered = await o.core.call('papers/pdf', { paperId: paper.id }, o.as.supervisor);
    expect(tampered).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!tampered.ok && tampered.error.message).toContain('SHA-256');
    fs.unlinkSync(file);
    expect(await o.core.call('papers/pdf', { paperId: paper.id }, o.as.supervisor)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('what may not be issued', () => {
  it('lists the gaps in the preview, changes nothing, and refuses to issue until they are filled', async () => {
    const o = await office();
    let c = await accepted(o);
    c = must(await o.core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, o.as.supervisor));
    c = must(await o.core.call('cases/recordFinding', { id: c.id, version: c.version, finding: 'partly', handlingOpinion: '对窗口人员批评教育', measures: '公示材料清单', handledOn: '2026-03-02' }, o.as.supervisor));
    const before = [await count(o, 'history'), await count(o, 'papers'), await count(o, 'paper_counters')];
    const draft = must(await o.core.call('papers/prepare', { caseId: c.id, type: 'reply' }, o.as.clerk));
    expect(draft.missing.map((m) => m.name)).toContain('调查核实情况');
    expect(draft.allowed).toContain('调查核实情况');
    expect(draft.document).toMatchObject({ preview: true, number: null });
    expect(JSON.stringify(draft.document)).toContain('〔待填写：调查核实情况〕');
    must(await o.core.call('papers/previewPdf', { caseId: c.id, type: 'reply' }, o.as.clerk));
    must(await o.core.call('papers/previewDocx', { caseId: c.id, type: 'reply' }, o.as.clerk));
    expect([await count(o, 'history'), await count(o, 'papers'), await count(o, 'paper_counters')]).toEqual(before);

    const refused = await o.core.call('papers/issue', { caseId: c.id, type: 'reply' }, o.as.clerk);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'fillIns.调查核实情况' } });
    expect(!refused.ok && refused.error.message).toContain('调查核实情况');
    expect([await count(o, 'history'), await count(o, 'papers'), await count(o, 'paper_counters')]).toEqual(before);
    expect(fs.existsSync(path.join(o.root, 'papers'))).toBe(false);
    // A name the template cannot use is not a fill-in.
    expect(await o.core.call('papers/prepare', { caseId: c.id, type: 'reply', fillIns: { 诉求人名字: '张三' } }, o.as.clerk))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'fillIns.诉求人名字' } });
    // The office's name is the settings', not typed per paper.
    expect(await o.core.call('papers/prepare', { caseId: c.id, type: 'reply', fillIns: { 单位名称: '别的单位' } }, o.as.clerk))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'fillIns.单位名称', message: expect.stringContaining('设置 → 单位信息') } });

    const fillIns = { 调查核实情况: '经调取窗口录像并询问当事人，反映的情况部分属实。' };
    const ready = must(await o.core.call('papers/prepare', { caseId: c.id, type: 'reply', fillIns }, o.as.clerk));
    const gaps = ready.missing.map((m) => m.name);
    const all = Object.fromEntries(gaps.map((n) => [n, `${n}内容`]));
    const paper = must(await o.core.call('papers/issue', { caseId: c.id, type: 'reply', fillIns: { ...fillIns, ...all } }, o.as.clerk));
    expect(paper.number).toBe('某政服诉复〔2026〕1号');
    expect(pdfText(must(await o.core.call('papers/pdf', { paperId: paper.id }, o.as.clerk)).bytes)).toContain('经调取窗口录像并询问当事人');
  });

  it('refuses a paper the case does not allow, or the role may not issue, with the reason and nothing written', async () => {
    const o = await office();
    const c = await accepted(o);
    const before = await count(o, 'history');
    expect(await o.core.call('papers/issue', { caseId: c.id, type: 'reply' }, o.as.supervisor))
      .toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', message: '答复函须在案件有办理结果后出具' } });
    expect(must(await o.core.call('papers/prepare', { caseId: c.id, type: 'reply' }, o.as.supervisor)).allowed).toBe('答复函须在案件有办理结果后出具');
    expect(await o.core.call('papers/issue', { caseId: c.id, type: 'refuse' }, o.as.supervisor))
      .toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', message: '不予受理告知书须在案件决定不予受理后出具' } });
    expect(await o.core.call('papers/issue', { caseId: c.id, type: 'supervise' }, o.as.supervisor))
      .toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', message: '督办通知只能对已超期的案件出具' } });
    // The decision's notice is the supervisor's to sign; the clerk sees why in the draft too.
    expect(await o.core.call('papers/issue', { caseId: c.id, type: 'accept' }, o.as.clerk))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '受理告知书由主管签发' } });
    expect(must(await o.core.call('papers/prepare', { caseId: c.id, type: 'accept' }, o.as.clerk)).allowed).toBe('受理告知书由主管签发');
    // Roles outside the channel: auditors read, admins configure.
    for (const role of ['auditor', 'admin'] as const) {
      expect(await o.core.call('papers/issue', { caseId: c.id, type: 'register-form' }, o.as[role])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await o.core.call('papers/prepare', { caseId: c.id, type: 'register-form' }, o.as[role])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await o.core.call('papers/issueBatch', { type: 'supervise', selection: 'overdue' }, o.as.clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await o.core.call('papers/issueBatch', { type: 'supervise', selection: 'followUpDue' }, o.as.supervisor)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'selection' } });
    expect(await count(o, 'history')).toBe(before);
  });

  it('refuses to issue in a register without a data folder, saying why', async () => {
    const o = await makeOffice();
    const c = await accepted(o);
    const r = await o.core.call('papers/issue', { caseId: c.id, type: 'register-form' }, o.as.clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    expect(!r.ok && r.error.message).toContain('没有数据目录');
    // Previews need no folder.
    expect(must(await o.core.call('papers/prepare', { caseId: c.id, type: 'register-form' }, o.as.clerk)).allowed).toBeNull();
  });

  it('keeps a complainant paper of a confidential case from a clerk who may not see them; an auditor downloads it with a recorded purpose', async () => {
    const o = await office();
    const c = await accepted(o, { isConfidential: true });
    // A second clerk, who neither recorded nor first received the case.
    const other = (await o.core.db.insertInto('users').values({ username: 'clerk2', display_name: '孙登记', role: 'clerk', password_hash: 'x', staff_id: null, created_at: '2026-01-01 09:00:00' }).returning('id').executeTakeFirstOrThrow()).id;
    const clerk2 = { userId: other };
    expect(await o.core.call('papers/prepare', { caseId: c.id, type: 'accept' }, clerk2)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const paper = must(await o.core.call('papers/issue', { caseId: c.id, type: 'accept' }, o.as.supervisor));
    expect(await o.core.call('papers/pdf', { paperId: paper.id }, clerk2)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await o.core.call('papers/pdf', { paperId: paper.id }, o.as.auditor)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'purpose' } });
    const viewed = must(await o.core.call('papers/docx', { paperId: paper.id, purpose: '年度卷宗抽查' }, o.as.auditor));
    expect(viewed.bytes.byteLength).toBeGreaterThan(1000);
    const entry = must(await o.core.call('cases/get', { id: c.id }, o.as.supervisor)).timeline.find((t) => t.action === 'paperViewed')!;
    expect(entry).toMatchObject({ actorName: '钱审计', actionLabel: '查看文书（含身份信息）', note: '查看「受理告知书」某政服诉受〔2026〕1号：年度卷宗抽查' });
  });
});

describe('a batch of 督办通知', () => {
  it('issues one for every open overdue case, numbered in turn, and answers one PDF with all of them', async () => {
    const o = await office();
    const late: CaseDetail[] = [];
    for (const subject of ['停车收费', '窗口排队']) {
      const c = await accepted(o, { subject });
      late.push(must(await o.core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, o.as.supervisor)));
    }
    await accepted(o, { subject: '已办结的', receivedAt: '2026-03-02 09:40' }); // stays accepted: also overdue by April (acceptance is not late: 3 days)
    o.clock.set('2026-04-01 10:00');
    const batch = must(await o.core.call('papers/issueBatch', { type: 'supervise', selection: 'overdue' }, o.as.supervisor));
    expect(batch.mimeType).toBe('application/pdf');
    const text = pdfText(batch.bytes);
    const numbers = [...text.matchAll(/某政服诉督〔2026〕(\d+)号/g)].map((m) => Number(m[1]));
    const issued = await o.core.db.selectFrom('papers').selectAll().where('type', '=', 'supervise').orderBy('id').execute();
    expect(issued.length).toBeGreaterThanOrEqual(2);
    expect(issued.map((p) => p.number_seq)).toEqual(issued.map((_, i) => i + 1));
    expect(new Set(numbers)).toEqual(new Set(issued.map((p) => p.number_seq)));
    expect(batch.name).toBe(`督办通知-2026-04-01-共${issued.length}份.pdf`);
    expect(text).toContain('停车收费');
    expect(text).toContain('窗口排队');
    // The department's paper: no complainant on it.
    expect(text).not.toContain('张三');
    expect(text).not.toContain('13812345678');
    // Each one is also its own stored, recorded paper.
    for (const p of issued) expect(sha256Hex(fs.readFileSync(path.join(o.root, p.file)))).toBe(p.sha256);
    // A second run chases again: new notices, numbers continue.
    must(await o.core.call('papers/issueBatch', { type: 'supervise', selection: 'overdue' }, o.as.supervisor));
    const all = await o.core.db.selectFrom('papers').select('number_seq').where('type', '=', 'supervise').orderBy('id').execute();
    expect(all.map((p) => p.number_seq)).toEqual(all.map((_, i) => i + 1));
    // Nothing due: a follow-up batch finds no case awaiting follow-up.
    expect(await o.core.call('papers/issueBatch', { type: 'follow-up', selection: 'followUpDue' }, o.as.supervisor)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('templates and settings', () => {
  it('refuses a template with an unknown placeholder or identity on a department paper, naming line and name; keeps versions; a preview saves nothing', async () => {
    const o = await office();
    const c = await accepted(o);
    const list = must(await o.core.call('paperTemplates/list', {}, o.as.supervisor));
    expect(list.map((t) => [t.type, t.version, t.isDefault])).toContainEqual(['accept', 0, true]);
    const accept = list.find((t) => t.type === 'accept')!;
    const bad = { ...accept.text, body: `${accept.text.body}\n第二段\n请{诉求人名字}知悉。` };
    const line = bad.body.split('\n').length;
    const refused = await o.core.call('paperTemplates/save', { type: 'accept', text: bad }, o.as.admin);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'text.body' } });
    expect(!refused.ok && refused.error.message).toContain(`第 ${line} 行：未知的占位符「诉求人名字」`);
    const slip = list.find((t) => t.type === 'assign')!;
    const leaking = await o.core.call('paperTemplates/save', { type: 'assign', text: { ...slip.text, body: `投诉人：{诉求人姓名}\n${slip.text.body}` } }, o.as.admin);
    expect(!leaking.ok && leaking.error.message).toContain('第 1 行：转办单发往承办部门，不能使用「诉求人姓名」');
    expect(await o.core.call('paperTemplates/save', { type: 'accept', text: accept.text }, o.as.supervisor)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const historyBefore = await count(o, 'history');
    const tried = must(await o.core.call('paperTemplates/preview', { type: 'accept', text: bad, caseId: c.id }, o.as.admin));
    expect(tried.issues.map((i) => i.name)).toEqual(['诉求人名字']);
    const good = { ...accept.text, body: `${accept.text.body}\n本告知书一式两份。` };
    const previewed = must(await o.core.call('paperTemplates/preview', { type: 'accept', text: good, caseId: c.id }, o.as.admin));
    expect(previewed.issues).toEqual([]);
    expect(JSON.stringify(previewed.document)).toContain('本告知书一式两份。');
    // The admin does not see the complainant: the preview shows them masked, it is not refused.
    expect(JSON.stringify(previewed.document)).not.toContain('张三');
    expect(await count(o, 'history')).toBe(historyBefore);

    const saved = must(await o.core.call('paperTemplates/save', { type: 'accept', text: good }, o.as.admin));
    expect(saved).toMatchObject({ version: 1, isDefault: false, updatedBy: '系统管理员' });
    must(await o.core.call('paperTemplates/save', { type: 'accept', text: { ...good, title: '受理通知' } }, o.as.admin));
    expect(must(await o.core.call('paperTemplates/versions', { type: 'accept' }, o.as.supervisor)).map((v) => [v.version, v.text.title])).toEqual([[2, '受理通知'], [1, accept.text.title]]);
    const draft = must(await o.core.call('papers/prepare', { caseId: c.id, type: 'accept' }, o.as.supervisor));
    expect(draft).toMatchObject({ templateVersion: 2, document: { title: '受理通知' } });
    const paper = must(await o.core.call('papers/issue', { caseId: c.id, type: 'accept' }, o.as.supervisor));
    expect(paper.templateVersion).toBe(2);
  });

  it('checks the number patterns and font files, naming the paper and the field', async () => {
    const o = await office();
    const save = (input: object) => o.core.call('paperSettings/save', input, o.as.admin);
    expect(await save({ patterns: { reply: '{单位简称}诉复〔{年}〕第{序号}号' } }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'patterns.reply', message: expect.stringContaining('「答复函」的文号格式的 {序号} 前不能加「第」') } });
    expect(await save({ patterns: { accept: '{单位简称}诉受〔{年}〕号' } }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'patterns.accept', message: '「受理告知书」的文号格式须包含 {序号}' } });
    expect(await save({ patterns: { accept: '{单位简称}诉受{序号}号' } }))
      .toMatchObject({ ok: false, error: { message: expect.stringContaining('须包含 {年}') } });
    const notAFont = path.join(tempRoot(), 'simfang.ttf');
    fs.writeFileSync(notAFont, 'this is not a font');
    expect(await save({ bodyFontFile: notAFont })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'bodyFontFile', message: expect.stringContaining('「正文字体文件」') } });
    const saved = must(await save({ patterns: { accept: '{单位简称}受字〔{年}〕{序号}号' }, abbreviation: '某中心' }));
    expect(saved).toMatchObject({ abbreviation: '某中心', patterns: { accept: '{单位简称}受字〔{年}〕{序号}号', reply: '{单位简称}{类型字}〔{年}〕{序号}号' } });
    const c = await accepted(o);
    expect(must(await o.core.call('papers/issue', { caseId: c.id, type: 'accept' }, o.as.supervisor)).number).toBe('某中心受字〔2026〕1号');
    expect(must(await o.core.call('paperSettings/get', {}, o.as.clerk)).abbreviation).toBe('某中心');
  });
});
