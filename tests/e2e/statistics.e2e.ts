import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, downloadedFile, E2E_PASSWORD, launchBrowser, newPage, shot, signInPage, startServe, type Served } from './harness';

/**
 * 统计 (issue 9 item 1) on a small register built through the contract: last month six cases (three answered
 * on the spot, one left waiting for acceptance and overdue, two against 李明 found substantiated), the month
 * before two. The supervisor opens 统计 from the menu on last month, reads the figures with 环比, sees the
 * charts drawn, steps back a month, switches to the public version; the auditor sees no per-staff table; the
 * admin sees the overdue list without links into cases.
 */
let served: Served;
let browser: Browser;
const PASSWORD = E2E_PASSWORD;
let overdueNo = '';
let bossClient: ApiClient;
const boss = () => bossClient;

const pad = (n: number) => String(n).padStart(2, '0');
/** 'YYYY-MM' `back` months before this month (serve and this test run in Asia/Shanghai). */
function monthBack(back: number): { month: string; label: string } {
  const d = new Date();
  const m0 = d.getFullYear() * 12 + d.getMonth() - back;
  const y = Math.floor(m0 / 12);
  const m = (m0 % 12) + 1;
  return { month: `${y}-${pad(m)}`, label: `${y}年${m}月` };
}
const LAST = monthBack(1);
const BEFORE = monthBack(2);

