import { Alert, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState, type ComponentType } from 'react';
import { useDirectory } from '../../../app/directory';
import {
  FINDING_LABELS, FINDINGS, REPLY_METHOD_LABELS, REPLY_METHODS, SATISFACTION_LABELS, SATISFACTIONS, SEVERITIES, SEVERITY_LABELS,
  defaultReplyMethod, type CaseAction, type CaseDetail,
} from '../../../api/core';
import { useApi } from '../../../api/use-api';
import { growsWithText } from '../../../components/grow-text';
import { t } from '../../../i18n/zh-CN';

/**
 * The small form behind each action button: exactly the fields of the channel `cases/<action>`, named
 * as the contract names them. Dates are dayjs in the form and YYYY-MM-DD on the wire.
 */
export type FormAction = Exclude<CaseAction, 'update'>;

interface ActionForm {
  Fields: ComponentType<{ detail: CaseDetail }>;
  initial?(detail: CaseDetail): Record<string, unknown>;
}

const SEARCH = { optionFilterProp: 'label' } as const;
const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((v) => ({ value: v, label: labels[v] }));
const today = () => dayjs().startOf('day');

const Text = ({ name, label, required, rows = 3, autoFocus }: { name: string; label: string; required?: boolean; rows?: number; autoFocus?: boolean }) => (
  <Form.Item name={name} label={label} required={required}>
    <Input.TextArea style={growsWithText(rows, 12)} autoFocus={autoFocus} />
  </Form.Item>
);
const Day = ({ name, label, autoFocus }: { name: string; label: string; autoFocus?: boolean }) => (
  <Form.Item name={name} label={label} required>
    {/* Enter confirms the date; it must not also submit a form whose only text input is this one. */}
    <DatePicker autoFocus={autoFocus} style={{ width: 200 }} allowClear={false} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
  </Form.Item>
);

function AssignFields() {
  const { directory } = useDirectory();
  const form = Form.useFormInstance();
  const departmentId = Form.useWatch('departmentId', form) as number | undefined;
  const departments = directory.departments.filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }));
  const staff = directory.staff
    .filter((s) => s.active && s.departmentId === departmentId)
    .map((s) => ({ value: s.id, label: s.title ? `${s.name}（${s.title}）` : s.name }));
  return (
    <>
      <Form.Item name="departmentId" label={t.detail.handlerDepartment} required>
        <Select showSearch={SEARCH} options={departments} autoFocus onChange={() => form.setFieldValue('handlerStaffId', undefined)} />
      </Form.Item>
      <Form.Item name="handlerStaffId" label={t.detail.handlerStaff} required>
        <Select showSearch={SEARCH} options={staff} notFoundContent={departmentId ? t.detail.noStaffInDepartment : t.detail.pickDepartmentFirst} />
      </Form.Item>
      <Form.Item name="severity" label={t.detail.severity} required>
        <Radio.Group options={options(SEVERITIES, SEVERITY_LABELS)} optionType="button" />
      </Form.Item>
      <Text name="note" label={t.detail.assignNote} rows={2} />
    </>
  );
}

/**
 * Before the supervisor confirms an extension: the working day it will really end on, from the core's
 * calendar (`calendar/due`: one working day after the day before is the first working day on or after the
 * date). The core moves a rest day the same way when the extension is saved.
 */
function ExtensionDayPreview() {
  const { call } = useApi();
  const picked = Form.useWatch('newDue', Form.useFormInstance()) as Dayjs | undefined;
  const [preview, setPreview] = useState<{ requested: string; due: string } | { requested: string; error: string } | null>(null);
  const requested = picked ? picked.format('YYYY-MM-DD') : null;
  useEffect(() => {
    if (!requested) {
      setPreview(null);
      return;
    }
    let isCurrent = true;
    void call('calendar/due', { from: dayjs(requested).subtract(1, 'day').format('YYYY-MM-DD'), workingDays: 1 }, { silent: true }).then((r) => {
      if (isCurrent) setPreview(r.ok ? { requested, due: r.value.due } : { requested, error: r.error.message });
    });
    return () => { isCurrent = false; };
  }, [requested, call]);
  if (!preview || preview.requested !== requested) return null;
  if ('error' in preview) return <Alert type="warning" showIcon title={preview.error} style={{ marginBottom: 12 }} data-testid="extend-preview" />;
  const isMoved = preview.due !== preview.requested;
  return (
    <Alert
      type={isMoved ? 'warning' : 'info'}
      showIcon
      title={isMoved ? t.detail.extendMoved(preview.requested, preview.due) : t.detail.extendOnWorkingDay(preview.due)}
      style={{ marginBottom: 12 }}
      data-testid="extend-preview"
    />
  );
}

