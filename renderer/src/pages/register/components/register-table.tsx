import { ArrowDownOutlined, ArrowUpOutlined, WarningOutlined } from '@ant-design/icons';
import { Pagination, Spin, theme } from 'antd';
import { memo, useMemo, type CSSProperties, type KeyboardEvent } from 'react';
import { useAppNavigate } from '../../../app/navigation';
import { PATHS } from '../../../app/paths';
import { prefetch } from '../../../api/client';
import { DUE_STATE_LABELS, STATUS_LABELS, type CaseStatus, type CaseSummary, type DueStateCode, type RegisterPage } from '../../../api/core';
import { t } from '../../../i18n/zh-CN';
import { STATUS_COLORS } from '../../../components/status-tag';
import { PAGE_SIZE, type RegisterFilters, type SortField } from '../query';
import './register-table.css';

interface Props {
  filters: RegisterFilters;
  page: RegisterPage | null;
  /** a request for the current filters is on its way */
  isLoading: boolean;
  /** the rows shown answer an earlier page or sort of the same search (until the new ones arrive) */
  isStale: boolean;
  /** why the current filters have no answer (also shown by the central error display) */
  error?: string | null;
  onChange(patch: Partial<RegisterFilters>): void;
}

export function totalText(page: Pick<RegisterPage, 'total' | 'totalIsExact'>): string {
  return page.totalIsExact ? t.register.totalExact(page.total) : t.register.totalAtLeast(page.total);
}

/**
 * The register's rows as a plain table styled with antd's tokens, laid out as a grid of fixed columns with
 * the rows off screen skipped (register-table.css). antd's Table cost ~10 ms per row on
 * every page flip here (its cell components, a Tooltip, Badge, Space, Tag and Typography per row, each
 * with its own style hook): a profile of one flip found most of the main thread's time there. Sorting
 * (the three sortable columns, aria-sort), row click and Enter → the case, and the masked values the
 * core sends are kept; paging is antd's Pagination (one component, not one per row).
 */
export function RegisterTable({ filters, page, isLoading, isStale, error, onChange }: Props) {
  const { token } = theme.useToken();
  // the colours of antd's preset tags, computed once per theme, not once per row
  const tagStyles = useMemo(() => tagStylesOf(token as unknown as Record<string, string>), [token]);
  const vars = useMemo(
    () => ({
      '--reg-border': token.colorBorderSecondary,
      '--reg-head-bg': token.colorFillAlter,
      '--reg-head-color': token.colorTextHeading,
      '--reg-hover': token.controlItemBgHover,
      '--reg-focus': token.colorPrimary,
      '--reg-secondary': token.colorTextSecondary,
      '--reg-sorted-bg': token.colorFillQuaternary,
      '--reg-font-size': `${token.fontSize}px`,
    }) as CSSProperties,
    [token],
  );
  const rows = page?.rows ?? [];
  const sort = (field: SortField) => {
    // descending first, then ascending, then back to the default order, as antd's sorter did
    if (filters.sortBy !== field) return onChange({ sortBy: field, sortOrder: 'desc' });
    if (filters.sortOrder === 'desc') return onChange({ sortBy: field, sortOrder: 'asc' });
    onChange({ sortBy: 'registerNo', sortOrder: 'desc' });
  };

  return (
    <div className="reg-table-wrap" style={vars}>
      {/* old rows of the same search stay while the next page loads; antd's overlay dims them if it takes long */}
      <Spin spinning={isLoading && rows.length > 0} delay={150}>
        <table className={`reg-table${isStale ? ' reg-stale' : ''}`} data-testid="register-table" aria-busy={isLoading}>
          {/* the columns' widths: grid-template-columns in register-table.css */}
          <thead>
            <tr>
              <SortHeader field="registerNo" label={t.register.colRegisterNo} filters={filters} onSort={sort} />
              <SortHeader field="receivedAt" label={t.register.colReceivedAt} filters={filters} onSort={sort} />
              <th scope="col">{t.register.colChannel}</th>
              <th scope="col">{t.register.colType}</th>
              <th scope="col">{t.register.colSubject}</th>
              <th scope="col">{t.register.colComplainant}</th>
              <th scope="col">{t.register.colStatus}</th>
              <th scope="col">{t.register.colHandlerDepartment}</th>
              <SortHeader field="dueDate" label={t.register.colDue} filters={filters} onSort={sort} />
            </tr>
          </thead>
          <RegisterRows rows={rows} tagStyles={tagStyles} />
        </table>
        {rows.length === 0 && (
          <div className="reg-empty" data-testid="register-empty">
            {isLoading ? (
              <Spin size="small" description={filters.search ? t.register.searching(filters.search) : t.common.loading} />
            ) : page ? (
              t.register.noMatch
            ) : error ? (
              <span role="alert">{error}</span>
            ) : null}
          </div>
        )}
      </Spin>
      <Pagination
        className="reg-pagination"
        current={filters.page}
        pageSize={PAGE_SIZE}
        total={page?.total ?? 0}
        showSizeChanger={false}
        showQuickJumper
        showTotal={() => (page ? totalText(page) : '')}
        onChange={(p) => onChange({ page: p })}
        align="end"
      />
    </div>
  );
}

