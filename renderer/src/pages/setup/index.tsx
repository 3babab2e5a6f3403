import { clearChangedFieldErrors } from '../../api/form-errors';
import { Button, Card, Col, Divider, Form, Input, Row, Typography } from 'antd';
import { useSession } from '../../app/session';
import { useApi } from '../../api/use-api';
import { t } from '../../i18n/zh-CN';
import { useBusy } from '../../api/use-busy';

interface Values {
  office: { name: string; address: string; phone: string };
  admin: { username: string; displayName: string; password: string; confirm: string };
}

/** First run: the office profile and the first admin account; setup/init signs the admin in. */
export default function SetupPage() {
  const { call, message } = useApi();
  const { signedIn } = useSession();
  const [form] = Form.useForm<Values>();
  const [isSaving, whileSaving] = useBusy();

  async function submit(values: Values) {
    const { confirm: _confirm, ...admin } = values.admin;
    const r = await whileSaving(() => call('setup/init', { office: values.office, admin }, { form }));
    if (!r.ok) return;
    message.success(t.setup.done);
    signedIn(r.value);
  }

  return (
    <div className="auth-page">
      <Card style={{ width: 640 }} title={`${t.common.appName} · ${t.setup.title}`}>
        <Typography.Paragraph type="secondary">{t.setup.intro}</Typography.Paragraph>
        <Form onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} form={form} layout="vertical" onFinish={submit} initialValues={{ office: { address: '', phone: '' } }}>
          <Divider titlePlacement="start" plain>{t.setup.office}</Divider>
          <Form.Item name={['office', 'name']} label={t.setup.officeName} required>
            <Input autoFocus maxLength={100} />
          </Form.Item>
          <Row gutter={12}>
            <Col span={16}>
              <Form.Item name={['office', 'address']} label={t.setup.officeAddress}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name={['office', 'phone']} label={t.setup.officePhone}>
                <Input maxLength={20} />
              </Form.Item>
            </Col>
          </Row>
          <Divider titlePlacement="start" plain>{t.setup.admin}</Divider>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name={['admin', 'username']} label={t.setup.adminUsername} required>
                <Input autoComplete="username" maxLength={32} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['admin', 'displayName']} label={t.setup.adminName} required>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name={['admin', 'password']} label={t.setup.adminPassword} extra={t.setup.passwordHint} required>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name={['admin', 'confirm']}
                label={t.common.confirmPassword}
                required
                dependencies={[['admin', 'password']]}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, v) =>
                      v === getFieldValue(['admin', 'password']) ? Promise.resolve() : Promise.reject(new Error(t.common.passwordMismatch)),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" block loading={isSaving}>
            {t.setup.submit}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
