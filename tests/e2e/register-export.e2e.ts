import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../electron/demo/vocabulary';
import { ApiClient, cliArgs, downloadedFile, E2E_PASSWORD, launchBrowser, shot, SHOTS, signInPage, startServe, type Served } from './harness';

/**
 * 登记册 → 导出 Excel (issue 9 item 5) on a seeded register of SEEDED demo cases plus five cases of our own whose
 * subject carries WORD (four by phone, one by letter). The auditor filters the register in its filter bar (the
 * word and 电话), exports it masked, and the downloaded workbook read back with exceljs holds exactly the rows
 * cases/list gives for those filters, with names and phones masked; the supervisor picks 显示身份, is asked for
 * 导出用途 under the field, gives one and gets the identities; a clerk is not offered 显示身份; an export of the
 * whole register is cancelled while it runs and says 已取消, and nothing is downloaded.
 */
const SEEDED = 20_000;
const WORD = '核对导出样本';
const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

let served: Served;
let browser: Browser;
let audit: ApiClient;

const cli = (dataDir: string, ...args: string[]) =>
  run(process.execPath, [...cliArgs(), '--data', dataDir, ...args], { cwd: ROOT, env: { ...process.env, TZ: 'Asia/Shanghai' }, maxBuffer: 1 << 24 });

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'register-e2e-export-'));
  await cli(dataDir, 'seed', '--cases', String(SEEDED), '--seed', '9');
  served = await startServe(dataDir);
  browser = await launchBrowser();
  // The accounts through the API as the seed's administrator (a `user add` process each would start the
  // command line three more times).
  const admin = new ApiClient(served.url);
  const seededAdmin = DEMO_USERS.find((u) => u.role === 'admin')!;
  await admin.call('auth/signIn', { username: seededAdmin.username, password: seededAdmin.password });
  for (const [username, role, displayName] of [['boss', 'supervisor', '赵主任'], ['clerk', 'clerk', '陈登记'], ['audit', 'auditor', '钱审计']]) {
    await admin.call('users/create', { username, displayName, password: E2E_PASSWORD, role });
  }
  const clerk = new ApiClient(served.url);
  await clerk.call('auth/signIn', { username: 'clerk', password: E2E_PASSWORD });
  const reg = (channel: string, subject: string, complainants: object[], over: object = {}) => clerk.call('cases/register', {
    receivedAt: '2026-11-20 09:30', channel, caseType: '投诉', subject, account: '来电反映窗口办事情况，请核实。', complainants, ...over,
  });
  const person = (name: string, phone: string) => ({ name, phone, idNumber: '', address: '', employer: '' });
  await reg('电话', `窗口态度生硬（${WORD}）`, [person('欧阳娜娜', '13712345678')]);
  await reg('电话', `=1+1 ${WORD}`, [person('诸葛亮亮', '13987654321')]);
  await reg('电话', `排队时间过长 ${WORD}`, [person('司马光明', '13600001111')], { isConfidential: true });
  await reg('电话', `匿名反映 ${WORD}`, [], { isAnonymous: true });
  await reg('信函', `来信反映材料 ${WORD}`, [person('上官云', '13500002222')]);
  audit = new ApiClient(served.url);
  await audit.call('auth/signIn', { username: 'audit', password: E2E_PASSWORD });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  // a seeded register is ~125 MB: not left behind in the temp folder
  if (served) fs.rmSync(served.dataDir, { recursive: true, force: true });
});

async function openRegister(username: string, query = ''): Promise<Page> {
  const page = await signInPage(browser, served.url, username);
  await page.goto(`${served.url}#/register${query}`);
  await page.getByTestId('register-total').waitFor();
  return page;
}

/** The register's own answer for these filters: the register numbers in register order. */
async function expectedNumbers(filters: object): Promise<string[]> {
  const page = await audit.call<{ rows: Array<{ registerNo: string }>; total: number }>('cases/list', { pageSize: 200, ...filters });
  expect(page.total).toBeLessThan(200);
  return page.rows.map((r) => r.registerNo);
}

interface Sheet { numbers: string[]; rows: string[][]; about: string; everything: string }
/** The downloaded workbook, read back: the data rows below the three head rows, as text. */
async function readWorkbook(file: string): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('登记册')!;
  const rows: string[][] = [];
  const all: string[] = [];
  ws.eachRow((row, n) => {
    const cells = (row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)));
    all.push(...cells);
    if (n > 3) rows.push(cells);
  });
  return { numbers: rows.map((r) => r[0]), rows, about: String(ws.getRow(2).getCell(1).value), everything: all.join('\n') };
}

async function openDialog(page: Page) {
  await page.getByTestId('register-export').click();
  await page.getByTestId('export-dialog').waitFor();
}

async function exportAndDownload(page: Page, start: () => Promise<void>): Promise<{ file: string; name: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), start()]);
  const file = await downloadedFile(download);
  return { file, name: download.suggestedFilename() };
}

