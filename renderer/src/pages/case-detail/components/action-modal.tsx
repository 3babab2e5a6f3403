import { Form, Modal, type ButtonProps, Typography } from 'antd';
import { ACTION_RULES, type CaseDetail, type Channel, type ChannelInput } from '../../../api/core';
import { clearChangedFieldErrors } from '../../../api/form-errors';
import { t } from '../../../i18n/zh-CN';
import { ACTION_FORMS, toActionInput, type FormAction } from './action-fields';
import { useCaseChange } from './use-case-change';

interface Props {
  action: FormAction;
  detail: CaseDetail;
  onDone(detail: CaseDetail): void;
  /** the case changed under us (CONFLICT): reload it */
  onStale(): void;
  onClose(): void;
}

const DANGER: ReadonlySet<FormAction> = new Set(['void', 'refuse']);

/** One action's modal: sends `id` + `version` from the detail with the form's fields to `cases/<action>`. */
export function ActionModal({ action, detail, onDone, onStale, onClose }: Props) {
  const [form] = Form.useForm();
  const { Fields, initial } = ACTION_FORMS[action];
  const label = ACTION_RULES[action].label;
  const { isSaving, send } = useCaseChange(label, form, onDone, onStale);

  function submit(values: Record<string, unknown>) {
    const channel = `cases/${action}` as const satisfies Channel;
    return send(channel, { ...toActionInput(values), id: detail.id, version: detail.version } as ChannelInput<typeof channel>);
  }

  return (
    <Modal
      open
      title={`${label} · ${detail.registerNo}`}
      okText={label}
      okButtonProps={{ danger: DANGER.has(action), 'data-testid': 'action-submit' } as ButtonProps}
      cancelText={t.common.cancel}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={action === 'recordFinding' ? 720 : 560}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary" ellipsis style={{ marginBottom: 12 }}>
        {detail.subject}
      </Typography.Paragraph>
      <Form onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} form={form} layout="vertical" initialValues={initial?.(detail)} onFinish={submit} data-testid={`action-form-${action}`}>
        <Fields detail={detail} />
      </Form>
    </Modal>
  );
}
