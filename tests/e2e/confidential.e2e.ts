import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, E2E_PASSWORD, launchBrowser, openCaseByNo, shot, signInPage, startServe, type Served } from './harness';

/**
 * A confidential complainant on the case page: a clerk who did not receive the case sees the identity
 * masked, is not offered 查看完整身份信息, and edits the rest with the identity, 匿名, 要求保密 and 首问责任人
 * locked; the recorder corrects the phone and the timeline shows it; the auditor is offered the reveal.
 */
let served: Served;
let browser: Browser;
let registerNo = '';

const PASSWORD = E2E_PASSWORD;
const NAME = '欧阳娜娜';

const signIn = (username: string): Promise<Page> => signInPage(browser, served.url, username);
const openCase = (page: Page): Promise<void> => openCaseByNo(page, served.url, registerNo);

async function openEdit(page: Page): Promise<ReturnType<Page['getByRole']>> {
  await page.getByTestId('case-actions').getByRole('button', { name: '修改登记信息', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('registration-form').waitFor();
  return dialog;
}

beforeAll(async () => {
  served = await startServe();
  browser = await launchBrowser();
  const admin = new ApiClient(served.url);
  await admin.call('setup/init', {
    office: { name: '测试县政务服务中心', address: '', phone: '' },
    admin: { username: 'admin', displayName: '王管理', password: PASSWORD },
  });
  for (const [username, displayName, role] of [['luru', '陈登记', 'clerk'], ['other', '孙丽', 'clerk'], ['audit', '钱审计', 'auditor']] as const) {
    await admin.call('users/create', { username, displayName, password: PASSWORD, role });
  }
  const recorder = new ApiClient(served.url);
  await recorder.call('auth/signIn', { username: 'luru', password: PASSWORD });
  const now = new Date(Date.now() - 10 * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const receivedAt = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
  const c = await recorder.call<{ registerNo: string }>('cases/register', {
    receivedAt, channel: '电话', caseType: '投诉', isConfidential: true,
    complainants: [{ name: NAME, phone: '13712345678', idNumber: '', address: '滨江区江南大道88号', employer: '' }],
    subject: '窗口排队时间过长', account: '上午排队两小时仍未办理。', request: '增开窗口',
  });
  registerNo = c.registerNo;
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('a confidential complainant on the case page', () => {
  it('another clerk sees it masked, is not offered the reveal, and edits the rest with the identity locked', async () => {
    const page = await signIn('other');
    expect(await page.getByText(NAME).count()).toBe(0);
    await openCase(page);
    const info = page.getByTestId('registration-info');
    await info.getByTestId('identity-masked').waitFor();
    expect(await info.getByTestId('reveal-identity').count()).toBe(0);
    expect(await info.textContent()).not.toContain(NAME);
    const dialog = await openEdit(page);
    await dialog.getByTestId('identity-locked').waitFor();
    expect(await dialog.getByLabel('姓名').isDisabled()).toBe(true);
    expect(await dialog.getByLabel('联系电话').isDisabled()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: '要求保密' }).isDisabled()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: '匿名' }).isDisabled()).toBe(true);
    expect(await dialog.getByLabel('首问责任人').isDisabled()).toBe(true);
    await dialog.getByLabel('事由').fill('窗口排队时间过长（孙丽补充）');
    await shot(page, '21-confidential-edit-locked');
    await dialog.getByTestId('action-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => info.textContent()).toContain('孙丽补充');
    expect(await info.textContent()).toContain('要求保密');
    expect(await info.textContent()).not.toContain(NAME);
  });

  it('the recorder corrects the phone; the timeline shows the change', async () => {
    const page = await signIn('luru');
    await openCase(page);
    const info = page.getByTestId('registration-info');
    expect(await info.textContent()).toContain(NAME);
    expect(await info.getByTestId('reveal-identity').count()).toBe(0);
    const dialog = await openEdit(page);
    expect(await dialog.getByLabel('姓名').isDisabled()).toBe(false);
    expect(await dialog.getByLabel('首问责任人').isDisabled()).toBe(true);
    await dialog.getByLabel('联系电话').fill('13798764321');
    await dialog.getByTestId('action-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const timeline = page.getByTestId('timeline');
    await expect.poll(() => timeline.textContent()).toContain('诉求人联系电话: 13712345678 → 13798764321');
    await shot(page, '22-confidential-phone-corrected');
  });

  it('the auditor sees it masked, the phone change masked too, and is offered the recorded reveal', async () => {
    const page = await signIn('audit');
    await openCase(page);
    const info = page.getByTestId('registration-info');
    await info.getByTestId('reveal-identity').waitFor();
    expect(await info.textContent()).not.toContain(NAME);
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('诉求人联系电话: 137****5678 → 137****4321');
    await shot(page, '23-confidential-auditor');
  });

  it('the auditor verifies the history, is shown the chain head, and proves it against a head written down', async () => {
    const page = await signIn('audit');
    await page.getByRole('button', { name: '审计核验' }).click();
    const dialog = page.getByTestId('verify-dialog');
    await dialog.getByText('未发现被修改、删除或绕过系统改动的痕迹').waitFor();
    const head = ((await dialog.getByTestId('verify-head').textContent()) ?? '').trim();
    expect(head).toMatch(/^\d+:[0-9a-f]{64}$/);
    await dialog.getByPlaceholder('之前记下的链头').fill(head);
    await dialog.getByRole('button', { name: '核对链头' }).click();
    await dialog.getByText('仍在历史链中').waitFor();
    await shot(page, '24-auditor-verify-anchor');
  });
});
