/**
 * The 统计 page's charts as SVG for the PDF summary (issue 9: one chart library for the screen and the paper):
 * the 12-month trend, by type, by channel and by handling department, drawn by ECharts' server-side SVG renderer
 * in Node (no DOM). The options follow renderer/src/pages/statistics/components/charts.tsx (the same series and
 * labels), with what pdfmake's SVG code needs: no label outlines (`textBorderWidth: 0`, else pdfmake paints the
 * outline over the text), no animation, and every text in `fontFamily`, which must be a pdfmake font name of the
 * document (a TTF face; a .ttc/OTF face in an SVG silently falls back to another font).
 */
import * as echarts from 'echarts';
import { formatRate } from '../statistics/figures';
import type { StatisticsCell, StatisticsReport, StatisticsTrend } from '../../electron/core/types';

const COLORS = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2', '#eb2f96'];

export interface ChartSvg {
  svg: string;
  width: number;
  height: number;
}

/** Renders one option to an SVG string; the chart instance is always disposed (else Node never exits). */
export function renderChartSvg(option: echarts.EChartsCoreOption, width: number, height: number, fontFamily: string): ChartSvg {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily, textBorderWidth: 0 }, ...option });
    // ECharts writes the family list as given; pdfmake looks the family up by this exact name.
    return { svg: withoutTextOutlines(chart.renderToSVGString()), width, height };
  } finally {
    chart.dispose();
  }
}

/**
 * ECharts 6 still outlines bar labels (a white `stroke` with `paint-order="stroke"`) whatever `textBorderWidth`
 * says; pdfmake's SVG code ignores paint-order and paints the outline over the glyphs. Text keeps only its fill.
 */
export function withoutTextOutlines(svg: string): string {
  return svg.replace(/<text\b[^>]*>/g, (tag) => tag.replace(/\s(?:stroke|stroke-width|stroke-miterlimit|stroke-linejoin|paint-order)="[^"]*"/g, ''));
}

const cellNumber = (c: StatisticsCell): number | null => (typeof c === 'number' ? c : null);

/** The 12-month trend: registered and closed as bars, the on-time rate as a line on its own axis (0–100%). */
export function trendOption(trend: StatisticsTrend): echarts.EChartsCoreOption {
  const months = trend.months;
  return {
    color: COLORS,
    legend: { top: 0, textStyle: { fontSize: 11 } },
    grid: { left: 44, right: 52, top: 34, bottom: 36 },
    xAxis: {
      type: 'category',
      // the year under the first month and under each January (a label each would overlap at this width)
      data: months.map((m, i) => `${Number(m.month.slice(5))}月${i === 0 || m.month.endsWith('-01') ? `\n${m.month.slice(0, 4)}年` : ''}`),
      axisLabel: { fontSize: 10, interval: 0 },
    },
    yAxis: [
      { type: 'value', name: '件数', minInterval: 1, axisLabel: { fontSize: 10 }, nameTextStyle: { fontSize: 10 } },
      { type: 'value', name: '按期办结率', min: 0, max: 100, axisLabel: { formatter: '{value}%', fontSize: 10 }, nameTextStyle: { fontSize: 10 }, splitLine: { show: false } },
    ],
    series: [
      { name: '登记量', type: 'bar', data: months.map((m) => m.registered), barMaxWidth: 14 },
      { name: '办结', type: 'bar', data: months.map((m) => m.closed), barMaxWidth: 14 },
      {
        name: '按期办结率', type: 'line', yAxisIndex: 1, connectNulls: false, symbolSize: 5,
        data: months.map((m) => (m.onTimeRate === null ? null : Math.round(m.onTimeRate * 1000) / 10)),
      },
    ],
  };
}

/**
 * A breakdown as horizontal bars, largest on top. A public "<3" cell draws no bar; ECharts' SVG renderer draws no
 * label on an empty bar, so its "<3" goes into the category's name.
 */
export function breakdownOption(cells: Record<string, StatisticsCell>, color: string): echarts.EChartsCoreOption {
  const entries = Object.entries(cells).reverse();
  return {
    color: [color],
    grid: { left: 96, right: 36, top: 8, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 9 } },
    yAxis: { type: 'category', data: entries.map(([k, v]) => (typeof v === 'number' ? k : `${k}（${v}）`)), axisLabel: { width: 88, overflow: 'truncate', fontSize: 10 } },
    series: [{
      type: 'bar', name: '件数', barMaxWidth: 14,
      data: entries.map(([, v]) => cellNumber(v) ?? 0),
      label: { show: true, position: 'right', textBorderWidth: 0, fontSize: 10, formatter: (p: { dataIndex: number }) => String(entries[p.dataIndex][1]) },
    }],
  };
}

/** Per handling department: assigned as bars, the on-time rate in the label. */
export function departmentOption(report: StatisticsReport): echarts.EChartsCoreOption {
  const rows = report.departments.filter((d) => d.departmentId !== null).reverse();
  return {
    color: [COLORS[3]],
    grid: { left: 130, right: 130, top: 8, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 9 } },
    yAxis: { type: 'category', data: rows.map((d) => (typeof d.assigned === 'number' ? d.name : `${d.name}（${d.assigned} 件）`)), axisLabel: { width: 120, overflow: 'truncate', fontSize: 10 } },
    series: [{
      type: 'bar', name: '分办件数', barMaxWidth: 14,
      data: rows.map((d) => cellNumber(d.assigned) ?? 0),
      label: {
        show: true, position: 'right', textBorderWidth: 0, fontSize: 10,
        formatter: (p: { dataIndex: number }) => `${rows[p.dataIndex].assigned} 件 · 按期办结率 ${formatRate(rows[p.dataIndex].onTimeRate)}`,
      },
    }],
  };
}

const barsHeight = (n: number) => Math.max(90, 22 * n + 30);

export interface SummaryCharts {
  trend: ChartSvg | null;
  byType: ChartSvg | null;
  byChannel: ChartSvg | null;
  byDepartment: ChartSvg | null;
}

/** The four charts of the page for a report (null where there is nothing to draw), `width` points wide. */
export function summaryCharts(report: StatisticsReport, trend: StatisticsTrend | null, width: number, fontFamily: string): SummaryCharts {
  const half = Math.floor((width - 12) / 2);
  const types = Object.keys(report.byType).length;
  const channels = Object.keys(report.byChannel).length;
  const depts = report.departments.filter((d) => d.departmentId !== null).length;
  return {
    trend: trend ? renderChartSvg(trendOption(trend), width, 210, fontFamily) : null,
    byType: types ? renderChartSvg(breakdownOption(report.byType, COLORS[0]), half, barsHeight(types), fontFamily) : null,
    byChannel: channels ? renderChartSvg(breakdownOption(report.byChannel, COLORS[1]), half, barsHeight(channels), fontFamily) : null,
    byDepartment: depts ? renderChartSvg(departmentOption(report), width, barsHeight(depts), fontFamily) : null,
  };
}