export const ACTION_FORMS: Record<FormAction, ActionForm> = {
  accept: { Fields: () => <Text name="note" label={t.detail.acceptNote} rows={2} autoFocus /> },
  refuse: {
    Fields: () => (
      <>
        <Text name="reason" label={t.detail.refuseReason} required autoFocus />
        <Text name="referral" label={t.detail.referral} required rows={2} />
      </>
    ),
  },
  assign: {
    Fields: AssignFields,
    initial: (d) => ({ departmentId: d.handlerDepartmentId ?? undefined, handlerStaffId: d.handlerStaffId ?? undefined, severity: d.severity ?? 'simple' }),
  },
  addNote: {
    Fields: () => (
      <>
        <Day name="notedOn" label={t.detail.notedOn} />
        <Text name="text" label={t.detail.notes} required rows={4} autoFocus />
      </>
    ),
    initial: () => ({ notedOn: today() }),
  },
  recordFinding: {
    Fields: () => (
      <>
        <Form.Item name="finding" label={t.detail.finding} required>
          <Radio.Group options={options(FINDINGS, FINDING_LABELS)} optionType="button" />
        </Form.Item>
        <Text name="handlingOpinion" label={t.detail.handlingOpinion} required />
        <Text name="measures" label={t.detail.measures} rows={2} />
        <Text name="staffAction" label={t.detail.staffAction} rows={2} />
        <Text name="draftReply" label={t.detail.draftReply} />
        <Day name="handledOn" label={t.detail.handledOn} />
      </>
    ),
    initial: (d) => ({
      finding: d.finding ?? undefined,
      handlingOpinion: d.handlingOpinion ?? '',
      measures: d.measures ?? '',
      staffAction: d.staffAction ?? '',
      draftReply: d.draftReply ?? '',
      handledOn: today(),
    }),
  },
  review: {
    Fields: () => (
      <>
        <Form.Item name="decision" label={t.detail.reviewDecision} required>
          <Radio.Group options={[{ value: 'approve', label: t.detail.approve }, { value: 'return', label: t.detail.returnForRework }]} optionType="button" />
        </Form.Item>
        <Text name="comment" label={t.detail.reviewComment} rows={3} autoFocus />
      </>
    ),
    initial: () => ({ decision: 'approve' }),
  },
  reply: {
    Fields: () => (
      <>
        <Form.Item name="method" label={t.detail.replyMethod} required>
          <Radio.Group options={options(REPLY_METHODS, REPLY_METHOD_LABELS)} optionType="button" />
        </Form.Item>
        <Day name="repliedOn" label={t.detail.repliedOn} />
        <Text name="summary" label={t.detail.replySummary} required rows={4} autoFocus />
      </>
    ),
    // The method the channel suggests (a walk-in in person, a letter by letter); the core has the last word.
    initial: (d) => ({ method: defaultReplyMethod(d.channel), repliedOn: today(), summary: d.draftReply ?? '' }),
  },
  followUp: {
    Fields: () => (
      <>
        <Form.Item name="satisfaction" label={t.detail.satisfaction} required>
          <Radio.Group options={options(SATISFACTIONS, SATISFACTION_LABELS)} optionType="button" />
        </Form.Item>
        <Day name="followedUpOn" label={t.detail.followedUpOn} />
        <Text name="note" label={t.detail.followUpNote} rows={3} />
      </>
    ),
    initial: () => ({ followedUpOn: today() }),
  },
  reopen: { Fields: () => <Text name="reason" label={t.detail.reopenReason} required autoFocus /> },
  close: { Fields: () => <Text name="note" label={t.detail.closeNote} required autoFocus /> },
  extend: {
    Fields: () => (
      <>
        <Day name="newDue" label={t.detail.newDue} autoFocus />
        <ExtensionDayPreview />
        <Text name="reason" label={t.detail.extendReason} required />
        <Text name="notice" label={t.detail.notice} rows={2} />
      </>
    ),
  },
  suspend: {
    Fields: () => (
      <>
        <Day name="suspendedOn" label={t.detail.suspendedOn} />
        <Text name="material" label={t.detail.material} required autoFocus />
      </>
    ),
    initial: () => ({ suspendedOn: today() }),
  },
  resume: { Fields: () => <Day name="receivedOn" label={t.detail.resumedOn} autoFocus />, initial: () => ({ receivedOn: today() }) },
  void: { Fields: () => <Text name="reason" label={t.detail.voidReason} required autoFocus /> },
};

/** Form values -> channel input: dayjs dates become YYYY-MM-DD, everything else is sent as typed. */
export function toActionInput(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, dayjs.isDayjs(v) ? (v as Dayjs).format('YYYY-MM-DD') : v]),
  );
}
