import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, E2E_PASSWORD, launchBrowser, shot, signInPage, startServe, type Served } from './harness';

/**
 * 重复件 (issue 9 item 6) in Debian's Chromium against `serve`: the clerk types the phone of someone who
 * complained before, sees that earlier case beside the form, links the new one to it and saves; the register's
 * 重复件 filter shows it; both case pages show the link; a supervisor links another case later from its page.
 */
let served: Served;
let browser: Browser;
let boss: ApiClient;

const PHONE = '13912345678';
type Detail = { id: number; version: number; registerNo: string; repeatOf: { registerNo: string } | null };
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

/** Local (Shanghai) date and time `days` ago, as the registration form types it. */
function shanghai(daysAgo: number): string {
  const at = new Date(Date.now() - daysAgo * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .format(at).replace('T', ' ');
}

const register = (over: Record<string, unknown>) => boss.call<Detail>('cases/register', {
  receivedAt: shanghai(40), channel: '电话', caseType: '投诉', subject: '停车场收费不透明', account: '来电反映停车场收费标准未公示。',
  complainants: [{ name: '孙立', phone: PHONE }], ...over,
});

let earlier: Detail;
let other: Detail;
let later: Detail;
let newRegisterNo = '';

beforeAll(async () => {
  served = await startServe();
  browser = await launchBrowser();
  const admin = new ApiClient(served.url);
  await admin.call('setup/init', {
    office: { name: '测试县政务服务中心', address: '', phone: '' },
    admin: { username: 'admin', displayName: '王管理', password: E2E_PASSWORD },
  });
  await admin.call('users/create', { username: 'clerk', displayName: '陈登记', password: E2E_PASSWORD, role: 'clerk' });
  await admin.call('users/create', { username: 'boss', displayName: '赵主任', password: E2E_PASSWORD, role: 'supervisor' });
  boss = new ApiClient(served.url);
  await boss.call('auth/signIn', { username: 'boss', password: E2E_PASSWORD });
  earlier = await register({});
  // Someone else's phone: never beside the form.
  other = await register({ complainants: [{ name: '钱多', phone: '13700001111' }], subject: '窗口排队时间长' });
  // Registered later by the supervisor without a link: linked afterwards from its page.
  later = await register({ receivedAt: shanghai(10), subject: '停车场收费仍未公示' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

async function pick(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

describe('重复件 from the registration form to both case pages and the register', () => {
  it('shows the earlier case of the typed phone beside the form; 作为重复件关联 and save link the new case', async () => {
    const page = await signInPage(browser, served.url, 'clerk');
    await page.goto(`${served.url}#/cases/new`);
    await page.getByTestId('registration-form').waitFor();
    const panel = page.getByTestId('repeat-panel');
    await panel.getByTestId('repeat-hint').waitFor();
    await pick(page, '来源渠道', '来访');
    await pick(page, '类型', '投诉');
    await page.getByLabel('姓名').fill('孙立');
    // Typed key by key: nothing is looked up until the number is complete.
    const asked: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/cases/repeatCandidates')) asked.push(r.postData() ?? ''); });
    await page.getByLabel('联系电话').pressSequentially(PHONE, { delay: 30 });
    const items = panel.getByTestId('repeat-candidate');
    // Both earlier cases of the phone, newest first; the other person's case not.
    await poll(() => items.count()).toBe(2);
    expect(asked).toHaveLength(1);
    expect(JSON.parse(asked[0])).toMatchObject({ phone: PHONE });
    expect(await items.first().textContent()).toContain(later.registerNo);
    const item = items.nth(1);
    expect(await item.textContent()).toContain(earlier.registerNo);
    expect(await item.textContent()).toContain('停车场收费不透明');
    expect(await item.textContent()).toContain('电话相同');
    expect(await panel.textContent()).not.toContain(other.registerNo);
    // 在新标签页查看 opens the earlier case beside the form, which stays as it is.
    const [tab] = await Promise.all([page.context().waitForEvent('page'), item.getByTestId('repeat-open').click()]);
    await tab.getByTestId('case-detail').waitFor();
    expect(await tab.getByTestId('register-no').textContent()).toContain(earlier.registerNo);
    await tab.close();
    expect(await page.getByLabel('联系电话').inputValue()).toBe(PHONE);
    await page.getByLabel('事由').fill('停车场收费标准仍未公示');
    await page.getByLabel('详细情况').fill('来访人称一个多月前已来电反映，至今未见公示。');
    await shot(page, 'repeats-01-panel-beside-form');

    await item.getByTestId('repeat-link').click();
    await poll(() => panel.getByTestId('repeat-choice').textContent()).toBe(`保存时将本件标记为 ${earlier.registerNo} 的重复件`);
    await shot(page, 'repeats-02-linked-before-save');
    await page.getByTestId('save-case').click();
    await page.getByTestId('case-detail').waitFor();
    newRegisterNo = (await page.getByTestId('register-no').textContent())?.trim() ?? '';
    expect(newRegisterNo).toMatch(/^\d{4}-\d{6}$/);
    const links = page.getByTestId('repeat-links');
    await poll(() => links.getByTestId('repeat-of').textContent()).toContain(earlier.registerNo);
    expect(await links.textContent()).toContain('陈登记');
    expect(await page.getByTestId('timeline').textContent()).toContain(`标记为 ${earlier.registerNo} 的重复件`);
    await shot(page, 'repeats-03-new-case-page');

    // The earlier case's page names the new one.
    await links.getByTestId('repeat-of').getByRole('link').click();
    await poll(() => page.getByTestId('register-no').textContent()).toContain(earlier.registerNo);
    await poll(() => page.getByTestId('repeat-links').getByTestId('repeated-by').first().textContent()).toContain(newRegisterNo);
    await shot(page, 'repeats-04-earlier-case-page');
    await page.context().close();
  });

  it('the supervisor marks another case later from its page, choosing among the earlier cases of its phone', async () => {
    const page = await signInPage(browser, served.url, 'boss');
    await page.goto(`${served.url}#/cases/${later.id}`);
    const links = page.getByTestId('repeat-links');
    await links.getByTestId('repeat-mark').click();
    const dialog = page.getByRole('dialog');
    const choices = dialog.getByTestId('repeat-mark-candidate');
    await poll(() => choices.count()).toBe(1); // the earlier case (the clerk's new one was received after this one)
    expect(await choices.first().textContent()).toContain(earlier.registerNo);
    await choices.first().click();
    await shot(page, 'repeats-05-mark-later-dialog');
    await dialog.getByTestId('repeat-mark-ok').click();
    await dialog.waitFor({ state: 'detached' });
    await poll(() => links.getByTestId('repeat-of').textContent()).toContain(earlier.registerNo);
    expect((await boss.call<Detail>('cases/get', { id: later.id })).repeatOf?.registerNo).toBe(earlier.registerNo);
    await page.context().close();
  });

  it('the register\'s 重复件 filter lists exactly the linked cases', async () => {
    const page = await signInPage(browser, served.url, 'clerk');
    await page.goto(`${served.url}#/register`);
    const table = page.getByTestId('register-table');
    const numbers = () => table.locator('tbody tr.clickable-row td:first-child').allTextContents();
    await poll(async () => (await numbers()).length).toBe(4);
    const filter = page.getByTestId('filter-repeat');
    await filter.click();
    await page.locator('.ant-select-item-option').filter({ hasText: '仅重复件' }).click();
    await poll(() => numbers().then((n) => n.map((s) => s.trim()).sort())).toEqual([later.registerNo, newRegisterNo].sort());
    expect(page.url()).toContain('repeat=1');
    await page.keyboard.press('Escape');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await shot(page, 'repeats-06-register-filter');
    await page.context().close();
  });
});
