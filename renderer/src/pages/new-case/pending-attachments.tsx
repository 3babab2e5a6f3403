import { Typography } from 'antd';
import { useImperativeHandle, useRef, useState, type Ref } from 'react';
import { invoke } from '../../api/client';
import { ATTACHMENT_ALLOWED, ATTACHMENT_MAX_CASE_BYTES, ATTACHMENT_MAX_FILE_BYTES } from '../../api/core';
import { formatSize, queueItems, uploadQueued, type UploadItem } from '../../components/attachments/attachment-files';
import { FileDrop, PickFilesButton } from '../../components/attachments/file-drop';
import { UploadList } from '../../components/attachments/upload-list';
import { t } from '../../i18n/zh-CN';

const LIMITS = { maxFileBytes: ATTACHMENT_MAX_FILE_BYTES, maxCaseBytes: ATTACHMENT_MAX_CASE_BYTES };

export interface PendingAttachmentsHandle {
  /** files waiting to be sent (an over-limit one counts: it is reported as not added) */
  count(): number;
  /** sends the waiting files to the case just registered, one after another; answers how each ended */
  upload(caseId: number, registerNo: string): Promise<UploadItem[]>;
}

/**
 * 附件 on the registration form: files picked or dropped while the clerk types wait here (checked against the
 * size limit at once; the core checks size and type again) and are sent to the new case once it is saved.
 * The list is this component's own state: queuing a file never renders the form's fields again.
 */
export function PendingAttachments({ ref, isDisabled }: { ref: Ref<PendingAttachmentsHandle>; isDisabled: boolean }) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [savedAs, setSavedAs] = useState<string | null>(null);
  const current = useRef(items);
  current.current = items;

  useImperativeHandle(ref, () => ({
    count: () => current.current.length,
    async upload(caseId, registerNo) {
      setSavedAs(registerNo);
      return uploadQueued(current.current, {
        send: (name, content) => invoke('attachments/add', { caseId, name, content }),
        limits: LIMITS,
        usedBytes: 0,
        onChange: (item) => setItems((prev) => prev.map((p) => (p.key === item.key ? item : p))),
      });
    },
  }), []);

  const isLocked = isDisabled || savedAs !== null;
  const add = (files: File[]) => {
    if (!isLocked) setItems((prev) => [...prev, ...queueItems(files, LIMITS)]);
  };
  const total = items.reduce((sum, i) => sum + i.file.size, 0);

  return (
    <FileDrop onFiles={add} disabled={isLocked} testId="form-attachments" className="attachment-form-area">
      <div className="attachment-form-head">
        <strong>{t.attachments.section}</strong>
        <PickFilesButton size="small" onFiles={add} disabled={isLocked} testId="form-attachment-pick" />
        <Typography.Text type="secondary">{items.length ? t.attachments.formQueued(items.length, formatSize(total)) : t.attachments.dropHint}</Typography.Text>
      </div>
      <div className="attachment-limits">{t.attachments.limits(formatSize(LIMITS.maxFileBytes), formatSize(LIMITS.maxCaseBytes), ATTACHMENT_ALLOWED)}</div>
      <div className="attachment-limits">{t.attachments.formHint}</div>
      {savedAs && <Typography.Text strong data-testid="form-attachments-uploading">{t.attachments.uploadingAfterSave(savedAs)}</Typography.Text>}
      <UploadList items={items} onRemove={isLocked ? undefined : (key) => setItems((prev) => prev.filter((p) => p.key !== key))} />
    </FileDrop>
  );
}
