/**
 * npx tsx tests/bench-ui/ab.ts --data DIR --a OUT_A --b OUT_B [--reps N] [--steps next,filter,case,open,signIn,plain]
 *
 * Two builds of the app's renderer (electron-vite build --outDir OUT), compared step by step on the same register
 * in the same minutes: A's `serve` answers both (a data folder takes one program at a time), B's pages get B's
 * renderer files instead (routed in the browser), and every repetition takes one sample of each step from A and
 * from B in turn (which goes first alternates). The core is this tree's for both (serve.ts): this compares renderers. On a shared machine whose load moves from minute to
 * minute, a comparison of two bench:ui runs taken one after the other says little; this one pairs samples
 * taken seconds apart. Prints the median wall time (input event to drawn frame) and main-thread CPU time
 * (Chromium's ThreadTime counter) per step and build, and the median of the paired differences.
 * Never migrates: the register must already have the builds' schema (schema-guard.ts, with A's source tree).
 * --shots DIR also writes each build's register (top and foot) and a case page, prints the register's
 * accessible roles, and runs LAYOUT_PROBE on each build's register.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { STATUS_LABELS, STATUSES } from '../../electron/core/domain/vocab';
import { BENCH_USER, DASHBOARD, drawn, listRows, statusOption, timed, watchCpu, type BenchContext, type Measured } from './drive';
import { IN_PAGE } from './in-page';
import { PLAIN_HTML, PLAIN_PATH } from './plain';
import { refuseToMigrate } from './schema-guard';
import { percentile, round1 } from './stats';
import { watchServe } from '../e2e/serve-process';

/**
 * The rows' own layout cost, without the network or React: the 50 rows' texts are moved one row on, then the
 * layout is forced and timed; 40 times, the low quantiles being the machine's least loaded moments.
 */
const LAYOUT_PROBE = String.raw`(() => {
  const rows = [...document.querySelectorAll('[data-testid="register-table"] tbody tr')];
  const texts = rows.map((r) => [...r.children].map((td) => td.firstChild && td.firstChild.nodeType === 3 ? td.firstChild.nodeValue : null));
  const out = [];
  for (let k = 0; k < 40; k++) {
    rows.forEach((r, i) => {
      const src = texts[(i + k + 1) % rows.length];
      [...r.children].forEach((td, j) => { if (td.firstChild && td.firstChild.nodeType === 3 && src[j] !== null) td.firstChild.nodeValue = src[j]; });
    });
    const t0 = performance.now();
    document.body.getBoundingClientRect();
    void document.body.offsetHeight;
    out.push(performance.now() - t0);
  }
  out.sort((a, b) => a - b);
  return "layout after changing 50 rows' texts: min " + out[0].toFixed(2) + ' p25 ' + out[10].toFixed(2) + ' median ' + out[20].toFixed(2) + ' ms';
})()`;

type Step = 'open' | 'next' | 'filter' | 'case' | 'signIn' | 'plain';
interface Side { name: string; b: BenchContext; nextPage: number; plainPage: Page | null; plainNext: number }

const MIME: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.woff2': 'font/woff2', '.svg': 'image/svg+xml', '.png': 'image/png' };

