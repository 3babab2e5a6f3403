import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Table, Tooltip, Typography } from 'antd';
import { FIGURES, type FigureKey, type StatisticsReport } from '../../../api/core';
import { t } from '../../../i18n/zh-CN';
import { figureView, type Comparison, type FigureView } from '../format';

const s = t.statistics;

/** The cards at the top: what a supervisor reads first (按期办结率 always beside 超期未办结: together they hide no backlog). */
const KEY_FIGURES: readonly FigureKey[] = [
  'registered', 'accepted', 'closed', 'onTimeRate', 'overdueOpen', 'acceptanceRate', 'closureRate', 'satisfactionRate', 'handlingWorkingDays', 'repeat',
];

function Change({ c }: { c: Comparison }) {
  return <span className={`stats-change stats-change-${c.direction}`}>{c.change}</span>;
}

/** The figure's name with its definition (from the one table) on hover. */
export function FigureLabel({ view }: { view: FigureView }) {
  return (
    <Tooltip title={view.definition.definition}>
      <span className="stats-figure-label" data-testid={`figure-label-${view.definition.key}`}>
        {view.definition.label} <InfoCircleOutlined className="stats-info" />
      </span>
    </Tooltip>
  );
}

function FigureCard({ view }: { view: FigureView }) {
  return (
    <Card size="small" className="stats-card" data-testid={`figure-${view.definition.key}`}>
      <div className="stats-card-title"><FigureLabel view={view} /></div>
      <div className="stats-card-value" data-testid="figure-value">
        {view.value}
        {view.median !== null && <span className="stats-card-median">{s.median} {view.median}</span>}
      </div>
      <div className="stats-card-compare">
        <span>{s.previous} {view.previous.value} <Change c={view.previous} /></span>
        <span>{s.yearAgo} {view.yearAgo.value} <Change c={view.yearAgo} /></span>
      </div>
    </Card>
  );
}

export function FigureCards({ report }: { report: StatisticsReport }) {
  return (
    <Row gutter={[12, 12]} data-testid="figure-cards">
      {KEY_FIGURES.map((key) => (
        <Col key={key} xs={12} md={8} xl={4} xxl={4} className="stats-card-col">
          <FigureCard view={figureView(report, key)} />
        </Col>
      ))}
    </Row>
  );
}

/** Every figure of statistics.md with 环比 and 同比 and its definition: the 汇总 as the workbook and the PDF print it. */
export function FigureTable({ report }: { report: StatisticsReport }) {
  const rows = FIGURES.map((f) => figureView(report, f.key));
  return (
    <Table<FigureView>
      size="small" pagination={false} rowKey={(v) => v.definition.key} dataSource={rows} data-testid="figure-table"
      columns={[
        { title: s.figure, key: 'label', width: 150, render: (_, v) => <FigureLabel view={v} /> },
        { title: s.value, key: 'value', width: 130, align: 'right', render: (_, v) => (v.median === null ? v.value : `${v.value}（${s.median} ${v.median}）`) },
        { title: `${s.previous}（${report.previous.period.label}）`, key: 'prev', width: 140, align: 'right', render: (_, v) => v.previous.value },
        { title: s.change, key: 'prevChange', width: 140, align: 'right', render: (_, v) => <Change c={v.previous} /> },
        { title: `${s.yearAgo}（${report.yearAgo.period.label}）`, key: 'ago', width: 140, align: 'right', render: (_, v) => v.yearAgo.value },
        { title: s.change, key: 'agoChange', width: 140, align: 'right', render: (_, v) => <Change c={v.yearAgo} /> },
        { title: s.definition, key: 'definition', render: (_, v) => <Typography.Text type="secondary">{v.definition.definition}</Typography.Text> },
      ]}
    />
  );
}
