import { Alert, Button, Card, Form, Input, Spin, Typography } from 'antd';
import { useState } from 'react';
import { mayCall, type BackupStatus } from '../../../../api/core';
import { useLoad } from '../../../../api/use-load';
import { formatTime } from '../../../../components/backup-format';
import { useUser } from '../../../../app/session';
import { t } from '../../../../i18n/zh-CN';
import { BackupList } from './backup-list';
import { BackupRun } from './backup-run';
import { BackupSettingsForm } from './backup-settings-form';
import { RestoreDialog } from './restore-dialog';

const b = t.backups;

/**
 * 设置 → 备份与恢复: the last failure, 立即备份 with its progress and the next automatic backup, the backups of
 * every destination, the destinations and keep rules (admins edit them; supervisors read them and may back up
 * now), and for admins 恢复 from a row or from a typed file path.
 */
export function BackupsTab() {
  const { role } = useUser();
  const { data: status, reload, setData } = useLoad('backup/status', {});
  const [restoring, setRestoring] = useState<string | null>(null);
  const mayEdit = mayCall('backup/saveSettings', role);
  const mayRestore = mayCall('backup/restore', role) && mayCall('backup/inspect', role);

  if (!status) return <Spin />;
  const defaultDestination = status.destinations.find((d) => d.isDefault)?.path ?? null;
  return (
    <div data-testid="backups-tab">
      {!mayEdit && <Alert type="info" showIcon title={b.readOnlyHint} style={{ marginBottom: 12 }} />}
      <LastFailure status={status} />
      <Card size="small" title={b.list} style={{ marginBottom: 16 }}>
        <BackupRun running={status.running} nextScheduledAt={status.nextScheduledAt} onFinished={() => void reload()} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{b.listHint}</Typography.Paragraph>
        <BackupList backups={status.backups} defaultDestination={defaultDestination} onRestore={mayRestore ? (row) => setRestoring(row.file) : undefined} />
      </Card>
      {mayRestore && <RestoreFromFile onInspect={setRestoring} />}
      <Card size="small" title={b.destinations}>
        <BackupSettingsForm status={status} mayEdit={mayEdit} onSaved={setData} />
      </Card>
      {restoring && <RestoreDialog file={restoring} onClose={() => setRestoring(null)} />}
    </div>
  );
}

function LastFailure({ status }: { status: BackupStatus }) {
  if (!status.lastFailure) return null;
  const { at, destination, message } = status.lastFailure;
  return (
    <Alert type="error" showIcon style={{ marginBottom: 12 }} title={b.lastFailure}
      description={<>
        <div data-testid="backup-last-failure">{b.lastFailureText(formatTime(at), destination, message)}</div>
        <div>{b.lastFailureRetry}</div>
      </>} />
  );
}

/**
 * 从文件恢复: a backup file on this computer, its path typed (the desktop app's preload offers no open dialog,
 * and the browser could not hand the core a path anyway). 查看并恢复 opens the same dialog as a row's 恢复.
 */
function RestoreFromFile({ onInspect }: { onInspect(file: string): void }) {
  const [form] = Form.useForm<{ file: string }>();
  return (
    <Card size="small" title={b.restoreFromFile} style={{ marginBottom: 16 }}>
      <Form form={form} layout="vertical" style={{ maxWidth: 720 }} data-testid="restore-from-file"
        onFinish={(values) => {
          const file = (values.file ?? '').trim();
          if (file === '') form.setFields([{ name: 'file', errors: [`请填写「${b.filePath}」`] }]);
          else onInspect(file);
        }}
        onValuesChange={() => form.setFields([{ name: 'file', errors: [] }])}>
        <Form.Item name="file" label={b.filePath} extra={b.filePathHint}>
          <Input placeholder={b.filePathPlaceholder} />
        </Form.Item>
        <Button htmlType="submit" data-testid="restore-from-file-button">{b.inspect}</Button>
      </Form>
    </Card>
  );
}
