import { DUE_STATE_LABELS, SEVERITY_LABELS, STATUS_LABELS, type CaseStatus, type DueStateCode, type Severity } from './vocab';

/**
 * The register's filters and search in words, the one description of them: the 登记册's export dialog shows
 * it before an export starts, and the export's title row and history can say the same (the core passes
 * names from the database, the renderer from the directory). The shape is `cases/list`'s input (registerQuery)
 * without page and order, structurally, so both sides pass what they have.
 */
export interface RegisterFilterValues {
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

/** Names of the directory's departments and staff by id; undefined for an id it does not know. */
export interface FilterNames {
  department(id: number): string | undefined;
  staff(id: number): string | undefined;
}

/** The words for an unfiltered register. */
export const NO_FILTERS = '全部案件（未筛选）';

const list = (values: readonly string[]) => values.join('、');
const named = (name: string | undefined, id: number) => name ?? `（编号 ${id}）`;

/**
 * One line per filter in the filter bar's order, e.g. 「收到日期 2026-11-01 至 2026-11-30」「状态：待受理、办理中」
 * 「搜索“窗口”」; none for an unfiltered register (see `registerFilterText`).
 */
export function registerFilterWords(q: RegisterFilterValues, names: FilterNames): string[] {
  const words: string[] = [];
  const search = q.search?.trim();
  if (search) words.push(`搜索“${search}”`);
  if (q.receivedFrom && q.receivedTo) words.push(`收到日期 ${q.receivedFrom} 至 ${q.receivedTo}`);
  else if (q.receivedFrom) words.push(`收到日期 ${q.receivedFrom} 起`);
  else if (q.receivedTo) words.push(`收到日期截至 ${q.receivedTo}`);
  if (q.caseType?.length) words.push(`类型：${list(q.caseType)}`);
  if (q.channel?.length) words.push(`渠道：${list(q.channel)}`);
  if (q.status?.length) words.push(`状态：${list(q.status.map((s) => STATUS_LABELS[s]))}`);
  if (q.dueState?.length) words.push(`期限状态：${list(q.dueState.map((s) => DUE_STATE_LABELS[s]))}`);
  if (q.severity?.length) words.push(`严重程度：${list(q.severity.map((s) => SEVERITY_LABELS[s]))}`);
  if (q.respondentDepartmentId !== undefined) words.push(`被投诉部门：${named(names.department(q.respondentDepartmentId), q.respondentDepartmentId)}`);
  if (q.handlerDepartmentId !== undefined) words.push(`承办部门：${named(names.department(q.handlerDepartmentId), q.handlerDepartmentId)}`);
  if (q.handlerStaffId !== undefined) words.push(`承办人：${named(names.staff(q.handlerStaffId), q.handlerStaffId)}`);
  if (q.repeat === true) words.push('仅重复件');
  return words;
}

/** The filters as one line: the words joined with 「；」, or 「全部案件（未筛选）」. */
export function registerFilterText(q: RegisterFilterValues, names: FilterNames): string {
  const words = registerFilterWords(q, names);
  return words.length ? words.join('；') : NO_FILTERS;
}
