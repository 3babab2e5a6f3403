import { clearChangedFieldErrors } from '../api/form-errors';
import { Form, Input, Modal } from 'antd';
import { useApi } from '../api/use-api';
import { t } from '../i18n/zh-CN';
import { useBusy } from '../api/use-busy';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { call, message } = useApi();
  const [form] = Form.useForm<Values>();
  const [isSaving, whileSaving] = useBusy();

  async function submit(values: Values) {
    const r = await whileSaving(() => call('auth/changePassword', { oldPassword: values.oldPassword, newPassword: values.newPassword }, { form }));
    if (!r.ok) return;
    message.success(t.header.passwordChanged);
    onClose();
  }

  return (
    <Modal
      title={t.header.changePassword}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      confirmLoading={isSaving}
      destroyOnHidden
      afterOpenChange={(isOpen) => !isOpen && form.resetFields()}
    >
      <Form onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="oldPassword" label={t.header.oldPassword} required>
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t.header.newPassword} required>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t.common.confirmPassword}
          required
          dependencies={['newPassword']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t.common.passwordMismatch))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
