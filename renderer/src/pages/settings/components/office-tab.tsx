import { Button, Form, Input } from 'antd';
import { useSession } from '../../../app/session';
import type { ChannelInput, OfficeSettings } from '../../../api/core';
import { clearChangedFieldErrors } from '../../../api/form-errors';
import { t } from '../../../i18n/zh-CN';
import { useBusy } from '../../../api/use-busy';

interface Props {
  settings: OfficeSettings;
  save(patch: ChannelInput<'settings/update'>, form: ReturnType<typeof Form.useForm>[0]): Promise<boolean>;
}

/** 单位信息 + 编号前缀 */
export function OfficeTab({ settings, save }: Props) {
  const [form] = Form.useForm();
  const { refreshOffice } = useSession();
  const [isSaving, whileSaving] = useBusy();

  async function submit(values: Pick<OfficeSettings, 'office' | 'numbering'>) {
    const isSaved = await whileSaving(() => save({ office: values.office, numbering: values.numbering }, form));
    if (isSaved) void refreshOffice();
  }

  return (
    <Form onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} form={form} layout="vertical" style={{ maxWidth: 560 }} initialValues={{ office: settings.office, numbering: settings.numbering }} onFinish={submit}>
      <Form.Item name={['office', 'name']} label={t.setup.officeName} required>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name={['office', 'address']} label={t.setup.officeAddress}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name={['office', 'phone']} label={t.setup.officePhone}>
        <Input maxLength={30} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name={['numbering', 'prefix']} label={t.settings.prefix} extra={t.settings.prefixHint}>
        <Input maxLength={8} style={{ width: 160 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={isSaving}>{t.common.save}</Button>
    </Form>
  );
}
