import { Card, Descriptions } from 'antd';
import type { DescriptionsProps } from 'antd';
import {
  FINDING_LABELS, REPLY_METHOD_LABELS, SATISFACTION_LABELS, SEVERITY_LABELS, type CaseDetail,
} from '../../../api/core';
import { t } from '../../../i18n/zh-CN';

type Item = NonNullable<DescriptionsProps['items']>[number];

/** What has been done so far; only the steps that happened are listed. */
export function HandlingInfo({ detail: d }: { detail: CaseDetail }) {
  const long = (key: string, label: string, v: string | null) =>
    v ? ({ key, label, span: 3, children: <span className="pre-wrap">{v}</span> } as Item) : null;
  const short = (key: string, label: string, v: string | number | null | undefined) =>
    v !== null && v !== undefined && v !== '' ? ({ key, label, children: String(v).length === 19 ? String(v).slice(0, 16) : v } as Item) : null;
  const items = [
    short('acceptedAt', t.detail.acceptedAt, d.acceptedAt),
    long('refuseReason', t.detail.refuseReason, d.refuseReason),
    long('referral', t.detail.referral, d.referral),
    short('handlerDepartment', t.detail.handlerDepartment, d.handlerDepartment),
    short('handlerStaff', t.detail.handlerStaff, d.handlerStaff),
    short('severity', t.detail.severity, d.severity ? SEVERITY_LABELS[d.severity] : null),
    short('assignedAt', t.detail.assignedAt, d.assignedAt),
    short('finding', t.detail.finding, d.finding ? FINDING_LABELS[d.finding] : null),
    short('handledOn', t.detail.handledOn, d.handledOn),
    long('handlingOpinion', t.detail.handlingOpinion, d.handlingOpinion),
    long('measures', t.detail.measures, d.measures),
    long('staffAction', t.detail.staffAction, d.staffAction),
    long('draftReply', t.detail.draftReply, d.draftReply),
    long('reviewComment', t.detail.reviewComment, d.reviewComment),
    short('approvedAt', t.detail.approvedAt, d.approvedAt),
    short('replyMethod', t.detail.replyMethod, d.replyMethod ? REPLY_METHOD_LABELS[d.replyMethod] : null),
    short('repliedOn', t.detail.repliedOn, d.repliedOn),
    long('replySummary', t.detail.replySummary, d.replySummary),
    short('satisfaction', t.detail.satisfaction, d.satisfaction ? SATISFACTION_LABELS[d.satisfaction] : null),
    short('followedUpOn', t.detail.followedUpOn, d.followedUpOn),
    long('followUpNote', t.detail.followUpNote, d.followUpNote),
    short('closedAt', t.detail.closedAt, d.closedAt),
    long('closeNote', t.detail.closeNote, d.closeNote),
    short('voidedAt', t.detail.voidedAt, d.voidedAt),
    long('voidReason', t.detail.voidReason, d.voidReason),
  ].filter((i): i is Item => i !== null);
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t.detail.handling} style={{ marginBottom: 12 }} data-testid="handling-info">
      <Descriptions size="small" bordered column={3} items={items} styles={{ label: { width: 100, whiteSpace: 'nowrap' } }} />
    </Card>
  );
}
