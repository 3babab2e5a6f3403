/**
 * npm run bench:ui -- [--cases N] [--json FILE] [--data DIR] [--reps N] [--no-build] [--profile DIR] [--migrate]
 *
 * How quick the register feels in a browser: seeds a demo register (or reuses the one in --data), builds
 * the app into test-results/bench-ui/out (its own copy, so other builds of the tree cannot change it under
 * the run), starts a server on a free port with that build's UI (serve.ts: `serve`'s core and HTTP adapter
 * from this tree, without the backup schedule, whose 6.5 GB copy at 1M cases would run beside the steps),
 * signs in and drives Debian's Chromium through
 * playwright-core. Every step is timed from the input event (its own timestamp) to the first frame drawn
 * after the page shows the new content (see in-page.ts). Figures, not a test: nothing here fails on a
 * slow machine. --profile DIR also writes CPU profiles and traces of one page flip, one filter and one
 * case opening, with a summary by package and component (profile.ts). A register in --data that the build
 * would migrate is refused unless --migrate is given (schema-guard.ts: such a register is often shared).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, request, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { STATUS_LABELS, STATUSES } from '../../electron/core/domain/vocab';
import { BENCH_USER, DASHBOARD, drawn, listRows, statusOption, timed, watchCpu, type BenchContext, type Measured } from './drive';
import { IN_PAGE } from './in-page';
import { PLAIN_HTML, PLAIN_PATH } from './plain';
import { watchServe } from '../e2e/serve-process';
import { runProfiles } from './profile';
import { refuseToMigrate } from './schema-guard';
import { figures, percentile, round1, type Sample, type StepFigures } from './stats';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'test-results/bench-ui/out');

interface Account { username: string; password: string; role: string }
/** The demo's accounts (electron/core/demo/vocabulary.ts at the time of writing); the seed's own list wins. */
const DEFAULT_ACCOUNTS: Account[] = [
  { username: 'clerk1', password: 'demo-clerk-1', role: '登记员' },
  { username: 'super1', password: 'demo-super-1', role: '主管' },
  { username: 'auditor1', password: 'demo-audit-1', role: '审计' },
];

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function loadLine(): string {
  return `load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (${os.cpus().length} cores)`;
}

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, TZ: 'Asia/Shanghai', ...opts.env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Seeds DIR with the demo through the command line, unless it already holds a register. */
function ensureRegister(dataDir: string, cases: number, seed: number): Account[] {
  const accountsFile = path.join(dataDir, 'bench-accounts.json');
  if (fs.existsSync(path.join(dataDir, 'register.sqlite'))) {
    log(`reusing the register in ${dataDir}`);
    return fs.existsSync(accountsFile) ? (JSON.parse(fs.readFileSync(accountsFile, 'utf8')) as Account[]) : DEFAULT_ACCOUNTS;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  log(`seeding ${cases} demo cases into ${dataDir} …`);
  const started = Date.now();
  const out = run(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', '--data', dataDir, 'seed', '--cases', String(cases), '--seed', String(seed)]);
  log(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  // "  登记员  clerk1    密码 demo-clerk-1  陈晓燕"
  const accounts: Account[] = [];
  for (const m of out.matchAll(/^\s+(\S+)\s+(\S+)\s+密码 (\S+)/gm)) accounts.push({ role: m[1], username: m[2], password: m[3] });
  const list = accounts.length ? accounts : DEFAULT_ACCOUNTS;
  fs.writeFileSync(accountsFile, JSON.stringify(list, null, 2));
  return list;
}

function build(sourcemap: boolean): void {
  log(`building the app into ${path.relative(ROOT, OUT)} …`);
  fs.rmSync(OUT, { recursive: true, force: true });
  run(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', OUT, ...(sourcemap ? ['--sourcemap'] : [])]);
}

function bundleSizes(): { files: number; jsBytes: number; entryJsBytes: number; cssBytes: number } {
  const dir = path.join(OUT, 'renderer/assets');
  const files = fs.readdirSync(dir);
  const size = (f: string) => fs.statSync(path.join(dir, f)).size;
  const html = fs.readFileSync(path.join(OUT, 'renderer/index.html'), 'utf8');
  const entry = /src="\.?\/?assets\/([^"]+\.js)"/.exec(html)?.[1];
  const preloads = [...html.matchAll(/modulepreload"[^>]*href="\.?\/?assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  return {
    files: files.length,
    jsBytes: files.filter((f) => f.endsWith('.js')).reduce((n, f) => n + size(f), 0),
    entryJsBytes: [entry, ...preloads].filter((f): f is string => !!f).reduce((n, f) => n + size(f), 0),
    cssBytes: files.filter((f) => f.endsWith('.css')).reduce((n, f) => n + size(f), 0),
  };
}

async function startServe(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  // serve.ts: `serve`'s core and HTTP adapter with this build's UI, without the backup schedule (a 6.5 GB copy and
  // its verification beside every timed step at 1,000,000 cases; see serve.ts)
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'serve.ts'), '--data', dataDir, '--renderer', path.join(OUT, 'renderer'), '--port', '0'], {
    cwd: ROOT, env: { ...process.env, TZ: 'Asia/Shanghai' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchServe(child, 600_000);
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 } });
  await context.addInitScript({ content: IN_PAGE });
  return context;
}

async function fillSignIn(page: Page): Promise<Locator> {
  await page.getByLabel('用户名').fill(BENCH_USER.username);
  await page.getByLabel('密码').fill(BENCH_USER.password);
  return page.getByRole('button', { name: /登\s*录/ });
}

async function benchSignIn(b: BenchContext): Promise<{ first: Measured; samples: Measured[] }> {
  const { page, context, url } = b;
  await page.goto(url);
  const first = await timed(page, DASHBOARD, await fillSignIn(page));
  const samples: Measured[] = [];
  for (let i = 0; i < b.reps; i++) {
    await context.clearCookies();
    await page.reload();
    const button = await fillSignIn(page);
    samples.push(await timed(page, DASHBOARD, button));
  }
  return { first, samples };
}

function menuItem(page: Page, name: string): Locator {
  return page.getByRole('menuitem', { name });
}

async function benchOpenRegister(b: BenchContext): Promise<{ first: Measured; samples: Measured[] }> {
  const { page, url, api } = b;
  const expected = { rows: (await listRows(api, url, {})).rows };
  const first = await timed(page, expected, menuItem(page, '登记册'));
  const samples: Measured[] = [];
  for (let i = 0; i < b.reps; i++) {
    await menuItem(page, '工作台').click();
    await drawn(page, DASHBOARD);
    samples.push(await timed(page, expected, menuItem(page, '登记册')));
  }
  return { first, samples };
}

function nextButton(page: Page): Locator {
  return page.getByTitle('下一页', { exact: true }).first();
}

async function benchNextPage(b: BenchContext): Promise<{ first: Measured; samples: Measured[] }> {
  const { page, url, api } = b;
  await page.goto(`${url}#/register`);
  await drawn(page, { rows: (await listRows(api, url, {})).rows });
  const all: Measured[] = [];
  for (let p = 2; p <= b.reps + 2; p++) {
    const expected = { rows: (await listRows(api, url, { page: p })).rows };
    all.push(await timed(page, expected, nextButton(page)));
  }
  return { first: all[0], samples: all.slice(1) };
}

async function benchFilter(b: BenchContext): Promise<{ first: Measured; samples: Measured[] }> {
  const { page, url, api } = b;
  const plain = (await listRows(api, url, {})).rows;
  const choices: { label: string; rows: string[] }[] = [];
  for (const s of STATUSES) {
    const { rows } = await listRows(api, url, { status: [s] });
    if (rows.length && rows.join() !== plain.join()) choices.push({ label: STATUS_LABELS[s], rows });
  }
  const all: Measured[] = [];
  for (let i = 0; i <= b.reps; i++) {
    const choice = choices[i % choices.length];
    await page.goto(`${url}#/register`);
    await drawn(page, { rows: plain });
    all.push(await timed(page, { rows: choice.rows }, await statusOption(page, choice.label)));
    await page.keyboard.press('Escape');
  }
  return { first: all[0], samples: all.slice(1) };
}

async function benchCaseDetail(b: BenchContext): Promise<{ first: Measured; samples: Measured[] }> {
  const { page, url, api } = b;
  const { rows } = await listRows(api, url, {});
  const all: Measured[] = [];
  for (let i = 0; i <= b.reps; i++) {
    const regNo = rows[(i * 7) % rows.length];
    await page.goto(`${url}#/register`);
    await drawn(page, { rows });
    const row = page.getByTestId('register-table').locator('tbody tr').filter({ hasText: regNo }).first();
    all.push(await timed(page, { selector: '[data-testid="case-detail"]', text: regNo }, row));
  }
  return { first: all[0], samples: all.slice(1) };
}

async function benchKeystroke(b: BenchContext): Promise<{ first: number; samples: number[] }> {
  const { page, url } = b;
  await page.goto(`${url}#/cases/new`);
  const field = page.getByLabel('详细情况');
  await field.waitFor();
  await field.click();
  const letters = 'thequickbrownfoxjumpsoverthelazydog';
  const all: number[] = [];
  for (let i = 0; i <= Math.max(b.reps, 30); i++) {
    await page.evaluate('(window.__bench.keyPending = window.__bench.keyFrame(), 0)');
    await page.keyboard.press(letters[i % letters.length]);
    all.push((await page.evaluate('window.__bench.keyPending')) as number);
    await page.waitForTimeout(40);
  }
  // leave no draft behind for the next run
  await field.fill('');
  return { first: all[0], samples: all.slice(1) };
}

async function benchPlain(browser: Browser, url: string, reps: number): Promise<{ first: Measured; samples: Measured[] }> {
  const context = await newContext(browser);
  try {
    await context.route(`${url}${PLAIN_PATH}`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: PLAIN_HTML }));
    const signIn = await context.request.post(`${url}api/auth/signIn`, { data: BENCH_USER });
    if (!signIn.ok()) throw new Error(`plain page sign-in: ${signIn.status()}`);
    const page = await context.newPage();
    await watchCpu(context, page);
    await page.goto(`${url}${PLAIN_PATH}`);
    await drawn(page, { rows: (await listRows(context.request, url, {})).rows });
    const all: Measured[] = [];
    for (let p = 2; p <= reps + 2; p++) {
      const expected = { rows: (await listRows(context.request, url, { page: p })).rows };
      all.push(await timed(page, expected, page.getByTitle('下一页', { exact: true })));
    }
    return { first: all[0], samples: all.slice(1) };
  } finally {
    await context.close();
  }
}

