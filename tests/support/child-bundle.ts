import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';

const bundles = new Map<string, string>();

/**
 * A child script as one CommonJS file (esbuild, as tsx itself compiles it), built once per run: a child
 * under tsx takes ~3 s to compile and load the core before it opens the register, the bundle ~1 s, and the
 * kill -9 run starts a hundred of them. better-sqlite3 (native) stays a package, found through NODE_PATH.
 * (tests/torture's children and db/lock.test.ts's racers; the CLI itself: cli-bundle.ts.)
 */
export function bundledChild(entry: string): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  let out = bundles.get(entry);
  if (!out) {
    out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'torture-bundle-')), `${path.basename(entry, '.ts')}.js`);
    buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3'], outfile: out, logLevel: 'error' });
    bundles.set(entry, out);
    process.once('exit', () => fs.rmSync(path.dirname(out!), { recursive: true, force: true }));
  }
  const modules = path.resolve(__dirname, '../../node_modules');
  return { command: process.execPath, args: [out], env: { ...process.env, NODE_PATH: modules } };
}

/** Removes the bundles this process built (a runner's end: vitest's workers may never run exit handlers). */
export function disposeBundles(): void {
  for (const out of bundles.values()) fs.rmSync(path.dirname(out), { recursive: true, force: true });
  bundles.clear();
}
