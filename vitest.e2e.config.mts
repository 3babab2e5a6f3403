import { defineConfig } from 'vitest/config';

// End-to-end: Debian's Chromium driven by playwright-core against `serve`, one file at a time.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    env: { TZ: 'Asia/Shanghai' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // expect.poll waits 1 s by default: too short for what the page shows after a debounced preview or a save
    // on a loaded CI machine (the 文书模板 spec failed there while the answer was on its way). Playwright's own
    // waits allow 30 s; the polls get 15 s.
    expect: { poll: { timeout: 15_000 } },
  },
});
