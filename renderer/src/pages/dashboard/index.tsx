import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Row, Space, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { useLoad } from '../../api/use-load';
import { useUser } from '../../app/session';
import { t } from '../../i18n/zh-CN';
import { DraftsCard } from './components/drafts-card';
import { WorkListCard } from './components/work-list-card';
import { BackupWarning } from './components/backup-warning';
import { loadDraft } from '../new-case/draft-store';
import './dashboard.css';

/** Lists with cases under them sit three to a row on a wide screen; the auditor's counts four. */
const LIST_COLS = { xs: 24, md: 12, xl: 8 } as const;
const COUNT_COLS = { xs: 12, md: 8, xl: 6 } as const;

/**
 * 工作台: what waits for the signed-in person today, as the core counts it, one group per role they hold
 * (a handler's own cases, a supervisor's decisions, a clerk's replies and calls, an auditor's counts).
 * Each card opens the register filtered to its cases.
 */
export default function DashboardPage() {
  const user = useUser();
  const { data: dashboard, isLoading, reload } = useLoad('dashboard/get', {});
  // The unsaved registration, as the new-case page keeps it: always a clerk's card, a supervisor's when there is one.
  const draft = useMemo(() => loadDraft(localStorage, user.id), [user.id]);

  if (!dashboard) return <Spin spinning={isLoading} style={{ display: 'block', marginTop: 80 }} />;
  const cols = dashboard.hasLists ? LIST_COLS : COUNT_COLS;

  return (
    <div data-testid="work-lists">
      <div className="page-toolbar">
        <Typography.Title level={4}>{t.menu.dashboard}</Typography.Title>
        <Space>
          <Typography.Text type="secondary">{t.dashboard.today(dashboard.today)}</Typography.Text>
          <Button icon={<ReloadOutlined />} onClick={() => void reload()} loading={isLoading} aria-label={t.common.refresh} />
        </Space>
      </div>
      {dashboard.backupWarning && <BackupWarning warning={dashboard.backupWarning} />}
      {dashboard.calendarWarnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={t.dashboard.calendarWarning} description={w} style={{ marginBottom: 12 }} data-testid="calendar-warning" />
      ))}
      {dashboard.groups.map((group) => (
        <section key={group.role} className="work-group" data-testid={`work-group-${group.role}`} aria-label={t.dashboard.groups[group.role]}>
          <Typography.Title level={5} className="work-group-title">{t.dashboard.groups[group.role]}</Typography.Title>
          <Row gutter={[12, 12]}>
            {group.sections.map((section) => (
              <Col key={section.key} {...cols}>
                <WorkListCard section={section} hasLists={dashboard.hasLists} />
              </Col>
            ))}
            {(group.role === 'clerk' || (group.role === 'supervisor' && draft)) && (
              <Col {...cols}>
                <DraftsCard draft={draft} />
              </Col>
            )}
          </Row>
        </section>
      ))}
    </div>
  );
}
