import { Form, Modal, type ButtonProps } from 'antd';
import { useMemo } from 'react';
import { ACTION_RULES, type CaseDetail, type ComplainantView } from '../../../api/core';
import { RegistrationForm } from '../../../components/registration-form/registration-form';
import { toCorrectionInput, valuesFromDetail, type RegistrationValues } from '../../../components/registration-form/values';
import { useSaveShortcut } from '../../../components/use-save-shortcut';
import { t } from '../../../i18n/zh-CN';
import { useCaseChange } from './use-case-change';

interface Props {
  detail: CaseDetail;
  /** the full identity: editing must start from it, never from masked text */
  complainants: ComplainantView[];
  onDone(detail: CaseDetail): void;
  onStale(): void;
  onClose(): void;
}

/**
 * 修改登记信息: the registration form again; `cases/update` gets id + version and only what was changed.
 * What the core says this user may not change (a masked identity, 首问责任人 unless a supervisor) is shown
 * disabled and never sent.
 */
export function UpdateModal({ detail, complainants, onDone, onStale, onClose }: Props) {
  const [form] = Form.useForm<RegistrationValues>();
  const label = ACTION_RULES.update.label;
  const { isSaving, send } = useCaseChange(label, form, onDone, onStale);
  const initialValues = useMemo(() => ({ ...valuesFromDetail(detail), complainants: complainants.map((c) => ({ ...c })) }), [detail, complainants]);

  const editable = { identity: detail.mayEditIdentity, firstReceiver: detail.mayChangeResponsibility };

  useSaveShortcut(() => form.submit());

  function submit(values: RegistrationValues) {
    return send('cases/update', { ...toCorrectionInput(initialValues, values, editable), id: detail.id, version: detail.version });
  }

  return (
    <Modal
      open
      title={`${label} · ${detail.registerNo}`}
      okText={t.common.save}
      okButtonProps={{ 'data-testid': 'action-submit' } as ButtonProps}
      cancelText={t.common.cancel}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={1080}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <RegistrationForm form={form} mode="update" initialValues={initialValues} onFinish={submit} autoFocus
        locked={{ identity: !editable.identity, firstReceiver: !editable.firstReceiver }} />
    </Modal>
  );
}
