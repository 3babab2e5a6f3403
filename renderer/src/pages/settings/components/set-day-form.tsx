import { clearChangedFieldErrors } from '../../../api/form-errors';
import { Button, DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CallOptions } from '../../../api/use-api';
import { t } from '../../../i18n/zh-CN';
import { useBusy } from '../../../api/use-busy';

type Kind = 'holiday' | 'workday' | 'default';
interface Values {
  date?: Dayjs;
  kind: Kind;
  name?: string;
}

interface Props {
  year: number;
  onSubmit(date: string, kind: Kind, name: string, options: CallOptions): Promise<boolean>;
}

/** One day: 放假, 调休上班, or back to the default (Monday–Friday). */
export function SetDayForm({ year, onSubmit }: Props) {
  const [form] = Form.useForm<Values>();
  const [isSaving, whileSaving] = useBusy();
  const kind = Form.useWatch('kind', form);

  async function submit(v: Values) {
    const isSaved = await whileSaving(() => onSubmit(v.date ? v.date.format('YYYY-MM-DD') : '', v.kind, v.kind === 'default' ? '' : v.name ?? '', { form }));
    if (isSaved) form.resetFields(['date', 'name']);
  }

  return (
    <Form onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} form={form} layout="vertical" initialValues={{ kind: 'holiday' }} onFinish={submit} data-testid="set-day-form">
      <Form.Item name="date" label={t.calendar.date} required>
        {/* Enter confirms a typed date without also submitting the form */}
        <DatePicker defaultPickerValue={dayjs(`${year}-01-01`)} style={{ width: '100%' }} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
      </Form.Item>
      <Form.Item name="kind" label={t.calendar.kind} required>
        <Radio.Group>
          <Radio value="holiday">{t.calendar.kindHoliday}</Radio>
          <Radio value="workday">{t.calendar.kindWorkday}</Radio>
          <Radio value="default">{t.calendar.kindDefault}</Radio>
        </Radio.Group>
      </Form.Item>
      {kind !== 'default' && (
        <Form.Item name="name" label={t.calendar.name}>
          <Input maxLength={20} placeholder={t.calendar.namePlaceholder} />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={isSaving}>{t.common.save}</Button>
    </Form>
  );
}
