import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

const NODE_SIDE = ['electron/**/*.test.ts', 'db/**/*.test.ts', 'templates/**/*.test.ts', 'tests/fuzz/**/*.test.ts', 'tests/architecture/**/*.test.ts', 'tests/torture/*.test.ts'];
const RENDERER = ['renderer/**/*.test.{ts,tsx}'];

/**
 * The node-side test files that replace modules (vi.mock, vi.doMock, vi.resetModules) or ask for another
 * environment: they need a module graph of their own. Found by reading the files, so a new one is never run
 * in the shared graph by mistake.
 */
function needsOwnModules(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'e2e') walk(file);
      } else if (/\.test\.ts$/.test(entry.name) && /\bvi\.(mock|doMock|unmock|resetModules|stubGlobal|stubEnv)\(|@vitest-environment/.test(fs.readFileSync(file, 'utf8'))) {
        found.push(path.relative(ROOT, file).split(path.sep).join('/'));
      }
    }
  };
  for (const dir of ['electron', 'db', 'templates', 'tests']) walk(path.join(ROOT, dir));
  return found.sort();
}
const OWN_MODULES = needsOwnModules();

// Dates are stored in the office's local time: tests run in China's time zone like the offices do.
export default defineConfig({
  test: {
    env: { TZ: 'Asia/Shanghai' },
    testTimeout: 20_000,
    // vitest's default is one worker fewer than the cores: one on a 2-core CI machine, every file in turn. Much of
    // a file's time is spent waiting for its children (the CLI, LibreOffice, pdftoppm) and worker threads.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      {
        extends: true,
        // One module graph per worker for the node-side files: the core, kysely, exceljs and pdfmake are loaded once
        // per worker instead of once per file. Every file still opens its own registers.
        // globalSetup builds the CLI once for the tests that spawn it (tests/support/cli.ts).
        test: { name: 'node', include: NODE_SIDE, exclude: [...configDefaults.exclude, ...OWN_MODULES], isolate: false, globalSetup: ['tests/support/global-setup.ts'] },
      },
      {
        extends: true,
        // the renderer's files (jsdom, React roots, mocked modules) and the node-side files that mock modules, each
        // in a module graph of its own. vitest runs the projects in the order of their names: the node side's long
        // files (the fuzzing run, the CLI) start first, these short ones fill in behind them.
        test: { name: 'separate', include: [...RENDERER, ...OWN_MODULES] },
      },
    ],
  },
});
