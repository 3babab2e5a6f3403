import { Alert, Descriptions, Modal, Table, Tag } from 'antd';
import type { CalendarImportPreview } from '../../../api/core';
import { t } from '../../../i18n/zh-CN';

type Kind = CalendarImportPreview['days'][number]['kind'];
interface Row {
  date: string;
  change: 'added' | 'removed' | 'changed';
  before: string | null;
  after: string | null;
}

const describeDay = (kind: Kind, name: string) => `${kind === 'holiday' ? t.calendar.holiday : t.calendar.workday} ${name}`;
const CHANGE_COLORS: Record<Row['change'], string> = { added: 'green', removed: 'red', changed: 'orange' };

function rowsOf(p: CalendarImportPreview): Row[] {
  return [
    ...p.added.map((d): Row => ({ date: d.date, change: 'added', before: null, after: describeDay(d.kind, d.name) })),
    ...p.removed.map((d): Row => ({ date: d.date, change: 'removed', before: describeDay(d.kind, d.name), after: null })),
    ...p.changed.map((c): Row => ({ date: c.date, change: 'changed', before: describeDay(c.before.kind, c.before.name), after: describeDay(c.after.kind, c.after.name) })),
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
}

interface Props {
  preview: CalendarImportPreview;
  isImporting: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** What an import would change in its year, before anything is written: the admin confirms or cancels. */
export function ImportPreview({ preview, isImporting, onConfirm, onCancel }: Props) {
  const rows = rowsOf(preview);
  return (
    <Modal open width={640} title={t.calendar.previewTitle(preview.year)} okText={t.calendar.confirmImport(preview.year)}
      cancelText={t.common.cancel} confirmLoading={isImporting} onOk={onConfirm} onCancel={onCancel} data-testid="calendar-import-preview">
      <Alert type={preview.covered ? 'warning' : 'info'} showIcon style={{ marginBottom: 12 }}
        title={preview.covered ? t.calendar.previewReplaces(preview.year) : t.calendar.previewNew(preview.year)} />
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}
        items={[
          { key: 'counts', label: t.calendar.change,
            children: <span data-testid="calendar-import-counts">{t.calendar.previewCounts(preview.added.length, preview.removed.length, preview.changed.length, preview.unchanged)}</span> },
          { key: 'encoding', label: t.calendar.previewEncoding, children: t.calendar.encodings[preview.encoding] ?? preview.encoding },
        ]} />
      <Table<Row> size="small" rowKey="date" pagination={false} dataSource={rows} scroll={{ y: 320 }} data-testid="calendar-import-changes"
        locale={{ emptyText: t.calendar.previewNothing }}
        columns={[
          { key: 'date', title: t.calendar.date, dataIndex: 'date', width: 110 },
          { key: 'change', title: t.calendar.change, width: 70, render: (_, r) => <Tag color={CHANGE_COLORS[r.change]}>{t.calendar[r.change]}</Tag> },
          { key: 'before', title: t.calendar.before, dataIndex: 'before', render: (v: string | null) => v ?? '—' },
          { key: 'after', title: t.calendar.after, dataIndex: 'after', render: (v: string | null) => v ?? '—' },
        ]} />
    </Modal>
  );
}
