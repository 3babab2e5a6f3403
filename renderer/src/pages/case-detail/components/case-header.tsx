import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ACTION_RULES, SEVERITY_LABELS, type CaseAction, type CaseDetail } from '../../../api/core';
import { DueBadge } from '../../../components/due-badge';
import { StatusTag } from '../../../components/status-tag';
import { t } from '../../../i18n/zh-CN';

interface Props {
  detail: CaseDetail;
  isLoading: boolean;
  onReload(): void;
  onAction(action: CaseAction): void;
}

const DANGER: ReadonlySet<CaseAction> = new Set(['void', 'refuse']);
const PRIMARY: ReadonlySet<CaseAction> = new Set(['accept', 'assign', 'recordFinding', 'review', 'reply', 'followUp', 'close', 'resume']);

/** 登记编号, status, due state and the actions the core allows this user now (labels from ACTION_RULES). */
export function CaseHeader({ detail, isLoading, onReload, onAction }: Props) {
  const navigate = useNavigate();
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space size={12} align="center" wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t.detail.back} />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="register-no">
            {detail.registerNo}
          </Typography.Title>
          <StatusTag status={detail.status} />
          {detail.severity && <Tag>{SEVERITY_LABELS[detail.severity]}</Tag>}
          {detail.round > 1 && <Tag color="volcano">{t.detail.round(detail.round)}</Tag>}
          {detail.currentDue && <DueBadge dueDate={detail.currentDue.date} dueState={detail.dueState} calendarMissingYear={detail.calendarMissingYear} showLabel />}
        </Space>
        <Space wrap size={6} data-testid="case-actions">
          {detail.allowedActions.map((action) => (
            <Button
              key={action}
              type={PRIMARY.has(action) ? 'primary' : 'default'}
              danger={DANGER.has(action)}
              onClick={() => onAction(action)}
              data-action={action}
            >
              {ACTION_RULES[action].label}
            </Button>
          ))}
          <Button icon={<ReloadOutlined />} onClick={onReload} loading={isLoading} aria-label={t.common.refresh} />
        </Space>
      </Flex>
      {detail.calendarMissingYear !== null && (
        <Alert type="warning" showIcon title={t.detail.calendarMissing(detail.calendarMissingYear)} style={{ marginTop: 8 }} data-testid="calendar-missing" />
      )}
      <Descriptions
        size="small"
        column={4}
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'current',
            label: t.detail.currentDue,
            // The date the due state counts from, named by its limit; none while the clock is stopped.
            children: detail.currentDue ? `${detail.currentDue.date}（${t.detail.dueLimit[detail.currentDue.limit]}）` : detail.calendarMissingYear !== null ? t.detail.calendarMissingShort : t.detail.clockStopped,
          },
          { key: 'overall', label: t.detail.overallDue, children: detail.overallDue ?? t.common.none },
          { key: 'original', label: t.detail.originalDue, children: detail.originalDue ?? t.common.none },
          { key: 'register', label: t.detail.registeredAt, children: detail.registeredAt.slice(0, 16) },
        ]}
      />
    </Card>
  );
}
