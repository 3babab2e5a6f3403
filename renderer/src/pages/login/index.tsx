import { clearChangedFieldErrors } from '../../api/form-errors';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { isRegisterUnavailable, useSession } from '../../app/session';
import { useApi } from '../../api/use-api';
import { t } from '../../i18n/zh-CN';

interface Values {
  username: string;
  password: string;
}

/**
 * 登录. A refusal stays on the page until the next try: "账号已锁定，请于 10:45 后再试…" must still be
 * readable after a toast would have faded.
 */
export default function LoginPage() {
  const { call } = useApi();
  const { signedIn, officeName, notice, restart } = useSession();
  const [form] = Form.useForm<Values>();
  const [isSigningIn, setSigningIn] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  async function submit(values: Values) {
    setSigningIn(true);
    setRefusal(null);
    const r = await call('auth/signIn', { username: values.username ?? '', password: values.password ?? '' }, { silent: true });
    setSigningIn(false);
    if (r.ok) return signedIn(r.value);
    // the register could not be opened (the program restarted on a damaged file): the recovery page says why
    if (isRegisterUnavailable(r)) return restart();
    setRefusal(r.error.message);
    form.setFieldValue('password', '');
  }

  return (
    <div className="auth-page">
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          {t.common.appName}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }} data-testid="office-name">
          {officeName || t.login.title}
        </Typography.Paragraph>
        {notice && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="sign-in-notice" />}
        <Form onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t.login.username}>
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t.login.password}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 16 }} data-testid="sign-in-refusal" />}
          <Button type="primary" htmlType="submit" block loading={isSigningIn}>
            {t.login.submit}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
