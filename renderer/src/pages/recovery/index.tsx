import { WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { clearChangedFieldErrors } from '../../api/form-errors';
import { useApi } from '../../api/use-api';
import { useBusy } from '../../api/use-busy';
import { formatTime } from '../../components/backup-format';
import { BackupSummary } from '../../components/backup-summary';
import { useSession } from '../../app/session';
import { t } from '../../i18n/zh-CN';

const r = t.recovery;

interface Values {
  file: string;
  username: string;
  password: string;
}

/**
 * The register could not be opened at start (damaged, or not a database): the program moved it aside and
 * answers only recovery/* and setup/status. This page says what happened and where the file went, shows the
 * newest verified backup, and restores it (or another backup file typed here) with the user name and
 * password of an administrator *in that backup* (no one can sign in to a register that will not open).
 * Afterwards the app starts over at the sign-in page.
 */
export default function RecoveryPage() {
  const { recovery, restart } = useSession();
  const { call } = useApi();
  const [form] = Form.useForm<Values>();
  const [isRestoring, whileRestoring] = useBusy();
  const newest = recovery?.newestBackup ?? null;

  async function submit(values: Values) {
    const file = (values.file ?? '').trim();
    if (file === '') return form.setFields([{ name: 'file', errors: [`请填写「${r.file}」`] }]);
    const answer = await whileRestoring(() => call('recovery/restore', { file, username: values.username ?? '', password: values.password ?? '' }, { form }));
    if (!answer.ok) return;
    const at = newest && newest.file === file ? formatTime(newest.createdAt) : file;
    restart(r.restored(at, answer.value.cases, answer.value.safetyCopy));
  }

  return (
    <div className="auth-page" data-testid="recovery-page">
      <Card style={{ width: 760 }} title={<><WarningOutlined style={{ color: '#fa541c' }} /> {t.common.appName} · {r.title}</>}>
        {recovery && !recovery.damaged && <Alert type="success" showIcon title={r.notDamaged} action={<Button onClick={() => restart()}>{r.toSignIn}</Button>} />}
        {recovery?.damaged && (
          <>
            <Alert type="error" showIcon title={r.whatHappened} description={recovery.message} style={{ marginBottom: 16 }} data-testid="recovery-message" />
            {recovery.movedTo && (
              <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
                <Descriptions.Item label={r.movedTo}>
                  <Typography.Text copyable style={{ wordBreak: 'break-all' }} data-testid="recovery-moved-to">{recovery.movedTo}</Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            )}
            <Typography.Title level={5}>{r.newest}</Typography.Title>
            {newest ? <BackupSummary backup={newest} /> : <Alert type="warning" showIcon title={r.none} data-testid="recovery-no-backup" />}
            <Typography.Title level={5} style={{ marginTop: 16 }}>{r.formTitle}</Typography.Title>
            <Typography.Paragraph type="secondary">{r.formHint}</Typography.Paragraph>
            <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ file: newest?.file ?? '' }}
              onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} data-testid="recovery-form">
              <Form.Item name="file" label={r.file}>
                <Input />
              </Form.Item>
              <Form.Item name="username" label={r.username}>
                <Input autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item name="password" label={r.password}>
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" danger htmlType="submit" loading={isRestoring} data-testid="recovery-submit">{r.submit}</Button>
            </Form>
          </>
        )}
      </Card>
    </div>
  );
}
