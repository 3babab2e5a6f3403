import { Alert, Button, Form, InputNumber } from 'antd';
import { useState } from 'react';
import type { ChannelInput, OfficeSettings } from '../../../api/core';
import { clearChangedFieldErrors } from '../../../api/form-errors';
import { t } from '../../../i18n/zh-CN';

interface Props {
  settings: OfficeSettings;
  save(patch: ChannelInput<'settings/update'>, form: ReturnType<typeof Form.useForm>[0]): Promise<boolean>;
}

const FIELDS: Array<{ name: string[]; label: string; max: number }> = [
  { name: ['deadlines', 'acceptWorkingDays'], label: t.settings.acceptWorkingDays, max: 60 },
  { name: ['deadlines', 'handleWorkingDays', 'simple'], label: t.settings.simple, max: 120 },
  { name: ['deadlines', 'handleWorkingDays', 'complex'], label: t.settings.complex, max: 120 },
  { name: ['deadlines', 'handleWorkingDays', 'major'], label: t.settings.major, max: 120 },
  { name: ['deadlines', 'replyWorkingDays'], label: t.settings.replyWorkingDays, max: 60 },
  { name: ['deadlines', 'overallCalendarDays'], label: t.settings.overallCalendarDays, max: 365 },
];

/** 期限规则: the office's deadline numbers; the core computes every due date from them. */
export function DeadlinesTab({ settings, save }: Props) {
  const [form] = Form.useForm();
  const [isSaving, setSaving] = useState(false);

  async function submit(values: Pick<OfficeSettings, 'deadlines'>) {
    setSaving(true);
    await save({ deadlines: values.deadlines }, form);
    setSaving(false);
  }

  return (
    <Form onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} form={form} layout="horizontal" labelCol={{ flex: '220px' }} style={{ maxWidth: 560 }}
      initialValues={{ deadlines: settings.deadlines }} onFinish={submit}>
      <Alert type="info" showIcon title={t.settings.deadlinesHint} style={{ marginBottom: 16 }} />
      {FIELDS.map((f) => (
        <Form.Item key={f.name.join('.')} name={f.name} label={f.label} required>
          <InputNumber min={1} max={f.max} precision={0} style={{ width: 120 }} />
        </Form.Item>
      ))}
      <Form.Item label=" " colon={false}>
        <Button type="primary" htmlType="submit" loading={isSaving}>{t.common.save}</Button>
      </Form.Item>
    </Form>
  );
}
