import { Card, Col, Row, Table, Tag, Tooltip, Typography } from 'antd';
import {
  formatRate, STATUS_LABELS, type StatisticsCell, type StatisticsReport,
} from '../../../api/core';
import { useAppNavigate } from '../../../app/navigation';
import { PATHS } from '../../../app/paths';
import { t } from '../../../i18n/zh-CN';
import { cellText, shareText } from '../format';

const s = t.statistics;
type Report = StatisticsReport;
type Department = Report['departments'][number];
type Overdue = NonNullable<Report['overdueList']>['rows'][number];
type Repeat = NonNullable<Report['repeats']>['rows'][number];
type Staff = NonNullable<Report['staff']>[number];

const BREAKDOWNS = [
  ['byType', s.byType], ['byChannel', s.byChannel], ['byRespondentDepartment', s.byRespondentDepartment],
  ['bySeverity', s.bySeverity], ['byFinding', s.byFinding], ['byStatus', s.byStatus],
] as const;

function Breakdown({ title, cells, total, testId }: { title: string; cells: Record<string, StatisticsCell>; total: number; testId: string }) {
  const rows = Object.entries(cells).map(([name, n]) => ({ name, n }));
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Table
        size="small" pagination={false} rowKey="name" dataSource={rows} locale={{ emptyText: s.noRows }}
        columns={[
          { title: s.name, dataIndex: 'name' },
          { title: s.count, key: 'n', align: 'right', width: 70, render: (_, r) => cellText(r.n) },
          { title: s.share, key: 'share', align: 'right', width: 80, render: (_, r) => shareText(r.n, total) },
        ]}
      />
    </Card>
  );
}

/**
 * What a breakdown's shares are of: the cohort for those that divide every case (type, channel, department
 * complained about, status); their own sum for severity (assigned cases) and finding (cases with one), unknown
 * (no shares) when a public "<3" cell hides part of that sum.
 */
function shareBase(report: Report, key: (typeof BREAKDOWNS)[number][0]): number {
  if (key !== 'bySeverity' && key !== 'byFinding') return report.registered;
  const cells = Object.values(report[key]);
  return cells.some((c) => typeof c !== 'number') ? 0 : cells.reduce<number>((sum, c) => sum + (c as number), 0);
}

export function Breakdowns({ report }: { report: Report }) {
  return (
    <Row gutter={[12, 12]}>
      {BREAKDOWNS.map(([key, title]) => (
        <Col key={key} xs={24} md={12} xl={8}>
          <Breakdown title={title} cells={report[key]} total={shareBase(report, key)} testId={`breakdown-${key}`} />
        </Col>
      ))}
    </Row>
  );
}

/** Per 承办部门, ranked by 按期办结率, the 合计 row last (and bold). */
export function DepartmentTable({ report }: { report: Report }) {
  return (
    <Table<Department>
      size="small" pagination={false} rowKey={(d) => d.departmentId ?? 'total'} dataSource={report.departments} data-testid="department-table"
      rowClassName={(d) => (d.departmentId === null ? 'stats-total-row' : '')} locale={{ emptyText: s.noRows }}
      columns={[
        { title: s.rank, dataIndex: 'rank', width: 60, align: 'center', render: (r: number | null) => r ?? '' },
        { title: s.department, dataIndex: 'name' },
        { title: s.assigned, key: 'assigned', align: 'right', render: (_, d) => cellText(d.assigned) },
        { title: '办结', key: 'closed', align: 'right', render: (_, d) => cellText(d.closed) },
        { title: '按期办结', key: 'closedOnTime', align: 'right', render: (_, d) => cellText(d.closedOnTime) },
        { title: '按期办结率', key: 'onTimeRate', align: 'right', render: (_, d) => formatRate(d.onTimeRate) },
        { title: '超期未办结', key: 'overdueOpen', align: 'right', render: (_, d) => cellText(d.overdueOpen) },
        { title: '回访', key: 'followedUp', align: 'right', render: (_, d) => cellText(d.followedUp) },
        { title: '满意率', key: 'satisfactionRate', align: 'right', render: (_, d) => formatRate(d.satisfactionRate) },
        { title: '不满意', key: 'unsatisfied', align: 'right', render: (_, d) => cellText(d.unsatisfied) },
      ]}
    />
  );
}

