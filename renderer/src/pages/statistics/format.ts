import {
  change, FIGURE_BY_KEY, formatChange, formatRate, type FigureDefinition, type FigureKey, type FigureKind, type StatisticsCell, type StatisticsFigures,
} from '../../api/core';

/**
 * How the 统计 page writes a figure and its 环比 / 同比 (statistics.md): counts as they are, rates as
 * percentages with one decimal (86.7%), handling time as the mean in working days, a change in the figure's
 * own unit (个百分点 for rates), and "—" wherever there is no value. The arithmetic is the core's
 * (domain/statistics.ts), so the page, the PDF and the workbook print the same text.
 */

/** The number a figure compares by: the count, the rate, or the mean handling time. */
export function figureNumber(figures: StatisticsFigures, key: FigureKey): number | null {
  if (key === 'handlingWorkingDays') return figures.handlingWorkingDays.mean;
  return figures[key];
}

/** A figure's value as printed: "25", "86.7%", "9.1 个工作日", or "—". */
export function formatValue(kind: FigureKind, value: number | null): string {
  if (value === null) return '—';
  if (kind === 'rate') return formatRate(value);
  if (kind === 'days') return `${value.toFixed(1)} 个工作日`;
  return String(value);
}

export interface Comparison {
  /** the other period's figure as printed */
  value: string;
  /** the change from it to this period's figure: "+3", "−2.5 个百分点", "—" */
  change: string;
  /** for colouring: up, down or none */
  direction: 'up' | 'down' | 'none';
}

export interface FigureView {
  definition: FigureDefinition;
  value: string;
  /** the median beside the mean of the handling time; null for other figures */
  median: string | null;
  previous: Comparison;
  yearAgo: Comparison;
}

function compare(kind: FigureKind, current: number | null, other: number | null): Comparison {
  const delta = change(kind, current, other);
  return { value: formatValue(kind, other), change: formatChange(kind, delta), direction: delta === null || delta === 0 ? 'none' : delta > 0 ? 'up' : 'down' };
}

/** One figure of the report with its 环比 and 同比, ready to print. */
export function figureView(
  report: StatisticsFigures & { previous: StatisticsFigures; yearAgo: StatisticsFigures },
  key: FigureKey,
): FigureView {
  const definition = FIGURE_BY_KEY.get(key)!;
  const current = figureNumber(report, key);
  return {
    definition,
    value: formatValue(definition.kind, current),
    median: key === 'handlingWorkingDays' ? formatValue('days', report.handlingWorkingDays.median) : null,
    previous: compare(definition.kind, current, figureNumber(report.previous, key)),
    yearAgo: compare(definition.kind, current, figureNumber(report.yearAgo, key)),
  };
}

/** A breakdown cell: a count, or "<3" in the public version. */
export const cellText = (cell: StatisticsCell): string => String(cell);

/** A count as a chart value: a "<3" cell has none (the chart draws no bar for it and labels it "<3"). */
export const cellNumber = (cell: StatisticsCell): number | null => (typeof cell === 'number' ? cell : null);

/** The share of a breakdown cell in the whole ("12.5%"), "—" when there is nothing to share or the cell is "<3". */
export function shareText(cell: StatisticsCell, total: number): string {
  return typeof cell === 'number' && total > 0 ? formatRate(cell / total) : '—';
}
