import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, E2E_PASSWORD, launchBrowser, newPage, shot, startServe, type Served } from './harness';

/**
 * Signing in as a person at the browser meets it: a cold start that logs nothing in the console, five
 * wrong passwords that lock the account with the time it unlocks written on the page, and an admin
 * who lifts the lock from 用户.
 */
let served: Served;
let browser: Browser;
const PASSWORD = E2E_PASSWORD;

beforeAll(async () => {
  served = await startServe();
  browser = await launchBrowser();
  const api = new ApiClient(served.url);
  await api.call('setup/init', { office: { name: '登录测试中心' }, admin: { username: 'admin', displayName: '管理员', password: PASSWORD } });
  await api.call('users/create', { username: 'clerk', displayName: '王芳', password: PASSWORD, role: 'clerk' });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('sign-in page', () => {
  it('loads signed out without a console error', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m: ConsoleMessage) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.url);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says when a locked account unlocks, and the admin can unlock it', async () => {
    const { context, page } = await newPage(browser, served.url);
    const attempt = async (password: string) => {
      await page.getByLabel('用户名').fill('clerk');
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByTestId('sign-in-refusal').waitFor();
      return page.getByTestId('sign-in-refusal').innerText();
    };
    for (let i = 0; i < 4; i++) expect(await attempt(`wrong-${i}`)).toBe('用户名或密码不正确');
    expect(await attempt('wrong-5')).toMatch(/^用户名或密码不正确。账号已锁定，请于 \d\d:\d\d 后再试，或请管理员解锁$/);
    const locked = await attempt(PASSWORD);
    expect(locked).toMatch(/^账号已锁定，请于 \d\d:\d\d 后再试，或请管理员解锁$/);
    await shot(page, 'sign-in-locked');

    const admin = await newPage(browser, served.url);
    await admin.page.getByLabel('用户名').fill('admin');
    await admin.page.getByLabel('密码').fill(PASSWORD);
    await admin.page.getByRole('button', { name: '登录' }).click();
    await admin.page.getByRole('button', { name: '登录' }).waitFor({ state: 'detached' });
    await admin.page.goto(`${served.url}#/users`);
    await admin.page.getByTestId('locked-clerk').waitFor();
    await shot(admin.page, 'users-locked');
    await admin.page.getByTestId('unlock-clerk').click();
    await admin.page.getByTestId('locked-clerk').waitFor({ state: 'detached' });
    await admin.context.close();

    await page.getByLabel('用户名').fill('clerk');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('sign-in-refusal').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '登录' }).waitFor({ state: 'detached' });
    await context.close();
  });
});
