import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, downloadedFile, E2E_PASSWORD, launchBrowser, newPage, shot, startServe, type Served } from './harness';

/**
 * The admin's 设置 in a browser: a deadline out of range is named with its range instead of silently
 * clamped; a calendar CSV saved by Excel (GBK) is previewed, then imported; the year comes back as a
 * download named 工作日历-2027.csv.
 */
let served: Served;
let browser: Browser;
let page: Page;

// "日期,类型,名称\r\n2027-01-01,休,元旦\r\n2027-02-07,班,春节调休上班" in GBK, as Excel's "CSV (逗号分隔)" saves it.
const GBK_2027 = Buffer.from('c8d5c6da2cc0e0d0cd2cc3fbb3c60d0a323032372d30312d30312cd0dd2cd4aab5a90d0a323032372d30322d30372cb0e02cb4babddab5f7d0ddc9cfb0e0', 'hex');

beforeAll(async () => {
  served = await startServe();
  browser = await launchBrowser();
  const api = new ApiClient(served.url);
  await api.call('setup/init', { office: { name: '设置测试中心' }, admin: { username: 'admin', displayName: '管理员', password: E2E_PASSWORD } });
  ({ page } = await newPage(browser, served.url));
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '登录' }).waitFor({ state: 'detached' });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('期限规则', () => {
  it('shows each range beside its field and names a number out of range instead of clamping it', async () => {
    await page.goto(`${served.url}#/settings?tab=deadlines`);
    const accept = page.getByLabel('受理期限（工作日）');
    await accept.waitFor();
    expect(await page.getByTestId('range-deadlines.acceptWorkingDays').innerText()).toBe('可填 1–60');
    expect(await page.getByTestId('range-deadlines.overallCalendarDays').innerText()).toBe('可填 1–365');
    await accept.fill('0');
    const overall = page.getByLabel('总办结期限（自然日）');
    await overall.fill('400');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('「受理期限（工作日）」不能小于 1').first().waitFor();
    await page.getByText('「总办结期限（自然日）」不能大于 365').first().waitFor();
    expect(await accept.inputValue()).toBe('0');
    expect(await overall.inputValue()).toBe('400');
    await shot(page, 'settings-deadlines-range');
    const api = new ApiClient(served.url);
    await api.call('auth/signIn', { username: 'admin', password: E2E_PASSWORD });
    const saved = await api.call<{ deadlines: { acceptWorkingDays: number; overallCalendarDays: number } }>('settings/get');
    expect([saved.deadlines.acceptWorkingDays, saved.deadlines.overallCalendarDays]).toEqual([3, 15]);
  });
});

describe('工作日历', () => {
  it('previews an Excel (GBK) calendar file, imports it after confirming, and exports the year as a download', async () => {
    await page.goto(`${served.url}#/settings?tab=calendar`);
    await page.getByTestId('calendar-coverage').waitFor();
    await page.getByTestId('calendar-file').setInputFiles({ name: '2027.csv', mimeType: 'text/csv', buffer: GBK_2027 });
    const preview = page.getByTestId('calendar-import-preview');
    await preview.getByTestId('calendar-import-counts').waitFor();
    expect(await preview.getByTestId('calendar-import-counts').innerText()).toBe('新增 2 天，删除 0 天，修改 0 天，不变 0 天');
    expect(await preview.innerText()).toContain('GBK');
    expect(await preview.innerText()).toContain('春节调休上班');
    await shot(page, 'calendar-import-preview');
    await page.getByRole('button', { name: '确认导入 2027 年' }).click();
    await preview.waitFor({ state: 'detached' });
    await page.getByText('2027 年：已包含本年节假日安排').waitFor();
    expect(await page.getByTestId('calendar-days').innerText()).toContain('元旦');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出本年' }).click()]);
    expect(download.suggestedFilename()).toBe('工作日历-2027.csv');
    const bytes = fs.readFileSync(await downloadedFile(download));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('2027-02-07,班,春节调休上班');
    await page.getByText('已导出 工作日历-2027.csv').waitFor();
    await shot(page, 'calendar-imported-exported');
  });
});
