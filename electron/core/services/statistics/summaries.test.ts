import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionOf } from '../../../../db/open';
import { makeOffice, must, phoneComplaint, type Office } from '../../testing';
import type { FileResult, StatisticsSummaryRecord } from '../../types';
import { sha256Hex } from '../files/frozen-store';

/**
 * 签发 of the statistics summary through the core (statistics/issue, statistics/summaries, statistics/summaryPdf):
 * a November 2026 register read on 2 December — one case open past its 15 days whose subject names its
 * complainant and phone, substantiated findings against 钱多多, an inquiry answered on the spot. The stored
 * file's bytes, its SHA-256 in the record and in the history row, the issuer after 制表人, the roles, a
 * changed or missing file refused, and nothing written when an issue is refused or fails.
 */
const NOVEMBER = { kind: 'month', month: '2026-11' } as const;
const run = promisify(execFile);
const roots: string[] = [];
afterAll(() => { for (const r of roots) fs.rmSync(r, { recursive: true, force: true }); });

const newRoot = () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-summaries-'));
  roots.push(root);
  return root;
};

/** root null: a core without a data folder (a memory core), which has nowhere to keep an issued summary. */
async function office(root: string | null = newRoot()): Promise<Office & { root: string | null }> {
  const o = await makeOffice('2026-11-02 09:00', root === null ? {} : { papersRoot: root });
  o.clock.set('2026-11-03 09:30');
  let c = must(await o.core.call('cases/register', phoneComplaint({
    receivedAt: '2026-11-03 09:30', subject: '诸葛亮亮要求回电 0571-8888-6666', respondentDepartmentId: o.dept.social, respondentStaff: '钱多多',
    complainants: [{ name: '诸葛亮亮', phone: '057188886666', idNumber: '', address: '', employer: '' }],
  }), o.as.clerk));
  c = must(await o.core.call('cases/accept', { id: c.id, version: c.version }, o.as.supervisor));
  must(await o.core.call('cases/assign', { id: c.id, version: c.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, o.as.supervisor));
  for (const day of ['05', '06']) {
    o.clock.set(`2026-11-${day} 10:00`);
    let s = must(await o.core.call('cases/register', phoneComplaint({ receivedAt: `2026-11-${day} 10:00`, respondentDepartmentId: o.dept.social, respondentStaff: '钱多多' }), o.as.clerk));
    s = must(await o.core.call('cases/accept', { id: s.id, version: s.version }, o.as.supervisor));
    s = must(await o.core.call('cases/assign', { id: s.id, version: s.version, departmentId: o.dept.social, handlerStaffId: o.staff.li, severity: 'simple' }, o.as.supervisor));
    must(await o.core.call('cases/recordFinding', { id: s.id, version: s.version, finding: 'substantiated', handlingOpinion: '属实，已批评教育', handledOn: `2026-11-${day}` }, o.as.supervisor));
  }
  o.clock.set('2026-11-25 14:00');
  must(await o.core.call('cases/register', phoneComplaint({ receivedAt: '2026-11-25 14:00', caseType: '咨询', subject: '咨询社保卡补办', answeredOnSpot: { reply: '当场告知' } }), o.as.clerk));
  o.clock.set('2026-12-02 10:00');
  return { ...o, root };
}

const count = (o: Office, table: string) => connectionOf(o.core.db).prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const historyOf = (o: Office, action: string) =>
  connectionOf(o.core.db).prepare('SELECT entity, entity_id, action, actor_id, actor_name, at, after, note FROM history WHERE action = ? ORDER BY id').all(action) as Array<{
    entity: string; entity_id: number; action: string; actor_id: number; actor_name: string; at: string; after: string; note: string;
  }>;
const filesUnder = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)) : []);

async function pdfText(bytes: Uint8Array): Promise<string> {
  const f = path.join(newRoot(), 'summary.pdf');
  fs.writeFileSync(f, bytes);
  if (process.env.STATS_PDF_KEEP) fs.copyFileSync(f, path.join(process.env.STATS_PDF_KEEP, `issued-${Date.now()}.pdf`));
  return (await run('pdftotext', [f, '-'])).stdout.replace(/[ \u00a0]+/g, '');
}

let o: Office & { root: string | null };
let issued: StatisticsSummaryRecord;
beforeAll(async () => {
  o = await office();
  issued = must(await o.core.call('statistics/issue', { period: NOVEMBER }, o.as.supervisor));
}, 60_000);

