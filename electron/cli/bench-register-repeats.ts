/**
 * The register's 重复件 filter on an existing register (a seeded copy): cases/list with and without
 * `repeat: true` for a few filter shapes, as a supervisor, p50 and p95 of 20 runs after 2 warm-ups, with the
 * plan of each statement the filtered list runs.
 *
 *   npx tsx electron/cli/bench-register-repeats.ts DATA_DIR [--link PERCENT]
 *
 * `--link` first links that share of the cases (by id, at random, seed 1) as repeats of an earlier case
 * straight into case_repeats (no history rows: a throwaway copy only, never an office's register), then
 * measures read-only.
 */
import path from 'node:path';
import type { Core } from '../core/core';

const RUNS = 20;
const WARMUPS = 2;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];

type Figures = { p50: number; p95: number };

/** Both calls taken in turn, so that a busy moment of the machine falls on both alike. */
async function timedPair(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[Figures, Figures]> {
  for (let i = 0; i < WARMUPS; i++) await Promise.all([await a(), await b()]);
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < RUNS; i++) {
    for (const [n, fn] of [a, b].entries()) {
      const t = performance.now();
      await fn();
      samples[n].push(performance.now() - t);
    }
  }
  return samples.map((s) => {
    s.sort((x, y) => x - y);
    return { p50: Number(pct(s, 0.5).toFixed(1)), p95: Number(pct(s, 0.95).toFixed(1)) };
  }) as [Figures, Figures];
}

async function linkShare(dataDir: string, percent: number): Promise<void> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path.join(dataDir, 'register.sqlite'));
  try {
    const standing = db.prepare('SELECT count(*) FROM case_repeats WHERE unlinked_at IS NULL').pluck().get() as number;
    const ids = db.prepare('SELECT id FROM cases WHERE status <> \'voided\' ORDER BY id').pluck().all() as number[];
    const want = Math.round((ids.length * percent) / 100) - standing;
    let seed = 1;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const insert = db.prepare(`INSERT INTO case_repeats(case_id, repeat_of_id, linked_by, linked_by_name, linked_at)
      SELECT ?, ?, NULL, '基准测试', c.received_at FROM cases c WHERE c.id = ? AND NOT EXISTS (SELECT 1 FROM case_repeats r WHERE r.case_id = ? AND r.unlinked_at IS NULL)`);
    let made = 0;
    db.transaction(() => {
      while (made < want) {
        const i = 1 + Math.floor(random() * (ids.length - 1));
        const earlier = ids[Math.max(0, i - 1 - Math.floor(random() * 500))];
        made += insert.run(ids[i], earlier, ids[i], ids[i]).changes;
      }
    })();
    console.log(`已关联 ${made} 件为重复件（共 ${standing + made} 件，占 ${(((standing + made) / ids.length) * 100).toFixed(1)}%）`);
  } finally {
    db.close();
  }
}

async function measure(core: Core, supervisor: number): Promise<void> {
  const { connectionOf } = await import('../../db/open');
  const raw = connectionOf(core.db);
  const shapes: Array<[string, Record<string, unknown>]> = [
    ['登记册首页', {}],
    ['按收到时间', { sortBy: 'receivedAt' }],
    ['按期限升序', { sortBy: 'dueDate', sortOrder: 'asc' }],
    ['第 5 页', { page: 5 }],
    ['渠道 电话', { channel: ['电话'] }],
    ['状态 已办结', { status: ['closed'] }],
    ['近 3 个月', { receivedFrom: '2026-09-01', receivedTo: '2026-11-30' }],
    ['搜索 窗口', { search: '窗口' }],
  ];
  const call = async (input: Record<string, unknown>) => {
    const r = await core.call('cases/list', { pageSize: 50, ...input }, { userId: supervisor });
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  const rows: Record<string, unknown>[] = [];
  for (const [label, input] of shapes) {
    const [plain, repeats] = await timedPair(() => call(input), () => call({ ...input, repeat: true }));
    const page = await call({ ...input, repeat: true });
    rows.push({ shape: label, withoutMs: `${plain.p50} / ${plain.p95}`, repeatMs: `${repeats.p50} / ${repeats.p95}`, repeatTotal: `${page.total}${page.totalIsExact ? '' : '+'}` });
  }
  console.table(rows);
  // The plans of the filtered first page (every statement cases/list runs against the cases).
  const original = raw.prepare.bind(raw);
  const plans: string[] = [];
  (raw as unknown as { prepare: (s: string) => unknown }).prepare = (text: string) => {
    if (/^(\/\* estimate \*\/ )?select (count\(\*\)|c\.id)/i.test(text)) {
      plans.push(`${text.replace(/\s+/g, ' ').slice(0, 90)}…\n    ${(original(`EXPLAIN QUERY PLAN ${text}`).all(
        ...Array.from({ length: (text.match(/\?/g) ?? []).length }, () => null)) as Array<{ detail: string }>).map((p) => p.detail).join(' | ')}`);
    }
    return original(text);
  };
  for (const [label, input] of shapes) {
    plans.push(`== ${label}`);
    await call({ ...input, repeat: true });
  }
  (raw as unknown as { prepare: unknown }).prepare = original;
  console.log(plans.join('\n'));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dataDir = args.find((a) => !a.startsWith('--'));
  if (!dataDir) throw new Error('用法：bench-register-repeats.ts DATA_DIR [--link PERCENT]');
  const at = args.indexOf('--link');
  if (at >= 0) await linkShare(dataDir, Number(args[at + 1]));
  const { openReadOnlyCore } = await import('../core/core');
  const { connectionOf } = await import('../../db/open');
  const core = await openReadOnlyCore(dataDir);
  try {
    const supervisor = connectionOf(core.db).prepare("SELECT id FROM users WHERE role = 'supervisor' AND active = 1 ORDER BY id LIMIT 1").pluck().get() as number;
    const cases = connectionOf(core.db).prepare('SELECT count(*) FROM cases').pluck().get() as number;
    console.log(`登记册：${cases} 件`);
    await measure(core, supervisor);
  } finally {
    await core.close();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
