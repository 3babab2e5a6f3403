import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { invoke } from '../../../api/client';
import { mayCall, PAPER_ISSUERS, PAPER_TYPE_INFO, type ChannelInput, type FileDelivery, type Result, type Role } from '../../../api/core';
import { useApi } from '../../../api/use-api';
import { t } from '../../../i18n/zh-CN';
import type { WorkListKey } from '../work-lists';

type BatchInput = ChannelInput<'papers/issueBatch'>;

/** The work lists whose cases get one paper each in a batch: 已超期 → 督办通知, 待回访 → 回访记录单. */
export const BATCHES: Partial<Record<WorkListKey, { input: BatchInput; label: string }>> = {
  overdue: { input: { type: 'supervise', selection: 'overdue' }, label: t.papers.batchSupervise },
  awaitingFollowUp: { input: { type: 'follow-up', selection: 'followUpDue' }, label: t.papers.batchFollowUp },
};

/** Whether this role gets the list's batch button: it may call the channel and issue the list's paper type (PAPER_ISSUERS). */
export const hasBatch = (key: WorkListKey, role: Role): boolean => {
  const batch = BATCHES[key];
  return batch !== undefined && mayCall('papers/issueBatch', role) && PAPER_ISSUERS[batch.input.type].includes(role);
};

/**
 * 批量打印督办通知 / 批量打印回访记录单: after a confirm that says how many papers will be numbered, the
 * core issues one for each case of the list and answers one PDF, opened for printing.
 */
export function PapersBatchButton({ listKey, count }: { listKey: WorkListKey; count: number }) {
  const { modal, showError, clearErrors, message } = useApi();
  const [isBusy, setBusy] = useState(false);
  const batch = BATCHES[listKey];
  if (!batch) return null;
  const name = PAPER_TYPE_INFO[batch.input.type].name;

  function confirm() {
    modal.confirm({
      title: t.papers.batchTitle(name),
      content: (
        <>
          <p style={{ margin: '0 0 8px', fontWeight: 600 }} data-testid="batch-confirm-count">
            {t.papers.batchConfirm(count)}
          </p>
          <p style={{ margin: 0 }}>{t.papers.batchHint}</p>
        </>
      ),
      okText: t.papers.batchOk,
      cancelText: t.common.cancel,
      // Inside the OK click: the browser's tab for the PDF opens while the click still counts.
      onOk: () => {
        setBusy(true);
        void invoke('papers/issueBatch', batch!.input, { delivery: 'open' }).then((r: Result<FileDelivery>) => {
          setBusy(false);
          if (!r.ok) {
            showError(r.error, undefined, 'papers/issueBatch');
            return;
          }
          clearErrors('papers/issueBatch');
          if (r.value.saved) message.success({ content: t.papers.opened(r.value.name), key: 'paper-batch' });
        });
      },
    });
  }

  return (
    <Button size="small" icon={<PrinterOutlined />} disabled={count === 0} loading={isBusy} onClick={confirm} data-testid={`batch-${listKey}`}>
      {batch.label}
    </Button>
  );
}
