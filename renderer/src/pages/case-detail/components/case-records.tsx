import { Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  FINDING_LABELS, SATISFACTION_LABELS, type CaseDetail, type CaseExtension, type CaseNote, type CaseRound, type CaseSuspension,
} from '../../../api/core';
import { t } from '../../../i18n/zh-CN';

const none = (v: string | null) => v || t.common.none;
const minute = (v: string) => v.slice(0, 16);
const wrap = (v: string) => <span className="pre-wrap">{v}</span>;

const noteColumns: ColumnsType<CaseNote> = [
  { key: 'notedOn', title: t.detail.notedOn, dataIndex: 'notedOn', width: 110 },
  { key: 'text', title: t.detail.noteText, dataIndex: 'text', render: wrap },
  { key: 'author', title: t.detail.author, dataIndex: 'author', width: 100 },
  { key: 'round', title: t.detail.roundColumn, dataIndex: 'round', width: 60 },
];
const extensionColumns: ColumnsType<CaseExtension> = [
  { key: 'oldDue', title: t.detail.oldDue, dataIndex: 'oldDue', width: 110, render: none },
  { key: 'newDue', title: t.detail.newDue, dataIndex: 'newDue', width: 110 },
  { key: 'reason', title: t.detail.reason, dataIndex: 'reason', render: wrap },
  { key: 'notice', title: t.detail.notice, dataIndex: 'notice', render: (v: string) => (v ? wrap(v) : t.common.none) },
  { key: 'approver', title: t.detail.approver, dataIndex: 'approver', width: 100 },
  { key: 'createdAt', title: t.detail.createdAt, dataIndex: 'createdAt', width: 140, render: minute },
];
const suspensionColumns: ColumnsType<CaseSuspension> = [
  { key: 'suspendedOn', title: t.detail.suspendedOn, dataIndex: 'suspendedOn', width: 110 },
  { key: 'material', title: t.detail.material, dataIndex: 'material', render: wrap },
  { key: 'resumedOn', title: t.detail.resumedOn, dataIndex: 'resumedOn', width: 120, render: none },
];
const roundColumns: ColumnsType<CaseRound> = [
  { key: 'round', title: t.detail.roundColumn, dataIndex: 'round', width: 60, render: (v: number) => t.detail.round(v) },
  { key: 'endedAt', title: t.detail.endedAt, dataIndex: 'endedAt', width: 140, render: minute },
  { key: 'originalDue', title: t.detail.originalDue, dataIndex: 'originalDue', width: 110, render: none },
  { key: 'finalDue', title: t.detail.finalDue, dataIndex: 'finalDue', width: 110, render: none },
  { key: 'repliedOn', title: t.detail.repliedOn, dataIndex: 'repliedOn', width: 110, render: none },
  { key: 'finding', title: t.detail.finding, dataIndex: 'finding', width: 100, render: (v: CaseRound['finding']) => (v ? FINDING_LABELS[v] : t.common.none) },
  { key: 'replySummary', title: t.detail.replySummary, dataIndex: 'replySummary', render: (v: string | null) => (v ? wrap(v) : t.common.none) },
  { key: 'satisfaction', title: t.detail.satisfaction, dataIndex: 'satisfaction', width: 100,
    render: (v: CaseRound['satisfaction']) => (v ? SATISFACTION_LABELS[v] : t.common.none) },
];

function Section<T extends { id?: number; round?: number }>(props: { title: string; testId: string; rows: T[]; columns: ColumnsType<T>; rowKey: keyof T }) {
  if (props.rows.length === 0) return null;
  return (
    <Card size="small" title={props.title} style={{ marginBottom: 12 }} data-testid={props.testId} styles={{ body: { padding: 0 } }}>
      <Table<T> size="small" rowKey={props.rowKey as string} columns={props.columns} dataSource={props.rows} pagination={false} />
    </Card>
  );
}

/** 调查记录, 延期记录, 中止记录, 历次办理: each shown once it has entries. */
export function CaseRecords({ detail }: { detail: CaseDetail }) {
  return (
    <>
      <Section title={t.detail.notes} testId="notes" rows={detail.notes} columns={noteColumns} rowKey="id" />
      <Section title={t.detail.extensions} testId="extensions" rows={detail.extensions} columns={extensionColumns} rowKey="id" />
      <Section title={t.detail.suspensions} testId="suspensions" rows={detail.suspensions} columns={suspensionColumns} rowKey="id" />
      <Section title={t.detail.rounds} testId="rounds" rows={detail.rounds} columns={roundColumns} rowKey="round" />
    </>
  );
}
