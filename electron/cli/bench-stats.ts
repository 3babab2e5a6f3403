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
 * last month with its 环比 and 同比 (`statsMonthMs`, 20 runs), the last whole year (`statsYearMs`, 5 runs), and last
 * month's summary PDF as 打印 PDF answers it (`statsPdfMs`, statistics/pdf: the report, the 12-month trend, the
 * charts and the PDF drawn; 5 runs), p95 after 2 warm-ups each. `today` is the register's own today (the demo data ends there).
 */
export async function measureStatistics(core: Core, supervisor: CoreSession, today: string, print: (line: string) => void): Promise<{ statsMonthMs: number; statsYearMs: number; statsPdfMs: number }> {
  const month = lastMonth(today);
  const year = { kind: 'year', year: Number(today.slice(0, 4)) - 1 } as const;
  const call = async (period: unknown) => {
    const r = await core.call('statistics/get', { period }, supervisor);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const pdf = async () => {
    const r = await core.call('statistics/pdf', { period: month }, supervisor);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const sample = await call(month);
  print(`统计：${sample.period.label} 登记 ${sample.registered} 件（环比 ${sample.previous.registered}，同比 ${sample.yearAgo.registered}）`);
  const statsMonthMs = await timedRuns(20, () => call(month));
  const statsYearMs = await timedRuns(5, () => call(year));
  const statsPdfMs = await timedRuns(5, pdf);
  return { statsMonthMs, statsYearMs, statsPdfMs };
}

/**
 * The same figures on an existing register, read-only (e.g. a copy of a million-case data folder):
 * `npx tsx electron/cli/bench-stats.ts DATA_DIR [YYYY-MM-DD]` (today defaults to the register's last receipt).
 * As a supervisor of that register, so the per-staff table is included.
 */
async function onFolder(dataDir: string, today?: string): Promise<void> {
  const { openReadOnlyCore } = await import('../core/core');
  const { connectionOf } = await import('../../db/open');
  const core = await openReadOnlyCore(dataDir);
  try {
    const raw = connectionOf(core.db);
    const supervisor = raw.prepare("SELECT id FROM users WHERE role = 'supervisor' AND active = 1 ORDER BY id LIMIT 1").pluck().get() as number | undefined;
    if (supervisor === undefined) throw new Error('该登记册没有启用的主管账户');
    const last = raw.prepare('SELECT max(received_at) FROM cases').pluck().get() as string | null;
    const day = today ?? (last ?? new Date().toISOString()).slice(0, 10);
    const result = await measureStatistics(core, { userId: supervisor }, day, (line) => console.log(line));
    console.log(JSON.stringify(result));
  } finally {
    await core.close();
  }
}

// Bundled into the CLI (through bench.ts) this module is the entry module too: only when run as itself.
if (require.main === module && /bench-stats\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  const [dataDir, today] = process.argv.slice(2);
  if (!dataDir) {
    console.error('用法：npx tsx electron/cli/bench-stats.ts 数据目录 [YYYY-MM-DD]');
    process.exit(2);
  }
  onFolder(dataDir, today).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
