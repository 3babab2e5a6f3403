import { EyeOutlined, LockOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { GENDER_LABELS, type CaseDetail, type ComplainantView } from '../../../api/core';
import { t } from '../../../i18n/zh-CN';

interface Props {
  detail: CaseDetail;
  /** the full identity after 查看完整身份信息; otherwise what the server sent (masked when it chose to) */
  revealed: ComplainantView[] | null;
  onReveal(): void;
}

const text = (v: string | null | undefined) => (v ? <span className="pre-wrap">{v}</span> : t.common.none);

function complainantItems(c: ComplainantView, n: number, count: number): DescriptionsProps['items'] {
  const suffix = count > 1 ? `（${n + 1}）` : '';
  return [
    { key: `name${n}`, label: `${t.form.name}${suffix}`, children: text(c.name) },
    { key: `gender${n}`, label: t.form.gender, children: c.gender ? GENDER_LABELS[c.gender] : t.common.none },
    { key: `phone${n}`, label: t.form.phone, children: text(c.phone) },
    { key: `id${n}`, label: t.form.idNumber, children: text(c.idNumber) },
    { key: `address${n}`, label: t.form.address, span: 2, children: text(c.address) },
    { key: `employer${n}`, label: t.form.employer, span: 3, children: text(c.employer) },
  ];
}

/** All registration fields; identity shown exactly as the server masked it, or in full after 查看. */
export function RegistrationInfo({ detail, revealed, onReveal }: Props) {
  const complainants = revealed ?? detail.complainants;
  const flags = (
    <>
      {detail.isAnonymous && <Tag>{t.detail.anonymous}</Tag>}
      {detail.isConfidential && <Tag color="red" icon={<LockOutlined />}>{t.detail.confidential}</Tag>}
      {!detail.isAnonymous && !detail.isConfidential && t.common.none}
    </>
  );
  const items: DescriptionsProps['items'] = [
    { key: 'receivedAt', label: t.form.receivedAt, children: detail.receivedAt.slice(0, 16) },
    { key: 'channel', label: t.form.channel, children: detail.channel },
    { key: 'caseType', label: t.form.caseType, children: detail.caseType },
    { key: 'flags', label: t.detail.flags, children: flags },
    { key: 'headCount', label: t.detail.headCount, children: detail.headCount },
    { key: 'firstReceiver', label: t.form.firstReceiver, children: detail.firstReceiver },
    { key: 'respondentDepartment', label: t.form.respondentDepartment, children: detail.respondentDepartment ?? t.common.none },
    {
      key: 'respondentStaff', label: t.form.respondentStaff, span: 2,
      children: detail.respondentStaffId !== null && detail.respondentStaffId !== undefined
        ? <>{text(detail.respondentStaff)} <Tag data-testid="respondent-staff-directory">{t.form.respondentStaffDirectory}</Tag></>
        : text(detail.respondentStaff),
    },
    ...complainants.flatMap((c, i) => complainantItems(c, i, complainants.length) ?? []),
    { key: 'subject', label: t.form.subject, span: 3, children: <Typography.Text strong>{detail.subject}</Typography.Text> },
    { key: 'account', label: t.form.account, span: 3, children: text(detail.account) },
    { key: 'request', label: t.form.request, span: 3, children: text(detail.request) },
    { key: 'recorder', label: t.detail.recorder, children: detail.recorder },
    { key: 'registeredAt', label: t.detail.registeredAt, children: detail.registeredAt.slice(0, 16) },
  ];
  const extra = revealed ? (
    <Typography.Text type="warning" data-testid="identity-revealed">{t.detail.revealed}</Typography.Text>
  ) : detail.mayRevealIdentity ? (
    <Button size="small" icon={<EyeOutlined />} onClick={onReveal} data-testid="reveal-identity">{t.detail.reveal}</Button>
  ) : detail.identityMasked ? (
    <Typography.Text type="secondary" data-testid="identity-masked">{t.detail.masked}</Typography.Text>
  ) : null;
  return (
    <Card size="small" title={t.detail.registration} extra={extra} style={{ marginBottom: 12 }} data-testid="registration-info">
      <Descriptions size="small" bordered column={3} items={items} styles={{ label: { width: 100, whiteSpace: 'nowrap' } }} />
    </Card>
  );
}
