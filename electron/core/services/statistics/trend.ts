import { cohortByMonth } from '../../../../db/queries/statistics-trend';
import type { ParsedInput } from '../../contract';
import { addDays } from '../../domain/calendar';
import { periodOf, rate } from '../../domain/statistics';
import type { StatisticsTrend } from '../../types';
import type { Deps } from '../deps';

/** How many months the 统计 page's trend shows, ending with the period's last month. */
export const TREND_MONTHS = 12;

/** The 'YYYY-MM' months from `months - 1` before `last` up to `last`, oldest first. */
export function monthsEnding(last: string, months = TREND_MONTHS): string[] {
  const y = Number(last.slice(0, 4));
  const m = Number(last.slice(5, 7));
  const out: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const m0 = y * 12 + (m - 1) - i;
    out.push(`${String(Math.floor(m0 / 12)).padStart(4, '0')}-${String((m0 % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/**
 * statistics/trend: registered, closed, closed on time and the on-time rate of each of 12 months in one
 * statement over the statistics index, instead of twelve statistics/get calls (each of which also computes 环比, 同比,
 * breakdowns and lists the chart does not show). The months are calendar months of the stored local times, as
 * in statistics/get; "today" plays no part in these figures, so the office's zone is not needed.
 */
export function createStatisticsTrend(deps: Deps) {
  async function trend(input: ParsedInput<'statistics/trend'>): Promise<StatisticsTrend> {
    const months = monthsEnding(input.month);
    const ranges = months.map((month) => {
      const p = periodOf({ kind: 'month', month });
      return { month, from: p.from, before: addDays(p.to, 1) };
    });
    const rows = new Map((await cohortByMonth(deps.db, ranges)).map((r) => [r.month, r]));
    return {
      months: months.map((month) => {
        const r = rows.get(month) ?? { registered: 0, closed: 0, closedOnTime: 0 };
        return {
          month, label: periodOf({ kind: 'month', month }).label,
          registered: r.registered, closed: r.closed, closedOnTime: r.closedOnTime, onTimeRate: rate(r.closedOnTime, r.closed),
        };
      }),
    };
  }
  return { trend };
}
