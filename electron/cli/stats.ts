import fs from 'node:fs';
import path from 'node:path';
import { activeUserIdByName } from '../../db/queries/papers';
import { openCore, openReadOnlyCore, type Core } from '../core/core';
import type { Channel, ChannelOutput } from '../core/contract';
import { AppError, type Result } from '../core/errors';
import { FIGURES, formatChange, formatRate, change, type FigureDefinition } from '../core/domain/statistics';
import type { StatisticsFigures, StatisticsReport, StatisticsSummaryRecord } from '../core/types';

export const STATS_USAGE = 'stats (--month YYYY-MM | --quarter YYYY-Qn | --year YYYY | --from YYYY-MM-DD --to YYYY-MM-DD) [--json 文件] [--xlsx 文件] [--pdf 文件 [--issue [--as 用户名]]] [--public]';

/** A mistake in how `stats` was called (exit 2, the message alone). */
export class StatsUsageError extends Error {}

export interface StatsOptions {
  month?: string;
  quarter?: string;
  year?: string;
  from?: string;
  to?: string;
  json?: string;
  xlsx?: string;
  pdf?: string;
  public?: boolean;
  /** 签发: store the summary (statistics/issue) and write the stored PDF to --pdf */
  issue?: boolean;
  /** the user who issues (their name after 制表人); else the operator, recorded as 命令行 */
  as?: string;
}

/** The period the flags name: exactly one of --month, --quarter, --year, or --from with --to. */
export function periodFromFlags(v: StatsOptions): Record<string, unknown> {
  const given = [v.month !== undefined, v.quarter !== undefined, v.year !== undefined, v.from !== undefined || v.to !== undefined].filter(Boolean).length;
  if (given !== 1) throw new StatsUsageError(`请指定一个统计期间：--month、--quarter、--year 或 --from 与 --to 四者选一\n用法：${STATS_USAGE}`);
  if (v.month !== undefined) return { kind: 'month', month: v.month };
  if (v.quarter !== undefined) return { kind: 'quarter', quarter: v.quarter.toUpperCase() };
  if (v.year !== undefined) {
    if (!/^\d{4}$/.test(v.year)) throw new StatsUsageError(`--year 须为四位年份：${v.year}`);
    return { kind: 'year', year: Number(v.year) };
  }
  if (v.from === undefined || v.to === undefined) throw new StatsUsageError('自定义期间须同时给出 --from 与 --to（YYYY-MM-DD，两端都含）');
  return { kind: 'custom', from: v.from, to: v.to };
}

function valueText(f: FigureDefinition, figures: StatisticsFigures): string {
  if (f.kind === 'rate') return formatRate(figures[f.key as keyof StatisticsFigures] as number | null);
  if (f.kind === 'days') {
    const d = figures.handlingWorkingDays;
    return d.mean === null ? '—' : `${d.mean.toFixed(1)} / ${d.median}`;
  }
  return String(figures[f.key as keyof StatisticsFigures]);
}

function changeText(f: FigureDefinition, now: StatisticsFigures, other: StatisticsFigures): string {
  if (f.kind === 'days') return formatChange('days', change('days', now.handlingWorkingDays.mean, other.handlingWorkingDays.mean));
  const key = f.key as keyof StatisticsFigures;
  return formatChange(f.kind, change(f.kind, now[key] as number | null, other[key] as number | null));
}

/** The figures as the terminal shows them: one line each, with 环比 and 同比 beside. */
export function summaryLines(r: StatisticsReport): string[] {
  const lines = [
    `${r.public ? '定期公开 · ' : ''}${r.period.label}（${r.period.from} 至 ${r.period.to}），数据截至 ${r.asOf}（${r.timeZone}）`,
    `环比：${r.previous.period.label}　同比：${r.yearAgo.period.label}`,
  ];
  for (const f of FIGURES) {
    lines.push(`${f.label}：${valueText(f, r)}　环比 ${changeText(f, r, r.previous)}　同比 ${changeText(f, r, r.yearAgo)}`);
  }
  lines.push(...r.warnings.map((w) => `提示：${w}`));
  return lines;
}

