import { Alert, Button, Form, InputNumber, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { contract, type ChannelInput, type OfficeSettings } from '../../../api/core';
import { clearChangedFieldErrors } from '../../../api/form-errors';
import { useApi } from '../../../api/use-api';
import { passesLocalCheck, schemaIssues } from '../../../components/local-validation';
import { t } from '../../../i18n/zh-CN';
import { useBusy } from '../../../api/use-busy';

interface Props {
  settings: OfficeSettings;
  save(patch: ChannelInput<'settings/update'>, form: ReturnType<typeof Form.useForm>[0]): Promise<boolean>;
}

const SETTINGS = contract['settings/update'].input;
const DEADLINES = SETTINGS.shape.deadlines.unwrap().shape;
const HANDLE = DEADLINES.handleWorkingDays.shape;

/** The fields, each with the contract's own schema: its range is shown beside it and checked before saving. */
const FIELDS = [
  { name: ['deadlines', 'acceptWorkingDays'], label: t.settings.acceptWorkingDays, schema: DEADLINES.acceptWorkingDays },
  { name: ['deadlines', 'handleWorkingDays', 'simple'], label: t.settings.simple, schema: HANDLE.simple },
  { name: ['deadlines', 'handleWorkingDays', 'complex'], label: t.settings.complex, schema: HANDLE.complex },
  { name: ['deadlines', 'handleWorkingDays', 'major'], label: t.settings.major, schema: HANDLE.major },
  { name: ['deadlines', 'replyWorkingDays'], label: t.settings.replyWorkingDays, schema: DEADLINES.replyWorkingDays },
  { name: ['deadlines', 'overallCalendarDays'], label: t.settings.overallCalendarDays, schema: DEADLINES.overallCalendarDays },
];

/**
 * 期限规则: the office's deadline numbers; the core computes every due date from them. The inputs do not
 * clamp (0 silently became 1, 400 became 365): a number out of range stays as typed and is named, with
 * its range, under its field.
 */
export function DeadlinesTab({ settings, save }: Props) {
  const [form] = Form.useForm();
  const { message } = useApi();
  const [isSaving, whileSaving] = useBusy();
  // the check's summary leaves with the tab
  useEffect(() => () => message.destroy('deadlines-check'), [message]);

  async function submit(values: Pick<OfficeSettings, 'deadlines'>) {
    const patch = { deadlines: values.deadlines };
    if (!passesLocalCheck(form, schemaIssues(SETTINGS, patch), (text) => message.error({ content: text, key: 'deadlines-check' }))) return;
    message.destroy('deadlines-check');
    await whileSaving(() => save(patch, form));
  }

  return (
    <Form onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} form={form} layout="horizontal" labelCol={{ flex: '220px' }} style={{ maxWidth: 600 }}
      initialValues={{ deadlines: settings.deadlines }} onFinish={submit}>
      <Alert type="info" showIcon title={t.settings.deadlinesHint} style={{ marginBottom: 16 }} />
      {FIELDS.map((f) => (
        <Form.Item key={f.name.join('.')} label={f.label} required>
          <Space>
            <Form.Item name={f.name} noStyle>
              <InputNumber style={{ width: 120 }} aria-label={f.label} />
            </Form.Item>
            <Typography.Text type="secondary" data-testid={`range-${f.name.join('.')}`}>{t.settings.range(f.schema.minValue ?? 0, f.schema.maxValue ?? 0)}</Typography.Text>
          </Space>
        </Form.Item>
      ))}
      <Form.Item label=" " colon={false}>
        <Button type="primary" htmlType="submit" loading={isSaving}>{t.common.save}</Button>
      </Form.Item>
    </Form>
  );
}