beforeAll(async () => {
  served = await startServe();
  browser = await launchBrowser();
  const admin = new ApiClient(served.url);
  await admin.call('setup/init', { office: { name: '统计测试中心', address: '', phone: '' }, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } });
  const dept = await admin.call<{ id: number }>('departments/save', { name: '社保服务科' });
  const li = await admin.call<{ id: number }>('staff/save', { departmentId: dept.id, name: '李明', title: '科员' });
  for (const [username, displayName, role] of [['boss', '赵主任', 'supervisor'], ['clerk', '陈登记', 'clerk'], ['audit', '钱审计', 'auditor']] as const) {
    await admin.call('users/create', { username, displayName, password: PASSWORD, role });
  }
  const clerk = new ApiClient(served.url);
  await clerk.call('auth/signIn', { username: 'clerk', password: PASSWORD });
  const boss = new ApiClient(served.url);
  await boss.call('auth/signIn', { username: 'boss', password: PASSWORD });
  bossClient = boss;

  type Case = { id: number; version: number; registerNo: string };
  const reg = (receivedAt: string, over: Record<string, unknown> = {}) => clerk.call<Case>('cases/register', {
    receivedAt, channel: '电话', caseType: '投诉', subject: '窗口工作人员态度生硬', account: '来电反映的详细情况。',
    complainants: [{ name: '张建国', phone: '13812345678', idNumber: '', address: '', employer: '' }], ...over,
  });
  const spot = (receivedAt: string) => reg(receivedAt, { channel: '来访', caseType: '咨询', subject: '咨询办事材料', answeredOnSpot: { reply: '当场告知材料清单' } });
  const act = (channel: string, c: Case, input: object) => boss.call<Case>(channel, { id: c.id, version: c.version, ...input });
  const today = new Date();
  const todayText = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;

  for (const day of ['03', '10', '20']) await spot(`${LAST.month}-${day} 09:00`);
  overdueNo = (await reg(`${LAST.month}-04 09:00`, { channel: '信函', subject: '来信反映办事指南过期' })).registerNo;
  for (const day of ['05', '06']) {
    const c = await reg(`${LAST.month}-${day} 09:00`, { respondentDepartmentId: dept.id, respondentStaff: '李明' });
    const assigned = await act('cases/assign', await act('cases/accept', c, {}), { departmentId: dept.id, handlerStaffId: li.id, severity: 'simple' });
    await act('cases/recordFinding', assigned, { finding: 'substantiated', handlingOpinion: '经核实情况属实，已批评教育', handledOn: todayText });
  }
  for (const day of ['07', '14']) await spot(`${BEFORE.month}-${day} 09:00`);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const card = (page: Page, key: string) => page.getByTestId(`figure-${key}`);
const valueOf = async (page: Page, key: string) => (await card(page, key).getByTestId('figure-value').textContent())?.trim();

async function openStatistics(username: string): Promise<Page> {
  const page = await signInPage(browser, served.url, username);
  await page.getByRole('menuitem', { name: /统计/ }).click();
  await page.getByTestId('statistics-page').waitFor();
  await page.getByTestId('figure-cards').waitFor();
  return page;
}

describe('统计', () => {
  it('the supervisor opens last month, reads the figures with 环比, sees the charts, steps back a month and switches to the public version', async () => {
    const page = await openStatistics('boss');
    await expect.poll(() => page.getByTestId('stats-period').textContent()).toBe(LAST.label);
    expect(await page.getByTestId('stats-as-of').textContent()).toMatch(/^数据截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（Asia\/Shanghai）$/);
    expect(await valueOf(page, 'registered')).toBe('6');
    expect(await card(page, 'registered').textContent()).toContain('环比 2 +4');
    // 3 answered on the spot closed on time of 3 closed; 5 accepted of 6 registered
    expect(await valueOf(page, 'onTimeRate')).toBe('100.0%');
    expect(await valueOf(page, 'acceptanceRate')).toBe('83.3%');
    expect(await card(page, 'acceptanceRate').textContent()).toContain('环比 100.0% −16.7 个百分点');
    // the waiting case is overdue; the two in handling are too once their 15 working days have passed
    const overdueOpen = (await boss().call<{ overdueOpen: number }>('statistics/get', { period: { kind: 'month', month: LAST.month } })).overdueOpen;
    expect(overdueOpen).toBeGreaterThanOrEqual(1);
    expect(await valueOf(page, 'overdueOpen')).toBe(String(overdueOpen));
    expect(await card(page, 'satisfactionRate').textContent()).toContain('—');
    // the definition on hover, from the one table
    await card(page, 'overdueOpen').getByTestId('figure-label-overdueOpen').hover();
    await page.getByRole('tooltip').filter({ hasText: '目前尚未办结且已超过期限' }).waitFor();
    // charts drawn in SVG: the trend's 12 months, the type bars
    const trend = page.getByTestId('chart-trend');
    await trend.locator('svg').waitFor();
    // the 12 months ending last month: the first with its year
    expect(await trend.locator('svg text').allTextContents()).toEqual(expect.arrayContaining([monthBack(12).label, '登记量', '按期办结率']));
    await page.getByTestId('chart-type').locator('svg').waitFor();
    expect(await page.getByTestId('chart-type').locator('svg text').allTextContents()).toEqual(expect.arrayContaining(['咨询', '投诉']));
    // the ranked departments with 合计, the overdue list opening cases, the per-staff table with its band
    expect(await page.getByTestId('department-table').textContent()).toContain('合计');
    const overdue = page.getByTestId('overdue-table');
    const links = await overdue.getByTestId('case-link').allTextContents();
    expect(links).toHaveLength(overdueOpen);
    expect(links[0]).toBe(overdueNo);
    const staff = page.getByTestId('staff-table');
    expect(await staff.locator('tbody tr').first().textContent()).toBe('李明社保服务科2批评教育');
    // every figure of statistics.md with 环比, 同比 and its definition
    await page.getByTestId('all-figures').getByText('全部指标').click();
    const all = page.getByTestId('figure-table');
    await all.waitFor();
    expect(await all.locator('tbody tr').count()).toBe(25);
    expect(await all.locator('tbody tr').filter({ hasText: '受理率' }).first().textContent()).toContain('受理 ÷ 登记量。');
    await page.mouse.move(0, 0);
    await shot(page, 'statistics-supervisor');

    // one month back: October's figures, the trend ends there
    await page.getByTestId('period-previous').click();
    await expect.poll(() => page.getByTestId('stats-period').textContent()).toBe(BEFORE.label);
    await expect.poll(() => valueOf(page, 'registered')).toBe('2');
    expect(await valueOf(page, 'overdueOpen')).toBe('0');
    await expect.poll(async () => (await trend.locator('svg text').allTextContents()).includes(monthBack(13).label)).toBe(true);
    await page.getByTestId('period-next').click();
    await expect.poll(() => valueOf(page, 'registered')).toBe('6');

    // quarter, year, a custom range (starting as the year's dates), and back to last month
    const [y, m] = LAST.month.split('-').map(Number);
    const kind = (label: string) => page.getByTestId('period-picker').locator('.ant-segmented-item').filter({ hasText: new RegExp(`^${label}$`) }).click();
    await kind('季度');
    await expect.poll(() => page.getByTestId('stats-period').textContent()).toBe(`${y}年第${Math.floor((m - 1) / 3) + 1}季度`);
    await kind('年');
    await expect.poll(() => page.getByTestId('stats-period').textContent()).toBe(`${y}年`);
    await kind('自定义');
    await expect.poll(() => page.getByTestId('stats-period').textContent()).toBe(`${y}-01-01 至 ${y}-12-31`);
    expect(Number(await valueOf(page, 'registered'))).toBeGreaterThanOrEqual(6);
    await kind('月');
    await expect.poll(() => page.getByTestId('stats-period').textContent()).toBe(LAST.label);
    await expect.poll(() => valueOf(page, 'registered')).toBe('6');

    // the public version: no staff, no lists, small cells as <3
    await page.getByTestId('public-switch').click();
    await page.getByTestId('public-note').waitFor();
    expect(await page.getByTestId('staff-card').count()).toBe(0);
    expect(await page.getByTestId('overdue-table').count()).toBe(0);
    expect(await page.getByTestId('breakdown-byChannel').textContent()).toContain('<3');
    expect(await page.getByTestId('chart-channel').locator('svg text').allTextContents()).toContain('<3');
    expect(await page.locator('body').textContent()).not.toContain('李明');
    await page.mouse.move(0, 0);
    await shot(page, 'statistics-public');

    // a page opened from the overdue list is the case; back on 统计 the same month is shown
    await page.getByTestId('public-switch').click();
    await page.getByTestId('overdue-table').getByTestId('case-link').first().click();
    await page.getByTestId('case-detail').waitFor();
    await page.goBack();
    await expect.poll(() => page.getByTestId('stats-period').textContent()).toBe(LAST.label);
    await page.close();
  });

  it('the supervisor exports the workbook of the month', async () => {
    const page = await openStatistics('boss');
    const button = page.getByTestId('export-xlsx');
    if ((await button.count()) === 0) return;
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const file = await downloadedFile(download);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.close();
  });

  it('the supervisor issues last month\'s summary: a confirm naming the period and version, the stored PDF delivered, the record in 已签发', async () => {
    const page = await openStatistics('boss');
    await expect.poll(() => page.getByTestId('stats-period').textContent()).toBe(LAST.label);
    await page.getByTestId('issued-summaries').waitFor();
    expect(await page.getByTestId('issued-summaries').textContent()).toContain('尚未签发统计汇总表');
    await page.getByTestId('issue-summary').click();
    const confirm = page.getByTestId('issue-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(`签发 ${LAST.label}（${LAST.month}-01 至 `);
    expect(await confirm.textContent()).toContain('（内部版）');
    await page.mouse.move(0, 0);
    await shot(page, 'statistics-issue-confirm');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.ant-modal-confirm-btns').getByRole('button', { name: /签\s*发/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^投诉统计-${LAST.label}-签发\\d{8}\\.pdf$`));
    const bytes = fs.readFileSync(await downloadedFile(download));
    const sha = createHash('sha256').update(bytes).digest('hex');
    // the record: period, 内部版, the issuer, the SHA-256's first 12 hex digits (the downloaded file's)
    const row = page.getByTestId('issued-summaries').locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toContain(sha.slice(0, 12));
    expect(await row.textContent()).toContain(LAST.label);
    expect(await row.textContent()).toContain('内部版');
    expect(await row.textContent()).toContain('赵主任');
    const file = path.join(os.tmpdir(), `issued-${sha.slice(0, 8)}.pdf`);
    fs.writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/[ \u00a0]+/g, '');
    fs.rmSync(file);
    expect(text).toContain('制表人：赵主任');
    expect(text).not.toContain('李明');
    const records = await boss().call<Array<{ sha256: string; public: boolean }>>('statistics/summaries', {});
    expect(records.map((r) => [r.sha256, r.public])).toEqual([[sha, false]]);
    await page.mouse.move(0, 0);
    await shot(page, 'statistics-issued');
    await page.close();

    // the auditor sees it in 已签发 and downloads the same bytes; no 签发 button
    const audit = await openStatistics('audit');
    await audit.getByTestId('issued-summaries').locator('tbody tr').filter({ hasText: sha.slice(0, 12) }).waitFor();
    expect(await audit.getByTestId('issue-summary').count()).toBe(0);
    const [again] = await Promise.all([audit.waitForEvent('download'), audit.getByTestId('summary-download').first().click()]);
    expect(createHash('sha256').update(fs.readFileSync(await downloadedFile(again))).digest('hex')).toBe(sha);
    await audit.close();
  });

  it('an auditor sees the figures and the overdue list, but no per-staff table', async () => {
    const page = await openStatistics('audit');
    expect(await valueOf(page, 'registered')).toBe('6');
    await page.getByTestId('overdue-table').waitFor();
    expect(await page.getByTestId('overdue-table').getByTestId('case-link').first().textContent()).toBe(overdueNo);
    expect(await page.getByTestId('staff-card').count()).toBe(0);
    expect(await page.getByTestId('staff-table').count()).toBe(0);
    await shot(page, 'statistics-auditor');
    await page.close();
  });

  it('an admin sees the overdue list without links into cases (admins open no cases)', async () => {
    const { page: p } = await newPage(browser, served.url);
    await p.getByLabel('用户名').fill('admin');
    await p.getByLabel('密码').fill(PASSWORD);
    await p.getByRole('button', { name: '登录' }).click();
    await p.getByRole('menuitem', { name: /统计/ }).click();
    await p.getByTestId('overdue-table').waitFor();
    expect(await p.getByTestId('overdue-table').textContent()).toContain(overdueNo);
    expect(await p.getByTestId('overdue-table').getByTestId('case-link').count()).toBe(0);
    await p.getByTestId('staff-table').waitFor();
    await p.close();
  });
});
