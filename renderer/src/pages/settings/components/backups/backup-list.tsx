import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { Button, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { BackupInfo } from '../../../../api/core';
import { formatBytes, formatTime, reasonLabel, shortHead } from '../../../../components/backup-format';
import { t } from '../../../../i18n/zh-CN';

const b = t.backups;

interface Props {
  backups: BackupInfo[];
  /** the default destination's folder: its rows say 默认位置, the others their folder */
  defaultDestination: string | null;
  /** set for admins: each verified row gets 恢复 */
  onRestore?: (backup: BackupInfo) => void;
}

/** ✓ or ✗; ✗ says on hover what is wrong with the backup (the manifest's problem as the core words it). */
export function VerifiedMark({ backup }: { backup: Pick<BackupInfo, 'verified' | 'problem'> }) {
  return backup.verified ? (
    <span title={b.verifiedYes} aria-label={b.verifiedYes} data-testid="backup-verified">
      <CheckCircleTwoTone twoToneColor="#52c41a" /> ✓
    </span>
  ) : (
    <Tooltip title={b.verifiedNo(backup.problem)}>
      <span aria-label={b.verifiedNo(backup.problem)} data-testid="backup-unverified">
        <CloseCircleTwoTone twoToneColor="#ff4d4f" /> ✗
      </span>
    </Tooltip>
  );
}

/** The backups of every destination, newest first (as backup/status lists them). */
export function BackupList({ backups, defaultDestination, onRestore }: Props) {
  const columns: ColumnsType<BackupInfo> = [
    { title: b.createdAt, dataIndex: 'createdAt', width: 170, render: (at: string) => formatTime(at) },
    {
      title: b.destination, dataIndex: 'destination', ellipsis: true,
      render: (dest: string) => <span title={dest}>{dest === defaultDestination ? b.defaultDestination : dest}</span>,
    },
    { title: b.size, dataIndex: 'size', width: 90, align: 'right', render: (size: number) => formatBytes(size) },
    { title: b.cases, dataIndex: 'cases', width: 80, align: 'right' },
    { title: b.lastRegisterNo, dataIndex: 'lastRegisterNumber', width: 130, render: (no: string | null) => no ?? t.common.none },
    {
      title: b.head, dataIndex: 'head', width: 170,
      render: (head: BackupInfo['head']) => (
        <Tooltip title={b.headHint(head.count, head.hash)}>
          <Typography.Text code>{shortHead(head)}</Typography.Text>
        </Tooltip>
      ),
    },
    { title: b.verified, key: 'verified', width: 80, render: (_: unknown, row) => <VerifiedMark backup={row} /> },
    { title: b.reason, dataIndex: 'reason', width: 70, render: (reason: BackupInfo['reason']) => reasonLabel(reason) },
  ];
  if (onRestore) {
    columns.push({
      title: t.common.actions, key: 'actions', width: 80,
      render: (_: unknown, row) => (
        <Button size="small" disabled={!row.verified} onClick={() => onRestore(row)} data-testid="backup-restore">{b.restore}</Button>
      ),
    });
  }
  return (
    <Table<BackupInfo>
      size="small"
      rowKey="file"
      columns={columns}
      dataSource={backups}
      pagination={backups.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: b.empty }}
      data-testid="backup-list"
    />
  );
}
