import { defineConfig } from 'vitest/config';

// Dates are stored in the office's local time: tests run in China's time zone like the offices do.
export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'db/**/*.test.ts', 'templates/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'tests/fuzz/**/*.test.ts', 'tests/architecture/**/*.test.ts', 'tests/torture/*.test.ts'],
    env: { TZ: 'Asia/Shanghai' },
    testTimeout: 20_000,
  },
});
