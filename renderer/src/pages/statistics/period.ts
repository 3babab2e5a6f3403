import dayjs from 'dayjs';
import { lastMonth, type PeriodSpec } from '../../api/core';

/** What the page opens on: last month (statistics are handed up after a month ends), by this computer's date. */
export function defaultSpec(today = dayjs().format('YYYY-MM-DD')): PeriodSpec {
  return lastMonth(today);
}

/** The period `by` periods of the same kind later (negative: earlier); a custom range moves by its own length. */
export function shiftSpec(spec: PeriodSpec, by: number): PeriodSpec {
  switch (spec.kind) {
    case 'month':
      return { kind: 'month', month: dayjs(`${spec.month}-01`).add(by, 'month').format('YYYY-MM') };
    case 'quarter': {
      const q0 = Number(spec.quarter.slice(0, 4)) * 4 + Number(spec.quarter.slice(6)) - 1 + by;
      return { kind: 'quarter', quarter: `${Math.floor(q0 / 4)}-Q${(q0 % 4) + 1}` };
    }
    case 'year':
      return { kind: 'year', year: spec.year + by };
    case 'custom': {
      const days = dayjs(spec.to).diff(dayjs(spec.from), 'day') + 1;
      return { kind: 'custom', from: dayjs(spec.from).add(by * days, 'day').format('YYYY-MM-DD'), to: dayjs(spec.to).add(by * days, 'day').format('YYYY-MM-DD') };
    }
  }
}

/** The last month of a period's trend: the month of its last day. */
export const trendMonth = (to: string): string => to.slice(0, 7);