describe('登记册 → 导出 Excel', () => {
  it('the auditor filters the register, exports it masked, and the workbook holds exactly those rows with the identities masked', async () => {
    const page = await openRegister('audit');
    // the filters as a person sets them: the word in the search box, 电话 in 渠道
    const search = page.getByTestId('filter-search').locator('input');
    await search.fill(WORD);
    await search.press('Enter');
    await page.getByTestId('filter-channel').click();
    await page.locator('.ant-select-item-option', { hasText: /^电话$/ }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('register-total').textContent()).toBe('共 4 条');
    const expected = await expectedNumbers({ search: WORD, channel: ['电话'] });
    expect(expected).toHaveLength(4);

    await openDialog(page);
    expect(await page.getByTestId('export-filters').textContent()).toBe(`渠道：电话搜索：${WORD}`);
    expect(await page.getByTestId('export-count').textContent()).toBe('共 4 条');
    expect(await page.getByTestId('export-identity').locator('.ant-radio-wrapper-checked').textContent()).toBe('遮蔽身份');
    await page.mouse.move(0, 0);
    await shot(page, 'register-export-auditor-dialog');

    const { file, name } = await exportAndDownload(page, () => page.getByTestId('export-start').click());
    expect(name).toMatch(/^登记册导出_\d{8}_\d{4}\.xlsx$/);
    await expect.poll(() => page.getByTestId('export-result').textContent()).toContain('已导出 4 条');
    await shot(page, 'register-export-auditor-done');
    const sheet = await readWorkbook(file);
    expect(sheet.numbers).toEqual(expected);
    expect(sheet.about).toContain(`搜索：${WORD}`);
    expect(sheet.about).toContain('已遮蔽');
    const row = (subject: string) => sheet.rows.find((r) => r[4].includes(subject))!;
    expect(row('窗口态度生硬').slice(5, 7)).toEqual(['欧***', '137****5678']);
    expect(row('=1+1').slice(5, 7)).toEqual(['诸***', '139****4321']);
    expect(row('=1+1')[4]).toBe(`=1+1 ${WORD}`); // text, not a formula
    expect(row('排队时间过长').slice(5, 7)).toEqual(['司***', '136****1111']);
    for (const secret of ['欧阳娜娜', '13712345678', '诸葛亮亮', '13987654321', '司马光明', '13600001111', '上官云']) expect(sheet.everything).not.toContain(secret);
    await page.getByTestId('export-close').click();
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
    await page.close();
  });

  it('the supervisor picks 显示身份, is asked for 导出用途, gives it with Enter and gets the identities', async () => {
    const page = await openRegister('boss', `?q=${encodeURIComponent(WORD)}&channel=${encodeURIComponent('电话')}`);
    await openDialog(page);
    await page.getByTestId('export-identity').getByText('显示身份').click();
    const purpose = page.getByTestId('export-purpose');
    await purpose.waitFor();
    await page.getByTestId('export-start').click();
    const error = page.locator('.ant-form-item-explain-error');
    await expect.poll(() => error.textContent()).toContain('导出用途');
    expect(await page.getByTestId('export-progress').count()).toBe(0);
    await page.mouse.move(0, 0);
    await shot(page, 'register-export-supervisor-purpose');

    await purpose.fill('配合审计检查，核对 11 月电话登记');
    const { file } = await exportAndDownload(page, () => purpose.press('Enter'));
    await expect.poll(() => page.getByTestId('export-result').textContent()).toContain('已导出 4 条');
    const sheet = await readWorkbook(file);
    expect(sheet.numbers).toEqual(await expectedNumbers({ search: WORD, channel: ['电话'] }));
    expect(sheet.about).toContain('未遮蔽');
    const names = sheet.rows.map((r) => `${r[5]} ${r[6]}`);
    expect(names).toEqual(expect.arrayContaining(['欧阳娜娜 13712345678', '诸葛亮亮 13987654321', '司马光明 13600001111']));
    await page.close();
  });

  it('a clerk is not offered 显示身份; Esc closes the dialog', async () => {
    const page = await openRegister('clerk', `?q=${encodeURIComponent(WORD)}`);
    await openDialog(page);
    expect(await page.getByTestId('export-identity').count()).toBe(0);
    expect(await page.getByTestId('export-identity-fixed').textContent()).toContain('遮蔽');
    expect(await page.getByTestId('export-count').textContent()).toBe('共 5 条');
    await page.mouse.move(0, 0);
    await shot(page, 'register-export-clerk');
    await page.keyboard.press('Escape');
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
    await page.close();
  });

  it('an export of the whole register is cancelled while it runs: 已取消, nothing is downloaded, the history still verifies', async () => {
    const page = await openRegister('audit');
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await openDialog(page);
    expect(await page.getByTestId('export-filters').textContent()).toBe('全部案件');
    await page.getByTestId('export-start').click();
    const progress = page.getByTestId('export-progress');
    await progress.waitFor();
    expect(await progress.textContent()).toMatch(new RegExp(`已导出 [\\d,]+ / 共 ${(SEEDED + 5).toLocaleString('zh-CN')} 条`));
    // the window only (a full-page shot of 50 rows takes long enough for a fast export to finish first)
    await page.screenshot({ path: path.join(SHOTS, 'register-export-running.png') });
    await page.getByTestId('export-cancel').click();
    await expect.poll(() => page.getByTestId('export-result').textContent()).toContain('已取消');
    expect(await page.locator('.ant-modal-confirm').count()).toBe(0);
    await shot(page, 'register-export-cancelled');
    await page.waitForTimeout(1000);
    expect(downloads).toEqual([]);
    await page.close();

    // the exports' history entries (two finished, one cancelled) keep the chain verifiable
    type Verification = { job: number; state: string; ok: boolean };
    let verification = await audit.call<Verification>('history/verify', {});
    while (verification.state === 'running') {
      await new Promise((r) => setTimeout(r, 500));
      verification = await audit.call<Verification>('history/verify', { job: verification.job });
    }
    expect(verification.ok).toBe(true);
  });
});
