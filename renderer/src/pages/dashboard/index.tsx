import { ClockCircleOutlined, ExclamationCircleOutlined, InboxOutlined, PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Row, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { PATHS } from '../../app/routes';
import type { Dashboard } from '../../api/core';
import { useApi } from '../../api/use-api';
import { t } from '../../i18n/zh-CN';
import { CaseListCard } from './components/case-list-card';

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
  const register = (query: string) => `${PATHS.register}?${query}`;

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
        <Col xs={24} md={12} xl={6}>
          <CaseListCard testId="card-awaiting-acceptance" title={t.dashboard.awaitingAcceptance} count={counts.awaitingAcceptance}
            color="#d48806" icon={<InboxOutlined />} cases={lists.awaitingAcceptance} moreLink={register('status=registered')} />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <CaseListCard testId="card-due-soon" title={t.dashboard.dueSoon} count={counts.dueSoon}
            color="#fa8c16" icon={<ClockCircleOutlined />} cases={lists.dueSoon} moreLink={register('dueState=dueSoon')} />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <CaseListCard testId="card-overdue" title={t.dashboard.overdue} count={counts.overdue}
            color="#cf1322" icon={<ExclamationCircleOutlined />} cases={lists.overdue} moreLink={register('dueState=overdue')} />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <CaseListCard testId="card-awaiting-follow-up" title={t.dashboard.awaitingFollowUp} count={counts.awaitingFollowUp}
            color="#1d39c4" icon={<PhoneOutlined />} cases={lists.awaitingFollowUp} moreLink={register('status=replied')} />
        </Col>
      </Row>
    </div>
  );
}
