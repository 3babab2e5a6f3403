import type { Core } from '../core/core';
import { seedDemo } from '../demo/bulk-writer';
import { ROLE_LABELS, STATUS_LABELS, STATUSES, type Role } from '../core/domain/vocab';

/**
 * `seed`: fills an opened data folder with a demo register (two years of cases ending today) and the demo
 * accounts. Meant for trying the app and for training, never for an office's real register.
 */
export async function runSeed(core: Core, opts: { cases: number; seed: number; today?: string }, print: (line: string) => void): Promise<void> {
  const started = Date.now();
  print(`正在写入演示数据：${opts.cases} 件（随机种子 ${opts.seed}）……`);
  let nextReport = Math.max(10_000, Math.ceil(opts.cases / 10));
  const result = await seedDemo(core, {
    cases: opts.cases, seed: opts.seed, today: opts.today,
    onProgress: (n) => {
      if (n >= nextReport && n < opts.cases) {
        print(`  已写入 ${n} 件（${((Date.now() - started) / 1000).toFixed(0)} 秒）`);
        nextReport += Math.max(10_000, Math.ceil(opts.cases / 10));
      }
    },
  });
  const seconds = (Date.now() - started) / 1000;
  print(`完成：${result.cases} 件，${result.historyRows} 条修改记录，用时 ${seconds.toFixed(1)} 秒（${result.usedWorker ? '生成线程 + 写入线程' : '单线程'}）。`);
  if (result.firstRegisterNo) print(`登记编号：${result.firstRegisterNo} 至 ${result.lastRegisterNo}（每年从 1 起连续编号）`);
  print(`数据截至：${result.today}`);
  print('');
  print('按状态：');
  const width = Math.max(...STATUSES.map((s) => STATUS_LABELS[s].length));
  for (const s of STATUSES) print(`  ${STATUS_LABELS[s].padEnd(width, '　')}  ${String(result.byStatus[s] ?? 0).padStart(8)}`);
  print(`  其中延期 ${result.extended} 件，复查（第二轮）${result.reopened} 件。`);
  print('');
  print('演示账号（仅供试用的演示密码，请勿用于正式数据；正式使用前请停用或修改）：');
  for (const a of result.accounts) {
    const note = a.created ? '' : '（已存在，未改动其密码）';
    print(`  ${ROLE_LABELS[a.role as Role].padEnd(3, '　')}  ${a.username.padEnd(9)} 密码 ${a.password.padEnd(13)} ${a.displayName}${note}`);
  }
}
