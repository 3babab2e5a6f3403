import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { watchServe } from './serve-process';

/**
 * End-to-end harness: a real `serve` process on a fresh data folder, Debian's Chromium through
 * playwright-core, screenshots kept in test-results/e2e/ for a person to look at.
 */
export const SHOTS = path.resolve('test-results/e2e');
const ROOT = path.resolve(__dirname, '../..');

export interface Served {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** `dataDir`: a folder prepared beforehand (e.g. seeded by the CLI); by default a fresh one. */
export async function startServe(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'register-e2e-'))): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', '--data', dataDir, 'serve', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, TZ: 'Asia/Shanghai' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { dataDir, ...(await watchServe(child, 30_000)) };
}

/** Calls the HTTP API like any other tool would, keeping the session cookie. */
export class ApiClient {
  private cookie = '';
  constructor(private readonly base: string) {}

  async call<T = unknown>(channel: string, input: unknown = {}): Promise<T> {
    const res = await fetch(`${this.base}api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify(input),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
    return body.value;
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newPage(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(url);
  return { context, page };
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The password every e2e account is given. */
export const E2E_PASSWORD = 'e2e-pass-123';

/** A fresh page signed in as `username`, once the dashboard shows its work lists (each role has its own). */
export async function signInPage(browser: Browser, url: string, username: string): Promise<Page> {
  const { page } = await newPage(browser, url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('work-lists').waitFor();
  return page;
}

/** Finds a case in the register by its number and opens it, as a clerk would. */
export async function openCaseByNo(page: Page, url: string, registerNo: string): Promise<void> {
  await page.goto(`${url}#/register?q=${registerNo}`);
  const row = page.getByTestId('register-table').locator('tbody tr.clickable-row').first();
  await row.waitFor();
  await row.click();
  await page.getByTestId('case-detail').waitFor();
}

/**
 * Answers the antd confirm on screen with the button named `button`, once its opening animation has ended,
 * and waits until it has closed. A click while the dialog still zooms in can be lost (seen under load: the
 * 恢复默认 confirm stayed open, idle, for the rest of the spec, covering the next page's buttons).
 */
export async function answerConfirm(page: Page, button: string | RegExp): Promise<void> {
  const confirm = page.locator('.ant-modal-confirm');
  await confirm.waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector('.ant-modal-confirm');
    return el !== null && !/\bant-zoom-(appear|enter)/.test(el.className);
  });
  await confirm.getByRole('button', { name: button }).click();
  await confirm.waitFor({ state: 'detached' });
}
