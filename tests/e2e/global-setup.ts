import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_OPTIONS } from './browser-options';

/**
 * Once for the whole e2e run (vitest's globalSetup):
 *
 * - which `serve` the specs start: the built command line (out/main/cli.js, what bin/complaint-register.js
 *   runs) when `npm run build` made it after the last change to the sources it is built from, else the
 *   TypeScript through tsx as before (every spec file started tsx, whose workers compiled the paper renderer
 *   again in each thread: seconds of CPU per file on a 2-core machine);
 * - one Chromium for every spec file (each file still gets its own contexts, server, port and data folder),
 *   instead of a browser launched and closed per file.
 */

const ROOT = path.resolve(__dirname, '../..');
/** What electron-vite bundles into out/main (electron.vite.config.ts): the adapters, the core, the database, the papers. */
const MAIN_SOURCES = ['electron', 'db', 'templates', 'electron.vite.config.ts', 'package.json'];
const RENDERER_SOURCES = ['renderer'];

declare module 'vitest' {
  export interface ProvidedContext {
    /** argv after `node` that runs the command line: the bundle, or tsx and the TypeScript entry */
    e2eCli: string[];
    /** where the shared Chromium listens (playwright's launchServer) */
    e2eBrowser: string;
    /** the folder downloads are saved into (harness.ts downloadedFile), removed at the end of the run */
    e2eDownloads: string;
  }
}

/** The newest modification time (ms) of the files under `entries`, tests left out (they are not in a bundle). */
function newestSource(entries: string[]): { mtime: number; file: string } {
  let newest = { mtime: 0, file: '' };
  const visit = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      if (path.basename(p) === 'node_modules') return;
      for (const name of fs.readdirSync(p)) visit(path.join(p, name));
      return;
    }
    if (/\.test\.tsx?$/.test(p)) return;
    if (stat.mtimeMs > newest.mtime) newest = { mtime: stat.mtimeMs, file: p };
  };
  for (const entry of entries) visit(path.join(ROOT, entry));
  return newest;
}

/** The built command line if it is newer than everything it is built from; otherwise null and why. */
export function builtCli(): { entry: string | null; reason: string } {
  const entry = path.join(ROOT, 'out/main/cli.js');
  const built = fs.statSync(entry, { throwIfNoEntry: false });
  if (!built) return { entry: null, reason: 'out/main/cli.js 不存在（未运行 npm run build）' };
  const newest = newestSource(MAIN_SOURCES);
  if (newest.mtime > built.mtimeMs) return { entry: null, reason: `${path.relative(ROOT, newest.file)} 比 out/main/cli.js 新` };
  return { entry, reason: '' };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cli = builtCli();
  if (cli.entry) {
    project.provide('e2eCli', [cli.entry]);
  } else {
    console.warn(`e2e：serve 从 TypeScript 启动（tsx），因为 ${cli.reason}；先运行 npm run build 会快得多。`);
    project.provide('e2eCli', ['--import', 'tsx', path.join(ROOT, 'electron/cli/index.ts')]);
  }
  const renderer = fs.statSync(path.join(ROOT, 'out/renderer/index.html'), { throwIfNoEntry: false });
  const rendererNewest = newestSource(RENDERER_SOURCES);
  if (!renderer) console.warn('e2e：未找到 out/renderer（请先运行 npm run build）。');
  else if (rendererNewest.mtime > renderer.mtimeMs) console.warn(`e2e：${path.relative(ROOT, rendererNewest.file)} 比 out/renderer 新：界面是上次构建的（npm run build）。`);

  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'register-e2e-downloads-'));
  project.provide('e2eDownloads', downloads);
  const server = await chromium.launchServer(CHROMIUM_OPTIONS);
  project.provide('e2eBrowser', server.wsEndpoint());
  return async () => {
    await server.close();
    fs.rmSync(downloads, { recursive: true, force: true });
  };
}
