import type { APIRequestContext, BrowserContext, CDPSession, Locator, Page } from 'playwright-core';
import type { Sample } from './stats';

/** Helpers both the figures (run.ts) and the profiles (profile.ts) drive the page with. */
export const PAGE_SIZE = 50;

/** The demo's first supervisor: sees every case of the office. */
export const BENCH_USER = { username: 'super1', password: 'demo-super-1' };

export type Condition = { rows: string[] } | { selector: string; text?: string; absent?: string };

export interface Measured extends Sample {
  metMs: number;
  /** from the step's first input event (pointerdown) to the click, null without a click */
  clickMs: number | null;
  requests: { name: string; startMs: number; endMs: number }[];
}

/**
 * The page's main-thread CPU time across a step, from Chromium's own counters (CDP Performance.getMetrics:
 * ThreadTime, and the script / style / layout durations inside it). On this shared 2-core machine a step's
 * wall time doubles with the load while the thread's own time moves far less, so the figures carry both.
 */
const counters = new WeakMap<Page, CDPSession>();

export async function watchCpu(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  counters.set(page, cdp);
}

type Counters = Record<'ThreadTime' | 'ScriptDuration' | 'RecalcStyleDuration' | 'LayoutDuration', number>;

async function readCounters(page: Page): Promise<Counters | null> {
  const cdp = counters.get(page);
  if (!cdp) return null;
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { ThreadTime: get('ThreadTime'), ScriptDuration: get('ScriptDuration'), RecalcStyleDuration: get('RecalcStyleDuration'), LayoutDuration: get('LayoutDuration') };
}

/** Arms the page, clicks (or runs `act`), and waits until `cond` is drawn. */
export async function timed(page: Page, cond: Condition, act: Locator | (() => Promise<void>)): Promise<Measured> {
  if (typeof act !== 'function') await act.waitFor({ state: 'visible' });
  await page.evaluate(`(window.__bench.arm(), window.__bench.pending = window.__bench.until(${JSON.stringify(cond)}), 0)`);
  const before = await readCounters(page);
  if (typeof act === 'function') await act();
  else await act.click();
  const measured = (await page.evaluate('window.__bench.pending')) as Measured;
  const after = await readCounters(page);
  if (before && after) {
    measured.cpuMs = after.ThreadTime - before.ThreadTime;
    measured.scriptMs = after.ScriptDuration - before.ScriptDuration;
    measured.styleMs = after.RecalcStyleDuration - before.RecalcStyleDuration;
    measured.layoutMs = after.LayoutDuration - before.LayoutDuration;
  }
  return measured;
}

export async function drawn(page: Page, cond: Condition): Promise<void> {
  // A function, not a string: the app's CSP refuses eval of a string in the page.
  await page.waitForFunction(
    (c) => (globalThis as unknown as { __bench?: { holds(c: unknown): boolean } }).__bench?.holds(c) ?? false,
    cond,
    { timeout: 60_000 },
  );
}

export const DASHBOARD: Condition = { selector: '[data-testid^="card-"]', absent: '.ant-spin-spinning' };

export interface BenchContext {
  url: string;
  page: Page;
  context: BrowserContext;
  api: APIRequestContext;
  reps: number;
}

export async function listRows(api: APIRequestContext, url: string, input: Record<string, unknown>): Promise<{ rows: string[]; ids: number[]; total: number; totalCapped: boolean }> {
  const res = await api.post(`${url}api/cases/list`, { data: { page: 1, pageSize: PAGE_SIZE, sortBy: 'registerNo', sortOrder: 'desc', ...input } });
  const body = (await res.json()) as { ok: boolean; value: { rows: { id: number; registerNo: string }[]; total: number; totalCapped?: boolean; totalIsExact?: boolean }; error?: { message: string } };
  if (!body.ok) throw new Error(`cases/list: ${body.error?.message}`);
  return { rows: body.value.rows.map((r) => r.registerNo), ids: body.value.rows.map((r) => r.id), total: body.value.total, totalCapped: body.value.totalCapped ?? body.value.totalIsExact === false };
}


/** Opens the status filter and narrows its options to `label` (typed into its search, as a clerk may). */
export async function statusOption(page: Page, label: string): Promise<Locator> {
  await page.getByTestId('filter-status').click();
  await page.locator('.ant-select-dropdown:visible').first().waitFor();
  await page.keyboard.type(label);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first();
  await option.waitFor();
  return option;
}
