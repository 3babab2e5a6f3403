import { Form, Modal, type ButtonProps, Typography } from 'antd';
import { ACTION_RULES, contract, type CaseDetail, type Channel, type ChannelInput } from '../../../api/core';
import { clearChangedFieldErrors } from '../../../api/form-errors';
import { useApi } from '../../../api/use-api';
import { passesLocalCheck, schemaIssues } from '../../../components/local-validation';
import { t } from '../../../i18n/zh-CN';
import { ACTION_FORMS, toActionInput, type FormAction } from './action-fields';
import { ConflictNote } from './conflict-note';
import { useCaseChange } from './use-case-change';

interface Props {
  action: FormAction;
  detail: CaseDetail;
  onDone(detail: CaseDetail): void;
  /** reads the case again and puts it on the page (after a CONFLICT) */
  refetch(): Promise<CaseDetail | null>;
  onClose(): void;
}

const DANGER: ReadonlySet<FormAction> = new Set(['void', 'refuse']);

/**
 * One action's dialog, titled by the action (受理 · 2026-000123) and sent with 提交: `id` + `version` from
 * the detail with the form's fields to `cases/<action>`, checked first by the channel's own schema.
 */
export function ActionModal({ action, detail, onDone, refetch, onClose }: Props) {
  const { message } = useApi();
  const [form] = Form.useForm();
  const { Fields, initial } = ACTION_FORMS[action];
  const label = ACTION_RULES[action].label;
  const { isSaving, send, conflict } = useCaseChange(label, form, detail, onDone, refetch);
  const isAllowed = detail.allowedActions.includes(action);

  function submit(values: Record<string, unknown>) {
    const channel = `cases/${action}` as const satisfies Channel;
    const input = { ...toActionInput(values), id: detail.id, version: detail.version };
    const say = (text: string) => message.error({ content: text, key: 'action-check' });
    if (!passesLocalCheck(form, schemaIssues(contract[channel].input, input), say)) return;
    message.destroy('action-check');
    return send(channel, input as ChannelInput<typeof channel>);
  }

  return (
    <Modal
      open
      title={`${label} · ${detail.registerNo}`}
      okText={t.common.submit}
      okButtonProps={{ danger: DANGER.has(action), disabled: !isAllowed, 'data-testid': 'action-submit' } as ButtonProps}
      cancelText={t.common.cancel}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={action === 'recordFinding' ? 720 : 560}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {conflict && <ConflictNote conflict={conflict} action={action} />}
      <Typography.Paragraph type="secondary" ellipsis style={{ marginBottom: 12 }}>
        {detail.subject}
      </Typography.Paragraph>
      <Form onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} form={form} layout="vertical" initialValues={initial?.(detail)} onFinish={submit} data-testid={`action-form-${action}`}>
        <Fields detail={detail} />
      </Form>
    </Modal>
  );
}
