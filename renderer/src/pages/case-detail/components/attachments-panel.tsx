import { DownloadOutlined, ExportOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Space, Switch, Table, Tag, Typography, type ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useRef, useState } from 'react';
import { invoke } from '../../../api/client';
import { ATTACHMENT_KIND_LABELS, mayCall, type AttachmentInfo, type AttachmentLimits, type CaseDetail } from '../../../api/core';
import { clearChangedFieldErrors } from '../../../api/form-errors';
import { useApi } from '../../../api/use-api';
import { useBusy } from '../../../api/use-busy';
import { useLoadWith } from '../../../api/use-load';
import { useUser } from '../../../app/session';
import { formatSize, isFinished, queueItems, uploadQueued, type UploadItem } from '../../../components/attachments/attachment-files';
import { FileDrop, PickFilesButton } from '../../../components/attachments/file-drop';
import { UploadList } from '../../../components/attachments/upload-list';
import { growsWithText } from '../../../components/grow-text';
import { isDesktopApp } from '../../../components/shortcuts';
import { t } from '../../../i18n/zh-CN';

const minute = (at: string) => at.slice(0, 16);

/** 单个文件不超过 50 MB，每件案件合计不超过 500 MB；可添加：… (the limits as the core states them). */
export function LimitsLine({ limits, usedBytes }: { limits: AttachmentLimits; usedBytes?: number }) {
  return (
    <div className="attachment-limits" data-testid="attachment-limits">
      {t.attachments.limits(formatSize(limits.maxFileBytes), formatSize(limits.maxCaseBytes), limits.allowed)}
      {usedBytes !== undefined && usedBytes > 0 && <> {t.attachments.used(formatSize(usedBytes))}</>}
    </div>
  );
}

interface Props {
  detail: CaseDetail;
  /** an attachment was added or voided: the case's timeline has a new entry */
  onChanged(): void;
}

/**
 * 附件 on the case page: the case's files (name, size, type, who added them, when), voided ones struck through
 * with their reason under 显示已作废; 添加附件 by the picker or by dropping files on the section, sent one after
 * another with each file's progress and, for a refused one, the core's reason; 打开 (a download in the
 * browser, the system's viewer in the desktop app) and 作废 with a reason. An auditor only reads. A
 * confidential case's files are listed only to whoever may see its complainant (the core decides).
 */