/** The dashboard/get call per demo account, timed from Node (what the core and HTTP cost, no drawing). */
async function benchDashboardApi(url: string, accounts: Account[], reps: number): Promise<Record<string, { role: string; medianMs: number; p95Ms: number }>> {
  const out: Record<string, { role: string; medianMs: number; p95Ms: number }> = {};
  for (const a of accounts) {
    const api = await request.newContext({ baseURL: url });
    try {
      const signIn = await api.post('api/auth/signIn', { data: { username: a.username, password: a.password } });
      if (!signIn.ok()) continue;
      const times: number[] = [];
      for (let i = 0; i <= reps; i++) {
        const t0 = performance.now();
        const res = await api.post('api/dashboard/get', { data: {} });
        await res.body();
        if (!res.ok()) break;
        times.push(performance.now() - t0);
      }
      if (times.length > 1) out[a.username] = { role: a.role, medianMs: round1(percentile(times.slice(1), 50)), p95Ms: round1(percentile(times.slice(1), 95)) };
    } finally {
      await api.dispose();
    }
  }
  return out;
}

/** --shots DIR: the pages the figures are about, for a person to look at. */
async function screenshots(b: BenchContext, dir: string): Promise<void> {
  const { page, url, api } = b;
  fs.mkdirSync(dir, { recursive: true });
  const first = await listRows(api, url, {});
  await page.goto(`${url}#/register`);
  await drawn(page, { rows: first.rows });
  await page.screenshot({ path: path.join(dir, 'register.png') });
  await page.goto(`${url}#/register?status=assigned&sort=dueDate&order=asc`);
  await drawn(page, { rows: (await listRows(api, url, { status: ['assigned'], sortBy: 'dueDate', sortOrder: 'asc' })).rows });
  await page.screenshot({ path: path.join(dir, 'register-filtered.png') });
  await page.goto(`${url}#/cases/${first.ids[0]}`);
  await page.getByTestId('case-detail').waitFor();
  await page.screenshot({ path: path.join(dir, 'case-detail.png'), fullPage: true });
  await page.goto(`${url}#/dashboard`);
  await drawn(page, DASHBOARD);
  await page.screenshot({ path: path.join(dir, 'dashboard.png'), fullPage: true });
}

