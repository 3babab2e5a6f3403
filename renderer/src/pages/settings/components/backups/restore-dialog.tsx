import { Alert, Modal, Spin, Typography, type ButtonProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { BackupInfo } from '../../../../api/core';
import { useApi } from '../../../../api/use-api';
import { BackupSummary } from '../../../../components/backup-summary';
import { formatTime } from '../../../../components/backup-format';
import { useSession } from '../../../../app/session';
import { t } from '../../../../i18n/zh-CN';

const b = t.backups;

type Phase =
  | { kind: 'inspecting' }
  | { kind: 'inspected'; backup: BackupInfo }
  | { kind: 'refused'; message: string }
  | { kind: 'restoring'; backup: BackupInfo }
  | { kind: 'failed'; backup: BackupInfo; message: string };

interface Props {
  /** the backup's .sqlite, from the list or typed */
  file: string;
  onClose(): void;
}

/**
 * 恢复 (admin): backup/inspect first verifies the backup in full and says what it holds; the confirm states that
 * the current register is kept as a safety copy and that everyone will be signed out. 恢复此备份 calls
 * backup/restore; afterwards every session is gone, so the app goes to the sign-in page with what was done.
 */
export function RestoreDialog({ file, onClose }: Props) {
  const { call } = useApi();
  const { restart } = useSession();
  const [phase, setPhase] = useState<Phase>({ kind: 'inspecting' });
  const isMounted = useRef(true);

  useEffect(() => {
    isMounted.current = true;
    void call('backup/inspect', { file }, { silent: true }).then((r) => {
      if (!isMounted.current) return;
      setPhase(r.ok ? { kind: 'inspected', backup: r.value } : { kind: 'refused', message: r.error.message });
    });
    return () => {
      isMounted.current = false;
    };
  }, [call, file]);

  async function restore(backup: BackupInfo) {
    setPhase({ kind: 'restoring', backup });
    const r = await call('backup/restore', { file: backup.file, confirm: true }, { silent: true });
    if (!isMounted.current) return;
    if (!r.ok) return setPhase({ kind: 'failed', backup, message: r.error.message });
    // a cold start: the sign-in page with what was done, and the office as the restored register has it
    restart(b.restored(formatTime(backup.createdAt), r.value.cases, r.value.safetyCopy));
  }

  const backup = phase.kind === 'inspected' || phase.kind === 'restoring' || phase.kind === 'failed' ? phase.backup : null;
  const mayRestore = backup !== null && backup.verified && phase.kind !== 'restoring';
  return (
    <Modal
      open
      title={b.restoreTitle}
      width={680}
      okText={b.restoreOk}
      okButtonProps={{ danger: true, disabled: !mayRestore, loading: phase.kind === 'restoring', 'data-testid': 'restore-confirm' } as ButtonProps}
      onOk={() => backup && mayRestore && void restore(backup)}
      cancelButtonProps={{ disabled: phase.kind === 'restoring' }}
      onCancel={() => phase.kind !== 'restoring' && onClose()}
      closable={phase.kind !== 'restoring'}
      mask={{ closable: false }}
    >
      <div data-testid="restore-dialog">
        {phase.kind === 'inspecting' && (
          <div style={{ textAlign: 'center', padding: 24 }}>
            <Spin />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{b.inspecting}</Typography.Paragraph>
          </div>
        )}
        {phase.kind === 'refused' && <Alert type="error" showIcon title={phase.message} description={file} data-testid="restore-refused" />}
        {backup && (
          <>
            <BackupSummary backup={backup} />
            {backup.verified
              ? <Alert type="warning" showIcon style={{ marginTop: 12 }} title={b.restoreWarning} data-testid="restore-warning" />
              : <Alert type="error" showIcon style={{ marginTop: 12 }} title={b.restoreRefused} description={backup.problem} data-testid="restore-refused" />}
            {phase.kind === 'failed' && <Alert type="error" showIcon style={{ marginTop: 12 }} title={t.common.notDone} description={phase.message} data-testid="restore-failed" />}
          </>
        )}
      </div>
    </Modal>
  );
}
