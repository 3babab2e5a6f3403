import { WarningOutlined } from '@ant-design/icons';
import { Badge, Space, Tooltip } from 'antd';
import { DUE_STATE_LABELS, type DueStateCode } from '../api/core';
import { t } from '../i18n/zh-CN';

const BADGE: Record<DueStateCode, 'success' | 'warning' | 'error'> = {
  onTrack: 'success',
  dueSoon: 'warning',
  overdue: 'error',
};

interface Props {
  dueDate: string | null;
  /** from the server; null for cases whose clock is not running */
  dueState: DueStateCode | null;
  calendarMissingYear?: number | null;
  /** show the state's words next to the date (the table shows the dot only, with a tooltip) */
  showLabel?: boolean;
}

/** A due date with its state as the core computed it: 正常 / 即将到期 / 已超期. */
export function DueBadge({ dueDate, dueState, calendarMissingYear, showLabel }: Props) {
  if (!dueDate) return <span className="due-none">{t.common.none}</span>;
  const missing = calendarMissingYear ? (
    <Tooltip title={t.detail.calendarMissing(calendarMissingYear)}>
      <WarningOutlined style={{ color: '#faad14' }} aria-label={t.detail.calendarMissingShort} />
    </Tooltip>
  ) : null;
  if (!dueState) {
    return (
      <Space size={4}>
        <span style={{ color: 'rgba(0,0,0,0.45)' }}>{dueDate}</span>
        {missing}
      </Space>
    );
  }
  const label = DUE_STATE_LABELS[dueState];
  return (
    <Space size={4} data-testid="due-badge" data-due-state={dueState}>
      <Tooltip title={label}>
        <Badge status={BADGE[dueState]} text={showLabel ? `${dueDate} ${label}` : dueDate} />
      </Tooltip>
      {missing}
    </Space>
  );
}
