import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../../../app/session';
import { mayCall, PAPER_TYPES, type PaperPreviewCase, type PaperTemplateInfo, type PaperType } from '../../../api/core';
import { useApi } from '../../../api/use-api';
import { useLoad } from '../../../api/use-load';
import { t } from '../../../i18n/zh-CN';
import { PaperTemplateEditor } from './paper-template-editor';

function isPaperType(v: string | null): v is PaperType {
  return v !== null && (PAPER_TYPES as readonly string[]).includes(v);
}

/**
 * 设置 → 文书模板: the ten paper types with their current template version; one opens in the editor
 * (its type in the URL, so a refresh stays on it). The admin edits; a supervisor reads.
 */
export function PaperTemplatesTab() {
  const user = useUser();
  const { modal } = useApi();
  const readOnly = !mayCall('paperTemplates/save', user.role);
  const { data: list, setData } = useLoad('paperTemplates/list', {});
  const [params, setParams] = useSearchParams();
  const typeParam = params.get('type');
  const editing = isPaperType(typeParam) ? (list?.find((i) => i.type === typeParam) ?? null) : null;
  const isDirty = useRef(false);
  const [previewCase, setPreviewCase] = useState<PaperPreviewCase | null>(null);
  const onDirty = useCallback((dirty: boolean) => {
    isDirty.current = dirty;
  }, []);

  function open(type: PaperType | null) {
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (type) next.set('type', type);
      else next.delete('type');
      return next;
    });
  }

  function back() {
    if (!isDirty.current) return open(null);
    modal.confirm({ title: t.paperTemplates.discardConfirm, onOk: () => open(null) });
  }

  function saved(info: PaperTemplateInfo) {
    setData((prev) => (prev ?? []).map((i) => (i.type === info.type ? info : i)));
  }

  if (!list) return <Spin />;
  if (editing) {
    return (
      <div>
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={back} style={{ paddingInline: 0, marginBottom: 8 }}>{t.paperTemplates.back}</Button>
        <PaperTemplateEditor key={editing.type} info={editing} readOnly={readOnly} onSaved={saved} onDirty={onDirty}
          previewCase={previewCase} onPreviewCase={setPreviewCase} />
      </div>
    );
  }
  return (
    <Table<PaperTemplateInfo>
      size="small" rowKey="type" dataSource={list} pagination={false} data-testid="paper-templates"
      onRow={(r) => ({ onClick: () => open(r.type), className: 'clickable-row' })}
      columns={[
        { key: 'name', title: t.paperTemplates.name, dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
        { key: 'layout', title: t.paperTemplates.layout, width: 80, render: (_, r) => t.paperTemplates.layouts[r.layout] ?? r.layout },
        { key: 'version', title: t.paperTemplates.version, width: 130, render: (_, r) => t.paperTemplates.versionNo(r.version) },
        { key: 'state', title: t.paperTemplates.state, width: 90,
          render: (_, r) => (r.isDefault ? <Tag>{t.paperTemplates.isDefault}</Tag> : <Tag color="blue">{t.paperTemplates.modified}</Tag>) },
        { key: 'by', title: t.paperTemplates.updatedBy, width: 120, render: (_, r) => r.updatedBy ?? t.common.none },
        { key: 'at', title: t.paperTemplates.updatedAt, width: 170, render: (_, r) => r.updatedAt ?? t.common.none },
        { key: 'actions', title: t.common.actions, width: 80,
          render: (_, r) => <Typography.Link onClick={(e) => { e.stopPropagation(); open(r.type); }}>{readOnly ? t.paperTemplates.view : t.paperTemplates.edit}</Typography.Link> },
      ]}
    />
  );
}
