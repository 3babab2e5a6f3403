import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { BENCH_USER, DASHBOARD, drawn, listRows, statusOption, timed, type BenchContext, type Condition, type Measured } from './drive';
import { round1 } from './stats';

/**
 * --profile DIR: one page flip, one status filter and one case opening, each under Chromium's sampling
 * CPU profiler (CDP Profiler, 100 µs) and a timeline trace at once. Writes DIR/<step>.cpuprofile (open in
 * DevTools' Performance panel) and DIR/<step>.trace.json, and returns a summary:
 * - main-thread time by trace event (script, style recalculation, layout, paint …),
 * - JS self time by package (react-dom, antd, @ant-design/cssinjs, rc-*, the app's own files), found
 *   through the bundle's source map,
 * - the frames that ran between the click and the request leaving (what re-renders before the request),
 *   inclusive time, from the trace's ResourceSendRequest (the profiler and the trace share a clock).
 */

interface CpuNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }
interface CpuProfile { nodes: CpuNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }
interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { data?: Record<string, unknown>; name?: string } }

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A minimal source-map reader: generated (line, column) → original source and name. */
class SourceMap {
  private lines: number[][][] = [];
  constructor(private map: { sources: string[]; names: string[]; mappings: string }) {
    let src = 0, srcLine = 0, srcCol = 0, name = 0;
    for (const line of map.mappings.split(';')) {
      const segs: number[][] = [];
      let col = 0;
      for (const seg of line.split(',')) {
        if (!seg) continue;
        const v = SourceMap.vlq(seg);
        col += v[0];
        if (v.length >= 4) {
          src += v[1]; srcLine += v[2]; srcCol += v[3];
          if (v.length >= 5) name += v[4];
          segs.push([col, src, srcLine, srcCol, v.length >= 5 ? name : -1]);
        }
      }
      this.lines.push(segs);
    }
  }
  private static vlq(s: string): number[] {
    const out: number[] = [];
    let shift = 0, value = 0;
    for (const ch of s) {
      const d = B64.indexOf(ch);
      value += (d & 31) << shift;
      if (d & 32) shift += 5;
      else {
        out.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    return out;
  }
  lookup(line: number, col: number): { source: string; name: string | null } | null {
    const segs = this.lines[line];
    if (!segs?.length) return null;
    let lo = 0, hi = segs.length - 1, best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segs[mid][0] <= col) { best = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (best < 0) return null;
    const s = segs[best];
    return { source: this.map.sources[s[1]], name: s[4] >= 0 ? this.map.names[s[4]] : null };
  }
}

/** node_modules/antd/es/table/… → "antd/table"; renderer/src/pages/register/… → "app: pages/register". */
export function packageOf(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = source.slice(nm + 'node_modules/'.length).split('/');
    const pkg = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    const inner = rest[0].startsWith('@') ? rest.slice(2) : rest.slice(1);
    if (pkg === 'antd' && (inner[0] === 'es' || inner[0] === 'lib')) return `antd/${inner[1]}`;
    return pkg;
  }
  const app = /renderer\/src\/(.*)$/.exec(source);
  if (app) {
    const parts = app[1].split('/');
    return `app: ${parts.slice(0, parts[0] === 'pages' ? 2 : 1).join('/')}`;
  }
  return source;
}

export function loadMaps(assetsDir: string): Map<string, SourceMap> {
  const maps = new Map<string, SourceMap>();
  for (const f of fs.readdirSync(assetsDir)) {
    if (f.endsWith('.js.map')) maps.set(f.slice(0, -4), new SourceMap(JSON.parse(fs.readFileSync(path.join(assetsDir, f), 'utf8'))));
  }
  return maps;
}

interface Frame { label: string; pkg: string }

export function frameOf(node: CpuNode, maps: Map<string, SourceMap>): Frame {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  if (!url) return { label: functionName || '(anonymous)', pkg: functionName.startsWith('(') ? functionName : '(native)' };
  const file = url.split('/').pop() ?? url;
  const hit = maps.get(file)?.lookup(lineNumber, columnNumber);
  if (!hit) return { label: `${functionName || '(anonymous)'} ${file}`, pkg: url.includes('/assets/') ? '(bundle, no map)' : url };
  const pkg = packageOf(hit.source);
  const short = hit.source.replace(/^.*node_modules\//, '').replace(/^.*renderer\/src\//, '');
  return { label: `${hit.name || functionName || '(anonymous)'} (${short})`, pkg };
}

function top(m: Map<string, number>, n: number): { name: string; ms: number }[] {
  return [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => ({ name, ms: round1(us / 1000) }));
}

function summarise(profile: CpuProfile, trace: TraceEvent[], maps: Map<string, SourceMap>) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frames = new Map<number, Frame>();
  const frame = (id: number) => {
    let f = frames.get(id);
    if (!f) frames.set(id, (f = frameOf(byId.get(id)!, maps)));
    return f;
  };

  // The renderer's main thread: the thread that dispatched the click (or the first key).
  const click = trace.find((e) => e.name === 'EventDispatch' && (e.args?.data?.type === 'click' || e.args?.data?.type === 'keydown'));
  const main = click ? { pid: click.pid, tid: click.tid } : null;
  const onMain = trace.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const send = trace.filter((e) => e.name === 'ResourceSendRequest' && String(e.args?.data?.url ?? '').includes('/api/')).sort((a, b) => a.ts - b.ts)[0];
  const startTs = click?.ts ?? profile.startTime;
  const sendTs = send?.ts ?? null;

  // Top-level main-thread events (not nested in another): where the thread's time went.
  const byEvent = new Map<string, number>();
  let busyUs = 0, cpuUs = 0, beforeSendBusyUs = 0, lastEnd = 0;
  for (const e of [...onMain].sort((a, b) => a.ts - b.ts)) {
    if (e.ts < startTs || e.ts < lastEnd) continue;
    lastEnd = e.ts + e.dur!;
    busyUs += e.dur!;
    cpuUs += e.tdur ?? e.dur!;
    if (sendTs !== null && e.ts < sendTs) beforeSendBusyUs += Math.min(e.dur!, sendTs - e.ts);
    byEvent.set(e.name, (byEvent.get(e.name) ?? 0) + e.dur!);
  }
  // Inside those, style/layout/paint are nested under a task: count them on their own too.
  const rendering = new Map<string, number>();
  for (const e of onMain) {
    if (e.ts < startTs) continue;
    if (['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'ParseAuthorStyleSheet', 'RecalculateStyles', 'HitTest', 'v8.compile', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR'].includes(e.name)) {
      rendering.set(e.name, (rendering.get(e.name) ?? 0) + e.dur!);
    }
  }

  // JS self time by package, and frames on the stack before the request was sent.
  const selfByPkg = new Map<string, number>();
  const selfByFrame = new Map<string, number>();
  const beforeSend = new Map<string, number>();
  const components = new Map<string, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (t < startTs) continue;
    const id = profile.samples[i];
    const f = frame(id);
    selfByPkg.set(f.pkg, (selfByPkg.get(f.pkg) ?? 0) + dt);
    selfByFrame.set(f.label, (selfByFrame.get(f.label) ?? 0) + dt);
    {
      // inclusive time of the components (capitalised functions) on the stack: what a render spent where
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const g = frame(cur);
        if (/^[A-Z]/.test(g.label) && !g.label.startsWith('(')) seen.add(g.label);
      }
      for (const label of seen) components.set(label, (components.get(label) ?? 0) + dt);
    }
    if (sendTs !== null && t < sendTs) {
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const g = frame(cur);
        if (g.pkg.startsWith('app:') || /^[A-Z]/.test(g.label)) seen.add(g.label);
      }
      for (const label of seen) beforeSend.set(label, (beforeSend.get(label) ?? 0) + dt);
    }
  }
  return {
    mainThreadBusyMs: round1(busyUs / 1000),
    // the thread's own CPU time in those events: on a loaded machine, wall time includes waiting for a core
    mainThreadCpuMs: round1(cpuUs / 1000),
    beforeRequestBusyMs: sendTs === null ? null : round1(beforeSendBusyUs / 1000),
    clickToRequestMs: sendTs === null || !click ? null : round1((sendTs - click.ts) / 1000),
    topLevelEvents: top(byEvent, 8),
    renderingEvents: top(rendering, 10),
    jsSelfByPackage: top(selfByPkg, 16),
    jsSelfTopFunctions: top(selfByFrame, 20),
    beforeRequestInclusive: top(beforeSend, 20),
    componentsInclusive: top(components, 30),
  };
}

