import { ClearOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Input, Select, theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { memo, useCallback, useEffect, useMemo, useState, type ChangeEvent, type CSSProperties } from 'react';
import { useDirectory } from '../../../app/directory';
import {
  DUE_STATE_LABELS, DUE_STATES, SEVERITIES, SEVERITY_LABELS, STATUS_LABELS, STATUSES,
} from '../../../api/core';
import { t } from '../../../i18n/zh-CN';
import { hasFilters, type RegisterFilters } from '../query';
import './filter-bar.css';

interface Props {
  filters: RegisterFilters;
  onChange(patch: Partial<RegisterFilters>): void;
  onClear(): void;
}

const SEARCH = { optionFilterProp: 'label' } as const;
/** Each control's width, shared by the bar and its stand-in (so both wrap alike and nothing moves at the swap). */
const W = {
  search: 260, received: 240, caseType: 140, channel: 140, status: 160, dueState: 150, severity: 140,
  respondentDepartmentId: 150, handlerDepartmentId: 150, handlerStaffId: 130, repeat: 110,
} as const;
const statusOptions = STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));
const severityOptions = SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }));
const dueStateOptions = DUE_STATES.map((s) => ({ value: s, label: DUE_STATE_LABELS[s] }));
// 重复件: the contract filters on true only; cleared = every case.
const repeatOptions = [{ value: 'only', label: t.register.repeatOnly }];
const WIDTH = Object.fromEntries(Object.entries(W).map(([k, width]) => [k, { width }])) as Record<keyof typeof W, CSSProperties>;
// One tag and "+N": the bar stays one compact row however many values are picked.
const MULTI = {
  mode: 'multiple' as const, allowClear: true, showSearch: SEARCH, maxTagCount: 1, maxTagTextLength: 5,
  maxTagPlaceholder: (omitted: unknown[]) => `+${omitted.length}`,
};
const SINGLE = { allowClear: true, showSearch: SEARCH };
const ALLOW_EMPTY: [boolean, boolean] = [true, true];

/** Equal props, arrays compared by their values (the URL is parsed into new arrays on every change). */
function sameProps(a: object, b: object): boolean {
  const pa = a as Record<string, unknown>, pb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(pa), ...Object.keys(pb)]);
  for (const k of keys) {
    const x = pa[k], y = pb[k];
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i])) continue;
    return false;
  }
  return true;
}
/** The bar's controls, each re-rendered only when its own props change. */
const FastSelect = memo(Select, sameProps) as unknown as typeof Select;
const FastRangePicker = memo(DatePicker.RangePicker, sameProps) as unknown as typeof DatePicker.RangePicker;
const FastSearch = memo(Input.Search, sameProps) as unknown as typeof Input.Search;
const names = (items: { name: string }[]) => items.map((i) => ({ value: i.name, label: i.name }));

/** The filters the bar shows: a page flip or a new order leaves the bar alone (it re-rendered 11 antd inputs). */
function sameFilters(a: Props, b: Props): boolean {
  if (a.onChange !== b.onChange || a.onClear !== b.onClear) return false;
  const { page: _ap, sortBy: _as, sortOrder: _ao, ...ra } = a.filters;
  const { page: _bp, sortBy: _bs, sortOrder: _bo, ...rb } = b.filters;
  return JSON.stringify(ra) === JSON.stringify(rb);
}

