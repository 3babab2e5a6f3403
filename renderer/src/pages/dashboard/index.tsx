import { ClockCircleOutlined, ExclamationCircleOutlined, InboxOutlined, PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Row, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { PATHS } from '../../app/paths';
import type { Dashboard } from '../../api/core';
import { useApi } from '../../api/use-api';
import { t } from '../../i18n/zh-CN';
import { CaseListCard } from './components/case-list-card';

/** The four things to do today: which count and list, and the register view behind 查看全部. */
const CARDS = [
  { key: 'awaitingAcceptance', testId: 'card-awaiting-acceptance', color: '#d48806', icon: <InboxOutlined />, query: 'status=registered' },
  { key: 'dueSoon', testId: 'card-due-soon', color: '#fa8c16', icon: <ClockCircleOutlined />, query: 'dueState=dueSoon' },
  { key: 'overdue', testId: 'card-overdue', color: '#cf1322', icon: <ExclamationCircleOutlined />, query: 'dueState=overdue' },
  { key: 'awaitingFollowUp', testId: 'card-awaiting-follow-up', color: '#1d39c4', icon: <PhoneOutlined />, query: 'status=replied' },
] as const satisfies ReadonlyArray<{ key: keyof Dashboard['counts'] & keyof Dashboard['lists']; testId: string; color: string; icon: ReactNode; query: string }>;

/** 工作台: what needs doing today, as the core counts it. */
export default function DashboardPage() {
  const { call } = useApi();
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [isLoading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    const r = await call('dashboard/get', {});
    setLoading(false);
    if (r.ok) setDashboard(r.value);
  }, [call]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!dashboard) return <Spin spinning={isLoading} style={{ display: 'block', marginTop: 80 }} />;
  const { counts, lists } = dashboard;

  return (
    <div>
      <div className="page-toolbar">
        <Typography.Title level={4}>{t.menu.dashboard}</Typography.Title>
        <Space>
          <Typography.Text type="secondary">{t.dashboard.today(dashboard.today)}</Typography.Text>
          <Button icon={<ReloadOutlined />} onClick={load} loading={isLoading} aria-label={t.common.refresh} />
        </Space>
      </div>
      {dashboard.calendarWarnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={t.dashboard.calendarWarning} description={w} style={{ marginBottom: 12 }} data-testid="calendar-warning" />
      ))}
      <Row gutter={[12, 12]}>
        {CARDS.map((c) => (
          <Col key={c.key} xs={24} md={12} xl={6}>
            <CaseListCard testId={c.testId} title={t.dashboard[c.key]} count={counts[c.key]} color={c.color} icon={c.icon}
              cases={lists[c.key]} moreLink={`${PATHS.register}?${c.query}`} />
          </Col>
        ))}
      </Row>
    </div>
  );
}
