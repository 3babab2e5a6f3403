import { clearChangedFieldErrors } from '../../api/form-errors';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, type FormInstance } from 'antd';
import { useDirectory } from '../../app/directory';
import { t } from '../../i18n/zh-CN';
import { ComplainantFields } from './complainant-fields';
import { RespondentStaffField, staffAfterChange } from './respondent-staff';
import { growsWithText } from '../grow-text';
import { RECEIVED_AT_FORMAT, emptyComplainant, type RegistrationValues } from './values';

interface Props {
  form: FormInstance<RegistrationValues>;
  /** 'new' shows 当场答复; 'update' edits an existing registration */
  mode: 'new' | 'update';
  initialValues: RegistrationValues;
  onFinish(values: RegistrationValues): void;
  onValuesChange?(changed: Partial<RegistrationValues>, all: RegistrationValues): void;
  autoFocus?: boolean;
  /**
   * 'update' only, as the core decided for this user (CaseDetail): `identity` = the complainants, 匿名 and
   * 要求保密 (locked for whoever sees them masked); `firstReceiver` = 首问责任人 (a supervisor's decision).
   */
  locked?: { identity: boolean; firstReceiver: boolean };
}

const SEARCH = { optionFilterProp: 'label' } as const;
const item = { style: { marginBottom: 10 } };

/**
 * The registration fields in the order a clerk takes them down (Tab walks them): 收到时间 → 渠道 → 类型 →
 * 匿名 → 保密 → 诉求人 → 被投诉部门/人员 → 事由 → 详细情况 → 诉求 → 首问责任人 → 当场答复.
 */
