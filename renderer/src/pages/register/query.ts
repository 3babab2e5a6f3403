import {
  DUE_STATES, SEVERITIES, STATUSES, type CaseStatus, type DueStateCode, type RegisterQuery, type Severity,
} from '../../api/core';

/**
 * The register's filters live in the URL (so a refresh or a bookmark keeps them). These two pure
 * functions translate between URLSearchParams and the contract's `cases/list` input.
 */
export const PAGE_SIZE = 50;
const SORT_FIELDS = ['registerNo', 'receivedAt', 'dueDate'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface RegisterFilters {
  page: number;
  sortBy: SortField;
  sortOrder: 'asc' | 'desc';
  receivedFrom?: string;
  receivedTo?: string;
  caseType: string[];
  channel: string[];
  status: CaseStatus[];
  respondentDepartmentId?: number;
  handlerDepartmentId?: number;
  handlerStaffId?: number;
  severity: Severity[];
  dueState: DueStateCode[];
  /** 重复件: only the cases linked as a repeat of an earlier one */
  repeat: boolean;
  search: string;
}

const KEYS = {
  page: 'page', sortBy: 'sort', sortOrder: 'order', receivedFrom: 'from', receivedTo: 'to', caseType: 'type',
  channel: 'channel', status: 'status', respondentDepartmentId: 'respDept', handlerDepartmentId: 'handlerDept',
  handlerStaffId: 'handler', severity: 'severity', dueState: 'dueState', repeat: 'repeat', search: 'q',
} as const satisfies Record<keyof RegisterFilters, string>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return values.find((x) => x === v);
}
function positiveInt(v: string | null): number | undefined {
  const n = v === null ? NaN : Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
function list<T extends string>(params: URLSearchParams, key: string, allowed?: readonly T[]): T[] {
  const values = params.getAll(key).filter((v) => v !== '');
  return (allowed ? values.filter((v) => allowed.includes(v as T)) : values) as T[];
}
function dateParam(v: string | null): string | undefined {
  return v !== null && DATE.test(v) ? v : undefined;
}

export function filtersFromParams(params: URLSearchParams): RegisterFilters {
  return {
    page: positiveInt(params.get(KEYS.page)) ?? 1,
    sortBy: oneOf(SORT_FIELDS, params.get(KEYS.sortBy)) ?? 'registerNo',
    sortOrder: oneOf(['asc', 'desc'] as const, params.get(KEYS.sortOrder)) ?? 'desc',
    receivedFrom: dateParam(params.get(KEYS.receivedFrom)),
    receivedTo: dateParam(params.get(KEYS.receivedTo)),
    caseType: list(params, KEYS.caseType),
    channel: list(params, KEYS.channel),
    status: list(params, KEYS.status, STATUSES),
    respondentDepartmentId: positiveInt(params.get(KEYS.respondentDepartmentId)),
    handlerDepartmentId: positiveInt(params.get(KEYS.handlerDepartmentId)),
    handlerStaffId: positiveInt(params.get(KEYS.handlerStaffId)),
    severity: list(params, KEYS.severity, SEVERITIES),
    dueState: list(params, KEYS.dueState, DUE_STATES),
    repeat: params.get(KEYS.repeat) === '1',
    search: (params.get(KEYS.search) ?? '').trim().slice(0, 50),
  };
}

/** Only non-default values are written, so a plain register has a plain URL. */
export function paramsFromFilters(f: RegisterFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.page > 1) p.set(KEYS.page, String(f.page));
  if (f.sortBy !== 'registerNo' || f.sortOrder !== 'desc') {
    p.set(KEYS.sortBy, f.sortBy);
    p.set(KEYS.sortOrder, f.sortOrder);
  }
  if (f.receivedFrom) p.set(KEYS.receivedFrom, f.receivedFrom);
  if (f.receivedTo) p.set(KEYS.receivedTo, f.receivedTo);
  for (const key of ['caseType', 'channel', 'status', 'severity', 'dueState'] as const) {
    for (const v of f[key]) p.append(KEYS[key], v);
  }
  for (const key of ['respondentDepartmentId', 'handlerDepartmentId', 'handlerStaffId'] as const) {
    const v = f[key];
    if (v !== undefined) p.set(KEYS[key], String(v));
  }
  if (f.repeat) p.set(KEYS.repeat, '1');
  if (f.search) p.set(KEYS.search, f.search);
  return p;
}

/** The `cases/list` input: empty filters are left out rather than sent as []. */
export function listInput(f: RegisterFilters): RegisterQuery {
  const q: RegisterQuery = { page: f.page, pageSize: PAGE_SIZE, sortBy: f.sortBy, sortOrder: f.sortOrder };
  if (f.receivedFrom) q.receivedFrom = f.receivedFrom;
  if (f.receivedTo) q.receivedTo = f.receivedTo;
  if (f.caseType.length) q.caseType = f.caseType;
  if (f.channel.length) q.channel = f.channel;
  if (f.status.length) q.status = f.status;
  if (f.severity.length) q.severity = f.severity;
  if (f.dueState.length) q.dueState = f.dueState;
  if (f.respondentDepartmentId) q.respondentDepartmentId = f.respondentDepartmentId;
  if (f.handlerDepartmentId) q.handlerDepartmentId = f.handlerDepartmentId;
  if (f.handlerStaffId) q.handlerStaffId = f.handlerStaffId;
  if (f.repeat) q.repeat = true;
  if (f.search) q.search = f.search;
  return q;
}

export function hasFilters(f: RegisterFilters): boolean {
  const { page: _p, sortBy: _s, sortOrder: _o, ...rest } = f;
  return Object.values(rest).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '' && v !== false));
}