async function side(browser: Browser, name: string, served: { url: string; stop(): Promise<void> }, renderer: string | null): Promise<Side> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 } });
  await context.addInitScript({ content: IN_PAGE });
  if (renderer) {
    await context.route((u) => u.href.startsWith(served.url) && !u.pathname.startsWith('/api/') && !u.pathname.startsWith(`/${PLAIN_PATH}`), async (route) => {
      const rel = new URL(route.request().url()).pathname.replace(/^\//, '') || 'index.html';
      const file = path.join(renderer, rel);
      if (!file.startsWith(renderer) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return route.fulfill({ status: 404, body: '' });
      // the served page's headers (its CSP); asked again once when a kept-alive socket was closed under the request
      const headers = (await route.fetch({ url: served.url }).catch(() => route.fetch({ url: served.url }))).headers();
      await route.fulfill({ status: 200, body: fs.readFileSync(file), headers: { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', ...(rel === 'index.html' && headers['content-security-policy'] ? { 'content-security-policy': headers['content-security-policy'] } : {}) } });
    });
  }
  const page = await context.newPage();
  await watchCpu(context, page);
  await page.goto(served.url);
  await (await signIn(page)).click();
  await drawn(page, DASHBOARD);
  return { name, b: { url: served.url, page, context, api: context.request, reps: 1 }, nextPage: 2, plainPage: null, plainNext: 2 };
}

async function signIn(page: Page) {
  await page.getByLabel('用户名').fill(BENCH_USER.username);
  await page.getByLabel('密码').fill(BENCH_USER.password);
  const button = page.getByRole('button', { name: /登\s*录/ });
  return button;
}

async function sample(s: Side, step: Step, i: number, filterChoices: { label: string; rows: string[] }[], firstRows: string[]): Promise<Measured> {
  const { page, url, api, context } = s.b;
  switch (step) {
    case 'open': {
      await page.goto(`${url}#/dashboard`);
      await drawn(page, DASHBOARD);
      return timed(page, { rows: firstRows }, page.getByRole('menuitem', { name: '登记册' }));
    }
    case 'next': {
      if (s.nextPage === 2 || s.nextPage > 40) {
        await page.goto(`${url}#/register`);
        await drawn(page, { rows: firstRows });
        s.nextPage = 2;
      }
      const expected = await listRows(api, url, { page: s.nextPage++ });
      return timed(page, { rows: expected.rows }, page.getByTitle('下一页', { exact: true }).first());
    }
    case 'filter': {
      const choice = filterChoices[i % filterChoices.length];
      await page.goto(`${url}#/register`);
      await drawn(page, { rows: firstRows });
      const m = await timed(page, { rows: choice.rows }, await statusOption(page, choice.label));
      await page.keyboard.press('Escape');
      return m;
    }
    case 'case': {
      await page.goto(`${url}#/register`);
      await drawn(page, { rows: firstRows });
      const regNo = firstRows[(i * 7) % firstRows.length];
      const row = page.getByTestId('register-table').locator('tbody tr').filter({ hasText: regNo }).first();
      const m = await timed(page, { selector: '[data-testid="case-detail"]', text: regNo }, row);
      s.nextPage = 2;
      return m;
    }
    case 'signIn': {
      await context.clearCookies();
      await page.goto(`${url}#/dashboard`);
      await page.reload();
      const button = await signIn(page);
      const m = await timed(page, DASHBOARD, button);
      s.nextPage = 2;
      return m;
    }
    case 'plain': {
      if (!s.plainPage) {
        await context.route(`${url}${PLAIN_PATH}`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: PLAIN_HTML }));
        s.plainPage = await context.newPage();
        await watchCpu(context, s.plainPage);
        await s.plainPage.goto(`${url}${PLAIN_PATH}`);
        await drawn(s.plainPage, { rows: firstRows });
      }
      const expected = await listRows(api, url, { page: s.plainNext++ });
      return timed(s.plainPage, { rows: expected.rows }, s.plainPage.getByTitle('下一页', { exact: true }));
    }
  }
}

async function main() {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { data: { type: 'string' }, a: { type: 'string' }, b: { type: 'string' }, reps: { type: 'string' }, steps: { type: 'string' }, shots: { type: 'string' } } });
  if (!values.data || !values.a || !values.b) throw new Error('--data DIR --a OUT_A --b OUT_B');
  const dataDir = path.resolve(values.data);
  refuseToMigrate(dataDir, false);
  const reps = Number(values.reps ?? 15);
  const steps = (values.steps ?? 'next,filter,case,open,signIn,plain').split(',') as Step[];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // serve.ts (this tree's core and HTTP adapter, A's UI files), without the backup schedule `serve` runs (serve.ts)
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'serve.ts'), '--data', dataDir, '--renderer', path.join(path.resolve(values.a), 'renderer'), '--port', '0'], {
    env: { ...process.env, TZ: 'Asia/Shanghai' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const served = await watchServe(child, 600_000);
  const sides = [await side(browser, 'A', served, null), await side(browser, 'B', served, path.join(path.resolve(values.b), 'renderer'))];
  try {
    const { url, api } = sides[0].b;
    const firstRows = (await listRows(api, url, {})).rows;
    const filterChoices: { label: string; rows: string[] }[] = [];
    for (const st of STATUSES) {
      const { rows } = await listRows(api, url, { status: [st] });
      if (rows.length && rows.join() !== firstRows.join()) filterChoices.push({ label: STATUS_LABELS[st], rows });
    }
    if (values.shots) {
      // what each build draws, for a person to look at: the register, scrolled to its foot, and a case
      fs.mkdirSync(values.shots, { recursive: true });
      const ids = (await listRows(api, url, {})).ids;
      for (const s of sides) {
        const { page } = s.b;
        await page.goto(`${url}#/register`);
        await drawn(page, { rows: firstRows });
        await page.waitForTimeout(500);
        console.log(s.name, 'first row display:', await page.evaluate("getComputedStyle(document.querySelector('[data-testid=register-table] tbody tr')).display + ' ' + document.querySelector('script[type=module]').src"));
        console.log(s.name, 'roles:', await page.getByRole('table').count(), 'tables,', await page.getByRole('row').count(), 'rows,', await page.getByRole('cell').count(), 'cells,', await page.getByRole('columnheader').count(), 'column headers');
        console.log(s.name, await page.evaluate(LAYOUT_PROBE));
        await page.screenshot({ path: path.join(values.shots, `${s.name}-register.png`) });
        await page.mouse.wheel(0, 1400);
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(values.shots, `${s.name}-register-foot.png`) });
        await page.goto(`${url}#/cases/${ids[0]}`);
        await page.getByTestId('case-detail').waitFor();
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(values.shots, `${s.name}-case.png`), fullPage: true });
      }
    }
    const got: Record<string, Record<Step, Measured[]>> = { A: {} as Record<Step, Measured[]>, B: {} as Record<Step, Measured[]> };
    for (const step of steps) {
      // one warm-up sample each, not counted
      for (const s of sides) await sample(s, step, 0, filterChoices, firstRows);
      got.A[step] = [];
      got.B[step] = [];
      for (let i = 1; i <= reps; i++) {
        const order = i % 2 ? sides : [...sides].reverse();
        for (const s of order) got[s.name][step].push(await sample(s, step, i, filterChoices, firstRows));
      }
      const med = (xs: number[]) => round1(percentile(xs, 50));
      const row = (n: string) => {
        const ms = got[n][step];
        const wall = ms.map((m) => m.totalMs);
        const cpu = ms.map((m) => m.cpuMs ?? NaN);
        // the low quantiles too: load only ever adds time, so they are the steadier comparison on a busy machine
        return `${n} wall min ${round1(Math.min(...wall))} p25 ${round1(percentile(wall, 25))} median ${String(med(wall)).padStart(6)} p95 ${String(round1(percentile(wall, 95))).padStart(6)}  cpu min ${round1(Math.min(...cpu))} p25 ${round1(percentile(cpu, 25))} median ${String(med(cpu)).padStart(6)} (script ${med(ms.map((m) => m.scriptMs ?? NaN))}, style ${med(ms.map((m) => m.styleMs ?? NaN))}, layout ${med(ms.map((m) => m.layoutMs ?? NaN))})  request after ${med(ms.map((m) => m.beforeRequestMs ?? NaN))} ms, api ${med(ms.map((m) => m.apiMs ?? NaN))} ms`;
      };
      const dWall = got.B[step].map((m, k) => m.totalMs - got.A[step][k].totalMs);
      const dCpu = got.B[step].map((m, k) => (m.cpuMs ?? NaN) - (got.A[step][k].cpuMs ?? NaN));
      console.log(`${step.padEnd(7)} ${row('A')}\n${''.padEnd(7)} ${row('B')}\n${''.padEnd(7)} B−A paired median: wall ${med(dWall)} ms, cpu ${med(dCpu)} ms (${reps} pairs)`);
    }
  } finally {
    await browser.close();
    await served.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
