import type { Core } from '../core/core';
import { lastMonth } from '../core/domain/statistics';
import type { CoreSession } from '../core/session';

const WARMUPS = 2;

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)].toFixed(2));
}

async function timedRuns(runs: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUPS; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return p95(samples);
}

/**
 * The statistics as a supervisor opens them (statistics/get through the core, the per-staff table included):
 * last month with its 环比 and 同比 (`statsMonthMs`, 20 runs), and the last whole year (`statsYearMs`, 5 runs),
 * p95 after 2 warm-ups each. `today` is the register's own today (the demo data ends there).
 */
export async function measureStatistics(core: Core, supervisor: CoreSession, today: string, print: (line: string) => void): Promise<{ statsMonthMs: number; statsYearMs: number }> {
  const month = lastMonth(today);
  const year = { kind: 'year', year: Number(today.slice(0, 4)) - 1 } as const;
  const call = async (period: unknown) => {
    const r = await core.call('statistics/get', { period }, supervisor);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const sample = await call(month);
  print(`统计：${sample.period.label} 登记 ${sample.registered} 件（环比 ${sample.previous.registered}，同比 ${sample.yearAgo.registered}）`);
  const statsMonthMs = await timedRuns(20, () => call(month));
  const statsYearMs = await timedRuns(5, () => call(year));
  return { statsMonthMs, statsYearMs };
}