/** A register number that opens its case for those who may open cases (an admin sees the number only). */
function CaseLink({ id, registerNo, canOpen }: { id: number; registerNo: string; canOpen: boolean }) {
  const navigate = useAppNavigate();
  if (!canOpen) return <span className="mono">{registerNo}</span>;
  return <Typography.Link className="mono" onClick={() => navigate(PATHS.caseDetail(id))} data-testid="case-link">{registerNo}</Typography.Link>;
}

export function OverdueTable({ list, canOpen }: { list: NonNullable<Report['overdueList']>; canOpen: boolean }) {
  return (
    <>
      <Typography.Text type="secondary">{s.overdueTotal(list.rows.length, list.total)}</Typography.Text>
      <Table<Overdue>
        size="small" rowKey="caseId" dataSource={list.rows} data-testid="overdue-table" locale={{ emptyText: s.noRows }}
        pagination={list.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        columns={[
          { title: s.registerNo, key: 'no', width: 140, render: (_, r) => <CaseLink id={r.caseId} registerNo={r.registerNo} canOpen={canOpen} /> },
          { title: s.subject, dataIndex: 'subject', ellipsis: true },
          { title: s.handlingDepartment, dataIndex: 'handlingDepartment', width: 140, render: (v: string) => v || t.common.none },
          { title: s.dueDate, dataIndex: 'dueDate', width: 110 },
          { title: s.daysOverdue, dataIndex: 'daysOverdue', width: 90, align: 'right', render: (n: number) => s.days(n) },
        ]}
      />
    </>
  );
}

export function RepeatTable({ list, canOpen }: { list: NonNullable<Report['repeats']>; canOpen: boolean }) {
  return (
    <>
      <Typography.Text type="secondary">{s.overdueTotal(list.rows.length, list.total)}</Typography.Text>
      <Table<Repeat>
        size="small" rowKey="caseId" dataSource={list.rows} data-testid="repeat-table" locale={{ emptyText: s.noRows }}
        pagination={list.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        columns={[
          { title: s.registerNo, key: 'no', width: 140, render: (_, r) => <CaseLink id={r.caseId} registerNo={r.registerNo} canOpen={canOpen} /> },
          { title: s.receivedAt, dataIndex: 'receivedAt', width: 150 },
          { title: s.caseType, dataIndex: 'caseType', width: 90 },
          { title: s.status, key: 'status', width: 100, render: (_, r) => STATUS_LABELS[r.status] },
          { title: s.repeatOf, key: 'of', render: (_, r) => <CaseLink id={r.repeatOfId} registerNo={r.repeatOfRegisterNo} canOpen={canOpen} /> },
        ]}
      />
    </>
  );
}

const BAND_COLORS: Record<string, string> = { 批评教育: 'gold', 诫勉谈话: 'orange', 调离岗位: 'red' };

export function StaffTable({ staff, span }: { staff: Staff[]; span: { from: string; to: string } | undefined }) {
  return (
    <>
      {span && <Typography.Text type="secondary">{s.staffPeriod(span.from, span.to)}</Typography.Text>}
      <Table<Staff>
        size="small" rowKey={(r) => `${r.department}|${r.name}`} dataSource={staff} data-testid="staff-table" locale={{ emptyText: s.noStaff }}
        pagination={staff.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        columns={[
          { title: s.staffName, dataIndex: 'name' },
          { title: s.staffDepartment, dataIndex: 'department' },
          { title: s.substantiated, dataIndex: 'substantiated', align: 'right', width: 100 },
          {
            title: <Tooltip title={s.bandHint}><span>{s.band}</span></Tooltip>, key: 'band', width: 120,
            render: (_, r) => (r.band ? <Tag color={BAND_COLORS[r.band] ?? 'default'}>{r.band}</Tag> : t.common.none),
          },
        ]}
      />
    </>
  );
}
