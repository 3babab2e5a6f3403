import { Button, Descriptions, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { contract, type BackupDestination, type BackupSettings, type BackupStatus } from '../../../../api/core';
import { clearChangedFieldErrors } from '../../../../api/form-errors';
import { useApi } from '../../../../api/use-api';
import { useBusy } from '../../../../api/use-busy';
import { formatTime } from '../../../../components/backup-format';
import { t } from '../../../../i18n/zh-CN';

const b = t.backups;
const SETTINGS = contract['backup/saveSettings'].input.shape;

/** The three keep numbers, each with the contract's own range shown beside it. */
const KEEP_FIELDS = [
  { name: 'keepDaily', label: b.keepDaily, schema: SETTINGS.keepDaily },
  { name: 'keepWeekly', label: b.keepWeekly, schema: SETTINGS.keepWeekly },
  { name: 'keepMonthly', label: b.keepMonthly, schema: SETTINGS.keepMonthly },
] as const;

interface Values {
  secondDestination: string;
  keepDaily: number | null;
  keepWeekly: number | null;
  keepMonthly: number | null;
}

function toForm(s: BackupSettings): Values {
  return { secondDestination: s.secondDestination ?? '', keepDaily: s.keepDaily, keepWeekly: s.keepWeekly, keepMonthly: s.keepMonthly };
}

/** One destination's state in words: 正常 / its last message, and when it last succeeded and failed. */
export function DestinationState({ destination }: { destination: BackupDestination }) {
  return (
    <Space wrap size={[8, 0]} data-testid={destination.isDefault ? 'destination-default' : 'destination-second'}>
      {destination.ok ? <Tag color="success">{b.destinationOk}</Tag> : <Tag color="error">{b.destinationFailed}</Tag>}
      {!destination.ok && destination.message && <Typography.Text type="danger" data-testid="destination-message">{destination.message}</Typography.Text>}
      <Typography.Text type="secondary">
        {destination.lastSuccessAt ? b.lastSuccessAt(formatTime(destination.lastSuccessAt)) : b.neverSucceeded}
      </Typography.Text>
      {destination.lastFailureAt && <Typography.Text type="secondary">{b.lastFailureAt(formatTime(destination.lastFailureAt))}</Typography.Text>}
    </Space>
  );
}

interface Props {
  status: BackupStatus;
  /** admins edit; supervisors read */
  mayEdit: boolean;
  onSaved(status: BackupStatus): void;
}

/**
 * 备份位置 and 保留规则: the default destination (the data folder's backups/, fixed) and the second folder an
 * admin types (a USB disk, a network share); the keep numbers. The core checks the folder (exists, writable)
 * and the ranges; its message lands under the field it names. Supervisors see the same read-only.
 */
export function BackupSettingsForm({ status, mayEdit, onSaved }: Props) {
  const { call, message } = useApi();
  const [form] = Form.useForm<Values>();
  const [isSaving, whileSaving] = useBusy();
  const defaultDest = status.destinations.find((d) => d.isDefault) ?? null;
  const secondDest = status.destinations.find((d) => !d.isDefault) ?? null;

  async function submit(values: Values) {
    const input = {
      secondDestination: (values.secondDestination ?? '').trim() === '' ? null : values.secondDestination.trim(),
      // a cleared box is sent as it is (NaN is not a number the core takes), so the core names the field
      keepDaily: values.keepDaily as number,
      keepWeekly: values.keepWeekly as number,
      keepMonthly: values.keepMonthly as number,
    };
    const r = await whileSaving(() => call('backup/saveSettings', input, { form }));
    if (!r.ok) return;
    onSaved(r.value);
    form.setFieldsValue(toForm(r.value.settings));
    message.success(t.common.saved);
  }

  return (
    <div style={{ maxWidth: 720 }}>
      {/* outside the form: a read-only form would grey the destinations' state out with its inputs */}
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={b.defaultDestination}>
          <Typography.Text copyable={{ text: defaultDest?.path ?? '' }}>{defaultDest?.path ?? t.common.none}</Typography.Text>
          {defaultDest && <div><DestinationState destination={defaultDest} /></div>}
        </Descriptions.Item>
        {!mayEdit && (
          <Descriptions.Item label={b.secondDestination}>
            {secondDest ? secondDest.path : b.secondNone}
            {secondDest && <div><DestinationState destination={secondDest} /></div>}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Form<Values> form={form} layout="vertical" initialValues={toForm(status.settings)} onFinish={submit}
        onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} disabled={!mayEdit} data-testid="backup-settings">
        {mayEdit && (
          <Form.Item name="secondDestination" label={b.secondDestination} extra={<>
            {b.secondHint}
            {secondDest && <div><DestinationState destination={secondDest} /></div>}
          </>}>
            <Input maxLength={500} placeholder={b.secondPlaceholder} />
          </Form.Item>
        )}
        <Typography.Title level={5}>{b.keep}</Typography.Title>
        <Typography.Paragraph type="secondary">{b.keepHint}</Typography.Paragraph>
        <Space wrap align="start" size="large">
          {KEEP_FIELDS.map((f) => (
            <Form.Item key={f.name} name={f.name} label={f.label} extra={<span data-testid={`range-${f.name}`}>{t.settings.range(f.schema.minValue ?? 1, f.schema.maxValue ?? 365)}</span>}>
              <InputNumber style={{ width: 120 }} aria-label={f.label} />
            </Form.Item>
          ))}
        </Space>
        {mayEdit && (
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={isSaving} data-testid="backup-settings-save">{t.common.save}</Button>
          </Form.Item>
        )}
      </Form>
    </div>
  );
}