export function AttachmentsPanel({ detail, onChanged }: Props) {
  const user = useUser();
  const { showError, message } = useApi();
  const caseId = detail.id;
  const list = useLoadWith(() => invoke('attachments/list', { caseId }), [caseId, detail.version], { keepPrevious: true, silent: true });
  const [uploads, setUploads] = useState<UploadItem[]>([]);
  const [isUploading, whileUploading] = useBusy();
  const [showVoided, setShowVoided] = useState(false);
  const [voiding, setVoiding] = useState<AttachmentInfo | null>(null);
  const waiting = useRef<UploadItem[]>([]);
  const isRunning = useRef(false);

  const data = list.data;
  const reload = list.reload;
  const isHidden = data?.hiddenBecauseConfidential === true || list.error?.code === 'FORBIDDEN';
  // a voided case takes no new files (the core refuses them); its files stay listed
  const mayAdd = mayCall('attachments/add', user.role) && !isHidden && detail.status !== 'voided';
  const mayVoidAny = mayCall('attachments/void', user.role);
  // the core lets the one who added a file or a supervisor void it; the button follows the same rule
  const mayVoid = (a: AttachmentInfo) => mayVoidAny && a.voided === null && (user.role === 'supervisor' || user.role === 'admin' || a.addedBy === user.displayName);

  const send = useCallback((name: string, content: string) => invoke('attachments/add', { caseId, name, content }), [caseId]);

  const addFiles = useCallback((files: File[]) => {
    if (!data) return;
    const items = queueItems(files, data.limits);
    setUploads((prev) => [...prev.filter((p) => p.state !== 'added'), ...items]);
    waiting.current.push(...items);
    if (isRunning.current) return; // the running batch takes them on after its own
    isRunning.current = true;
    void whileUploading(async () => {
      let used = data.usedBytes;
      let addedAny = false;
      try {
        while (waiting.current.length) {
          const batch = waiting.current.splice(0);
          const ended = await uploadQueued(batch, {
            send,
            limits: data.limits,
            usedBytes: used,
            onChange: (item) => setUploads((prev) => prev.map((p) => (p.key === item.key ? item : p))),
          });
          for (const e of ended) {
            if (!e.attachment) continue;
            used += e.attachment.size;
            addedAny = true;
          }
        }
      } finally {
        isRunning.current = false;
      }
      if (addedAny) {
        await reload();
        onChanged();
      }
    });
  }, [data, whileUploading, send, reload, onChanged]);

  // The desktop app opens a file with the system's viewer (allowed types only, never one with active content,
  // which is only saved); a browser always downloads it.
  const opensInViewer = (a: AttachmentInfo) => isDesktopApp() && !a.downloadOnly;
  async function open(a: AttachmentInfo) {
    const r = await invoke('attachments/file', { id: a.id }, opensInViewer(a) ? { delivery: 'open' } : undefined);
    if (!r.ok) showError(r.error);
  }

  const items = data?.items ?? [];
  const voidedCount = items.filter((a) => a.voided).length;
  const shown = showVoided ? items : items.filter((a) => !a.voided);
  const columns: ColumnsType<AttachmentInfo> = [
    {
      key: 'name', title: t.attachments.name, dataIndex: 'name',
      render: (name: string, a) => (
        <>
          <span className={a.voided ? 'attachment-voided-name' : undefined} data-testid="attachment-name">{name}</span>
          {a.voided && <Tag style={{ marginLeft: 6 }}>{t.attachments.voidedTag}</Tag>}
          {a.voided && <div className="attachment-voided-line" data-testid="attachment-voided">{t.attachments.voidedLine(a.voided.reason, a.voided.by, minute(a.voided.at))}</div>}
        </>
      ),
    },
    { key: 'size', title: t.attachments.size, dataIndex: 'size', width: 90, align: 'right', render: (v: number) => formatSize(v) },
    { key: 'kind', title: t.attachments.kind, dataIndex: 'kind', width: 100, render: (v: AttachmentInfo['kind']) => ATTACHMENT_KIND_LABELS[v] ?? v },
    { key: 'addedBy', title: t.attachments.addedBy, dataIndex: 'addedBy', width: 90 },
    { key: 'addedAt', title: t.attachments.addedAt, dataIndex: 'addedAt', width: 150, render: (v: string) => <span className="attachment-nowrap">{minute(v)}</span> },
    {
      key: 'actions', title: t.common.actions, width: 130,
      render: (_: unknown, a) => (
        <Space size={0}>
          <Button size="small" type="link" icon={opensInViewer(a) ? <ExportOutlined /> : <DownloadOutlined />} onClick={() => void open(a)} data-testid="attachment-open"
            title={a.downloadOnly ? t.attachments.downloadOnly : undefined}>
            {opensInViewer(a) ? t.attachments.open : t.attachments.download}
          </Button>
          {mayVoid(a) && (
            <Button size="small" type="link" danger icon={<StopOutlined />} onClick={() => setVoiding(a)} data-testid="attachment-void">{t.attachments.voidAction}</Button>
          )}
        </Space>
      ),
    },
  ];

  const extra = (
    <Space size={12}>
      {voidedCount > 0 && (
        <Space size={4}>
          <Switch size="small" checked={showVoided} onChange={setShowVoided} data-testid="attachment-show-voided" />
          <Typography.Text type="secondary">{t.attachments.showVoided(voidedCount)}</Typography.Text>
        </Space>
      )}
      {mayAdd && data && <PickFilesButton size="small" onFiles={addFiles} testId="attachment-pick" />}
    </Space>
  );

  return (
    <Card size="small" title={t.attachments.section} extra={isHidden ? undefined : extra} style={{ marginBottom: 12 }} data-testid="attachments">
      {isHidden ? (
        <Typography.Text type="secondary" data-testid="attachments-hidden">{t.attachments.hidden}</Typography.Text>
      ) : list.error && !data ? (
        <Typography.Text type="danger">{list.error.message}</Typography.Text>
      ) : (
        <FileDrop onFiles={addFiles} disabled={!mayAdd || !data} testId="attachment-drop">
          {data && <LimitsLine limits={data.limits} usedBytes={data.usedBytes} />}
          {mayAdd && <div className="attachment-limits">{t.attachments.dropHint}</div>}
          {data && user.role === 'auditor' && (
            <div className="attachment-limits">{t.attachments.readOnly}</div>
          )}
          <UploadList items={uploads} />
          {uploads.length > 0 && !isUploading && (
            <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setUploads([])} data-testid="attachment-uploads-clear">{t.attachments.clearList}</Button>
          )}
          {shown.length > 0 ? (
            <Table<AttachmentInfo> size="small" rowKey="id" columns={columns} dataSource={shown} pagination={false} loading={list.isLoading && !data}
              style={{ marginTop: 8 }} data-testid="attachment-table" />
          ) : (
            data && <div style={{ marginTop: 8 }}><Typography.Text type="secondary" data-testid="attachments-none">{t.attachments.none}</Typography.Text></div>
          )}
        </FileDrop>
      )}
      {voiding && (
        <VoidDialog
          attachment={voiding}
          onClose={() => setVoiding(null)}
          onDone={(a) => {
            setVoiding(null);
            message.success(t.attachments.voided(a.name));
            void list.reload();
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

/** 作废 an attachment: with a reason (required), kept with it and on the timeline; the file stays. */
function VoidDialog({ attachment, onDone, onClose }: { attachment: AttachmentInfo; onDone(a: AttachmentInfo): void; onClose(): void }) {
  const { call } = useApi();
  const [form] = Form.useForm<{ reason: string }>();
  const [isSaving, whileSaving] = useBusy();
  async function submit({ reason }: { reason: string }) {
    const r = await whileSaving(() => call('attachments/void', { id: attachment.id, reason: reason ?? '' }, { form }));
    if (r.ok) onDone(r.value);
  }
  return (
    <Modal open title={t.attachments.voidTitle(attachment.name)} okText={t.attachments.voidOk} okButtonProps={{ danger: true, 'data-testid': 'attachment-void-ok' } as ButtonProps}
      cancelText={t.common.cancel} confirmLoading={isSaving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t.attachments.voidText}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={(changed) => clearChangedFieldErrors(form, changed)} initialValues={{ reason: '' }}>
        <Form.Item name="reason" label={t.attachments.voidReason} required rules={[{ required: true, whitespace: true, message: t.attachments.reasonRequired }]}>
          <Input.TextArea style={growsWithText(2, 4)} autoFocus maxLength={500} data-testid="attachment-void-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