/** Every filter the contract's `cases/list` takes; multi-selects where it takes arrays. */
export const FilterBar = memo(function FilterBar({ filters, onChange, onClear }: Props) {
  const { directory } = useDirectory();
  const [search, setSearch] = useState(filters.search);
  useEffect(() => setSearch(filters.search), [filters.search]);

  const departments = useMemo(
    () => directory.departments.map((d) => ({ value: d.id, label: d.active ? d.name : `${d.name}${t.common.inactiveSuffix}` })),
    [directory.departments],
  );
  const staff = useMemo(
    () => directory.staff
      .filter((s) => !filters.handlerDepartmentId || s.departmentId === filters.handlerDepartmentId)
      .map((s) => ({ value: s.id, label: s.active ? s.name : `${s.name}${t.common.inactiveSuffix}` })),
    [directory.staff, filters.handlerDepartmentId],
  );
  const caseTypes = useMemo(() => names(directory.caseTypes), [directory.caseTypes]);
  const channels = useMemo(() => names(directory.channels), [directory.channels]);
  // Handlers that keep their identity (onChange does): with them, a changed filter re-renders its own
  // control only, not all eleven (a profile of choosing a status: ~50 ms of React in the click).
  const on = useMemo(() => ({
    search: (v: string) => onChange({ search: v.trim() }),
    received: (v: [Dayjs | null, Dayjs | null] | null) =>
      onChange({ receivedFrom: v?.[0]?.format('YYYY-MM-DD'), receivedTo: v?.[1]?.format('YYYY-MM-DD') }),
    caseType: (v: string[]) => onChange({ caseType: v }),
    channel: (v: string[]) => onChange({ channel: v }),
    status: (v: RegisterFilters['status']) => onChange({ status: v }),
    dueState: (v: RegisterFilters['dueState']) => onChange({ dueState: v }),
    severity: (v: RegisterFilters['severity']) => onChange({ severity: v }),
    respondentDepartmentId: (v?: number) => onChange({ respondentDepartmentId: v }),
    handlerDepartmentId: (v?: number) => onChange({ handlerDepartmentId: v, handlerStaffId: undefined }),
    handlerStaffId: (v?: number) => onChange({ handlerStaffId: v }),
    repeat: (v?: string) => onChange({ repeat: v === 'only' }),
  }), [onChange]);
  const onSearchTyped = useCallback((e: ChangeEvent<HTMLInputElement>) => setSearch(e.target.value), []);
  const received = useMemo(
    () => [filters.receivedFrom ? dayjs(filters.receivedFrom) : null, filters.receivedTo ? dayjs(filters.receivedTo) : null] as [Dayjs | null, Dayjs | null],
    [filters.receivedFrom, filters.receivedTo],
  );

  return (
    <Flex wrap gap={8} className="filter-bar" data-testid="register-filters">
      <FastSearch
        aria-label={t.register.searchLabel}
        data-testid="filter-search"
        placeholder={t.register.search}
        allowClear
        value={search}
        onChange={onSearchTyped}
        onSearch={on.search}
        style={WIDTH.search}
        maxLength={50}
      />
      <FastRangePicker
        aria-label={t.register.receivedLabel}
        data-testid="filter-received"
        placeholder={t.register.dateRange}
        value={received}
        allowEmpty={ALLOW_EMPTY}
        onChange={on.received}
        style={WIDTH.received}
      />
      <FastSelect {...MULTI} aria-label={t.register.caseType} data-testid="filter-caseType" placeholder={t.register.caseType} options={caseTypes}
        value={filters.caseType} onChange={on.caseType} style={WIDTH.caseType} />
      <FastSelect {...MULTI} aria-label={t.register.channel} data-testid="filter-channel" placeholder={t.register.channel} options={channels}
        value={filters.channel} onChange={on.channel} style={WIDTH.channel} />
      <FastSelect {...MULTI} aria-label={t.register.status} data-testid="filter-status" placeholder={t.register.status} options={statusOptions}
        value={filters.status} onChange={on.status} style={WIDTH.status} />
      <FastSelect {...MULTI} aria-label={t.register.dueState} data-testid="filter-dueState" placeholder={t.register.dueState} options={dueStateOptions}
        value={filters.dueState} onChange={on.dueState} style={WIDTH.dueState} />
      <FastSelect {...MULTI} aria-label={t.register.severity} data-testid="filter-severity" placeholder={t.register.severity} options={severityOptions}
        value={filters.severity} onChange={on.severity} style={WIDTH.severity} />
      <FastSelect {...SINGLE} aria-label={t.register.respondentDepartment} data-testid="filter-respondentDepartmentId" placeholder={t.register.respondentDepartment} options={departments}
        value={filters.respondentDepartmentId} onChange={on.respondentDepartmentId} style={WIDTH.respondentDepartmentId} />
      <FastSelect {...SINGLE} aria-label={t.register.handlerDepartment} data-testid="filter-handlerDepartmentId" placeholder={t.register.handlerDepartment} options={departments}
        value={filters.handlerDepartmentId} onChange={on.handlerDepartmentId} style={WIDTH.handlerDepartmentId} />
      <FastSelect {...SINGLE} aria-label={t.register.handlerStaff} data-testid="filter-handlerStaffId" placeholder={t.register.handlerStaff} options={staff}
        value={filters.handlerStaffId} onChange={on.handlerStaffId} style={WIDTH.handlerStaffId} />
      <FastSelect {...SINGLE} aria-label={t.register.repeat} data-testid="filter-repeat" placeholder={t.register.repeat} options={repeatOptions}
        value={filters.repeat ? 'only' : undefined} onChange={on.repeat} style={WIDTH.repeat} />
      {hasFilters(filters) && (
        <Button icon={<ClearOutlined />} onClick={onClear}>
          {t.register.clearFilters}
        </Button>
      )}
    </Flex>
  );
}, sameFilters);

/**
 * What the bar looks like before it is mounted: plain boxes of the controls' widths with their
 * placeholders. Opening the register drew the eleven antd inputs inside the click, and each of the five
 * multi-selects forces a layout of the page as it mounts (rc-select measures its search input): the
 * register mounts the real bar once its first rows are on screen.
 */
export function FilterBarStandIn({ filters }: { filters: RegisterFilters }) {
  const { token } = theme.useToken();
  const style = {
    '--fb-border': token.colorBorder, '--fb-radius': `${token.borderRadius}px`, '--fb-height': `${token.controlHeight}px`,
    '--fb-placeholder': token.colorTextPlaceholder, '--fb-text': token.colorText, '--fb-bg': token.colorBgContainer, '--fb-font-size': `${token.fontSize}px`,
  } as CSSProperties;
  const slots: [keyof typeof W, string][] = [
    ['search', t.register.search], ['received', t.register.dateRange.join(' → ')], ['caseType', t.register.caseType],
    ['channel', t.register.channel], ['status', t.register.status], ['dueState', t.register.dueState],
    ['severity', t.register.severity], ['respondentDepartmentId', t.register.respondentDepartment],
    ['handlerDepartmentId', t.register.handlerDepartment], ['handlerStaffId', t.register.handlerStaff],
    ['repeat', t.register.repeat],
  ];
  return (
    <Flex wrap gap={8} className="filter-bar" aria-hidden style={style}>
      {slots.map(([key, label]) => (
        <div key={key} className={key === 'search' && filters.search ? 'filter-slot filter-slot-value' : 'filter-slot'} style={{ width: W[key] }}>
          {key === 'search' && filters.search ? filters.search : label}
        </div>
      ))}
      {hasFilters(filters) && (
        <Button icon={<ClearOutlined />} tabIndex={-1}>
          {t.register.clearFilters}
        </Button>
      )}
    </Flex>
  );
}
