import { CloudUploadOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BackupProgress } from '../../../../api/core';
import { useApi } from '../../../../api/use-api';
import { formatTime, phaseText, progressPercent } from '../../../../components/backup-format';
import { t } from '../../../../i18n/zh-CN';

const b = t.backups;
/** How often a running backup is asked for its progress. */
export const BACKUP_POLL_MS = 500;

interface Props {
  /** the job the status found running (a scheduled backup, or one started in another window) */
  running: BackupProgress | null;
  nextScheduledAt: string | null;
  /** a backup ended: the list, the destinations and the last failure are read again */
  onFinished(): void;
}

/**
 * 立即备份 and its progress: backup/run answers the job (the running one if a backup is already under way),
 * then backup/progress every BACKUP_POLL_MS until it is finished; the phase is said in words, and at the end
 * each destination's result (saved as …, or the core's message).
 */
export function BackupRun({ running, nextScheduledAt, onFinished }: Props) {
  const { call } = useApi();
  const [progress, setProgress] = useState<BackupProgress | null>(running);
  const [isStarting, setStarting] = useState(false);
  /** the progress could not be read (the job expired, the program stopped): the run is no longer followed */
  const [lost, setLost] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const isMounted = useRef(true);
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;

  const follow = useCallback(function follow(next: BackupProgress) {
    if (!isMounted.current) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setProgress(next);
    if (next.finished) {
      onFinishedRef.current();
      return;
    }
    timer.current = setTimeout(() => {
      timer.current = null;
      void call('backup/progress', { job: next.job }).then((r) => {
        if (!isMounted.current) return;
        if (r.ok) return follow(r.value);
        setLost(r.error.message);
        onFinishedRef.current();
      });
    }, BACKUP_POLL_MS);
  }, [call]);

  useEffect(() => {
    isMounted.current = true;
    return () => {
      isMounted.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  // a backup already running when the tab opened (or found by a later status) is followed too
  useEffect(() => {
    if (running && !running.finished && !timer.current) follow(running);
  }, [running, follow]);

  async function start() {
    setStarting(true);
    setLost(null);
    const r = await call('backup/run', {});
    setStarting(false);
    if (r.ok) follow(r.value);
  }

  const isRunning = progress !== null && !progress.finished && lost === null;
  const okCount = progress?.results.filter((r) => r.backup !== null).length ?? 0;
  return (
    <div data-testid="backup-run">
      <Space wrap style={{ marginBottom: 8 }}>
        <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => void start()} loading={isStarting || isRunning} data-testid="backup-run-button">
          {b.run}
        </Button>
        <Typography.Text type="secondary" data-testid="backup-next">
          {nextScheduledAt ? b.nextAt(formatTime(nextScheduledAt)) : b.nextNone}
        </Typography.Text>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{b.runHint}</Typography.Paragraph>
      {lost && <Alert type="error" showIcon style={{ maxWidth: 640 }} title={b.phases.failed} description={lost} data-testid="backup-lost" />}
      {progress && lost === null && (
        <div data-testid="backup-progress" style={{ maxWidth: 640 }}>
          <Progress
            percent={progressPercent(progress)}
            status={progress.phase === 'failed' || (progress.finished && okCount < progress.results.length) ? 'exception' : progress.finished ? 'success' : 'active'}
          />
          <Typography.Text data-testid="backup-phase">
            {progress.finished ? b.runDone(okCount, progress.results.length) : phaseText(progress)}
          </Typography.Text>
          {progress.finished && progress.results.map((result) => (
            <Alert
              key={result.destination}
              style={{ marginTop: 8 }}
              type={result.backup ? 'success' : 'error'}
              showIcon
              title={result.backup ? b.resultOk(result.destination, result.backup.name) : b.resultFailed(result.destination, result.error ?? b.phases.failed)}
              data-testid="backup-result"
            />
          ))}
        </div>
      )}
    </div>
  );
}
