import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

/**
 * The command line and its worker threads as plain CommonJS files, built once per test run (vitest's
 * globalSetup, tests/support/global-setup.ts) so the CLI tests spawn `node cli.js` instead of compiling the
 * whole core under tsx in every child: a child under tsx spent ~3.5 s of CPU before it did anything, the
 * bundle ~1.8 s (`--help`, CPU time, same minutes). The entries are electron.vite.config.ts's main entries
 * (the built CLI's layout: each worker script beside cli.js, where the core looks for it in a build), and the
 * packages stay outside the bundle as electron-vite leaves them, found in node_modules from where it lies.
 */
export const ROOT = path.resolve(__dirname, '../..');

/** Where the bundles of one run go: under node_modules/ (so `require` finds the packages), one folder per run. */
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'complaint-register-tests');

export async function mainEntries(): Promise<Record<string, string>> {
  const config = (await import('../../electron.vite.config')).default as { main?: { build?: { rollupOptions?: { input?: Record<string, string> } } } };
  const input = config.main?.build?.rollupOptions?.input ?? {};
  // `index` is Electron's main process (it needs Electron); everything else runs under plain node.
  const entries = Object.fromEntries(Object.entries(input).filter(([name]) => name !== 'index'));
  if (!entries.cli) throw new Error('electron.vite.config.ts names no `cli` entry in main.build.rollupOptions.input');
  return entries;
}

/** Builds the bundles into a new folder and returns it (cli.js inside). */
export async function buildCliBundle(): Promise<string> {
  fs.mkdirSync(CACHE, { recursive: true });
  removeStale();
  const outdir = fs.mkdtempSync(path.join(CACHE, `cli-${process.pid}-`));
  buildSync({
    entryPoints: await mainEntries(),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outdir,
    logLevel: 'error',
  });
  return outdir;
}

/** Bundles of runs that ended without their teardown (killed): their process is gone. */
function removeStale(): void {
  for (const name of fs.readdirSync(CACHE)) {
    const pid = Number(/^cli-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') fs.rmSync(path.join(CACHE, name), { recursive: true, force: true });
    }
  }
}
