import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, E2E_PASSWORD, launchBrowser, newPage, shot, signInPage, startServe, type Served } from './harness';

/**
 * 设置 → 备份与恢复 in a browser against `serve`: the admin backs up now and sees the new row verified, sets a
 * second destination (and is told, under the field, that a missing folder will not do), changes the register,
 * restores the earlier backup and finds the change gone and everyone signed out; a supervisor sees the
 * 工作台's warning once the second destination has disappeared, and follows it to the tab.
 */
let served: Served;
let browser: Browser;
let admin: Page;
const OFFICE = '备份测试中心';
const CHANGED = '备份之后改过的名称';
const second = fs.mkdtempSync(path.join(os.tmpdir(), 'register-e2e-second-'));

beforeAll(async () => {
  served = await startServe();
  browser = await launchBrowser();
  const api = new ApiClient(served.url);
  await api.call('setup/init', { office: { name: OFFICE }, admin: { username: 'admin', displayName: '管理员', password: E2E_PASSWORD } });
  await api.call('users/create', { username: 'zhuguan', displayName: '王主管', role: 'supervisor', password: E2E_PASSWORD });
  ({ page: admin } = await newPage(browser, served.url));
  await signInAdmin(admin);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  fs.rmSync(second, { recursive: true, force: true });
});

async function signInAdmin(page: Page): Promise<void> {
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '登录' }).waitFor({ state: 'detached' });
}

async function openTab(page: Page): Promise<void> {
  await page.goto(`${served.url}#/settings?tab=backups`);
  await page.getByTestId('backups-tab').waitFor();
}

/**
 * Clicks 立即备份 and waits for the run to end and the list to show its backup on top (a destination keeps one
 * backup per day, so the list need not grow: the newest row changes); answers the results' text.
 */
async function backUpNow(page: Page): Promise<string> {
  const rows = page.getByTestId('backup-list').locator('tbody tr.ant-table-row');
  const newestBefore = (await rows.count()) > 0 ? await rows.first().innerText() : '';
  await page.getByTestId('backup-run-button').click();
  await page.getByTestId('backup-progress').waitFor();
  await page.getByTestId('backup-result').first().waitFor({ timeout: 60_000 });
  await expect.poll(async () => ((await rows.count()) > 0 ? rows.first().innerText() : ''), { timeout: 30_000 }).not.toBe(newestBefore);
  return page.getByTestId('backup-progress').innerText();
}

