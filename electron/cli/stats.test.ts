import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../core/core';
import { COUNT_KEYS, RATE_KEYS } from '../core/domain/statistics';
import type { Actor } from '../core/session';
import { runCli } from '../../tests/support/cli';

/** `stats` as an operator runs it: a real process over a real data folder (tests/support/cli.ts). */
const dirs: string[] = [];
let dir: string;
const run = (args: string[]) => runCli(args, { timeoutMs: 60_000 });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-stats-'));
  dirs.push(dir);
  const core = await openCore(dir);
  try {
    const made = await core.callAsOperator('users/create', { username: 'wang', displayName: '王芳', password: 'clerk-password-1', role: 'clerk' });
    if (!made.ok) throw new Error(made.error.message);
    const clerk: Actor = { id: made.value.id, username: 'wang', displayName: '王芳', role: 'clerk', staffId: null };
    const complainants = [{ name: '张三', phone: '13812345678', idNumber: '', address: '', employer: '' }];
    const base = { channel: '电话', caseType: '投诉', complainants, subject: '窗口排队时间过长', account: '排队两个多小时仍未办理。' };
    for (const input of [
      { ...base, receivedAt: '2026-11-03 09:00', respondentStaff: '李明' },
      { ...base, receivedAt: '2026-11-20 10:00', channel: '来访' },
      { ...base, receivedAt: '2026-11-24 10:00', caseType: '咨询', subject: '咨询社保材料', answeredOnSpot: { reply: '当场告知' } },
      { ...base, receivedAt: '2026-10-15 10:00' },
    ]) {
      const r = await core.callAsOperator('cases/register', input, clerk);
      if (!r.ok) throw new Error(r.error.message);
    }
  } finally {
    await core.close();
  }
}, 60_000);

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('stats', { timeout: 120_000 }, () => {
  it('writes the report as JSON: every figure at the top level, the breakdowns, departments, staff, asOf, period, previous and yearAgo', async () => {
    const out = path.join(dir, 'nov.json');
    const r = await run(['--data', dir, 'stats', '--month', '2026-11', '--json', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2026年11月（2026-11-01 至 2026-11-30），数据截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（Asia\/Shanghai）/);
    expect(r.stdout).toMatch(/登记量：3　环比 \+2　同比 \+3/);
    expect(r.stdout).toMatch(/受理率：33\.3%/);
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    for (const key of [...COUNT_KEYS, ...RATE_KEYS, 'handlingWorkingDays', 'byType', 'byChannel', 'byRespondentDepartment', 'bySeverity', 'byFinding', 'byStatus', 'departments', 'staff', 'asOf', 'period', 'previous', 'yearAgo']) {
      expect(json, key).toHaveProperty(key);
    }
    expect([json.registered, json.answeredOnSpot, json.accepted, json.awaitingAcceptance, json.closed]).toEqual([3, 1, 1, 2, 1]);
    expect(json.period).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
    expect([json.previous.registered, json.previous.period.from, json.yearAgo.registered, json.yearAgo.period.from]).toEqual([1, '2026-10-01', 0, '2025-11-01']);
    expect(json.byType).toEqual({ 投诉: 2, 咨询: 1 });
    expect(json.handlingWorkingDays).toEqual({ mean: null, median: null });
    expect(json.acceptanceRate).toBeCloseTo(1 / 3, 12);
    expect(json.onTimeRate).toBe(1);
    expect(json.followUpRate).toBe(0);
    expect(json.satisfactionRate).toBeNull();
    expect(json.staff).toEqual([]);
  });

  it('reads quarters, years and custom ranges', async () => {
    const [q, y, c] = await Promise.all([
      run(['--data', dir, 'stats', '--quarter', '2026-q4', '--json', path.join(dir, 'q.json')]),
      run(['--data', dir, 'stats', '--year', '2026', '--json', path.join(dir, 'y.json')]),
      run(['--data', dir, 'stats', '--from', '2026-10-15', '--to', '2026-11-03', '--json', path.join(dir, 'c.json')]),
    ]);
    for (const r of [q, y, c]) expect(r.code, r.stderr).toBe(0);
    const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    expect([read('q.json').registered, read('q.json').period.label]).toEqual([4, '2026年第4季度']);
    expect(read('y.json').registered).toBe(4);
    expect([read('c.json').registered, read('c.json').previous.period]).toEqual([2, { kind: 'custom', from: '2026-09-25', to: '2026-10-14', label: '2026-09-25 至 2026-10-14' }]);
  });

  it('leaves the staff table out with --public', async () => {
    const out = path.join(dir, 'public.json');
    const r = await run(['--data', dir, 'stats', '--month', '2026-11', '--public', '--json', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^定期公开 · 2026年11月/);
    const text = fs.readFileSync(out, 'utf8');
    const json = JSON.parse(text);
    expect(json.public).toBe(true);
    expect(json).not.toHaveProperty('staff');
    expect(json.byType).toEqual({ 投诉: '<3', 咨询: '<3' });
    for (const secret of ['张三', '13812345678', '李明', '窗口排队时间过长']) expect(text).not.toContain(secret);
  });

  it('writes the workbook with --xlsx (统计 sheets; 明细台账 masked for the operator, an administrator)', async () => {
    const out = path.join(dir, 'stats.xlsx');
    const r = await run(['--data', dir, 'stats', '--month', '2026-11', '--xlsx', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(`已写入：${out}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(out) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '分类统计', '承办单位', '人员', '督办清单', '明细台账']);
    const ledger = wb.getWorksheet('明细台账')!;
    expect(ledger.getRow(4).getCell(2).value).toBe('2026-000001');
    expect([ledger.getRow(4).getCell(6).value, ledger.getRow(4).getCell(7).value]).toEqual(['张*', '138****5678']);
    const pub = path.join(dir, 'stats-public.xlsx');
    expect((await run(['--data', dir, 'stats', '--month', '2026-11', '--public', '--xlsx', pub])).code).toBe(0);
    const pwb = new ExcelJS.Workbook();
    await pwb.xlsx.load(fs.readFileSync(pub) as unknown as ArrayBuffer);
    expect(pwb.worksheets.map((w) => w.name)).toEqual(['汇总', '分类统计', '承办单位']);
  });

  it('writes the summary PDF with --pdf (the period and 数据截至 in its text; the public one without names)', async () => {
    const out = path.join(dir, 'x.pdf');
    const pub = path.join(dir, 'x-public.pdf');
    const [internal, open] = await Promise.all([
      run(['--data', dir, 'stats', '--month', '2026-11', '--pdf', out]),
      run(['--data', dir, 'stats', '--month', '2026-11', '--public', '--pdf', pub]),
    ]);
    expect(internal.code, internal.stderr).toBe(0);
    expect(open.code, open.stderr).toBe(0);
    expect(internal.stdout.trim().split('\n').at(-1)).toBe(`已写入：${out}`);
    const text = (f: string) => execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' }).replace(/[ \u00a0]+/g, '');
    expect(text(out)).toContain('2026年11月（2026-11-01至2026-11-30）');
    expect(text(out)).toContain('数据截至：');
    expect(text(out)).toContain('被投诉人员属实件数');
    expect(text(pub)).not.toContain('被投诉人员属实件数');
    for (const secret of ['张三', '13812345678', '李明', '窗口排队时间过长']) expect(text(pub)).not.toContain(secret);
  });

  it('issues the summary with --pdf F --issue: prints the record, writes the stored bytes, names the issuer after 制表人', async () => {
    const added = await run(['--data', dir, 'user', 'add', '--username', 'zhao', '--password', 'supervisor-password-1', '--role', 'supervisor', '--name', '赵主任']);
    expect(added.code, added.stderr).toBe(0);
    const out = path.join(dir, 'issued.pdf');
    const r = await run(['--data', dir, 'stats', '--month', '2026-11', '--pdf', out, '--issue', '--as', 'zhao']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const record = JSON.parse(lines.at(-1)!);
    expect(record).toMatchObject({ id: 1, period: { kind: 'month', from: '2026-11-01', to: '2026-11-30', label: '2026年11月' }, public: false, issuedBy: '赵主任' });
    expect(lines).toContain('已签发统计汇总表「2026年11月」（内部版，2026-11-01 至 2026-11-30，数据截至 ' + record.asOf + '）');
    expect(r.stdout).toContain(`SHA-256 ${record.sha256}`);
    const bytes = fs.readFileSync(out);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(record.sha256);
    expect(bytes.equals(fs.readFileSync(path.join(dir, 'summaries', record.issuedAt.slice(0, 4), `${record.sha256}.pdf`)))).toBe(true);
    expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/[ \u00a0]+/g, '')).toContain('制表人：赵主任');
    // a clerk may not issue (nothing more is recorded); --issue needs --pdf
    const [clerk, noPdf] = await Promise.all([
      run(['--data', dir, 'stats', '--month', '2026-11', '--pdf', path.join(dir, 'clerk.pdf'), '--issue', '--as', 'wang']),
      run(['--data', dir, 'stats', '--month', '2026-11', '--issue']),
    ]);
    expect(clerk.code).toBe(1);
    expect(clerk.stderr).toMatch(/错误码 FORBIDDEN/);
    expect(fs.existsSync(path.join(dir, 'clerk.pdf'))).toBe(false);
    expect(noPdf.code).toBe(2);
    expect(noPdf.stderr).toMatch(/--issue.*--pdf/);
    expect(fs.readdirSync(path.join(dir, 'summaries', record.issuedAt.slice(0, 4)))).toEqual([`${record.sha256}.pdf`]);
  });

  it('refuses a missing or double period, and a wrong month', async () => {
    const [none, both, wrong] = await Promise.all([
      run(['--data', dir, 'stats']),
      run(['--data', dir, 'stats', '--month', '2026-11', '--year', '2026']),
      run(['--data', dir, 'stats', '--month', '2026-13']),
    ]);
    expect([none.code, both.code]).toEqual([2, 2]);
    expect(none.stderr).toMatch(/请指定一个统计期间/);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/统计月份.*错误码 VALIDATION/);
  });
});
