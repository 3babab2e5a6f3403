import { DownloadOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Result, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { PAPER_TYPE_INFO, type CaseDetail, type MissingValue, type PaperDraft, type PaperRecord, type PaperType } from '../../../api/core';
import { clearChangedFieldErrors } from '../../../api/form-errors';
import { useApi } from '../../../api/use-api';
import { growsWithText } from '../../../components/grow-text';
import { PaperPreview } from '../../../components/paper-preview';
import { t } from '../../../i18n/zh-CN';
import { usePaperFiles } from './papers-files';

/** A re-issue: the paper it replaces and why (asked before the dialog opens). */
export interface Reissue {
  paper: PaperRecord;
  reason: string;
}

interface Props {
  detail: CaseDetail;
  type: PaperType;
  reissue?: Reissue | null;
  onIssued(record: PaperRecord): void;
  onClose(): void;
}

/** Typing in a gap re-prepares the preview once the person pauses. */
const REPREPARE_AFTER_MS = 350;
const GAP_FIELD = 'fillIns';

/** Every gap seen in this dialog, in order: a gap filled in leaves `missing`, but its field stays to be edited. */
function withNewGaps(seen: MissingValue[], missing: MissingValue[]): MissingValue[] {
  const names = new Set(seen.map((g) => g.name));
  const added = missing.filter((g) => !names.has(g.name));
  return added.length === 0 ? seen : [...seen, ...added];
}

/** The values typed, trimmed, without the empty ones (an empty fill-in is no fill-in: the gap stays). */
function typed(values: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    const v = (value ?? '').trim();
    if (v !== '') out[name] = v;
  }
  return out;
}

/**
 * 出具文书: the paper as the core composes it for this case (papers/prepare), shown as the letter or form
 * it will be; each gap the case leaves gets a field (its name and what it is), and what is typed there
 * prepares the preview again. 签发 numbers and stores it (papers/issue): only once nothing is missing and
 * the core allows it, the reason shown otherwise. Afterwards the number, and the PDF to download or print.
 */
