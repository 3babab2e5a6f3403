import { Form, Modal } from 'antd';
import type { ReactNode } from 'react';
import { contract, type Channel, type ChannelInput, type ChannelOutput } from '../api/core';
import { clearChangedFieldErrors } from '../api/form-errors';
import { useApi } from '../api/use-api';
import { t } from '../i18n/zh-CN';
import { passesLocalCheck, schemaIssues } from './local-validation';
import { useBusy } from '../api/use-busy';

interface Props<C extends Channel> {
  title: string;
  channel: C;
  initialValues: Record<string, unknown>;
  /** merged into the form's values before sending, e.g. the record's id */
  fixed?: Record<string, unknown>;
  children: ReactNode;
  onSaved(value: ChannelOutput<C>): void;
  onClose(): void;
}

/** A small create/edit form for one settings record; its field names are the channel's input names. */
export function RecordModal<C extends Channel>({ title, channel, initialValues, fixed, children, onSaved, onClose }: Props<C>) {
  const { call, message } = useApi();
  const [form] = Form.useForm();
  const [isSaving, whileSaving] = useBusy();

  async function submit(values: Record<string, unknown>) {
    const input = { ...values, ...fixed };
    // every wrong field at once, by the channel's own schema (the core checks again)
    if (!passesLocalCheck(form, schemaIssues(contract[channel].input, input), (text) => message.error({ content: text, key: 'record-check' }))) return;
    message.destroy('record-check');
    const r = await whileSaving(() => call(channel, input as ChannelInput<C>, { form }));
    if (!r.ok) return;
    message.success(t.common.saved);
    onSaved(r.value);
  }

  return (
    <Modal open title={title} okText={t.common.save} cancelText={t.common.cancel} confirmLoading={isSaving}
      onOk={() => form.submit()} onCancel={onClose} destroyOnHidden mask={{ closable: false }}>
      <Form onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
        {children}
      </Form>
    </Modal>
  );
}