describe('备份与恢复 (admin)', () => {
  it('backs up now: the progress ends with the saved file, and the newest row is 手动 and verified', async () => {
    await openTab(admin);
    expect(await admin.getByTestId('backup-next').innerText()).toMatch(/^下次自动备份：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const results = await backUpNow(admin);
    expect(results).toContain('已保存 register-');
    const first = admin.getByTestId('backup-list').locator('tbody tr.ant-table-row').first();
    const text = await first.innerText();
    // 手动, unless the day's scheduled backup (5 s after the server's first start) was still being made when
    // 立即备份 was pressed: one run at a time, so the button follows that run and its row says 每日.
    expect(text).toMatch(/手动|每日/);
    expect(text).toContain('默认位置');
    expect(text).toMatch(/\d+:[0-9a-f]{12}/);
    await first.getByTestId('backup-verified').waitFor();
    await shot(admin, 'backup-now-verified');
  });

  it('sets a second destination, and names 第二备份位置 for a folder that does not exist (nothing saved)', async () => {
    await openTab(admin);
    const field = admin.getByLabel('第二备份位置');
    await field.fill(path.join(second, '不存在的文件夹'));
    await admin.getByTestId('backup-settings-save').click();
    const error = admin.getByTestId('backup-settings').locator('.ant-form-item-explain-error').first();
    await error.waitFor();
    expect(await error.innerText()).toContain('第二备份位置');
    await shot(admin, 'backup-second-destination-refused');
    const api = new ApiClient(served.url);
    await api.call('auth/signIn', { username: 'admin', password: E2E_PASSWORD });
    expect((await api.call<{ settings: { secondDestination: string | null } }>('backup/status')).settings.secondDestination).toBeNull();

    await field.fill(second);
    await admin.getByTestId('backup-settings-save').click();
    await admin.getByText('已保存').first().waitFor();
    expect((await api.call<{ settings: { secondDestination: string | null } }>('backup/status')).settings.secondDestination).toBe(second);
    const results = await backUpNow(admin);
    expect(results).toContain(second);
    expect(fs.readdirSync(second).some((f) => /^register-\d{8}-\d{6}\.sqlite$/.test(f))).toBe(true);
    await admin.getByTestId('destination-second').waitFor();
    await shot(admin, 'backup-second-destination');
  });

  it('restores an earlier backup: what it holds first, then the change made since is gone and everyone is signed out', async () => {
    const api = new ApiClient(served.url);
    await api.call('auth/signIn', { username: 'admin', password: E2E_PASSWORD });
    const status = await api.call<{ backups: { file: string; destination: string; verified: boolean; cases: number; head: { count: number; hash: string } }[] }>('backup/status');
    const older = status.backups.find((b) => b.verified && !b.destination.startsWith(second))!;
    expect(older).toBeTruthy();
    // the same backup kept on a USB disk: a folder no backup run rotates (a run keeps one backup per day per destination)
    const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'register-e2e-usb-'));
    const kept = path.join(usb, path.basename(older.file));
    fs.copyFileSync(older.file, kept);
    fs.copyFileSync(older.file.replace(/\.sqlite$/, '.manifest.json'), kept.replace(/\.sqlite$/, '.manifest.json'));
    const settings = await api.call<{ office: Record<string, unknown> }>('settings/get');
    await api.call('settings/update', { office: { ...settings.office, name: CHANGED } });

    // from a row: the backup is verified in full and shown before anything happens
    await openTab(admin);
    const row = admin.getByTestId('backup-list').locator('tbody tr.ant-table-row')
      .filter({ hasText: `${older.head.count}:${older.head.hash.slice(0, 12)}` }).filter({ hasText: '默认位置' }).first();
    await row.getByTestId('backup-restore').click();
    let dialog = admin.getByTestId('restore-dialog');
    await dialog.getByTestId('backup-summary').waitFor({ timeout: 60_000 });
    expect(await dialog.getByTestId('backup-summary-head').innerText()).toBe(`${older.head.count}:${older.head.hash}`);
    await dialog.getByTestId('backup-summary-verified').waitFor();
    await admin.getByRole('button', { name: '取 消' }).or(admin.getByRole('button', { name: '取消' })).first().click();
    await dialog.waitFor({ state: 'detached' });
    expect((await api.call<{ office: { name: string } }>('settings/get')).office.name).toBe(CHANGED);

    // 从文件恢复: the copy on the USB disk, typed
    await admin.getByTestId('restore-from-file').getByLabel('备份文件').fill(kept);
    await admin.getByTestId('restore-from-file-button').click();
    dialog = admin.getByTestId('restore-dialog');
    await dialog.getByTestId('backup-summary').waitFor({ timeout: 60_000 });
    expect(await dialog.getByTestId('backup-summary-head').innerText()).toBe(`${older.head.count}:${older.head.hash}`);
    await dialog.getByTestId('backup-summary-verified').waitFor();
    expect(await dialog.getByTestId('restore-warning').innerText()).toContain('安全副本');
    await shot(admin, 'backup-restore-confirm');
    await admin.getByTestId('restore-confirm').click();

    const notice = admin.getByTestId('sign-in-notice');
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.innerText()).toContain('所有人已退出登录');
    expect(await notice.innerText()).toContain('before-restore');
    expect(await admin.getByTestId('office-name').innerText()).toBe(OFFICE);
    await shot(admin, 'backup-restored-signed-out');
    // the old session is gone for every client, and the register is the backup's
    await expect(api.call('backup/status')).rejects.toThrow(/重新登录/);
    await api.call('auth/signIn', { username: 'admin', password: E2E_PASSWORD });
    expect((await api.call<{ office: { name: string } }>('settings/get')).office.name).toBe(OFFICE);
    expect(fs.readdirSync(served.dataDir).some((f) => f.startsWith('register.sqlite.before-restore-'))).toBe(true);
    await signInAdmin(admin);
    fs.rmSync(usb, { recursive: true, force: true });
  });
});