async function profileStep(b: BenchContext, browser: Browser, dir: string, name: string, prepare: () => Promise<{ cond: Condition; act: () => Promise<void> }>, maps: Map<string, SourceMap>) {
  const { page, context } = b;
  const { cond, act } = await prepare();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const tracePath = path.join(dir, `${name}.trace.json`);
  await browser.startTracing(page, { path: tracePath, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'] });
  await cdp.send('Profiler.start');
  const measured: Measured = await timed(page, cond, act);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await browser.stopTracing();
  await cdp.detach();
  fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  const raw = JSON.parse(fs.readFileSync(tracePath, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const trace = Array.isArray(raw) ? raw : raw.traceEvents;
  return { measuredMs: round1(measured.totalMs), requests: measured.requests, ...summarise(profile, trace, maps) };
}

export async function runProfiles(b: BenchContext, browser: Browser, dir: string, assetsDir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const maps = loadMaps(assetsDir);
  const { page, url, api } = b;
  const first = await listRows(api, url, {});
  const toRegister = async (p: Page) => {
    await p.goto(`${url}#/register`);
    await drawn(p, { rows: first.rows });
  };
  const out: Record<string, unknown> = {};
  out.openRegister = await profileStep(b, browser, dir, 'open-register', async () => {
    await page.goto(`${url}#/dashboard`);
    await drawn(page, DASHBOARD);
    const item = page.getByRole('menuitem', { name: '登记册' });
    await item.waitFor();
    return { cond: { rows: first.rows }, act: () => item.click() };
  }, maps);
  out.nextPage = await profileStep(b, browser, dir, 'next-page', async () => {
    await toRegister(page);
    const expected = await listRows(api, url, { page: 2 });
    return { cond: { rows: expected.rows }, act: () => page.getByTitle('下一页', { exact: true }).first().click() };
  }, maps);
  out.filter = await profileStep(b, browser, dir, 'filter', async () => {
    await toRegister(page);
    const expected = await listRows(api, url, { status: ['assigned'] });
    const option = await statusOption(page, '办理中');
    return { cond: { rows: expected.rows }, act: () => option.click() };
  }, maps);
  await page.keyboard.press('Escape');
  out.caseDetail = await profileStep(b, browser, dir, 'case-detail', async () => {
    await toRegister(page);
    const regNo = first.rows[3];
    const row = page.getByTestId('register-table').locator('tbody tr').filter({ hasText: regNo }).first();
    await row.waitFor();
    return { cond: { selector: '[data-testid="case-detail"]', text: regNo }, act: () => row.click() };
  }, maps);
  out.signIn = await profileStep(b, browser, dir, 'sign-in', async () => {
    await b.context.clearCookies();
    await page.goto(`${url}#/dashboard`);
    await page.reload();
    await page.getByLabel('用户名').fill(BENCH_USER.username);
    await page.getByLabel('密码').fill(BENCH_USER.password);
    const button = page.getByRole('button', { name: /登\s*录/ });
    return { cond: DASHBOARD, act: () => button.click() };
  }, maps);
  out.keystroke = await profileKeys(b, browser, dir, maps);
  fs.writeFileSync(path.join(dir, 'summary.json'), `${JSON.stringify(out, null, 2)}\n`);
  return out;
}

/** 20 keys typed into the registration form's 详细情况, profiled and traced together (what one key costs). */
async function profileKeys(b: BenchContext, browser: Browser, dir: string, maps: Map<string, SourceMap>) {
  const { page, context, url } = b;
  await page.goto(`${url}#/cases/new`);
  const field = page.getByLabel('详细情况');
  await field.waitFor();
  await field.click();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const tracePath = path.join(dir, 'keystroke.trace.json');
  await browser.startTracing(page, { path: tracePath, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'] });
  await cdp.send('Profiler.start');
  const keys = 20;
  for (let i = 0; i < keys; i++) {
    await page.keyboard.press('abcdefghij'[i % 10]);
    await page.waitForTimeout(40);
  }
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await browser.stopTracing();
  await cdp.detach();
  await field.fill('');
  fs.writeFileSync(path.join(dir, 'keystroke.cpuprofile'), JSON.stringify(profile));
  const raw = JSON.parse(fs.readFileSync(tracePath, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const trace = Array.isArray(raw) ? raw : raw.traceEvents;
  return { keys, ...summarise(profile, trace, maps) };
}
