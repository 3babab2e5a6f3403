import { Table, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useNavigate } from 'react-router-dom';
import { PATHS } from '../../../app/paths';
import type { CaseSummary, RegisterPage } from '../../../api/core';
import { DueBadge } from '../../../components/due-badge';
import { StatusTag } from '../../../components/status-tag';
import { t } from '../../../i18n/zh-CN';
import { PAGE_SIZE, type RegisterFilters, type SortField } from '../query';

interface Props {
  filters: RegisterFilters;
  page: RegisterPage | null;
  isLoading: boolean;
  onChange(patch: Partial<RegisterFilters>): void;
}

const ORDER = { asc: 'ascend', desc: 'descend' } as const;

export function totalText(page: Pick<RegisterPage, 'total' | 'totalIsExact'>): string {
  return page.totalIsExact ? t.common.total(page.total) : t.common.totalCapped(page.total);
}

/** Server-side paged and sorted: antd only shows the page the core returned. */
export function RegisterTable({ filters, page, isLoading, onChange }: Props) {
  const navigate = useNavigate();
  const sortOrder = (field: SortField) => (filters.sortBy === field ? ORDER[filters.sortOrder] : null);

  const columns: ColumnsType<CaseSummary> = [
    { key: 'registerNo', title: t.register.colRegisterNo, dataIndex: 'registerNo', width: 148, sorter: true, sortOrder: sortOrder('registerNo'),
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { key: 'receivedAt', title: t.register.colReceivedAt, dataIndex: 'receivedAt', width: 158, sorter: true, sortOrder: sortOrder('receivedAt'),
      render: (v: string) => v.slice(0, 16) },
    { key: 'channel', title: t.register.colChannel, dataIndex: 'channel', width: 80 },
    { key: 'caseType', title: t.register.colType, dataIndex: 'caseType', width: 64 },
    { key: 'subject', title: t.register.colSubject, dataIndex: 'subject', ellipsis: true },
    { key: 'complainant', title: t.register.colComplainant, width: 150, ellipsis: true,
      render: (_, c) => (c.isAnonymous ? <Typography.Text type="secondary">{t.register.anonymous}</Typography.Text>
        : `${c.complainant}${c.headCount > 1 ? ` ${t.register.headCount(c.headCount)}` : ''}`) },
    { key: 'status', title: t.register.colStatus, dataIndex: 'status', width: 112,
      render: (_, c) => <StatusTag status={c.status} /> },
    { key: 'handlerDepartment', title: t.register.colHandlerDepartment, dataIndex: 'handlerDepartment', width: 120, ellipsis: true,
      render: (v: string | null) => v ?? t.common.none },
    { key: 'dueDate', title: t.register.colDue, dataIndex: 'dueDate', width: 136, sorter: true, sortOrder: sortOrder('dueDate'),
      render: (_, c) => <DueBadge dueDate={c.dueDate} dueState={c.dueState} calendarMissingYear={c.calendarMissingYear} /> },
  ];

  return (
    <Table<CaseSummary>
      data-testid="register-table"
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={page?.rows ?? []}
      loading={isLoading}
      sticky
      showSorterTooltip={false}
      sortDirections={['descend', 'ascend']}
      pagination={{
        current: filters.page,
        pageSize: PAGE_SIZE,
        total: page?.total ?? 0,
        showSizeChanger: false,
        showQuickJumper: true,
        showTotal: () => (page ? totalText(page) : ''),
        placement: ['bottomEnd'],
      }}
      onChange={(pagination, _filters, sorter, extra) => {
        if (extra.action === 'paginate') return onChange({ page: pagination.current ?? 1 });
        if (extra.action === 'sort') {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<CaseSummary> | undefined;
          const field = s?.order ? (s.columnKey as SortField) : 'registerNo';
          onChange({ sortBy: field, sortOrder: s?.order === 'ascend' ? 'asc' : 'desc' });
        }
      }}
      onRow={(c) => ({
        className: 'clickable-row',
        tabIndex: 0,
        onClick: () => navigate(PATHS.caseDetail(c.id)),
        onKeyDown: (e) => {
          if (e.key === 'Enter') navigate(PATHS.caseDetail(c.id));
        },
      })}
    />
  );
}