function fig(r: { first: Sample; samples: Sample[] }): StepFigures {
  return figures(r.first, r.samples);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      cases: { type: 'string' }, json: { type: 'string' }, data: { type: 'string' }, reps: { type: 'string' },
      seed: { type: 'string' }, 'no-build': { type: 'boolean' }, profile: { type: 'string' }, keep: { type: 'boolean' },
      shots: { type: 'string' }, migrate: { type: 'boolean' },
    },
  });
  const cases = Number(values.cases ?? 100_000);
  const reps = Number(values.reps ?? 20);
  if (!Number.isInteger(cases) || cases < 200) throw new Error('--cases: a whole number of at least 200');
  if (!Number.isInteger(reps) || reps < 3) throw new Error('--reps: a whole number of at least 3');
  const dataDir = values.data ? path.resolve(values.data) : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ui-'));
  const cleanup = !values.data && !values.keep;
  const loadBefore = loadLine();
  log(loadBefore);

  const seeded = !fs.existsSync(path.join(dataDir, 'register.sqlite'));
  // before anything is built or started: serve would migrate a register of an older schema
  if (!seeded) refuseToMigrate(dataDir, !!values.migrate);
  const accounts = ensureRegister(dataDir, cases, Number(values.seed ?? 1));
  if (!values['no-build'] || !fs.existsSync(path.join(OUT, 'main/cli.js'))) build(!!values.profile);
  const bundle = bundleSizes();
  const served = await startServe(dataDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await newContext(browser);
    const page = await context.newPage();
    await watchCpu(context, page);
    page.on('pageerror', (err) => log(`page error: ${err.message}`));
    const b: BenchContext = { url: served.url, page, context, api: context.request, reps };
    const total = (await (async () => {
      const signIn = await benchSignIn(b);
      return { signIn };
    })());
    log('signed in; measuring the register …');
    const openRegister = await benchOpenRegister(b);
    const nextPage = await benchNextPage(b);
    const filter = await benchFilter(b);
    const caseDetail = await benchCaseDetail(b);
    const keys = await benchKeystroke(b);
    const plain = await benchPlain(browser, served.url, reps);
    const dashboardApi = await benchDashboardApi(served.url, accounts, 10);
    const profiles = values.profile ? await runProfiles(b, browser, path.resolve(values.profile), path.join(OUT, 'renderer/assets')) : undefined;
    if (values.shots) await screenshots(b, path.resolve(values.shots));
    const { total: registerTotal, totalCapped } = await listRows(b.api, served.url, {});

    const steps = {
      openRegister: fig(openRegister), nextPage: fig(nextPage), filter: fig(filter), caseDetail: fig(caseDetail),
      signIn: fig(total.signIn), plainTable: fig(plain),
      keystroke: { firstMs: round1(keys.first), medianMs: round1(percentile(keys.samples, 50)), p95Ms: round1(percentile(keys.samples, 95)), n: keys.samples.length, samplesMs: keys.samples.map(round1) },
    };
    const ratio = (s: StepFigures) => round1(s.p95Ms / steps.plainTable.p95Ms);
    const result = {
      openRegisterP95Ms: steps.openRegister.p95Ms,
      nextPageP95Ms: steps.nextPage.p95Ms,
      filterP95Ms: steps.filter.p95Ms,
      caseDetailP95Ms: steps.caseDetail.p95Ms,
      signInP95Ms: steps.signIn.p95Ms,
      keystrokeP95Ms: steps.keystroke.p95Ms,
      plainTableP95Ms: steps.plainTable.p95Ms,
      openRegisterMedianMs: steps.openRegister.medianMs,
      nextPageMedianMs: steps.nextPage.medianMs,
      filterMedianMs: steps.filter.medianMs,
      caseDetailMedianMs: steps.caseDetail.medianMs,
      signInMedianMs: steps.signIn.medianMs,
      keystrokeMedianMs: steps.keystroke.medianMs,
      plainTableMedianMs: steps.plainTable.medianMs,
      ratioToPlain: { openRegister: ratio(steps.openRegister), nextPage: ratio(steps.nextPage), filter: ratio(steps.filter), caseDetail: ratio(steps.caseDetail) },
      dashboardMs: dashboardApi,
      steps,
      profiles,
      env: {
        registerTotal, totalCapped, seededCases: seeded ? cases : null, dataDir, reps, commit: run('git', ['rev-parse', '--short', 'HEAD']).trim(), chromium: browser.version(),
        bundle, loadBefore, loadAfter: loadLine(), at: new Date().toISOString(),
      },
    };

    const lines = [
      `register of ${totalCapped ? 'more than ' : ''}${registerTotal} cases${seeded ? ` (seeded ${cases})` : ''}, ${reps} repetitions, Chromium ${browser.version()}, commit ${result.env.commit}`,
      `bundle: ${bundle.files} files, ${(bundle.jsBytes / 1024).toFixed(0)} KiB JS (${(bundle.entryJsBytes / 1024).toFixed(0)} KiB loaded up front), ${(bundle.cssBytes / 1024).toFixed(0)} KiB CSS`,
      `${'step'.padEnd(14)} ${'first'.padStart(7)} ${'median'.padStart(7)} ${'p95'.padStart(7)} ${'before req'.padStart(10)} ${'api'.padStart(6)} ${'cpu'.padStart(6)} ${'script'.padStart(6)} ${'style'.padStart(6)} ${'layout'.padStart(6)}  ×plain(p95)`,
      ...Object.entries(steps).map(([name, s]) => {
        const f = s as StepFigures;
        const extra = 'beforeRequestMedianMs' in f
          ? [f.beforeRequestMedianMs, f.apiMedianMs, f.cpuMedianMs, f.scriptMedianMs, f.styleMedianMs, f.layoutMedianMs].map((v, i) => String(v ?? '-').padStart(i ? 6 : 10)).join(' ')
          : [10, 6, 6, 6, 6, 6].map((w) => '-'.padStart(w)).join(' ');
        const r = name in result.ratioToPlain ? `  ${result.ratioToPlain[name as keyof typeof result.ratioToPlain]}×` : '';
        return `${name.padEnd(14)} ${String(f.firstMs ?? '-').padStart(7)} ${String(f.medianMs).padStart(7)} ${String(f.p95Ms).padStart(7)} ${extra}${r}`;
      }),
      'cpu / script / style / layout: medians of the main thread\'s own time in the step (Chromium\'s counters), steadier than wall time under load',
      `dashboard/get (API only, median/p95 ms): ${Object.entries(dashboardApi).map(([u, d]) => `${u} ${d.medianMs}/${d.p95Ms}`).join(', ')}`,
      `${loadBefore} → ${result.env.loadAfter}`,
    ];
    console.log(lines.join('\n'));
    if (values.json) {
      fs.mkdirSync(path.dirname(path.resolve(values.json)), { recursive: true });
      fs.writeFileSync(path.resolve(values.json), `${JSON.stringify(result, null, 2)}\n`);
      log(`written: ${values.json}`);
    }
  } finally {
    await browser.close();
    await served.stop();
    if (cleanup) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
