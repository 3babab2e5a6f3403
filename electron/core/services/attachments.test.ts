import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_CASE_BYTES } from '../domain/attachments';
import { makeOffice, must, phoneComplaint, type Office } from '../testing';
import type { CoreSession } from '../session';
import { blobPath } from './files/attachment-store';
import { connectionOf } from '../../../db/open';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.from('JFIF\0照片内容')]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');

let dir: string;
let o: Office;
let otherClerk: CoreSession;
const count = async (table: 'attachments' | 'history') =>
  Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(o.core.db)).rows[0].n);
/** Every file under the temporary folder, relative. */
const filesUnder = (folder: string): string[] =>
  (fs.readdirSync(folder, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile()).map((e) => path.relative(folder, path.join(e.parentPath, e.name))).sort();

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attachments-'));
  o = await makeOffice('2026-03-02 10:00', { papersRoot: path.join(dir, 'data') });
  const id = (await o.core.db.insertInto('users').values({ username: 'clerk2', display_name: '孙登记', role: 'clerk', password_hash: 'x', staff_id: null, created_at: '2026-01-01 09:00:00' })
    .returning('id').executeTakeFirstOrThrow()).id;
  otherClerk = { userId: id };
});
afterEach(async () => {
  await o.core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('attachments', () => {
  it('adds a file: stored by its hash, listed with who and when, on the timeline with its SHA-256; the same file twice is one blob', async () => {
    const c = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    const a = must(await o.core.call('attachments/add', { caseId: c.id, name: 'C:\\扫描\\来信.jpg', content: b64(JPEG) }, o.as.clerk));
    expect(a).toMatchObject({ caseId: c.id, name: '来信.jpg', size: JPEG.length, mimeType: 'image/jpeg', kind: 'image', addedBy: '王芳', addedAt: '2026-03-02 10:00:00', voided: null, downloadOnly: false });
    expect(fs.readFileSync(blobPath(path.join(dir, 'data', 'attachments'), a.sha256))).toEqual(JPEG);
    const again = must(await o.core.call('attachments/add', { caseId: c.id, name: '同一张.jpg', content: b64(JPEG) }, o.as.supervisor));
    expect(again.sha256).toBe(a.sha256);
    expect(filesUnder(dir)).toEqual([path.join('data', 'attachments', a.sha256.slice(0, 2), `${a.sha256}.bin`)]);
    const list = must(await o.core.call('attachments/list', { caseId: c.id }, o.as.auditor));
    expect(list).toMatchObject({ usedBytes: 2 * JPEG.length, hiddenBecauseConfidential: false, limits: { maxFileBytes: 50 * 1024 * 1024, maxCaseBytes: 500 * 1024 * 1024 } });
    expect(list.items.map((i) => [i.name, i.addedBy])).toEqual([['来信.jpg', '王芳'], ['同一张.jpg', '赵主任']]);
    const detail = must(await o.core.call('cases/get', { id: c.id }, o.as.clerk));
    const entry = detail.timeline.find((e) => e.action === 'attachment.add')!;
    expect(entry).toMatchObject({ actionLabel: '添加附件', actorName: '王芳' });
    expect(entry.note).toContain(`SHA-256 ${a.sha256}`);
    const file = must(await o.core.call('attachments/file', { id: a.id }, o.as.auditor));
    expect(file).toMatchObject({ name: '来信.jpg', mimeType: 'image/jpeg' });
    expect(Buffer.from(file.bytes)).toEqual(JPEG);
    expect(must(await o.core.call('history/verify', {}, o.as.supervisor))).toMatchObject({ ok: true });
  });

  it('refuses what is not allowed in Chinese naming the file and the field, writing nothing', async () => {
    const c = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    const before = [await count('attachments'), await count('history')];
    const cases: Array<[string, string, RegExp, string]> = [
      ['照片.jpg', b64('<html><script>alert(1)</script></html>'), /「照片.jpg」的扩展名是图片，内容却是文本/, 'content'],
      ['..\\..\\x.exe', b64(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(60, 1)])), /「x.exe」是可执行程序/, 'content'],
      ['空.pdf', '', /「空.pdf」是空文件/, 'content'],
      ['x.pdf', '不是base64!!', /「文件内容」须为 Base64/, 'content'],
      ['', b64(PDF), /请填写「文件名」/, 'name'],
    ];
    for (const [name, content, message, field] of cases) {
      const r = await o.core.call('attachments/add', { caseId: c.id, name, content }, o.as.clerk);
      expect(r.ok, name).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toMatch(message);
        expect(r.error.field).toBe(field);
      }
    }
    const missing = await o.core.call('attachments/add', { caseId: 9999, name: 'a.pdf', content: b64(PDF) }, o.as.clerk);
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'caseId' } });
    const auditor = await o.core.call('attachments/add', { caseId: c.id, name: 'a.pdf', content: b64(PDF) }, o.as.auditor);
    expect(auditor).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect([await count('attachments'), await count('history')]).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'data', 'attachments'))).toBe(false);
  });

  it('keeps a PDF with JavaScript, marked download-only', async () => {
    const c = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    const js = Buffer.from('%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n');
    const a = must(await o.core.call('attachments/add', { caseId: c.id, name: '材料.pdf', content: b64(js) }, o.as.clerk));
    expect(a).toMatchObject({ kind: 'pdf', mimeType: 'application/pdf', downloadOnly: true });
  });

  it('stores an HTML page given as text under a .txt name, typed as plain text', async () => {
    const c = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    const a = must(await o.core.call('attachments/add', { caseId: c.id, name: '通知.html', content: b64('<html><body>通知</body></html>') }, o.as.clerk));
    expect(a).toMatchObject({ name: '通知.html.txt', kind: 'text', mimeType: 'text/plain; charset=utf-8' });
  });

  it('holds each case to its total, counting only what is not voided', async () => {
    const c = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    // Rows as if 500 MB were attached already (writing the blobs would take the test's disk).
    await sql`INSERT INTO attachments(case_id, sha256, size, name, mime_type, kind, added_by, added_by_name, added_at)
      VALUES (${c.id}, ${'ab'.repeat(32)}, ${ATTACHMENT_MAX_CASE_BYTES - 10}, '大.pdf', 'application/pdf', 'pdf', ${o.userIds.clerk}, '王芳', '2026-03-02 09:00:00')`.execute(o.core.db);
    const r = await o.core.call('attachments/add', { caseId: c.id, name: '来信.pdf', content: b64(PDF) }, o.as.clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'content', message: expect.stringMatching(/「来信.pdf」.*超过每个案件的附件上限 500 MB/) } });
    must(await o.core.call('attachments/void', { id: 1, reason: '登记错误' }, o.as.clerk));
    must(await o.core.call('attachments/add', { caseId: c.id, name: '来信.pdf', content: b64(PDF) }, o.as.clerk));
  });

  it('voids with a reason, once, by whoever added it or a supervisor; the voided file stays listed and on the timeline', async () => {
    const c = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    const a = must(await o.core.call('attachments/add', { caseId: c.id, name: '错的.jpg', content: b64(JPEG) }, o.as.clerk));
    expect(await o.core.call('attachments/void', { id: a.id, reason: '传错了' }, otherClerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await o.core.call('attachments/void', { id: a.id, reason: '  ' }, o.as.clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } });
    expect(await o.core.call('attachments/void', { id: a.id, reason: '传错了' }, o.as.auditor)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const voided = must(await o.core.call('attachments/void', { id: a.id, reason: '传错了' }, o.as.clerk));
    expect(voided.voided).toEqual({ at: '2026-03-02 10:00:00', by: '王芳', reason: '传错了' });
    expect(await o.core.call('attachments/void', { id: a.id, reason: '再作废' }, o.as.supervisor)).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    const b = must(await o.core.call('attachments/add', { caseId: c.id, name: 'b.pdf', content: b64(PDF) }, o.as.clerk));
    must(await o.core.call('attachments/void', { id: b.id, reason: '主管作废' }, o.as.supervisor));
    const list = must(await o.core.call('attachments/list', { caseId: c.id }, o.as.clerk));
    expect(list.items.map((i) => i.voided?.reason)).toEqual(['传错了', '主管作废']);
    expect(list.usedBytes).toBe(0);
    const detail = must(await o.core.call('cases/get', { id: c.id }, o.as.clerk));
    expect(detail.timeline.filter((e) => e.action === 'attachment.void').map((e) => [e.actionLabel, e.note])).toEqual([
      ['作废附件', '作废附件「错的.jpg」：传错了'], ['作废附件', '作废附件「b.pdf」：主管作废'],
    ]);
    // The file itself is never removed.
    expect(Buffer.from(must(await o.core.call('attachments/file', { id: a.id }, o.as.clerk)).bytes)).toEqual(JPEG);
    expect(must(await o.core.call('history/verify', {}, o.as.supervisor))).toMatchObject({ ok: true });
  });

  it('a confidential case\'s attachments reach only those who see its identity', async () => {
    const c = must(await o.core.call('cases/register', phoneComplaint({ isConfidential: true, complainants: [{ name: '欧阳娜娜', phone: '13812345678', idNumber: '', address: '', employer: '' }] }), o.as.clerk));
    const a = must(await o.core.call('attachments/add', { caseId: c.id, name: '欧阳娜娜身份证.jpg', content: b64(JPEG) }, o.as.clerk));
    // The recorder and the supervisor see them.
    expect(must(await o.core.call('attachments/list', { caseId: c.id }, o.as.clerk)).items).toHaveLength(1);
    expect(must(await o.core.call('attachments/list', { caseId: c.id }, o.as.supervisor)).items[0].name).toBe('欧阳娜娜身份证.jpg');
    // Another clerk and the auditor: nothing listed, the file refused.
    for (const who of [otherClerk, o.as.auditor]) {
      expect(must(await o.core.call('attachments/list', { caseId: c.id }, who))).toEqual({ items: [], usedBytes: 0, limits: expect.any(Object), hiddenBecauseConfidential: true });
      const f = await o.core.call('attachments/file', { id: a.id }, who);
      expect(f).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '该诉求人要求保密，您无权查看本案的附件' } });
    }
    expect(await o.core.call('attachments/void', { id: a.id, reason: 'x' }, o.as.admin)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The timeline of a masked reader does not name her through the file's name.
    const masked = must(await o.core.call('cases/get', { id: c.id }, otherClerk));
    const note = masked.timeline.find((e) => e.action === 'attachment.add')!.note!;
    expect(note).not.toContain('欧阳娜娜');
    expect(note).toContain('欧***身份证.jpg');
  });

  it('history/verify finds an attachment row changed, voided, inserted or deleted behind the app\'s back, naming the case', async () => {
    const c = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    const a = must(await o.core.call('attachments/add', { caseId: c.id, name: 'a.pdf', content: b64(PDF) }, o.as.clerk));
    const b = must(await o.core.call('attachments/add', { caseId: c.id, name: 'b.jpg', content: b64(JPEG) }, o.as.clerk));
    must(await o.core.call('attachments/void', { id: b.id, reason: '传错了' }, o.as.clerk));
    const verify = async () => must(await o.core.call('history/verify', {}, o.as.auditor));
    expect(await verify()).toMatchObject({ ok: true });
    const raw = connectionOf(o.core.db);
    raw.exec('DROP TRIGGER attachments_frozen; DROP TRIGGER attachments_voided_once; DROP TRIGGER attachments_no_delete');
    const field = async () => (await verify()).failures.map((f) => [f.registerNo, f.field]);
    raw.prepare('UPDATE attachments SET name = ? WHERE id = ?').run('改名.pdf', a.id);
    expect(await field()).toEqual([[c.registerNo, 'attachments.name']]);
    raw.prepare('UPDATE attachments SET name = ?, sha256 = ? WHERE id = ?').run('a.pdf', 'cd'.repeat(32), a.id);
    expect(await field()).toEqual([[c.registerNo, 'attachments.sha256']]);
    raw.prepare('UPDATE attachments SET sha256 = ? WHERE id = ?').run(a.sha256, a.id);
    raw.prepare('UPDATE attachments SET voided_at = NULL, voided_by = NULL, voided_by_name = NULL, void_reason = NULL WHERE id = ?').run(b.id);
    expect(await field()).toEqual([[c.registerNo, 'attachments.voided_at']]);
    raw.prepare("UPDATE attachments SET voided_at = '2026-03-02 10:00:00', voided_by_name = '王芳', void_reason = '传错了' WHERE id = ?").run(b.id);
    expect(await verify()).toMatchObject({ ok: true });
    raw.prepare('DELETE FROM attachments WHERE id = ?').run(a.id);
    expect((await verify()).failures[0]).toMatchObject({ registerNo: c.registerNo, field: 'attachments', message: expect.stringContaining(`附件 #${a.id} 已不存在`) });
    raw.prepare("INSERT INTO attachments(id, case_id, sha256, size, name, mime_type, kind, added_by, added_by_name, added_at) VALUES (?, ?, ?, ?, 'a.pdf', 'application/pdf', 'pdf', ?, '王芳', '2026-03-02 10:00:00')")
      .run(a.id, c.id, a.sha256, a.size, o.userIds.clerk);
    expect(await verify()).toMatchObject({ ok: true });
    raw.prepare("INSERT INTO attachments(case_id, sha256, size, name, mime_type, kind, added_by, added_by_name, added_at) VALUES (?, ?, 5, '偷放.pdf', 'application/pdf', 'pdf', ?, '王芳', '2026-03-02 10:00:00')")
      .run(c.id, 'ef'.repeat(32), o.userIds.clerk);
    expect((await verify()).failures[0]).toMatchObject({ registerNo: c.registerNo, field: 'attachments', message: expect.stringContaining('没有添加它的历史记录') });
  });

  it('a memory register without a data folder cannot keep files', async () => {
    const memory = await makeOffice();
    const c = must(await memory.core.call('cases/register', phoneComplaint(), memory.as.clerk));
    expect(await memory.core.call('attachments/add', { caseId: c.id, name: 'a.pdf', content: b64(PDF) }, memory.as.clerk))
      .toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', message: expect.stringContaining('没有数据目录') } });
    await memory.core.close();
  });

  it('reports a blob that is missing or altered (for verify), and refuses to hand it out', async () => {
    const c = must(await o.core.call('cases/register', phoneComplaint(), o.as.clerk));
    const a = must(await o.core.call('attachments/add', { caseId: c.id, name: 'a.pdf', content: b64(PDF) }, o.as.clerk));
    expect(await o.core.services.attachments.checkFiles()).toEqual([]);
    const file = blobPath(path.join(dir, 'data', 'attachments'), a.sha256);
    fs.writeFileSync(file, 'altered');
    expect(await o.core.services.attachments.checkFiles()).toEqual([{ sha256: a.sha256, size: a.size, problem: 'altered' }]);
    expect(await o.core.call('attachments/file', { id: a.id }, o.as.clerk)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('已被改动') } });
    fs.unlinkSync(file);
    expect(await o.core.services.attachments.checkFiles()).toEqual([{ sha256: a.sha256, size: a.size, problem: 'missing' }]);
  });
});
