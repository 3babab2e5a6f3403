import { clearChangedFieldErrors } from '../../api/form-errors';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '../../app/session';
import { useApi } from '../../api/use-api';
import { t } from '../../i18n/zh-CN';

interface Values {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { call } = useApi();
  const { signedIn, officeName } = useSession();
  const [form] = Form.useForm<Values>();
  const [isSigningIn, setSigningIn] = useState(false);

  async function submit(values: Values) {
    setSigningIn(true);
    const r = await call('auth/signIn', { username: values.username ?? '', password: values.password ?? '' }, { form });
    setSigningIn(false);
    if (r.ok) signedIn(r.value);
    else form.setFieldValue('password', '');
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
        <Form onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t.login.username}>
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t.login.password}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isSigningIn}>
            {t.login.submit}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