const ORDER_ARIA = { asc: 'ascending', desc: 'descending' } as const;

function SortHeader({ field, label, filters, onSort }: { field: SortField; label: string; filters: RegisterFilters; onSort(f: SortField): void }) {
  const active = filters.sortBy === field;
  return (
    <th scope="col" aria-sort={active ? ORDER_ARIA[filters.sortOrder] : 'none'} className={active ? 'reg-sorted' : undefined}>
      <button type="button" className="reg-sort" onClick={() => onSort(field)} title={t.register.sortBy(label)}>
        {label}
        <span className="reg-sort-icon" aria-hidden>
          {active && filters.sortOrder === 'asc' ? <ArrowUpOutlined /> : active ? <ArrowDownOutlined /> : null}
        </span>
      </button>
    </th>
  );
}

type TagStyles = Record<CaseStatus, CSSProperties>;

/**
 * The rows change only with the page's answer: a re-render of the page (loading, a filter typed) skips them.
 * Keyed by position, not by case: the next page's 50 rows reuse these rows' elements and only their texts
 * and a few attributes change, instead of ~700 elements removed and as many created, styled and laid out anew.
 */
const RegisterRows = memo(function RegisterRows({ rows, tagStyles }: { rows: CaseSummary[]; tagStyles: TagStyles }) {
  const navigate = useAppNavigate();
  const open = (id: number) => {
    // the case is asked for before its page renders (the case page's load takes this answer)
    prefetch('cases/get', { id });
    navigate(PATHS.caseDetail(id));
  };
  return (
    <tbody>
      {rows.map((c, i) => (
        <tr
          key={i}
          data-row-key={c.id}
          className="clickable-row"
          tabIndex={0}
          onClick={() => open(c.id)}
          onKeyDown={(e: KeyboardEvent) => {
            if (e.key === 'Enter') open(c.id);
          }}
        >
          <td className="reg-no">{c.registerNo}</td>
          <td>{c.receivedAt.slice(0, 16)}</td>
          <td>{c.channel}</td>
          <td>{c.caseType}</td>
          <td className="reg-ellipsis" title={c.subject}>{c.subject}</td>
          <ComplainantCell c={c} />
          <td>
            <span className="reg-tag" style={tagStyles[c.status]} data-testid="status-tag">{STATUS_LABELS[c.status]}</span>
          </td>
          <td className="reg-ellipsis" title={c.handlerDepartment ?? undefined}>{c.handlerDepartment ?? t.common.none}</td>
          <td>
            <DueCell dueDate={c.dueDate} dueState={c.dueState} calendarMissingYear={c.calendarMissingYear} />
          </td>
        </tr>
      ))}
    </tbody>
  );
});

function ComplainantCell({ c }: { c: CaseSummary }) {
  if (c.isAnonymous) return <td className="reg-ellipsis reg-secondary">{t.register.anonymous}</td>;
  const text = `${c.complainant}${c.headCount > 1 ? ` ${t.register.headCount(c.headCount)}` : ''}`;
  return <td className="reg-ellipsis" title={text}>{text}</td>;
}

const DOT: Record<DueStateCode, string> = { onTrack: 'reg-dot-ok', dueSoon: 'reg-dot-soon', overdue: 'reg-dot-late' };

/** The due date with the state's dot (its words as the tooltip), as DueBadge shows it, without a Tooltip per row. */
function DueCell({ dueDate, dueState, calendarMissingYear }: Pick<CaseSummary, 'dueDate' | 'dueState' | 'calendarMissingYear'>) {
  if (!dueDate) return <span className="due-none">{t.common.none}</span>;
  const missing = calendarMissingYear ? (
    <WarningOutlined className="reg-warn" title={t.detail.calendarMissing(calendarMissingYear)} aria-label={t.detail.calendarMissingShort} />
  ) : null;
  if (!dueState) {
    return (
      <span className="reg-due">
        <span className="reg-secondary">{dueDate}</span>
        {missing}
      </span>
    );
  }
  const label = DUE_STATE_LABELS[dueState];
  return (
    <span className="reg-due" data-testid="due-badge" data-due-state={dueState} title={label}>
      <span className={`reg-dot ${DOT[dueState]}`} aria-label={label} role="img" />
      {dueDate}
      {missing}
    </span>
  );
}

/** antd's preset tag colours from the theme's palette: text 7, background 1, border 3 (as StatusTag's Tag). */
function tagStylesOf(token: Record<string, string>): TagStyles {
  const out = {} as TagStyles;
  for (const [status, color] of Object.entries(STATUS_COLORS) as [CaseStatus, string][]) {
    out[status] = color === 'default'
      ? { color: token.colorText, background: token.colorFillQuaternary, borderColor: token.colorBorder }
      : { color: token[`${color}7`], background: token[`${color}1`], borderColor: token[`${color}3`] };
  }
  return out;
}
