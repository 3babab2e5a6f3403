import { FileExcelOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Collapse, Row, Space, Spin, Switch, Tooltip, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { invoke } from '../../api/client';
import { mayCall, periodOf, type PeriodSpec } from '../../api/core';
import { useApi } from '../../api/use-api';
import { useLoad, useLoadWith } from '../../api/use-load';
import { useUser } from '../../app/session';
import { t } from '../../i18n/zh-CN';
import { StatisticsCharts } from './components/charts';
import { FigureCards, FigureTable } from './components/figure-cards';
import { IssuedSummaries, IssueSummaryButton } from './components/issued-summaries';
import { PeriodPicker } from './components/period-picker';
import { Breakdowns, DepartmentTable, OverdueTable, RepeatTable, StaffTable } from './components/tables';
import { defaultSpec, trendMonth } from './period';
import './statistics.css';

const s = t.statistics;
/** The period chosen last in this tab, so coming back from a case shows the same report. */
const PERIOD_KEY = 'statistics.period';

function storedSpec(): PeriodSpec {
  try {
    const raw = sessionStorage.getItem(PERIOD_KEY);
    if (raw) {
      const spec = JSON.parse(raw) as PeriodSpec;
      periodOf(spec);
      return spec;
    }
  } catch {
    // nothing usable stored: the default
  }
  return defaultSpec();
}

/**
 * 统计 (issue 9 item 1): a period's figures exactly as statistics.md defines them, from statistics/get, with
 * 环比 and 同比 beside each, the definitions on hover, the 12-month trend (statistics/trend, one call), the
 * breakdowns, the departments ranked, the overdue and repeat lists, and — for supervisors and admins — the
 * per-staff substantiated counts. The 公开版 switch shows what the office publishes.
 */
export default function StatisticsPage() {
  const user = useUser();
  const { call, showError, clearErrors } = useApi();
  const { message } = App.useApp();
  const [spec, setSpecState] = useState<PeriodSpec>(storedSpec);
  const [isPublic, setPublic] = useState(false);
  const [isExporting, setExporting] = useState(false);
  const [isPrinting, setPrinting] = useState(false);
  const period = useMemo(() => periodOf(spec), [spec]);
  const setSpec = useCallback((next: PeriodSpec) => {
    setSpecState(next);
    sessionStorage.setItem(PERIOD_KEY, JSON.stringify(next));
  }, []);

  const { data: report, isLoading, reload } = useLoad('statistics/get', { period: spec, public: isPublic }, { keepPrevious: true });
  const { data: trend, reload: reloadTrend } = useLoad('statistics/trend', { month: trendMonth(period.to) }, { keepPrevious: true });
  const canOpenCases = mayCall('cases/get', user.role);
  const canExport = mayCall('statistics/xlsx', user.role);
  const canPrint = mayCall('statistics/pdf', user.role);
  const canIssue = mayCall('statistics/issue', user.role);
  const issued = useLoadWith(
    mayCall('statistics/summaries', user.role) ? () => invoke('statistics/summaries', {}) : null, [user.role], { keepPrevious: true },
  );

  async function exportXlsx() {
    setExporting(true);
    const r = await call('statistics/xlsx', { period: spec, public: isPublic });
    setExporting(false);
    if (r.ok) message.info(r.value.saved ? s.exported(r.value.name) : s.exportCanceled);
  }

  /** The summary PDF (statistics/pdf) opened in the PDF reader (a new tab in the browser) to print and sign. */
  async function printPdf() {
    setPrinting(true);
    const r = await invoke('statistics/pdf', { period: spec, public: isPublic }, { delivery: 'open' });
    setPrinting(false);
    if (!r.ok) {
      showError(r.error, undefined, 'statistics/pdf');
      return;
    }
    clearErrors('statistics/pdf');
    if (r.value.saved) message.success({ content: s.printOpened(r.value.name), key: 'statistics-pdf' });
  }

  return (
    <div data-testid="statistics-page" className="stats-page">
      <div className="page-toolbar">
        <Typography.Title level={4}>{s.title}</Typography.Title>
        <Space wrap>
          <PeriodPicker spec={spec} onChange={setSpec} />
          <Tooltip title={s.publicHint}>
            <Space size={4}>
              <Switch checked={isPublic} onChange={setPublic} aria-label={s.public} data-testid="public-switch" />
              <span>{s.public}</span>
            </Space>
          </Tooltip>
          {canExport && (
            <Button icon={<FileExcelOutlined />} loading={isExporting} onClick={() => void exportXlsx()} data-testid="export-xlsx">{s.exportXlsx}</Button>
          )}
          {canPrint && (
            <Tooltip title={s.printHint}>
              <Button icon={<PrinterOutlined />} loading={isPrinting} onClick={() => void printPdf()} data-testid="print-pdf">{s.printPdf}</Button>
            </Tooltip>
          )}
          {canIssue && <IssueSummaryButton spec={spec} period={period} isPublic={isPublic} onIssued={() => void issued.reload()} />}
          <Button icon={<ReloadOutlined />} aria-label={t.common.refresh} loading={isLoading}
            onClick={() => { void reload(); void reloadTrend(); }} />
        </Space>
      </div>
      {!report ? (
        <Spin spinning={isLoading} style={{ display: 'block', marginTop: 80 }} />
      ) : (
        <Spin spinning={isLoading} delay={200}>
          <div className="stats-meta" data-testid="stats-meta">
            <span>{s.period}：<b data-testid="stats-period">{report.period.label}</b>（{report.period.from} 至 {report.period.to}）</span>
            <span>{s.previous}：{report.previous.period.label}</span>
            <span>{s.yearAgo}：{report.yearAgo.period.label}</span>
            <span data-testid="stats-as-of">{s.asOf} {report.asOf}{s.timeZone(report.timeZone)}</span>
          </div>
          {report.public && <Alert type="info" showIcon title={s.publicNote} style={{ marginBottom: 12 }} data-testid="public-note" />}
          {report.warnings.map((w) => (
            <Alert key={w} type="warning" showIcon title={s.warnings} description={w} style={{ marginBottom: 12 }} />
          ))}
          <section className="stats-section" aria-label={s.keyFigures}>
            <FigureCards report={report} />
          </section>
          <section className="stats-section">
            <StatisticsCharts report={report} trend={trend} />
          </section>
          <section className="stats-section">
            <Collapse
              size="small"
              items={[{ key: 'all', label: s.allFigures, children: <FigureTable report={report} /> }]}
              data-testid="all-figures"
            />
          </section>
          <section className="stats-section">
            <Typography.Title level={5}>{s.breakdowns}</Typography.Title>
            <Breakdowns report={report} />
          </section>
          <section className="stats-section">
            <Card size="small" title={s.departments}>
              <DepartmentTable report={report} />
            </Card>
          </section>
          {(report.overdueList || report.repeats) && (
            <Row gutter={[12, 12]} className="stats-section">
              {report.overdueList && (
                <Col xs={24} xl={12}>
                  <Card size="small" title={s.overdueList}><OverdueTable list={report.overdueList} canOpen={canOpenCases} /></Card>
                </Col>
              )}
              {report.repeats && (
                <Col xs={24} xl={12}>
                  <Card size="small" title={s.repeats}><RepeatTable list={report.repeats} canOpen={canOpenCases} /></Card>
                </Col>
              )}
            </Row>
          )}
          {report.staff && (
            <section className="stats-section">
              <Card size="small" title={s.staff} data-testid="staff-card">
                <StaffTable staff={report.staff} span={report.staffPeriod} />
              </Card>
            </section>
          )}
          {mayCall('statistics/summaries', user.role) && (
            <section className="stats-section">
              <IssuedSummaries load={issued} />
            </section>
          )}
        </Spin>
      )}
    </div>
  );
}
