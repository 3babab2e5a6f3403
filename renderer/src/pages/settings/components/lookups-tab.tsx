import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useDirectory } from '../../../app/directory';
import { contract, type Lookup } from '../../../api/core';
import { useApi } from '../../../api/use-api';
import { RecordModal } from '../../../components/record-modal';
import { t } from '../../../i18n/zh-CN';

// No clamping in the input: a number out of range stays as typed and the contract's check names it.
const SORT_ORDER = contract['lookups/save'].input.shape.sortOrder.unwrap();
const SORT_ORDER_RANGE = t.settings.range(SORT_ORDER.minValue ?? 0, SORT_ORDER.maxValue ?? 0);

type Kind = Lookup['kind'];
const TITLES: Record<Kind, { list: string; add: string }> = {
  channel: { list: t.settings.channels, add: t.settings.addChannel },
  case_type: { list: t.settings.caseTypes, add: t.settings.addCaseType },
};

/** 类型与渠道: the office's own option lists; names are what registrations store, so rename with care. */
export function LookupsTab() {
  const { directory, reload } = useDirectory();
  const { call } = useApi();
  const [editing, setEditing] = useState<Partial<Lookup> & { kind: Kind } | null>(null);

  async function toggle(l: Lookup, active: boolean) {
    const r = await call('lookups/save', { id: l.id, kind: l.kind, name: l.name, sortOrder: l.sortOrder, active });
    if (r.ok) void reload();
  }

  const list = (kind: Kind, rows: Lookup[]) => (
    <Card size="small" title={TITLES[kind].list} styles={{ body: { padding: 0 } }}
      extra={<Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({ kind, active: true, sortOrder: (rows.at(-1)?.sortOrder ?? 0) + 1 })}>{TITLES[kind].add}</Button>}>
      <Table<Lookup> size="small" rowKey="id" pagination={false} dataSource={rows} data-testid={`lookups-${kind}`}
        columns={[
          { key: 'name', title: t.settings.lookupName, dataIndex: 'name' },
          { key: 'sortOrder', title: t.common.sortOrder, dataIndex: 'sortOrder', width: 70 },
          { key: 'active', title: t.common.status, width: 80,
            render: (_, l) => <Switch size="small" checked={l.active} checkedChildren={t.common.active} unCheckedChildren={t.common.inactive}
              onChange={(v) => void toggle(l, v)} /> },
          { key: 'edit', width: 60, render: (_, l) => <Typography.Link onClick={() => setEditing(l)}>{t.common.edit}</Typography.Link> },
        ]}
      />
    </Card>
  );

  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>{list('channel', directory.channels)}</Col>
      <Col xs={24} lg={12}>{list('case_type', directory.caseTypes)}</Col>
      {editing && (
        <RecordModal title={editing.id ? t.common.edit : TITLES[editing.kind].add} channel="lookups/save"
          initialValues={editing} fixed={{ id: editing.id, kind: editing.kind }}
          onSaved={() => { setEditing(null); void reload(); }} onClose={() => setEditing(null)}>
          <Form.Item name="name" label={t.settings.lookupName} required><Input autoFocus maxLength={20} /></Form.Item>
          <Form.Item name="sortOrder" label={t.common.sortOrder} extra={SORT_ORDER_RANGE}><InputNumber /></Form.Item>
          <Form.Item name="active" label={t.common.active} valuePropName="checked" extra={t.settings.deactivateHint}><Switch /></Form.Item>
        </RecordModal>
      )}
    </Row>
  );
}
