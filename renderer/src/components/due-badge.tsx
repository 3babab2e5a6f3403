import { WarningOutlined } from '@ant-design/icons';
import { DUE_STATE_LABELS, type DueStateCode } from '../api/core';
import { t } from '../i18n/zh-CN';
import './case-widgets.css';

interface Props {
  dueDate: string | null;
  /** from the server; null for cases whose clock is not running */
  dueState: DueStateCode | null;
  calendarMissingYear?: number | null;
  /** show the state's words next to the date (a list line shows the dot only, the words as its title) */
  showLabel?: boolean;
}

/**
 * A due date with its state as the core computed it: 正常 / 即将到期 / 已超期. Drawn in antd's Badge look
 * (a status dot before the text) as plain spans, the state's words and the missing calendar as native
 * titles: the 工作台 has one per list line, and antd's Tooltip, Badge and Space per line were most of
 * its first render after sign-in.
 */
export function DueBadge({ dueDate, dueState, calendarMissingYear, showLabel }: Props) {
  if (!dueDate) return <span className="due-none">{t.common.none}</span>;
  const missing = calendarMissingYear ? (
    <WarningOutlined className="due-badge-warn" title={t.detail.calendarMissing(calendarMissingYear)} aria-label={t.detail.calendarMissingShort} data-testid="calendar-missing" />
  ) : null;
  if (!dueState) {
    return (
      <span className="due-badge">
        <span className="due-badge-quiet">{dueDate}</span>
        {missing}
      </span>
    );
  }
  const label = DUE_STATE_LABELS[dueState];
  return (
    <span className="due-badge" data-testid="due-badge" data-due-state={dueState}>
      <span className="due-badge-status" title={label}>
        <span className={`due-badge-dot due-badge-dot-${dueState}`} role="img" aria-label={label} />
        <span className="due-badge-text">{showLabel ? `${dueDate} ${label}` : dueDate}</span>
      </span>
      {missing}
    </span>
  );
}
