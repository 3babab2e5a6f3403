import { Alert, Button } from 'antd';
import { useLoad } from '../../../../api/use-load';
import { t } from '../../../../i18n/zh-CN';

const b = t.backups;

/**
 * The administrator has no 工作台 (设置 is their first page), so the dashboard's backup warning would never
 * reach them: on the other 设置 tabs, a destination whose last backup failed is named at the top with the core's
 * message, and a link to 备份与恢复 (which shows it in full). Read once per visit, silently: a failing read
 * here is no reason to interrupt the office settings.
 */
export function BackupTrouble({ onOpen }: { onOpen(): void }) {
  const { data: status } = useLoad('backup/status', {}, { silent: true });
  const failing = status?.destinations.filter((d) => !d.ok) ?? [];
  if (failing.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={t.dashboard.backupWarning}
      description={failing.map((d) => (
        <div key={d.path} data-testid="backup-trouble-message">{b.resultFailed(d.isDefault ? b.defaultDestination : `${b.secondDestination}（${d.path}）`, d.message ?? b.destinationFailed)}</div>
      ))}
      action={<Button size="small" onClick={onOpen}>{t.dashboard.backupOpen}</Button>}
      data-testid="backup-trouble"
    />
  );
}
