import { Tag } from 'antd';
import { STATUS_LABELS, type CaseStatus } from '../api/core';

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

export function StatusTag({ status }: { status: CaseStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="status-tag" style={{ marginInlineEnd: 0 }}>
      {STATUS_LABELS[status]}
    </Tag>
  );
}