describe('statistics/issue', () => {
  it('stores the exact PDF under summaries/<year>/<sha256>.pdf and records it with its history row in the same SHA-256', async () => {
    expect(issued).toMatchObject({
      id: 1, period: { kind: 'month', from: '2026-11-01', to: '2026-11-30', label: '2026年11月' }, public: false,
      issuedBy: '赵主任', issuedById: o.userIds.supervisor, issuedAt: '2026-12-02 10:00:00', asOf: '2026-12-02 10:00:00',
      fileName: '投诉统计-2026年11月-签发20261202.pdf',
    });
    const file = path.join(o.root!, 'summaries', '2026', `${issued.sha256}.pdf`);
    const bytes = fs.readFileSync(file);
    expect(sha256Hex(bytes)).toBe(issued.sha256);
    expect(bytes.byteLength).toBe(issued.bytes);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // no temporary file is left beside it
    expect(filesUnder(path.join(o.root!, 'summaries')).map((f) => path.basename(f))).toEqual([`${issued.sha256}.pdf`]);

    const [h] = historyOf(o, 'statistics.issue');
    expect(h).toMatchObject({ entity: 'statistics', entity_id: issued.id, actor_id: o.userIds.supervisor, actor_name: '赵主任', at: '2026-12-02 10:00:00' });
    expect(JSON.parse(h.after)).toEqual({
      summary: {
        id: issued.id, period: issued.period, public: false, sha256: issued.sha256, bytes: issued.bytes,
        file: `summaries/2026/${issued.sha256}.pdf`, asOf: '2026-12-02 10:00:00',
      },
    });
    expect(h.note).toBe(`签发统计汇总表「2026年11月」（内部版，2026-11-01 至 2026-11-30，数据截至 2026-12-02 10:00:00）· SHA-256 ${issued.sha256}`);
    // the history stays verifiable with the new entity in it
    expect(must(await o.core.call('history/verify', {}, o.as.auditor))).toMatchObject({ state: 'done', ok: true });
  });

  it('names the issuer after 制表人; holds what every reader of 已签发 may see: no per-staff table, subjects without the complainant', async () => {
    const text = await pdfText(fs.readFileSync(path.join(o.root!, `summaries/2026/${issued.sha256}.pdf`)));
    expect(text).toContain('制表人：赵主任');
    expect(text).toContain('测试县政务服务中心');
    expect(text).toContain('2026年11月');
    expect(text).toContain('督办清单');
    // the supervisor's own 打印 PDF has the per-staff table and the subject as typed; the issued one neither
    const own = await pdfText((must(await o.core.call('statistics/pdf', { period: NOVEMBER }, o.as.supervisor)) as FileResult).bytes);
    expect(own).toContain('钱多多');
    expect(own).toContain('诸葛亮亮要求回电');
    expect(own).toContain('制表人：＿');
    expect(text).not.toContain('钱多多');
    expect(text).not.toContain('被投诉人员属实件数');
    expect(text).not.toContain('诸葛亮亮');
    expect(text).not.toContain('0571-8888-6666');
    expect(text).toContain('诸***要求回电');
  });

  it('keeps the public and internal versions as separate records, newest first; auditors list and download the exact bytes', async () => {
    const p = await office();
    const internal = must(await p.core.call('statistics/issue', { period: NOVEMBER }, p.as.supervisor));
    p.clock.set('2026-12-02 10:05');
    const pub = must(await p.core.call('statistics/issue', { period: NOVEMBER, public: true }, p.as.admin));
    expect(pub).toMatchObject({ id: internal.id + 1, public: true, issuedBy: '系统管理员', fileName: '投诉统计-2026年11月-公开版-签发20261202.pdf' });
    expect(pub.sha256).not.toBe(internal.sha256);
    const list = must(await p.core.call('statistics/summaries', {}, p.as.auditor));
    expect(list.map((x) => [x.id, x.public])).toEqual([[pub.id, true], [internal.id, false]]);
    expect(list[1]).toEqual(internal);
    for (const x of [internal, pub]) {
      const file = must(await p.core.call('statistics/summaryPdf', { id: x.id }, p.as.auditor)) as FileResult;
      expect(file.mimeType).toBe('application/pdf');
      expect(file.name).toBe(x.fileName);
      expect(sha256Hex(file.bytes)).toBe(x.sha256);
      expect(Buffer.from(file.bytes).equals(fs.readFileSync(path.join(p.root!, 'summaries', '2026', `${x.sha256}.pdf`)))).toBe(true);
    }
    const publicText = await pdfText(fs.readFileSync(path.join(p.root!, 'summaries', '2026', `${pub.sha256}.pdf`)));
    expect(publicText).toContain('定期公开版');
    expect(publicText).toContain('制表人：系统管理员');
    expect(publicText).not.toContain('诸葛');
    expect(historyOf(p, 'statistics.issue').map((h) => JSON.parse(h.after).summary.public)).toEqual([false, true]);
  });

  it('refuses auditors and clerks: FORBIDDEN, nothing recorded, no file written', async () => {
    const p = await office();
    for (const who of [p.as.auditor, p.as.clerk]) {
      expect(await p.core.call('statistics/issue', { period: NOVEMBER }, who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await p.core.call('statistics/summaries', {}, p.as.clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await p.core.call('statistics/summaryPdf', { id: 1 }, p.as.clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(count(p, 'statistics_summaries')).toBe(0);
    expect(historyOf(p, 'statistics.issue')).toEqual([]);
    expect(filesUnder(path.join(p.root!, 'summaries'))).toEqual([]);
  });

  it('refuses a bad period in Chinese naming the field, and a register without a data folder, writing nothing', async () => {
    const p = await office();
    const bad = await p.core.call('statistics/issue', { period: { kind: 'month', month: '2026-13' } }, p.as.supervisor);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('统计月份') } });
    const none = await office(null);
    const r = await none.core.call('statistics/issue', { period: NOVEMBER }, none.as.supervisor);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION', message: expect.stringContaining('签发的统计汇总表无法存档') } });
    expect(count(p, 'statistics_summaries') + count(none, 'statistics_summaries')).toBe(0);
    expect(historyOf(none, 'statistics.issue')).toEqual([]);
  });

  it('removes the stored file again when the recording transaction fails', async () => {
    const p = await office();
    connectionOf(p.core.db).exec(`CREATE TEMP TRIGGER refuse_summary BEFORE INSERT ON main.statistics_summaries BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const r = await p.core.call('statistics/issue', { period: NOVEMBER }, p.as.supervisor);
    expect(r.ok).toBe(false);
    expect(count(p, 'statistics_summaries')).toBe(0);
    expect(historyOf(p, 'statistics.issue')).toEqual([]);
    expect(filesUnder(path.join(p.root!, 'summaries'))).toEqual([]);
  });
});

describe('statistics/summaryPdf', () => {
  it('refuses a stored file that was changed or removed, and an unknown summary, with a clear message', async () => {
    const p = await office();
    const x = must(await p.core.call('statistics/issue', { period: NOVEMBER }, p.as.supervisor));
    const file = path.join(p.root!, 'summaries', '2026', `${x.sha256}.pdf`);
    const original = fs.readFileSync(file);
    const changed = Buffer.from(original);
    changed[changed.length - 20] ^= 1;
    fs.writeFileSync(file, changed);
    const r = await p.core.call('statistics/summaryPdf', { id: x.id }, p.as.auditor);
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!r.ok && r.error.message).toBe(`统计汇总表文件已被改动：summaries/2026/${x.sha256}.pdf 的 SHA-256 与签发时记录的不一致，不能作为签发的统计汇总表提供，请从备份恢复`);
    fs.rmSync(file);
    expect(await p.core.call('statistics/summaryPdf', { id: x.id }, p.as.supervisor)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('统计汇总表文件不存在') } });
    fs.writeFileSync(file, original);
    expect(sha256Hex((must(await p.core.call('statistics/summaryPdf', { id: x.id }, p.as.supervisor)) as FileResult).bytes)).toBe(x.sha256);
    expect(await p.core.call('statistics/summaryPdf', { id: 99 }, p.as.supervisor)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'id' } });
  });
});

describe('history/verify', () => {
  it('names an issued summary changed behind the app\'s back, one written without its history row, and a history row whose summary is gone', async () => {
    const p = await office();
    const x = must(await p.core.call('statistics/issue', { period: NOVEMBER }, p.as.supervisor));
    expect(must(await p.core.call('history/verify', {}, p.as.auditor))).toMatchObject({ state: 'done', ok: true });
    const c = connectionOf(p.core.db);
    // the triggers keep this from happening; someone with the file can drop them
    c.exec('DROP TRIGGER statistics_summaries_no_update; DROP TRIGGER statistics_summaries_no_delete');
    const other = 'b'.repeat(64);
    c.prepare('UPDATE statistics_summaries SET sha256 = ?, file = ? WHERE id = ?').run(other, `summaries/2026/${other}.pdf`, x.id);
    c.prepare(`INSERT INTO statistics_summaries(period_kind, period_from, period_to, label, public, sha256, bytes, file, issued_by, issued_by_name, issued_at, as_of)
      VALUES ('month', '2026-10-01', '2026-10-31', '2026年10月', 1, ?, 100, ?, 1, '赵主任', '2026-12-02 10:00:00', '2026-12-02 10:00:00')`).run(other, `summaries/2026/${other}.pdf`);
    const v = must(await p.core.call('history/verify', {}, p.as.auditor));
    expect(v).toMatchObject({ state: 'done', ok: false });
    expect(v.failures.map((f) => [f.kind, f.field])).toEqual([
      ['replay', 'statistics_summaries.sha256'], ['replay', 'statistics_summaries.file'], ['replay', 'statistics_summaries'],
    ]);
    expect(v.failures[0].message).toBe(`已签发的统计汇总表「2026年11月」（内部版，记录 ${x.id}）的 sha256 与签发它的第 ${v.failures[0].historyId} 条历史记录不符（签发记录被绕过系统直接修改）`);
    expect(v.failures[2].message).toBe('已签发的统计汇总表「2026年10月」（公开版，记录 2）没有签发它的历史记录（签发记录被绕过系统直接写入）');
    c.prepare('DELETE FROM statistics_summaries').run();
    const gone = must(await p.core.call('history/verify', {}, p.as.auditor));
    expect(gone.failures.map((f) => f.message)).toEqual([`第 ${v.failures[0].historyId} 条历史记录签发的统计汇总表（记录 ${x.id}）已不存在（签发记录被删除）`]);
  });
});
