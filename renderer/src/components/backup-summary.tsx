import { Descriptions, Typography } from 'antd';
import type { BackupInfo } from '../api/core';
import { t } from '../i18n/zh-CN';
import { formatBytes, formatTime, reasonLabel } from './backup-format';

const b = t.backups;

/**
 * What a backup holds, as the restore confirm and the recovery page show it before anyone restores it:
 * when it was made, its cases and last register number, the chain head (in full: it can be compared with one
 * written down), whether it verified (and what is wrong if not), and the file.
 */
export function BackupSummary({ backup }: { backup: BackupInfo }) {
  return (
    <Descriptions size="small" column={1} bordered data-testid="backup-summary" styles={{ label: { width: 120 } }}>
      <Descriptions.Item label={b.createdAt}>{formatTime(backup.createdAt)}（{reasonLabel(backup.reason)}）</Descriptions.Item>
      <Descriptions.Item label={b.cases}><span data-testid="backup-summary-cases">{backup.cases}</span></Descriptions.Item>
      <Descriptions.Item label={b.lastRegisterNo}><span data-testid="backup-summary-last-no">{backup.lastRegisterNumber ?? t.common.none}</span></Descriptions.Item>
      <Descriptions.Item label={b.head}>
        <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="backup-summary-head">{`${backup.head.count}:${backup.head.hash}`}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={b.verified}>
        {backup.verified
          ? <Typography.Text type="success" data-testid="backup-summary-verified">✓ {b.verifiedYes}</Typography.Text>
          : <Typography.Text type="danger" data-testid="backup-summary-unverified">✗ {b.verifiedNo(backup.problem)}</Typography.Text>}
      </Descriptions.Item>
      <Descriptions.Item label={b.size}>{formatBytes(backup.size)}</Descriptions.Item>
      <Descriptions.Item label={b.appVersion}>{backup.appVersion}（{b.schemaVersion} {backup.schemaVersion}）</Descriptions.Item>
      <Descriptions.Item label={b.file}><Typography.Text style={{ wordBreak: 'break-all' }}>{backup.file}</Typography.Text></Descriptions.Item>
    </Descriptions>
  );
}
