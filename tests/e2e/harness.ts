import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_OPTIONS } from './browser-options';
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

/**
 * How to run the command line: the bundle `npm run build` made, or the TypeScript through tsx when the bundle
 * is older than the sources (global-setup.ts decides, once per run); tsx as well outside that setup.
 */
export function cliArgs(): string[] {
  return inject('e2eCli') ?? ['--import', 'tsx', path.join(ROOT, 'electron/cli/index.ts')];
}

/** `dataDir`: a folder prepared beforehand (e.g. seeded by the CLI); by default a fresh one. */
export async function startServe(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'register-e2e-'))): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, [...cliArgs(), '--data', dataDir, 'serve', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, TZ: 'Asia/Shanghai' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A loaded CI machine running two spec files at once: the start may take a while.
  return { dataDir, ...(await watchServe(child, 60_000)) };
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

/**
 * The run's one Chromium (global-setup.ts), connected to: closing it ends this file's contexts and the
 * connection, not the browser. Launched for this file alone when there is no shared one.
 */
export async function launchBrowser(): Promise<Browser> {
  const shared = inject('e2eBrowser');
  return shared ? chromium.connect(shared) : chromium.launch(CHROMIUM_OPTIONS);
}

/**
 * The downloaded file on disk. A browser connected to (the shared one) gives no path of its own
 * (Download.path throws "when connected remotely"): saveAs streams it into the run's downloads folder
 * (global-setup.ts removes it at the end), one folder per download so equal names do not meet.
 */
export async function downloadedFile(download: Download): Promise<string> {
  const parent = inject('e2eDownloads') ?? os.tmpdir();
  const dir = fs.mkdtempSync(path.join(parent, 'download-'));
  const file = path.join(dir, download.suggestedFilename() || 'download');
  await download.saveAs(file);
  return file;
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
