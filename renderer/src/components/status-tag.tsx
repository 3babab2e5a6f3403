import { STATUS_LABELS, type CaseStatus } from '../api/core';
import './case-widgets.css';

/** Each status's antd preset colour: the tag here and the register's plain-table tag draw from it. */
export const STATUS_COLORS: Record<CaseStatus, string> = {
  registered: 'gold',
  accepted: 'orange',
  assigned: 'blue',
  suspended: 'purple',
  pending_review: 'magenta',
  approved: 'cyan',
  replied: 'geekblue',
  unsatisfied: 'red',
  closed: 'green',
  refused: 'default',
  voided: 'default',
};

/** A small tag in antd's filled preset look (case-widgets.css), a plain span rather than antd's Tag. */
export function PlainTag({ color, children, testId }: { color: string; children: string; testId?: string }) {
  return <span className={`status-tag status-tag-${color}`} data-testid={testId}>{children}</span>;
}

export function StatusTag({ status }: { status: CaseStatus }) {
  return <PlainTag color={STATUS_COLORS[status]} testId="status-tag">{STATUS_LABELS[status]}</PlainTag>;
}