export function RegistrationForm({ form, mode, initialValues, onFinish, onValuesChange, autoFocus, locked }: Props) {
  const { directory } = useDirectory();
  const isAnonymous = Form.useWatch('isAnonymous', form) ?? initialValues.isAnonymous;
  const departmentId = Form.useWatch('respondentDepartmentId', form);
  const isAnsweredOnSpot = Form.useWatch(['answeredOnSpot', 'enabled'], form) ?? false;
  const channel = Form.useWatch('channel', form) ?? initialValues.channel;
  const caseType = Form.useWatch('caseType', form) ?? initialValues.caseType;
  const firstReceiverId = initialValues.firstReceiverId;

  const lookupOptions = (items: { name: string; active: boolean }[], current?: string) =>
    items.filter((i) => i.active || i.name === current).map((i) => ({ value: i.name, label: i.name }));
  // 0 = none chosen; no allowClear, whose clear button would be an extra Tab stop (antd 6).
  const departments = [
    { value: 0, label: t.form.noDepartment },
    ...directory.departments.filter((d) => d.active || d.id === initialValues.respondentDepartmentId).map((d) => ({ value: d.id, label: d.name })),
  ];
  const receivers = directory.users
    .filter((u) => (u.active && (u.role === 'clerk' || u.role === 'supervisor')) || u.id === firstReceiverId)
    .map((u) => ({ value: u.id, label: u.displayName }));

  // A picked 被投诉人员 follows the department and the name typed (respondent-staff.tsx); what that changes is
  // passed on like the user's own change (the draft, the errors under the box).
  const kept = { id: initialValues.respondentStaffId, name: initialValues.respondentStaff };
  function valuesChanged(changed: Partial<RegistrationValues>, all: RegistrationValues) {
    const fix = staffAfterChange(changed, all, directory, kept);
    if (fix) form.setFieldsValue(fix);
    passOn(fix ? { ...changed, ...fix } : changed, fix ? { ...all, ...fix } : all);
  }
  function passOn(changed: Partial<RegistrationValues>, all: RegistrationValues) {
    clearChangedFieldErrors(form, changed);
    onValuesChange?.(changed, all);
  }

  function onAnonymousChange(checked: boolean) {
    // Anonymous means no identity is recorded at all: the entered details are dropped, not hidden.
    form.setFieldsValue({ complainants: checked ? [] : [emptyComplainant()] });
  }

  return (
    <Form<RegistrationValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      onValuesChange={valuesChanged}
      scrollToFirstError
      data-testid="registration-form"
    >
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name="receivedAt" label={t.form.receivedAt} required {...item}>
            <DatePicker showTime={{ format: 'HH:mm' }} format={RECEIVED_AT_FORMAT} needConfirm={false} autoFocus={autoFocus}
              style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name="channel" label={t.form.channel} required {...item}>
            <Select showSearch={SEARCH} options={lookupOptions(directory.channels, channel)} placeholder={t.form.pickOrType} />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name="caseType" label={t.form.caseType} required {...item}>
            <Select showSearch={SEARCH} options={lookupOptions(directory.caseTypes, caseType)} placeholder={t.form.pickOrType} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label=" " {...item}>
            <Form.Item name="isAnonymous" valuePropName="checked" noStyle>
              <Checkbox onChange={(e) => onAnonymousChange(e.target.checked)} disabled={locked?.identity}>{t.form.isAnonymous}</Checkbox>
            </Form.Item>
            <Form.Item name="isConfidential" valuePropName="checked" noStyle>
              <Checkbox disabled={locked?.identity}>{t.form.isConfidential}</Checkbox>
            </Form.Item>
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start" plain style={{ margin: '4px 0 8px' }}>{t.form.complainants}</Divider>
      {locked?.identity && !isAnonymous && <div className="form-note" data-testid="identity-locked">{t.form.identityLocked}</div>}
      {isAnonymous ? (
        <div className="form-note" data-testid="anonymous-note">{t.form.anonymousNote}</div>
      ) : (
        <Form.List name="complainants">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <ComplainantFields key={field.key} name={field.name} index={index} count={fields.length} onRemove={() => remove(field.name)} disabled={locked?.identity} />
              ))}
              {!locked?.identity && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  style={{ marginBottom: 10 }}
                  onClick={() => {
                    add(emptyComplainant());
                    // straight on to the new person's name
                    setTimeout(() => form.getFieldInstance(['complainants', fields.length, 'name'])?.focus?.(), 0);
                  }}
                >
                  {t.form.addComplainant}
                </Button>
              )}
            </>
          )}
        </Form.List>
      )}
      <Row gutter={12}>
        <Col span={4}>
          <Form.Item name="headCount" label={t.form.headCount} {...item}>
            <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="respondentDepartmentId" label={t.form.respondentDepartment} {...item}>
            <Select showSearch={SEARCH} options={departments} placeholder={t.form.pickOrType} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <RespondentStaffField form={form} directory={directory} departmentId={departmentId} itemStyle={item}
            onPicked={(patch) => passOn(patch, form.getFieldsValue(true) as RegistrationValues)} />
        </Col>
      </Row>
      <Form.Item name="subject" label={t.form.subject} required {...item}>
        <Input maxLength={100} showCount placeholder={t.form.subjectHint} />
      </Form.Item>
      <Form.Item name="account" label={t.form.account} required {...item}>
        <Input.TextArea style={growsWithText(3, 10)} maxLength={5000} />
      </Form.Item>
      <Form.Item name="request" label={t.form.request} {...item}>
        <Input.TextArea style={growsWithText(2, 6)} maxLength={5000} />
      </Form.Item>
      <Row gutter={12} align="bottom">
        <Col span={8}>
          <Form.Item name="firstReceiverId" label={t.form.firstReceiver} {...item} extra={locked?.firstReceiver ? t.form.firstReceiverLocked : undefined}>
            <Select showSearch={SEARCH} options={receivers} disabled={locked?.firstReceiver} />
          </Form.Item>
        </Col>
        {mode === 'new' && (
          <Col span={16}>
            <Form.Item name={['answeredOnSpot', 'enabled']} valuePropName="checked" {...item} extra={t.form.answeredOnSpotHint}>
              <Checkbox>{t.form.answeredOnSpot}</Checkbox>
            </Form.Item>
          </Col>
        )}
      </Row>
      {mode === 'new' && isAnsweredOnSpot && (
        <Form.Item name={['answeredOnSpot', 'reply']} label={t.form.onSpotReply} required {...item}>
          <Input.TextArea style={growsWithText(2, 6)} maxLength={5000} />
        </Form.Item>
      )}
    </Form>
  );
}
