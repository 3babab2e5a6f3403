import type { Kysely } from 'kysely';
import { nameRows } from '../../../../db/queries/case-directory';
import type { Database } from '../../../../db/types';
import { DUE_STATE_LABELS, SEVERITY_LABELS, STATUS_LABELS } from '../../domain/vocab';
import type { ExportQuery } from './export-run';

const SORTS = { registerNo: '登记编号', receivedAt: '收到时间', dueDate: '办理期限' } as const;

/**
 * The register's filters, search and order in words, as the workbook's title line and the history entry say
 * them: 收到日期 2026-11-01 至 2026-11-30；状态：已办结、不予受理；搜索：社保. Empty: no filter at all.
 */
export async function filtersInWords(db: Kysely<Database>, q: ExportQuery & { repeat?: boolean }): Promise<string> {
  const names = await nameRows(db);
  const dept = (id: number) => names.departments.find((d) => d.id === id)?.name ?? `部门 ${id}`;
  const staff = (id: number) => names.staff.find((s) => s.id === id)?.name ?? `人员 ${id}`;
  const parts: string[] = [];
  if (q.receivedFrom || q.receivedTo) parts.push(`收到日期 ${q.receivedFrom ?? '最早'} 至 ${q.receivedTo ?? '今天'}`);
  if (q.caseType?.length) parts.push(`类型：${q.caseType.join('、')}`);
  if (q.channel?.length) parts.push(`渠道：${q.channel.join('、')}`);
  if (q.status?.length) parts.push(`状态：${q.status.map((s) => STATUS_LABELS[s]).join('、')}`);
  if (q.respondentDepartmentId) parts.push(`被投诉部门：${dept(q.respondentDepartmentId)}`);
  if (q.handlerDepartmentId) parts.push(`承办部门：${dept(q.handlerDepartmentId)}`);
  if (q.handlerStaffId) parts.push(`承办人：${staff(q.handlerStaffId)}`);
  if (q.severity?.length) parts.push(`严重程度：${q.severity.map((s) => SEVERITY_LABELS[s]).join('、')}`);
  if (q.dueState?.length) parts.push(`期限状态：${q.dueState.map((s) => DUE_STATE_LABELS[s]).join('、')}`);
  if (q.repeat === true) parts.push('仅重复件');
  if (q.search) parts.push(`搜索：${q.search}`);
  const order = `按${SORTS[q.sortBy]}${q.sortOrder === 'asc' ? '升序' : '降序'}`;
  return parts.length === 0 ? `全部案件（${order}）` : `${parts.join('；')}（${order}）`;
}
