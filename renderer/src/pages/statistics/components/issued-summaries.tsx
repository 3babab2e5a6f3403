import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Card, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { ChannelOutput, PeriodSpec } from '../../../api/core';
import { useApi } from '../../../api/use-api';
import type { Load } from '../../../api/use-load';
import { t } from '../../../i18n/zh-CN';

const s = t.statisticsSummaries;
export type IssuedSummary = ChannelOutput<'statistics/summaries'>[number];

/** A period as the confirm and the list name it: 2026年11月（2026-11-01 至 2026-11-30）. */
const periodText = (p: { kind: string; label: string; from: string; to: string }) => (p.kind === 'custom' ? p.label : `${p.label}（${p.from} 至 ${p.to}）`);

/**
 * 签发 (supervisors and admins): a confirm naming the period and the version, then statistics/issue stores the
 * summary and the stored file is delivered (statistics/summaryPdf: a download in the browser, a save dialog in
 * the desktop app). `onIssued` reloads the 已签发 list.
 */
export function IssueSummaryButton({ spec, period, isPublic, onIssued }: {
  spec: PeriodSpec; period: { kind: string; label: string; from: string; to: string }; isPublic: boolean; onIssued: () => void;
}) {
  const { call } = useApi();
  const { modal, message } = App.useApp();
  const [isIssuing, setIssuing] = useState(false);
  const version = isPublic ? s.publicVersion : s.internalVersion;

  async function issue() {
    setIssuing(true);
    try {
      const r = await call('statistics/issue', { period: spec, public: isPublic });
      if (!r.ok) return;
      onIssued();
      message.success({ content: s.issued(r.value.period.label, version, r.value.sha256.slice(0, 12)), key: 'statistics-issue' });
      await call('statistics/summaryPdf', { id: r.value.id });
    } finally {
      setIssuing(false);
    }
  }

  function confirm() {
    modal.confirm({
      title: s.confirmTitle,
      content: (
        <div data-testid="issue-confirm">
          <p>{s.confirmText(periodText(period), version)}</p>
          <Typography.Text type="secondary">{isPublic ? s.confirmPublicNote : s.confirmInternalNote}</Typography.Text>
        </div>
      ),
      okText: s.issue,
      cancelText: t.common.cancel,
      onOk: () => issue(),
    });
  }

  return (
    <Tooltip title={s.issueHint}>
      <Button icon={<SafetyCertificateOutlined />} loading={isIssuing} onClick={confirm} data-testid="issue-summary">{s.issue}</Button>
    </Tooltip>
  );
}

/** 已签发: every issued summary, newest first, with its SHA-256's first 12 hex digits and 下载 (the stored bytes). */
export function IssuedSummaries({ load }: { load: Load<IssuedSummary[]> }) {
  const { call } = useApi();
  const [downloading, setDownloading] = useState<number | null>(null);

  async function download(id: number) {
    setDownloading(id);
    try {
      await call('statistics/summaryPdf', { id });
    } finally {
      setDownloading(null);
    }
  }

  return (
    <Card size="small" title={s.title} data-testid="issued-summaries">
      <Table<IssuedSummary>
        size="small" rowKey="id" dataSource={load.data ?? []} loading={load.isLoading && !load.data}
        pagination={(load.data?.length ?? 0) > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        locale={{ emptyText: s.none }}
        columns={[
          { title: s.period, key: 'period', render: (_, r) => periodText(r.period) },
          {
            title: s.version, key: 'public', width: 90,
            render: (_, r) => <Tag color={r.public ? 'green' : 'blue'}>{r.public ? s.publicVersion : s.internalVersion}</Tag>,
          },
          { title: s.issuedBy, dataIndex: 'issuedBy', width: 120 },
          { title: s.issuedAt, dataIndex: 'issuedAt', width: 170 },
          { title: s.asOf, dataIndex: 'asOf', width: 170, responsive: ['xl'] },
          {
            title: s.sha256, key: 'sha256', width: 150,
            render: (_, r) => (
              <Tooltip title={`SHA-256 ${r.sha256}`}>
                <code className="stats-sha" data-testid="summary-sha">{r.sha256.slice(0, 12)}</code>
              </Tooltip>
            ),
          },
          {
            title: s.actions, key: 'download', width: 90,
            render: (_, r) => (
              <Button size="small" icon={<DownloadOutlined />} loading={downloading === r.id} onClick={() => void download(r.id)} data-testid="summary-download">
                {s.download}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
