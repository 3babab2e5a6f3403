import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { formatRate, type StatisticsCell, type StatisticsReport, type StatisticsTrend } from '../../../api/core';
import { t } from '../../../i18n/zh-CN';
import { cellNumber } from '../format';
import { EChart, type ChartOption } from './echart';

const s = t.statistics;
const COLORS = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2', '#eb2f96'];

/** The 12-month trend: registered and closed as bars, the on-time rate as a line on its own axis (0–100%). */
function trendOption(trend: StatisticsTrend): ChartOption {
  const months = trend.months;
  return {
    color: COLORS,
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (v === null || v === undefined ? '—' : String(v)),
    },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 36, bottom: 28 },
    // the year on the first month and on each January, so twelve months across a year end read right
    xAxis: { type: 'category', data: months.map((m, i) => (i === 0 || m.month.endsWith('-01') ? m.label : `${Number(m.month.slice(5))}月`)) },
    yAxis: [
      { type: 'value', name: s.count, minInterval: 1 },
      { type: 'value', name: s.trendOnTime, min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { name: s.trendRegistered, type: 'bar', data: months.map((m) => m.registered), barMaxWidth: 18 },
      { name: s.trendClosed, type: 'bar', data: months.map((m) => m.closed), barMaxWidth: 18 },
      {
        name: s.trendOnTime, type: 'line', yAxisIndex: 1, connectNulls: false,
        data: months.map((m) => (m.onTimeRate === null ? null : Math.round(m.onTimeRate * 1000) / 10)),
        tooltip: { valueFormatter: (v) => (v === null || v === undefined ? '—' : `${Number(v).toFixed(1)}%`) },
      },
    ],
  };
}

/** A breakdown as horizontal bars, largest on top; a public "<3" cell draws no bar and says "<3". */
function breakdownOption(cells: Record<string, StatisticsCell>, color: string): ChartOption {
  const entries = Object.entries(cells).reverse();
  return {
    color: [color],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: entries.map(([k]) => k), axisLabel: { width: 110, overflow: 'truncate' } },
    series: [{
      type: 'bar', name: s.count, barMaxWidth: 16,
      // a "<3" cell sits at 0 with its label "<3" (ECharts labels no empty point): its size stays unsaid
      data: entries.map(([, v]) => cellNumber(v) ?? 0),
      label: { show: true, position: 'right', textBorderWidth: 0, formatter: (p) => String(entries[p.dataIndex][1]) },
    }],
  };
}

/** Per handling department: assigned as bars, the on-time rate in the label. */
function departmentOption(report: StatisticsReport): ChartOption {
  const rows = report.departments.filter((d) => d.departmentId !== null).reverse();
  return {
    color: [COLORS[3]],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 120, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((d) => d.name), axisLabel: { width: 110, overflow: 'truncate' } },
    series: [{
      type: 'bar', name: s.assigned, barMaxWidth: 16,
      data: rows.map((d) => cellNumber(d.assigned) ?? 0),
      label: {
        show: true, position: 'right', textBorderWidth: 0,
        formatter: (p) => `${rows[p.dataIndex].assigned} 件 · ${t.statistics.trendOnTime} ${formatRate(rows[p.dataIndex].onTimeRate)}`,
      },
    }],
  };
}

const barsHeight = (n: number) => Math.max(120, 28 * n + 24);

export function StatisticsCharts({ report, trend }: { report: StatisticsReport; trend: StatisticsTrend | null }) {
  const trendOpt = useMemo(() => (trend ? trendOption(trend) : null), [trend]);
  const typeOpt = useMemo(() => breakdownOption(report.byType, COLORS[0]), [report]);
  const channelOpt = useMemo(() => breakdownOption(report.byChannel, COLORS[1]), [report]);
  const deptOpt = useMemo(() => departmentOption(report), [report]);
  const types = Object.keys(report.byType).length;
  const channels = Object.keys(report.byChannel).length;
  const depts = report.departments.length - 1;
  const empty = <div className="stats-empty">{s.noCases}</div>;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24}>
        <Card size="small" title={s.trend}>
          {trendOpt ? <EChart option={trendOpt} height={260} testId="chart-trend" label={s.trend} /> : <div style={{ height: 260 }} />}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={s.byType}>
          {types ? <EChart option={typeOpt} height={barsHeight(types)} testId="chart-type" label={s.byType} /> : empty}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={s.byChannel}>
          {channels ? <EChart option={channelOpt} height={barsHeight(channels)} testId="chart-channel" label={s.byChannel} /> : empty}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={s.byDepartment}>
          {depts > 0 ? <EChart option={deptOpt} height={barsHeight(depts)} testId="chart-department" label={s.byDepartment} /> : empty}
        </Card>
      </Col>
    </Row>
  );
}
