import { Button, Card, Form, Input, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { formatPaperNumber, PAPER_TYPE_INFO, PAPER_TYPES, type PaperSettings, type PaperType } from '../../../api/core';
import { clearChangedFieldErrors } from '../../../api/form-errors';
import { useApi } from '../../../api/use-api';
import { useLoad } from '../../../api/use-load';
import { t } from '../../../i18n/zh-CN';
import { useBusy } from '../../../api/use-busy';

const NUMBERED: readonly PaperType[] = PAPER_TYPES.filter((type) => PAPER_TYPE_INFO[type].numbered);
/** the sequence number the examples show (the office's fifteenth paper of the type this year) */
const EXAMPLE_N = 15;

interface FormValues {
  abbreviation: string;
  contact: string;
  patterns: Partial<Record<PaperType, string>>;
  bodyFontFile: string;
  titleFontFile: string;
}

function toForm(s: PaperSettings): FormValues {
  return { abbreviation: s.abbreviation, contact: s.contact, patterns: { ...s.patterns }, bodyFontFile: s.bodyFontFile ?? '', titleFontFile: s.titleFontFile ?? '' };
}

/** One numbered type's pattern with the number it gives, as the admin types it. */
function PatternExample({ type }: { type: PaperType }) {
  const form = Form.useFormInstance<FormValues>();
  const pattern = Form.useWatch(['patterns', type], form) ?? '';
  const abbreviation = Form.useWatch('abbreviation', form) ?? '';
  const example = formatPaperNumber(pattern, { abbreviation, typeWord: PAPER_TYPE_INFO[type].typeWord, year: dayjs().year(), n: EXAMPLE_N });
  return (
    <Typography.Text type="secondary" data-testid={`pattern-example-${type}`}>
      {t.paperSettings.example}：{example}
    </Typography.Text>
  );
}

/** 设置 → 文书设置 (admin): the abbreviation and contact line on papers, the 发文字号 pattern per numbered type, fonts. */
export function PaperSettingsTab() {
  const { data: settings, setData } = useLoad('paperSettings/get', {});
  return settings ? <PaperSettingsForm settings={settings} onSaved={setData} /> : <Spin />;
}

function PaperSettingsForm({ settings, onSaved }: { settings: PaperSettings; onSaved(s: PaperSettings): void }) {
  const { call, message } = useApi();
  const [form] = Form.useForm<FormValues>();
  const [isSaving, whileSaving] = useBusy();

  async function submit(values: FormValues) {
    const patterns = { ...settings.patterns };
    for (const type of NUMBERED) patterns[type] = values.patterns[type] ?? '';
    const r = await whileSaving(() => call('paperSettings/save', {
      abbreviation: values.abbreviation,
      contact: values.contact,
      patterns,
      bodyFontFile: values.bodyFontFile.trim() === '' ? null : values.bodyFontFile,
      titleFontFile: values.titleFontFile.trim() === '' ? null : values.titleFontFile,
    }, { form }));
    if (!r.ok) return;
    onSaved(r.value);
    form.setFieldsValue(toForm(r.value));
    message.success(t.common.saved);
  }

  return (
    <Form<FormValues> form={form} layout="vertical" style={{ maxWidth: 640 }} initialValues={toForm(settings)} onFinish={submit}
      onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} data-testid="paper-settings">
      <Form.Item name="abbreviation" label={t.paperSettings.abbreviation} extra={t.paperSettings.abbreviationHint}>
        <Input maxLength={20} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="contact" label={t.paperSettings.contact} extra={t.paperSettings.contactHint}>
        <Input maxLength={200} />
      </Form.Item>
      <Card size="small" title={t.paperSettings.patterns} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t.paperSettings.patternsHint}</Typography.Paragraph>
        {NUMBERED.map((type) => (
          <Form.Item key={type} name={['patterns', type]} label={`${PAPER_TYPE_INFO[type].name}（${t.paperSettings.typeWordOf(PAPER_TYPE_INFO[type].typeWord ?? '')}）`}
            extra={<PatternExample type={type} />}>
            <Input maxLength={40} style={{ width: 360 }} />
          </Form.Item>
        ))}
      </Card>
      <Card size="small" title={t.paperSettings.fonts} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t.paperSettings.fontsHint}</Typography.Paragraph>
        <Form.Item name="bodyFontFile" label={t.paperSettings.bodyFontFile}>
          <Input maxLength={500} placeholder={t.paperSettings.fontPlaceholder} />
        </Form.Item>
        <Form.Item name="titleFontFile" label={t.paperSettings.titleFontFile}>
          <Input maxLength={500} />
        </Form.Item>
      </Card>
      <Button type="primary" htmlType="submit" loading={isSaving}>{t.common.save}</Button>
    </Form>
  );
}
