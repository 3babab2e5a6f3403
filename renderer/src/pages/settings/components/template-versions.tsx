import { Button, Descriptions, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { PaperTemplateInfo, PaperTemplateVersion } from '../../../api/core';
import { useLoad } from '../../../api/use-load';
import { t } from '../../../i18n/zh-CN';

interface Row {
  version: number;
  text: PaperTemplateVersion['text'];
  createdAt: string | null;
  createdBy: string | null;
}

interface Props {
  info: PaperTemplateInfo;
  readOnly: boolean;
  isSaving: boolean;
  onClose(): void;
  /** saves this version's text as a new version; resolves true once saved */
  onRestore(v: PaperTemplateVersion): Promise<boolean>;
}

const FIELDS = ['title', 'recipient', 'body', 'contact', 'copyTo'] as const;

/** 版本记录: every saved version (who, when) and the default (第 0 版); view one's text, restore it as a new version. */
export function TemplateVersions({ info, readOnly, isSaving, onClose, onRestore }: Props) {
  const { data: versions, isLoading } = useLoad('paperTemplates/versions', { type: info.type });
  const [viewing, setViewing] = useState<Row | null>(null);
  const rows: Row[] = [...(versions ?? [])].sort((a, b) => b.version - a.version);
  if (versions && !rows.some((r) => r.version === 0)) rows.push({ version: 0, text: info.defaultText, createdAt: null, createdBy: null });

  async function restore(row: Row) {
    const isSaved = await onRestore({ version: row.version, text: row.text, createdAt: row.createdAt ?? '', createdBy: row.createdBy ?? '' });
    if (isSaved) onClose();
  }

  return (
    <Modal open title={t.paperTemplates.versionsTitle(info.name)} onCancel={onClose} footer={null} width={viewing ? 960 : 720}>
      <Table<Row>
        size="small" rowKey="version" loading={isLoading} dataSource={rows} pagination={false} data-testid="template-versions" scroll={{ y: 360 }}
        rowClassName={(r) => (viewing?.version === r.version ? 'ant-table-row-selected' : '')}
        columns={[
          { key: 'version', title: t.paperTemplates.versionCol, width: 150,
            render: (_, r) => (
              <Space size={4}>
                {t.paperTemplates.versionNo(r.version)}
                {r.version === info.version && <Tag color="blue">{t.paperTemplates.current}</Tag>}
              </Space>
            ) },
          { key: 'by', title: t.paperTemplates.createdBy, width: 120, render: (_, r) => r.createdBy ?? t.paperTemplates.defaultVersion },
          { key: 'at', title: t.paperTemplates.createdAt, width: 170, render: (_, r) => r.createdAt ?? t.common.none },
          { key: 'actions', title: t.common.actions,
            render: (_, r) => (
              <Space>
                <Typography.Link onClick={() => setViewing(r)}>{t.paperTemplates.viewVersion}</Typography.Link>
                {!readOnly && r.version !== info.version && (
                  <Popconfirm title={t.paperTemplates.restoreVersionConfirm(r.version)} onConfirm={() => restore(r)} okButtonProps={{ loading: isSaving }}>
                    <Typography.Link>{t.paperTemplates.restoreVersion}</Typography.Link>
                  </Popconfirm>
                )}
              </Space>
            ) },
        ]}
      />
      {viewing && (
        <div style={{ marginTop: 12 }} data-testid="template-version-text">
          <Typography.Title level={5}>{t.paperTemplates.versionNo(viewing.version)}</Typography.Title>
          <Descriptions size="small" column={1} bordered
            items={FIELDS.map((f) => ({
              key: f, label: t.paperTemplates.fields[f],
              children: <pre style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', margin: 0 }}>{viewing.text[f] || t.common.empty}</pre>,
            }))} />
          <Button style={{ marginTop: 8 }} onClick={() => setViewing(null)}>{t.common.close}</Button>
        </div>
      )}
    </Modal>
  );
}
