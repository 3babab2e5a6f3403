import { DUE_STATE_LABELS, SEVERITY_LABELS, STATUS_LABELS, type CaseStatus, type DueStateCode, type Severity } from './vocab';

/**
 * The register's filters, search and order in words, the one description of them: the 登记册's export dialog
 * shows them before an export starts, and the export's title row and history say the same (the core passes
 * names from the database, the renderer from the directory). The shape is `cases/list`'s input (registerQuery)
 * without the page, structurally, so both sides pass what they have.
 */
export interface RegisterFilterValues {
  sortBy?: RegisterSortField;
  sortOrder?: 'asc' | 'desc';
  receivedFrom?: string;
  receivedTo?: string;
  caseType?: readonly string[];
  channel?: readonly string[];
  status?: readonly CaseStatus[];
  respondentDepartmentId?: number;
  handlerDepartmentId?: number;
  handlerStaffId?: number;
  severity?: readonly Severity[];
  dueState?: readonly DueStateCode[];
  /** true: only cases linked as a repeat of an earlier one (重复件) */
  repeat?: boolean;
  search?: string;
}

export type RegisterSortField = 'registerNo' | 'receivedAt' | 'dueDate';
const SORTS: Record<RegisterSortField, string> = { registerNo: '登记编号', receivedAt: '收到时间', dueDate: '办理期限' };

/** Names of the directory's departments and staff by id; undefined for an id it does not know. */
export interface FilterNames {
  department(id: number): string | undefined;
  staff(id: number): string | undefined;
}

/** The words for an unfiltered register. */
export const NO_FILTERS = '全部案件';

const list = (values: readonly string[]) => values.join('、');

/**
 * One part per filter, e.g. 「收到日期 2026-11-01 至 2026-11-30」「状态：待受理、办理中」「搜索：窗口」; none for an
 * unfiltered register (a blank search is none).
 */
export function registerFilterWords(q: RegisterFilterValues, names: FilterNames): string[] {
  const department = (id: number) => names.department(id) ?? `部门 ${id}`;
  const staff = (id: number) => names.staff(id) ?? `人员 ${id}`;
  const parts: string[] = [];
  if (q.receivedFrom || q.receivedTo) parts.push(`收到日期 ${q.receivedFrom ?? '最早'} 至 ${q.receivedTo ?? '今天'}`);
  if (q.caseType?.length) parts.push(`类型：${list(q.caseType)}`);
  if (q.channel?.length) parts.push(`渠道：${list(q.channel)}`);
  if (q.status?.length) parts.push(`状态：${list(q.status.map((s) => STATUS_LABELS[s]))}`);
  if (q.respondentDepartmentId) parts.push(`被投诉部门：${department(q.respondentDepartmentId)}`);
  if (q.handlerDepartmentId) parts.push(`承办部门：${department(q.handlerDepartmentId)}`);
  if (q.handlerStaffId) parts.push(`承办人：${staff(q.handlerStaffId)}`);
  if (q.severity?.length) parts.push(`严重程度：${list(q.severity.map((s) => SEVERITY_LABELS[s]))}`);
  if (q.dueState?.length) parts.push(`期限状态：${list(q.dueState.map((s) => DUE_STATE_LABELS[s]))}`);
  if (q.repeat === true) parts.push('仅重复件');
  const search = q.search?.trim();
  if (search) parts.push(`搜索：${search}`);
  return parts;
}

/** The rows' order in words: 按登记编号降序 (the register's default). */
export function registerOrderWords(q: Pick<RegisterFilterValues, 'sortBy' | 'sortOrder'>): string {
  return `按${SORTS[q.sortBy ?? 'registerNo']}${(q.sortOrder ?? 'desc') === 'asc' ? '升序' : '降序'}`;
}

/**
 * Filters and order as one line, as the export's title row and history entry say them:
 * 收到日期 2026-11-01 至 2026-11-30；状态：已办结（按登记编号降序）, or 全部案件（按登记编号降序）.
 */
export function registerFilterText(q: RegisterFilterValues, names: FilterNames): string {
  const parts = registerFilterWords(q, names);
  return `${parts.length ? parts.join('；') : NO_FILTERS}（${registerOrderWords(q)}）`;
}
