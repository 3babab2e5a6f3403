import { Alert, Button } from 'antd';
import type { Dashboard } from '../../../api/core';
import { useAppNavigate } from '../../../app/navigation';
import { PATHS } from '../../../app/paths';
import { t } from '../../../i18n/zh-CN';

/**
 * The backups' trouble at the top of the 工作台 (admins and supervisors: the core fills it for them only): a
 * destination that failed after its last success, or no backup for more than a day while the program ran.
 * It links to 设置 → 备份与恢复, where the failure is shown in full and 立即备份 tries again.
 */
export function BackupWarning({ warning }: { warning: NonNullable<Dashboard['backupWarning']> }) {
  const navigate = useAppNavigate();
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={t.dashboard.backupWarning}
      description={<span data-testid="backup-warning-message">{warning.message}</span>}
      action={<Button size="small" onClick={() => navigate(`${PATHS.settings}?tab=backups`)} data-testid="backup-warning-open">{t.dashboard.backupOpen}</Button>}
      data-testid="backup-warning"
    />
  );
}