describe('工作台 backup warning (supervisor)', () => {
  it('shows the failing second destination at the top of the 工作台 and links to 备份与恢复', async () => {
    const api = new ApiClient(served.url);
    await api.call('auth/signIn', { username: 'admin', password: E2E_PASSWORD });
    const gone = fs.mkdtempSync(path.join(os.tmpdir(), 'register-e2e-gone-'));
    const status = await api.call<{ settings: Record<string, unknown> }>('backup/status');
    await api.call('backup/saveSettings', { ...status.settings, secondDestination: gone });
    fs.rmSync(gone, { recursive: true, force: true });

    const supervisor = await signInPage(browser, served.url, 'zhuguan');
    await openTab(supervisor);
    expect(await supervisor.getByLabel('第二备份位置').count()).toBe(0);
    await backUpNow(supervisor);
    expect(await supervisor.getByTestId('backup-result').filter({ hasText: gone }).innerText()).toContain(gone);

    await supervisor.goto(`${served.url}#/dashboard`);
    const warning = supervisor.getByTestId('backup-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('备份提醒');
    await shot(supervisor, 'backup-dashboard-warning');
    await warning.getByTestId('backup-warning-open').click();
    await supervisor.getByTestId('backups-tab').waitFor();
    expect(await supervisor.getByTestId('backup-last-failure').innerText()).toContain(gone);
    await shot(supervisor, 'backup-supervisor-tab');

    // the admin has no 工作台: the failing destination is named at the top of 设置's other tabs
    await admin.goto(`${served.url}#/settings?tab=office`);
    const trouble = admin.getByTestId('backup-trouble');
    await trouble.waitFor();
    expect(await trouble.innerText()).toContain(gone);
    await shot(admin, 'backup-admin-settings-warning');
    await trouble.getByRole('button', { name: '打开「备份与恢复」' }).click();
    await admin.getByTestId('backups-tab').waitFor();
    expect(await admin.getByTestId('backup-trouble').count()).toBe(0);
  });
});

describe('恢复页面 (a damaged register at start)', () => {
  it('says what happened and where the file went, restores the newest verified backup with an admin of that backup, then signs in', async () => {
    const dataDir = served.dataDir;
    await served.stop();
    // the first page zeroed: not a database any more
    const fd = fs.openSync(path.join(dataDir, 'register.sqlite'), 'r+');
    fs.writeSync(fd, Buffer.alloc(4096), 0, 4096, 0);
    fs.closeSync(fd);
    served = await startServe(dataDir);

    const { page } = await newPage(browser, served.url);
    await page.getByTestId('recovery-page').waitFor();
    expect(await page.getByTestId('recovery-message').innerText()).toContain('已损坏');
    const movedTo = await page.getByTestId('recovery-moved-to').innerText();
    expect(path.basename(movedTo)).toMatch(/^register\.sqlite\.corrupt-\d{8}-\d{6}$/);
    expect(fs.existsSync(movedTo)).toBe(true);
    await page.getByTestId('backup-summary-verified').waitFor();
    await page.getByLabel('管理员用户名').fill('admin');
    await page.getByLabel('管理员密码').fill('not-the-password');
    await page.getByTestId('recovery-submit').click();
    await page.getByText('「用户名」或「密码」不正确').first().waitFor();
    await shot(page, 'backup-recovery-page');
    expect(fs.existsSync(path.join(dataDir, 'register.sqlite'))).toBe(false);

    await page.getByLabel('管理员密码').fill(E2E_PASSWORD);
    await page.getByTestId('recovery-submit').click();
    const notice = page.getByTestId('sign-in-notice');
    await notice.waitFor({ timeout: 60_000 });
    expect(await notice.innerText()).toContain(movedTo);
    expect(await page.getByTestId('office-name').innerText()).toBe(OFFICE);
    await shot(page, 'backup-recovered-sign-in');
    await signInAdmin(page);
    await page.getByTestId('main-menu').waitFor();
  });
});
