import { Form, Modal, type ButtonProps } from 'antd';
import { useState } from 'react';
import { ACTION_RULES, CASE_FIELD_LABELS, type CaseDetail, type ComplainantView } from '../../../api/core';
import { useApi } from '../../../api/use-api';
import { passesLocalCheck } from '../../../components/local-validation';
import { RegistrationForm } from '../../../components/registration-form/registration-form';
import { registrationIssues } from '../../../components/registration-form/validate';
import { rebaseCorrection, toCorrectionInput, valuesFromDetail, type RegistrationValues } from '../../../components/registration-form/values';
import { useSaveShortcut } from '../../../components/use-save-shortcut';
import { t } from '../../../i18n/zh-CN';
import { ConflictNote } from './conflict-note';
import { useCaseChange } from './use-case-change';

interface Props {
  detail: CaseDetail;
  /** the full identity: editing must start from it, never from masked text */
  complainants: ComplainantView[];
  onDone(detail: CaseDetail): void;
  /** reads the case again and puts it on the page (after a CONFLICT) */
  refetch(): Promise<CaseDetail | null>;
  onClose(): void;
}

const editValues = (d: CaseDetail, complainants: ComplainantView[]): RegistrationValues => ({
  ...valuesFromDetail(d),
  complainants: complainants.map((c) => ({ ...c })),
});

/**
 * 修改登记信息: the registration form again; `cases/update` gets id + version and only what was changed.
 * What the core says this user may not change (a masked identity, 首问责任人 unless a supervisor) is shown
 * disabled and never sent. A newer version met on saving keeps the dialog and the typing (see rebaseCorrection).
 */
export function UpdateModal({ detail, complainants, onDone, refetch, onClose }: Props) {
  const { message } = useApi();
  const [form] = Form.useForm<RegistrationValues>();
  const label = ACTION_RULES.update.label;
  // What the edit counts as unchanged: the case as opened, or as reloaded after a conflict.
  const [base, setBase] = useState(() => editValues(detail, complainants));
  const [both, setBoth] = useState<string[]>([]);
  const { isSaving, send, conflict } = useCaseChange(label, form, detail, onDone, refetch, (_, fresh) => {
    // the identity stays as this dialog had it (revealed or masked): the fresh detail may show it masked
    const r = rebaseCorrection(base, form.getFieldsValue(true) as RegistrationValues, { ...valuesFromDetail(fresh), complainants: base.complainants });
    setBase(r.base);
    form.setFieldsValue(r.values);
    setBoth(r.both.map((k) => CASE_FIELD_LABELS[k]));
  });

  const editable = { identity: detail.mayEditIdentity, firstReceiver: detail.mayChangeResponsibility };

  useSaveShortcut(() => form.submit());

  function submit(values: RegistrationValues) {
    const input = { ...toCorrectionInput(base, values, editable), id: detail.id, version: detail.version };
    const say = (text: string) => message.error({ content: text, key: 'update-check' });
    if (!passesLocalCheck(form, registrationIssues('cases/update', input), say)) return;
    message.destroy('update-check');
    return send('cases/update', input);
  }

  return (
    <Modal
      open
      title={`${label} · ${detail.registerNo}`}
      okText={t.common.save}
      okButtonProps={{ 'data-testid': 'action-submit', title: t.form.saveHint, disabled: !detail.allowedActions.includes('update') } as ButtonProps}
      cancelText={t.common.cancel}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={1080}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {conflict && <ConflictNote conflict={conflict} action="update" both={both} />}
      <RegistrationForm form={form} mode="update" initialValues={base} onFinish={submit} autoFocus
        locked={{ identity: !editable.identity, firstReceiver: !editable.firstReceiver }} />
    </Modal>
  );
}
