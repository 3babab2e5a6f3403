import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useDirectory } from '../../../app/directory';
import { contract, type Department, type StaffMember } from '../../../api/core';
import { useApi } from '../../../api/use-api';
import { RecordModal } from '../../../components/record-modal';
import { t } from '../../../i18n/zh-CN';

// No clamping in the input: a number out of range stays as typed and the contract's check names it.
const SORT_ORDER = contract['departments/save'].input.shape.sortOrder.unwrap();
const SORT_ORDER_RANGE = t.settings.range(SORT_ORDER.minValue ?? 0, SORT_ORDER.maxValue ?? 0);

type Editing = { kind: 'department'; record: Partial<Department> } | { kind: 'staff'; record: Partial<StaffMember> } | null;

/** 部门与人员: departments on the left, the selected department's staff on the right. Deactivate, never delete. */
export function DirectoryTab() {
  const { directory, reload } = useDirectory();
  const { call } = useApi();
  const [departmentId, setDepartmentId] = useState<number | null>(directory.departments[0]?.id ?? null);
  const [editing, setEditing] = useState<Editing>(null);
  const departmentName = (id: number) => directory.departments.find((d) => d.id === id)?.name ?? '';
  const staff = directory.staff.filter((s) => departmentId === null || s.departmentId === departmentId);

  async function toggleDepartment(d: Department, active: boolean) {
    const r = await call('departments/save', { id: d.id, name: d.name, sortOrder: d.sortOrder, active });
    if (r.ok) void reload();
  }
  async function toggleStaff(s: StaffMember, active: boolean) {
    const r = await call('staff/save', { id: s.id, departmentId: s.departmentId, name: s.name, title: s.title, active });
    if (r.ok) void reload();
  }
  const saved = () => {
    setEditing(null);
    void reload();
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Card size="small" title={t.settings.departments} styles={{ body: { padding: 0 } }}
          extra={<Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'department', record: { active: true, sortOrder: (directory.departments.at(-1)?.sortOrder ?? 0) + 1 } })}>{t.settings.addDepartment}</Button>}>
          <Table<Department>
            size="small" rowKey="id" pagination={false} dataSource={directory.departments} data-testid="departments-table"
            rowClassName={(d) => (d.id === departmentId ? 'ant-table-row-selected clickable-row' : 'clickable-row')}
            onRow={(d) => ({ onClick: () => setDepartmentId(d.id) })}
            columns={[
              { key: 'name', title: t.settings.departmentName, dataIndex: 'name' },
              { key: 'sortOrder', title: t.common.sortOrder, dataIndex: 'sortOrder', width: 60 },
              { key: 'active', title: t.common.status, width: 80,
                render: (_, d) => <Switch size="small" checked={d.active} checkedChildren={t.common.active} unCheckedChildren={t.common.inactive}
                  onClick={(v, e) => { e.stopPropagation(); void toggleDepartment(d, v); }} /> },
              { key: 'edit', width: 60, render: (_, d) => <Typography.Link onClick={(e) => { e.stopPropagation(); setEditing({ kind: 'department', record: d }); }}>{t.common.edit}</Typography.Link> },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card size="small" styles={{ body: { padding: 0 } }}
          title={`${t.settings.staff}${departmentId ? ` · ${departmentName(departmentId)}` : ''}`}
          extra={<Button size="small" icon={<PlusOutlined />} disabled={directory.departments.length === 0}
            onClick={() => setEditing({ kind: 'staff', record: { active: true, departmentId: departmentId ?? undefined, title: '' } })}>{t.settings.addStaff}</Button>}>
          <Table<StaffMember>
            size="small" rowKey="id" pagination={false} dataSource={staff} data-testid="staff-table"
            columns={[
              { key: 'name', title: t.settings.staffName, dataIndex: 'name' },
              { key: 'title', title: t.settings.staffTitle, dataIndex: 'title', render: (v: string) => v || t.common.none },
              { key: 'department', title: t.settings.staffDepartment, render: (_, s) => departmentName(s.departmentId) },
              { key: 'active', title: t.common.status, width: 80,
                render: (_, s) => <Switch size="small" checked={s.active} checkedChildren={t.common.active} unCheckedChildren={t.common.inactive}
                  onChange={(v) => void toggleStaff(s, v)} /> },
              { key: 'edit', width: 60, render: (_, s) => <Typography.Link onClick={() => setEditing({ kind: 'staff', record: s })}>{t.common.edit}</Typography.Link> },
            ]}
          />
        </Card>
      </Col>
      {editing?.kind === 'department' && (
        <RecordModal title={editing.record.id ? t.common.edit : t.settings.addDepartment} channel="departments/save"
          initialValues={editing.record} fixed={{ id: editing.record.id }} onSaved={saved} onClose={() => setEditing(null)}>
          <Form.Item name="name" label={t.settings.departmentName} required><Input autoFocus maxLength={50} /></Form.Item>
          <Form.Item name="sortOrder" label={t.common.sortOrder} extra={SORT_ORDER_RANGE}><InputNumber /></Form.Item>
          <Form.Item name="active" label={t.common.active} valuePropName="checked" extra={t.settings.deactivateHint}><Switch /></Form.Item>
        </RecordModal>
      )}
      {editing?.kind === 'staff' && (
        <RecordModal title={editing.record.id ? t.common.edit : t.settings.addStaff} channel="staff/save"
          initialValues={editing.record} fixed={{ id: editing.record.id }} onSaved={saved} onClose={() => setEditing(null)}>
          <Form.Item name="departmentId" label={t.settings.staffDepartment} required>
            <Select showSearch={{ optionFilterProp: 'label' }} options={directory.departments.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Form.Item name="name" label={t.settings.staffName} required><Input autoFocus maxLength={50} /></Form.Item>
          <Form.Item name="title" label={t.settings.staffTitle}><Input maxLength={50} /></Form.Item>
          <Form.Item name="active" label={t.common.active} valuePropName="checked" extra={t.settings.deactivateHint}><Switch /></Form.Item>
        </RecordModal>
      )}
    </Row>
  );
}
