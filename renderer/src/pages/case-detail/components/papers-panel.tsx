import { DownOutlined, FileAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Dropdown, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import {
  ACTION_RULES, PAPER_TYPE_INFO, PAPER_TYPES, mayCall, paperAllowed, whyNotIssue,
  type CaseAction, type CaseDetail, type PaperRecord, type PaperType, type Role,
} from '../../../api/core';
import { useLoad } from '../../../api/use-load';
import { useUser } from '../../../app/session';
import { growsWithText } from '../../../components/grow-text';
import { t } from '../../../i18n/zh-CN';
import { PaperDialog, type Reissue } from './papers-dialog';
import { usePaperFiles } from './papers-files';

/** The paper each action calls for, offered as soon as the action succeeded. */
export const PAPER_AFTER_ACTION: Partial<Record<CaseAction, PaperType>> = {
  accept: 'accept',
  refuse: 'refuse',
  extend: 'extend',
  suspend: 'supplement',
  assign: 'assign',
  reply: 'reply',
  followUp: 'follow-up',
};

/** An action that just succeeded on this page (each one a new `at`, so the same action twice offers twice). */
export interface PaperOffer {
  action: CaseAction;
  at: number;
}

/** What the paper rules need of a case, read off the detail the page shows (the core decides again on prepare and issue). */
export function paperCaseState(d: CaseDetail) {
  return {
    status: d.status,
    isVoid: d.status === 'voided' || d.voidedAt !== null,
    isSuspended: d.status === 'suspended',
    isOverdue: d.dueState === 'overdue',
    accepted: d.acceptedAt !== null,
    assigned: d.assignedAt !== null || d.handlerDepartmentId !== null,
    hasExtension: d.extensions.length > 0,
    hasFinding: d.finding !== null,
    replied: d.repliedOn !== null,
  };
}

interface Props {
  detail: CaseDetail;
  /** the paper an action called for, taken up from its offer (PaperOfferBanner): the panel opens its dialog */
  open: PaperOffer | null;
  /** a paper was issued: the case's timeline has a new entry */
  onIssued(): void;
}

type Dialog = { type: PaperType; reissue: Reissue | null };

/** antd Table's empty line: centred, in the placeholder colour. */
const EMPTY_STYLE = { padding: '16px 8px', textAlign: 'center', color: 'rgba(0, 0, 0, 0.25)' } as const;

/**
 * 文书: every paper issued for the case (all versions, newest first; a superseded one marked with its
 * reason), each to download as PDF or Word, to print, or to re-issue; 出具文书 lists every type, those the
 * case does not allow now disabled with the reason. After an action that calls for a paper, and for an
 * overdue case, the paper is offered at once.
 */
export function PapersPanel({ detail, open, onIssued }: Props) {
  const user = useUser();
  const role: Role = user.role;
  const mayList = mayCall('papers/list', role);
  const mayPrepare = mayCall('papers/prepare', role);
  const { data: papers, isLoading, reload } = useLoad('papers/list', mayList ? { caseId: detail.id } : null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [reissueOf, setReissueOf] = useState<PaperRecord | null>(null);
  const [purposeFor, setPurposeFor] = useState<{ paper: PaperRecord; kind: 'pdf' | 'docx' | 'print' } | null>(null);
  const files = usePaperFiles();
  const state = paperCaseState(detail);

  // The paper an action called for, asked for from the offer above the page: its dialog opens.
  useEffect(() => {
    const type = open ? PAPER_AFTER_ACTION[open.action] : undefined;
    if (type && mayPrepare) setDialog({ type, reissue: null });
  }, [open, mayPrepare]);

  const hasSupervise = (papers ?? []).some((p) => p.type === 'supervise' && p.supersededAt === null);
  const offersSupervise =
    paperAllowed('supervise', state) === null && whyNotIssue('supervise', role) === null && papers !== null && !hasSupervise;

  const menuItems = useMemo(
    () =>
      PAPER_TYPES.map((type) => {
        const reason = paperAllowed(type, state);
        return {
          key: type,
          disabled: reason !== null,
          label: (
            <div data-testid={`paper-menu-${type}`} title={reason ?? undefined}>
              {PAPER_TYPE_INFO[type].name}
              {reason && <div className="paper-menu-reason">{reason}</div>}
            </div>
          ),
        };
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(state)],
  );

  function download(paper: PaperRecord, kind: 'pdf' | 'docx' | 'print', purpose?: string) {
    // An auditor (who never sees identities unasked) states a purpose, recorded, to read a paper that may carry
    // the complainant's identity: any but those sent to a department, which never do.
    if (purpose === undefined && role === 'auditor' && paper.audience !== 'department') {
      setPurposeFor({ paper, kind });
      return;
    }
    const input = purpose === undefined ? { paperId: paper.id } : { paperId: paper.id, purpose };
    const key = `${kind}-${paper.id}`;
    if (kind === 'print') void files.open(key, 'papers/pdf', input);
    else void files.save(key, kind === 'pdf' ? 'papers/pdf' : 'papers/docx', input);
  }

  const columns: ColumnsType<PaperRecord> = [
    {
      key: 'name',
      title: t.papers.name,
      render: (_: unknown, p) => (
        <div>
          <span style={p.supersededAt ? { textDecoration: 'line-through', color: 'rgba(0,0,0,0.45)' } : undefined}>{p.name}</span>
          {p.supersededAt && (
            <div data-testid="paper-superseded">
              <Tag color="default" style={{ marginTop: 2 }}>
                ✗ {t.papers.superseded}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t.papers.supersededBy(p.supersededAt.slice(0, 16), p.supersededReason ?? t.common.none)}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    { key: 'number', title: t.papers.number, width: 180, render: (_: unknown, p) => <span data-testid="paper-number-cell">{p.number ?? p.registerNo}</span> },
    { key: 'version', title: t.papers.version, width: 64, render: (_: unknown, p) => t.papers.versionNo(p.version) },
    { key: 'issuedBy', title: t.papers.issuedBy, dataIndex: 'issuedBy', width: 76 },
    { key: 'issuedAt', title: t.papers.issuedAt, width: 136, render: (_: unknown, p) => <span style={{ whiteSpace: 'nowrap' }}>{p.issuedAt.slice(0, 16)}</span> },
    {
      key: 'actions',
      title: t.common.actions,
      width: 290,
      render: (_: unknown, p) => (
        <Space size={0}>
          <Button type="link" size="small" loading={files.busy === `pdf-${p.id}`} onClick={() => download(p, 'pdf')} data-testid="paper-pdf">
            {t.papers.downloadPdf}
          </Button>
          <Button type="link" size="small" loading={files.busy === `docx-${p.id}`} onClick={() => download(p, 'docx')} data-testid="paper-docx">
            {t.papers.word}
          </Button>
          <Button type="link" size="small" loading={files.busy === `print-${p.id}`} onClick={() => download(p, 'print')} data-testid="paper-print">
            {t.papers.print}
          </Button>
          {p.supersededAt === null && mayPrepare && whyNotIssue(p.type, role) === null && (
            <Button type="link" size="small" onClick={() => setReissueOf(p)} data-testid="paper-reissue">
              {t.papers.reissue}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  if (!mayList) return null;

  return (
    <Card
      size="small"
      title={t.papers.panel}
      style={{ marginBottom: 12 }}
      data-testid="papers-panel"
      styles={{ body: { padding: 0 } }}
      extra={
        mayPrepare && (
          <Dropdown
            trigger={['click']}
            menu={{ items: menuItems, onClick: ({ key }) => setDialog({ type: key as PaperType, reissue: null }) }}
          >
            <Button size="small" icon={<FileAddOutlined />} data-testid="paper-menu">
              {t.papers.issueMenu} <DownOutlined />
            </Button>
          </Dropdown>
        )
      }
    >
      {offersSupervise && (
        <Alert
          type="warning"
          showIcon
          banner
          title={t.papers.offerOverdue}
          action={
            <Button size="small" onClick={() => setDialog({ type: 'supervise', reissue: null })} data-testid="paper-offer-supervise">
              {t.papers.offer(PAPER_TYPE_INFO.supervise.name)}
            </Button>
          }
        />
      )}
      {/* No antd Table until there is a paper: mounting one measures the scrollbar on a detached element,
          a forced style and layout of the whole page, the largest single cost a profile of opening a case
          found (most cases have no paper; the list arrives after the case). */}
      {papers && papers.length > 0 ? (
        <Table<PaperRecord> size="small" rowKey="id" columns={columns} dataSource={papers} pagination={false} data-testid="papers-table" />
      ) : (
        <div style={EMPTY_STYLE} data-testid="papers-empty">
          {isLoading && papers === null ? t.common.loading : t.papers.empty}
        </div>
      )}
      {dialog && (
        <PaperDialog
          detail={detail}
          type={dialog.type}
          reissue={dialog.reissue}
          onIssued={() => {
            void reload();
            onIssued();
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {reissueOf && (
        <ReasonModal
          title={t.papers.reissueTitle(reissueOf.name)}
          label={t.papers.reissueReason}
          hint={t.papers.reissueHint}
          onOk={(reason) => {
            setDialog({ type: reissueOf.type, reissue: { paper: reissueOf, reason } });
            setReissueOf(null);
          }}
          onClose={() => setReissueOf(null)}
        />
      )}
      {purposeFor && (
        <ReasonModal
          title={t.papers.purposeTitle}
          label={t.papers.purposeLabel}
          hint={t.papers.purposeHint}
          onOk={(purpose) => {
            download(purposeFor.paper, purposeFor.kind, purpose);
            setPurposeFor(null);
          }}
          onClose={() => setPurposeFor(null)}
        />
      )}
    </Card>
  );
}

/**
 * The paper an action just called for (受理 → 受理告知书 …), offered at once above the case for those who
 * prepare papers: 出具「…」 opens it in the 文书 panel's dialog. Part of the page, so it covers nothing.
 */
export function PaperOfferBanner({ offer, onOpen, onDismiss }: { offer: PaperOffer | null; onOpen(): void; onDismiss(): void }) {
  const { role } = useUser();
  const type = offer ? PAPER_AFTER_ACTION[offer.action] : undefined;
  if (!offer || !type || !mayCall('papers/prepare', role)) return null;
  const name = PAPER_TYPE_INFO[type].name;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="paper-offer-banner"
      title={t.papers.offerAfter(ACTION_RULES[offer.action].label, name)}
      action={
        <Space>
          <Button size="small" onClick={onDismiss}>
            {t.papers.dismiss}
          </Button>
          <Button type="primary" size="small" onClick={onOpen} data-testid="paper-offer">
            {t.papers.offer(name)}
          </Button>
        </Space>
      }
    />
  );
}

/** A short dialog asking one reason (re-issue) or purpose (an auditor's download); it must not be empty. */
function ReasonModal({ title, label, hint, onOk, onClose }: { title: string; label: string; hint: string; onOk(text: string): void; onClose(): void }) {
  const [form] = Form.useForm<{ text?: string }>();
  function submit({ text }: { text?: string }) {
    const v = (text ?? '').trim();
    if (v === '') {
      form.setFields([{ name: 'text', errors: [`请填写「${label}」`] }]);
      return;
    }
    onOk(v);
  }
  return (
    <Modal open title={title} okText={t.common.confirm} cancelText={t.common.cancel} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden data-testid="paper-reason">
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="text" label={label} extra={hint}>
          <Input.TextArea style={growsWithText(2, 6)} maxLength={500} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