export function PaperDialog({ detail, type, reissue, onIssued, onClose }: Props) {
  const { call, modal } = useApi();
  const [form] = Form.useForm();
  const files = usePaperFiles();
  const info = PAPER_TYPE_INFO[type];
  const [draft, setDraft] = useState<PaperDraft | null>(null);
  const [isPreparing, setPreparing] = useState(true);
  const [gaps, setGaps] = useState<MissingValue[]>([]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [issued, setIssued] = useState<PaperRecord | null>(null);
  const [isIssuing, setIssuing] = useState(false);
  /** why the last prepare failed (shown in the central display too): the sheet says it instead of spinning on */
  const [failure, setFailure] = useState<string | null>(null);
  const request = useRef(0);
  const hasDraft = useRef(false);

  const fillIns = useMemo(() => typed(values), [values]);
  const fillInsKey = JSON.stringify(fillIns);

  useEffect(() => {
    const n = ++request.current;
    setPreparing(true);
    const timer = window.setTimeout(
      async () => {
        const r = await call('papers/prepare', { caseId: detail.id, type, fillIns: JSON.parse(fillInsKey) as Record<string, string> }, { form });
        if (n !== request.current) return; // a newer value was typed meanwhile
        setPreparing(false);
        setFailure(r.ok ? null : r.error.message);
        if (!r.ok) return;
        hasDraft.current = true;
        setDraft(r.value);
        setGaps((seen) => withNewGaps(seen, r.value.missing));
      },
      hasDraft.current ? REPREPARE_AFTER_MS : 0,
    );
    return () => window.clearTimeout(timer);
  }, [call, form, detail.id, type, fillInsKey]);

  const input = { caseId: detail.id, type, fillIns };
  const missing = draft?.missing ?? [];
  const blockedBy = draft === null ? null : draft.allowed ?? (missing.length > 0 ? t.papers.gapsLeft(missing.map((m) => m.name).join('、')) : null);
  const mayIssue = draft !== null && !isPreparing && !isIssuing && draft.allowed === null && missing.length === 0;

  function issue() {
    if (!mayIssue) return;
    modal.confirm({
      title: reissue ? t.papers.reissueTitle(info.name) : `${t.papers.issue}「${info.name}」`,
      content: t.papers.issueConfirm(info.name),
      okText: t.papers.issue,
      cancelText: t.common.cancel,
      onOk: async () => {
        setIssuing(true);
        const r = await call(
          'papers/issue',
          reissue ? { ...input, supersedes: reissue.paper.id, reason: reissue.reason } : input,
          { form },
        );
        setIssuing(false);
        if (!r.ok) return;
        setIssued(r.value);
        onIssued(r.value);
      },
    });
  }

  const shownNumber = issued ? issued.number ?? issued.registerNo : null;
  const shownDocument = draft && (issued ? { ...draft.document, number: shownNumber, preview: false } : draft.document);
  const missingNames = new Set(missing.map((m) => m.name));

  const footer = issued
    ? [
        <Button key="pdf" icon={<DownloadOutlined />} loading={files.busy === 'pdf'} onClick={() => void files.save('pdf', 'papers/pdf', { paperId: issued.id })} data-testid="paper-issued-pdf">
          {t.papers.downloadPdf}
        </Button>,
        <Button key="print" icon={<PrinterOutlined />} loading={files.busy === 'print'} onClick={() => void files.open('print', 'papers/pdf', { paperId: issued.id })} data-testid="paper-issued-print">
          {t.papers.print}
        </Button>,
        <Button key="docx" icon={<FileWordOutlined />} loading={files.busy === 'docx'} onClick={() => void files.save('docx', 'papers/docx', { paperId: issued.id })}>
          {t.papers.word}
        </Button>,
        <Button key="close" type="primary" onClick={onClose}>
          {t.common.close}
        </Button>,
      ]
    : [
        <Button key="previewPdf" icon={<DownloadOutlined />} disabled={draft === null} loading={files.busy === 'previewPdf'} onClick={() => void files.save('previewPdf', 'papers/previewPdf', input)} data-testid="paper-preview-pdf">
          {t.papers.previewPdf}
        </Button>,
        <Button key="previewDocx" icon={<FileWordOutlined />} disabled={draft === null} loading={files.busy === 'previewDocx'} onClick={() => void files.save('previewDocx', 'papers/previewDocx', input)}>
          {t.papers.previewDocx}
        </Button>,
        <Button key="cancel" onClick={onClose}>
          {t.common.cancel}
        </Button>,
        <Button key="issue" type="primary" disabled={!mayIssue} loading={isIssuing} onClick={issue} title={blockedBy ?? undefined} data-testid="paper-issue">
          {t.papers.issue}
        </Button>,
      ];

  return (
    <Modal
      open
      title={t.papers.dialogTitle(info.name, detail.registerNo)}
      width={1140}
      style={{ top: 24 }}
      footer={footer}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="paper-dialog"
    >
      <div className="paper-dialog" data-testid="paper-dialog-body">
        <div className="paper-dialog-preview">
          {failure && !shownDocument ? (
            <Result status="warning" title={t.papers.prepareFailed} subTitle={failure} data-testid="paper-prepare-failed" />
          ) : shownDocument ? (
            <Spin spinning={isPreparing} delay={150} description={t.papers.preparing}>
              <PaperPreview document={shownDocument} />
            </Spin>
          ) : (
            <Spin spinning={isPreparing} description={t.papers.preparing} style={{ display: 'block', padding: 120 }} />
          )}
        </div>
        <div className="paper-dialog-side">
          {reissue && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t.papers.reissuing(info.name, reissue.paper.number ?? reissue.paper.registerNo)}
              description={`${t.papers.reissueReason}：${reissue.reason}`}
            />
          )}
          {issued ? (
            <Result
              status="success"
              title={t.papers.issued(info.name)}
              style={{ padding: '12px 0' }}
              subTitle={
                <div data-testid="paper-issued">
                  <div>
                    {info.numbered ? t.papers.issuedNumber : t.papers.issuedRegisterNo}：<strong data-testid="paper-issued-number">{shownNumber}</strong>
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t.papers.issuedSha} {issued.sha256.slice(0, 16)}…
                  </Typography.Text>
                </div>
              }
            />
          ) : (
            <>
              {blockedBy && <Alert type={draft?.allowed ? 'warning' : 'info'} showIcon title={blockedBy} style={{ marginBottom: 12 }} data-testid="paper-blocked" />}
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t.papers.gapsTitle}
              </Typography.Title>
              {gaps.length === 0 ? (
                <Typography.Text type="secondary">{draft ? t.papers.gapsDone : failure ? t.common.none : t.papers.preparing}</Typography.Text>
              ) : (
                <>
                  <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                    {t.papers.gapsHint}
                  </Typography.Paragraph>
                  <Form
                    form={form}
                    layout="vertical"
                    onValuesChange={(changed, all: { fillIns?: Record<string, string | undefined> }) => {
                      clearChangedFieldErrors(form, changed);
                      setValues(typed(all.fillIns ?? {}));
                    }}
                    data-testid="paper-gaps"
                  >
                    {gaps.map((g) => (
                      <Form.Item
                        key={g.name}
                        name={[GAP_FIELD, g.name]}
                        label={
                          <Space size={6}>
                            <span>{g.name}</span>
                            {missingNames.has(g.name) ? <Tag color="gold">{t.papers.gapMissing}</Tag> : <Tag color="green">{t.papers.gapFilled}</Tag>}
                          </Space>
                        }
                        extra={g.description}
                      >
                        <Input.TextArea style={growsWithText(2, 8)} aria-label={g.name} data-gap-input={g.name} />
                      </Form.Item>
                    ))}
                  </Form>
                </>
              )}
            </>
          )}
        </div>
      </div>
    </Modal>
  );
}
