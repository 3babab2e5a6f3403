import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { CaseDetail, ComplainantView } from '../../../api/core';
import { clearChangedFieldErrors } from '../../../api/form-errors';
import { useApi } from '../../../api/use-api';
import { growsWithText } from '../../../components/grow-text';
import { t } from '../../../i18n/zh-CN';

interface Props {
  detail: CaseDetail;
  /** why the reveal is asked for when it is not the user's own choice (e.g. before editing) */
  reason?: string;
  initialPurpose?: string;
  onRevealed(complainants: ComplainantView[]): void;
  onClose(): void;
}

/** 查看完整身份信息: asks for a purpose; the core records who looked and why. */
export function RevealIdentityModal({ detail, reason, initialPurpose, onRevealed, onClose }: Props) {
  const { call } = useApi();
  const [form] = Form.useForm<{ purpose: string }>();
  const [isLoading, setLoading] = useState(false);

  async function submit({ purpose }: { purpose: string }) {
    setLoading(true);
    const r = await call('cases/revealIdentity', { id: detail.id, purpose: purpose ?? '' }, { form });
    setLoading(false);
    if (r.ok) onRevealed(r.value);
  }

  return (
    <Modal open title={t.detail.revealTitle} okText={t.common.confirm} cancelText={t.common.cancel} confirmLoading={isLoading}
      onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      {reason && <Typography.Paragraph>{reason}</Typography.Paragraph>}
      <Form onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} form={form} layout="vertical" onFinish={submit} initialValues={{ purpose: initialPurpose ?? '' }}>
        <Form.Item name="purpose" label={t.detail.revealPurpose} required extra={t.detail.revealPurposeHint}>
          <Input.TextArea style={growsWithText(2, 4)} autoFocus maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