/**
 * `stats`: the report of a period read from the register (read-only, beside a running app), as the operator
 * (an administrator's view, the per-staff table included unless --public). Prints the figures; --json writes
 * the whole report (every key of statistics.md at the top level) to a file, --xlsx the workbook (statistics/xlsx:
 * 明细台账 masked as for an administrator), --pdf the summary to print and sign (statistics/pdf); with --issue the
 * summary is issued (statistics/issue: stored with its SHA-256 and recorded) and --pdf gets the stored bytes.
 */
export async function runStats(dataDir: string, v: StatsOptions, print: (line: string) => void): Promise<number> {
  const period = periodFromFlags(v);
  if (v.issue && v.pdf === undefined) throw new StatsUsageError(`签发（--issue）须同时给出 --pdf 文件（签发后存档的 PDF 写到那里）\n用法：${STATS_USAGE}`);
  if (v.as !== undefined && !v.issue) throw new StatsUsageError(`--as 只用于签发（--issue）\n用法：${STATS_USAGE}`);
  // Issuing writes the register (the writer's lock); everything else only reads, beside a running app.
  const core = v.issue ? await openCore(dataDir) : await openReadOnlyCore(dataDir);
  try {
    const result = await core.callAsOperator('statistics/get', { period, public: v.public === true });
    if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.field);
    const report = result.value;
    for (const line of summaryLines(report)) print(line);
    if (v.json !== undefined) {
      const target = path.resolve(v.json);
      fs.writeFileSync(target, `${JSON.stringify(report, null, 2)}\n`);
      print(`已写入：${target}`);
    }
    if (v.xlsx !== undefined) {
      // The same period and version as the figures printed above, as the workbook (statistics/xlsx).
      const file = await core.callAsOperator('statistics/xlsx', { period, public: v.public === true });
      if (!file.ok) throw new AppError(file.error.code, file.error.message, file.error.field);
      const target = path.resolve(v.xlsx);
      fs.writeFileSync(target, file.value.bytes);
      print(`已写入：${target}`);
    }
    if (v.pdf !== undefined && v.issue) {
      const record = await issueSummary(core, v.as, { period, public: v.public === true }, v.pdf);
      for (const line of issuedLines(record, path.resolve(v.pdf))) print(line);
    } else if (v.pdf !== undefined) {
      // The summary to print and sign (statistics/pdf), the same period and version.
      const file = await core.callAsOperator('statistics/pdf', { period, public: v.public === true });
      if (!file.ok) throw new AppError(file.error.code, file.error.message, file.error.field);
      const target = path.resolve(v.pdf);
      fs.writeFileSync(target, file.value.bytes);
      print(`已写入：${target}`);
    }
    return 0;
  } finally {
    await core.close();
  }
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.field);
  return result.value;
}

/**
 * `stats … --pdf FILE --issue [--as USERNAME]`: statistics/issue as --as's user (their role decides; their name is
 * printed after 制表人) or as the operator (an administrator's role, recorded as 命令行), then the stored bytes
 * (statistics/summaryPdf, checked against their SHA-256) written to FILE.
 */
async function issueSummary(core: Core, username: string | undefined, input: { period: Record<string, unknown>; public: boolean }, out: string): Promise<StatisticsSummaryRecord> {
  let call = <C extends Channel>(channel: C, i: unknown): Promise<Result<ChannelOutput<C>>> => core.callAsOperator(channel, i);
  if (username !== undefined) {
    const userId = await activeUserIdByName(core.db, username);
    if (userId === undefined) throw new AppError('NOT_FOUND', `没有启用的用户“${username}”（--as）`);
    const session = { userId };
    call = (channel, i) => core.call(channel, i, session);
  }
  const record = unwrap(await call('statistics/issue', input));
  fs.writeFileSync(path.resolve(out), unwrap(await call('statistics/summaryPdf', { id: record.id })).bytes);
  return record;
}

/** The issued record as the terminal shows it; the last line is the record itself as JSON. */
export function issuedLines(r: StatisticsSummaryRecord, file: string): string[] {
  return [
    `已签发统计汇总表「${r.period.label}」（${r.public ? '公开版' : '内部版'}，${r.period.from} 至 ${r.period.to}，数据截至 ${r.asOf}）`,
    `签发编号 ${r.id}　制表人 ${r.issuedBy}　签发时间 ${r.issuedAt}　SHA-256 ${r.sha256}（${r.bytes} 字节）`,
    `已写入：${file}`,
    JSON.stringify(r),
  ];
}
