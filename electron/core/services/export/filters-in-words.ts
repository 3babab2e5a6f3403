import type { Kysely } from 'kysely';
import { nameRows } from '../../../../db/queries/case-directory';
import type { Database } from '../../../../db/types';
import { registerFilterText } from '../../domain/register-filters';
import type { ExportQuery } from './export-run';

/**
 * The register's filters, search and order in words, as the workbook's title line and the history entry say them
 * (domain/register-filters.ts, the words the export dialog shows too), with the directory's names from the database:
 * 收到日期 2026-11-01 至 2026-11-30；状态：已办结（按登记编号降序）.
 */
export async function filtersInWords(db: Kysely<Database>, q: ExportQuery): Promise<string> {
  const names = await nameRows(db);
  const departments = new Map(names.departments.map((d) => [d.id, d.name]));
  const staff = new Map(names.staff.map((s) => [s.id, s.name]));
  return registerFilterText(q, { department: (id) => departments.get(id), staff: (id) => staff.get(id) });
}
