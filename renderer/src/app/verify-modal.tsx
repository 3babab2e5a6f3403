import { Alert, Button, Input, Modal, Progress, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryVerification } from '../api/core';
import { useApi } from '../api/use-api';
import { t } from '../i18n/zh-CN';

const POLL_MS = 500;

/**
 * 审计核验: starts a verification (it runs in the background on the register's side) and shows its
 * progress, then what it found and the chain head to write down. A head written down earlier can be
 * checked too: it proves the history up to it was neither cut off nor rewritten since.
 */
export function VerifyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { call } = useApi();
  const [run, setRun] = useState<HistoryVerification | null>(null);
  const [anchor, setAnchor] = useState('');
  const [asked, setAsked] = useState<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const alive = useRef(false);

  const stop = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const follow = useCallback(async (job: number, withAnchor: string | undefined) => {
    const r = await call('history/verify', { job, ...(withAnchor ? { anchor: withAnchor } : {}) });
    if (!alive.current || !r.ok) return;
    setRun(r.value);
    if (r.value.state === 'running') timer.current = setTimeout(() => void follow(job, withAnchor), POLL_MS);
  }, [call]);

  const start = useCallback(async (withAnchor: string | undefined) => {
    stop();
    setRun(null);
    setAsked(withAnchor);
    const r = await call('history/verify', withAnchor ? { anchor: withAnchor } : {});
    if (!alive.current || !r.ok) return;
    setRun(r.value);
    if (r.value.state === 'running') timer.current = setTimeout(() => void follow(r.value.job, withAnchor), POLL_MS);
  }, [call, follow]);

  useEffect(() => {
    alive.current = open;
    if (open) void start(undefined);
    return stop;
  }, [open, start]);

  const percent = run && run.progress.total > 0 ? Math.floor((100 * run.progress.done) / run.progress.total) : 0;
  const head = run?.head ? `${run.head.count}:${run.head.hash}` : null;

  return (
    <Modal title={t.header.verifyTitle} open={open} onCancel={onClose} footer={<Button onClick={onClose}>{t.header.verifyClose}</Button>} width={640} destroyOnHidden>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="verify-dialog">
        {(!run || run.state === 'running') && (
          <div>
            <Progress percent={percent} status="active" />
            <Typography.Text type="secondary">{t.header.verifyRunning(run?.phase ?? 'starting', run?.progress.done ?? 0, run?.progress.total ?? 0)}</Typography.Text>
          </div>
        )}
        {run?.state === 'done' && run.ok && (
          <Alert type="success" showIcon title={t.header.verifyOk(run.checked, run.casesChecked)} description={asked && run.anchor?.ok ? t.header.verifyAnchorOk(asked) : undefined} />
        )}
        {run?.state === 'done' && !run.ok && (
          <Alert
            type="error"
            showIcon
            title={t.header.verifyBroken(run.failureCount)}
            description={
              <ul className="verify-failures">
                {run.failures.map((f, i) => <li key={i}>{f.message}</li>)}
                {run.failureCount > run.failures.length && <li>{t.header.verifyMore(run.failureCount - run.failures.length)}</li>}
              </ul>
            }
          />
        )}
        {run?.state === 'done' && head && (
          <div>
            <Typography.Text strong>{t.header.verifyHead}</Typography.Text>
            <Typography.Paragraph copyable={{ text: head }} code data-testid="verify-head" style={{ wordBreak: 'break-all', marginBottom: 4 }}>{head}</Typography.Paragraph>
            <Typography.Text type="secondary">{t.header.verifyHeadHint}</Typography.Text>
          </div>
        )}
        <Space.Compact style={{ width: '100%' }}>
          <Input value={anchor} onChange={(e) => setAnchor(e.target.value)} placeholder={t.header.verifyAnchorPlaceholder} allowClear />
          <Button disabled={!anchor.trim() || run?.state === 'running'} onClick={() => void start(anchor.trim())}>{t.header.verifyAnchor}</Button>
        </Space.Compact>
      </Space>
    </Modal>
  );
}
