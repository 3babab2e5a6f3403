import { defineConfig } from 'vitest/config';

// End-to-end: Debian's Chromium driven by playwright-core against `serve`. Each spec file has its own `serve`
// (the built command line when `npm run build` is current, see tests/e2e/global-setup.ts), port and data folder,
// and its own browser contexts in the run's one Chromium; three files run at once (E2E_WORKERS=1: one at a time): most of a file's time is waiting for the page, so a third file uses what two leave idle.
const workers = Math.max(1, Number(process.env.E2E_WORKERS ?? 3) || 3);

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    env: { TZ: 'Asia/Shanghai' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: workers > 1,
    maxWorkers: workers,
    // expect.poll waits 1 s by default: too short for what the page shows after a debounced preview or a save
    // on a loaded CI machine (the 文书模板 spec failed there while the answer was on its way). Playwright's own
    // waits allow 30 s; the polls get 15 s.
    expect: { poll: { timeout: 15_000 } },
  },
});
