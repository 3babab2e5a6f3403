import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../types';
import { maintainedCount } from './register';
import { conj, fromWhere, isStatusOnly, REGISTER, registerConditions, type DueBounds, type RegisterFilter, type Source, type Sql } from './register-plan';
import type { RegisterSearch } from './register-search';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The register export's reading (登记册 → 导出 Excel): every case the register shows for the filters and search
 * (the SAME conditions as cases/list: register-plan.ts's registerConditions, register-search.ts's search), in
 * the register's order, the export's columns a chunk at a time, the wide rows never all at once. In register-number
 * order without a search's id list (the default, and most exports) each chunk is one keyset page: the next `limit`
 * matching rows after the last case written, walked along cases_register, so no list of ids is held at all. Any
 * other order (or a search's ids) reads the matching ids once (one JSON array: 8 MB at a million cases), then the
 * rows of each chunk by id.
 */
export interface ExportOrder { sortBy: 'registerNo' | 'receivedAt' | 'dueDate'; sortOrder: 'asc' | 'desc' }

function sourceAndWhere(q: RegisterFilter, t: DueBounds, search: RegisterSearch | null): { source: Source; where: Sql[] } {
  const source: Source = search && 'ids' in search ? { kind: 'ids', ids: search.ids } : REGISTER;
  return { source, where: registerConditions(q, t, search && 'where' in search ? search.where : null) };
}

/**
 * Every matching case id in the register's order: the order of cases/list's pages (register-plan.ts pagePlan):
 * register number; received time then id; due date (cases without one last) then id, each ascending or descending.
 */
export async function exportIds(db: Db, q: RegisterFilter & ExportOrder, t: DueBounds, search: RegisterSearch | null, limit?: number): Promise<number[]> {
  if (search && 'none' in search) return [];
  const { source, where } = sourceAndWhere(q, t, search);
  const dir = sql.raw(q.sortOrder === 'asc' ? 'ASC' : 'DESC');
  const order = q.sortBy === 'dueDate' ? sql`c.due_date IS NULL, c.due_date ${dir}, c.id ${dir}`
    : q.sortBy === 'receivedAt' ? sql`c.received_at ${dir}, c.id ${dir}`
      : sql`c.id ${dir}`;
  // One JSON array (SQLite's ordered aggregate, 3.44+), not a row object per case: a million ids as rows took about
  // 95 MB of the reading thread's heap, as one string 7 MB and as the parsed array 8 MB.
  const row = await sql<{ ids: string }>`SELECT json_group_array(c.id ORDER BY ${order}) AS ids ${fromWhere(source, where)}`.execute(db);
  const ids = JSON.parse(row.rows[0]?.ids ?? '[]') as number[];
  return limit !== undefined && ids.length > limit ? ids.slice(0, limit) : ids;
}

/** How many cases match, exactly (the register's own count when it is exact). */
export async function exportCount(db: Db, q: RegisterFilter, t: DueBounds, search: RegisterSearch | null): Promise<number> {
  if (search && 'none' in search) return 0;
  if (!search && isStatusOnly(q)) return maintainedCount(db, q.status);
  const { source, where } = sourceAndWhere(q, t, search);
  const row = await sql<{ n: number }>`SELECT count(*) AS n ${fromWhere(source, where)}`.execute(db);
  return Number(row.rows[0].n);
}

/** One exported case as stored, with the names and the first complainant it shows. */
export interface ExportRow {
  id: number;
  register_no: string;
  received_at: string;
  channel: string;
  case_type: string;
  subject: string;
  is_anonymous: number;
  is_confidential: number;
  recorder_id: number;
  first_receiver_id: number;
  status: string;
  accepted_at: string | null;
  respondent_department: string | null;
  respondent_staff: string | null;
  handler_department: string | null;
  handler_staff: string | null;
  due_date: string | null;
  overall_due: string | null;
  original_due: string | null;
  extensions: number;
  closed_at: string | null;
  finding: string | null;
  replied_on: string | null;
  reply_method: string | null;
  satisfaction: string | null;
  /** the first complainant's */
  name: string | null;
  phone: string | null;
  /**
   * the case this one is linked to as a repeat, if it is: JSON [register_no, is_confidential, recorder_id,
   * first_receiver_id] (what decides whether the reader may be shown the link: export-run.ts repeatOfShown)
   */
  repeat_of: string | null;
  /** every complainant's identity as JSON [[name, phone, idNumber, address, employer], …]: to mask it in the subject */
  people: string;
}

/** The export's columns (ExportRow) of the case `c`, and what they join. */
const COLUMNS = sql`c.id, c.register_no, c.received_at, c.channel, c.case_type, c.subject, c.is_anonymous,
      c.is_confidential, c.recorder_id, c.first_receiver_id, c.status, c.accepted_at,
      rd.name AS respondent_department, c.respondent_staff, hd.name AS handler_department, hs.name AS handler_staff,
      c.due_date, c.overall_due, c.original_due,
      (SELECT count(*) FROM case_extensions AS e WHERE e.case_id = c.id) AS extensions,
      c.closed_at, c.finding, c.replied_on, c.reply_method, c.satisfaction,
      p.name, p.phone,
      (SELECT json_array(o.register_no, o.is_confidential, o.recorder_id, o.first_receiver_id) FROM case_repeats AS t JOIN cases AS o ON o.id = t.repeat_of_id
        WHERE t.case_id = c.id AND t.unlinked_at IS NULL ORDER BY t.id LIMIT 1) AS repeat_of,
      (SELECT json_group_array(json_array(x.name, x.phone, x.id_number, x.address, x.employer)) FROM complainants AS x
        WHERE x.case_id = c.id) AS people`;
const JOINS = sql`LEFT JOIN complainants AS p ON p.case_id = c.id AND p.seq = 1
    LEFT JOIN departments AS rd ON rd.id = c.respondent_department_id
    LEFT JOIN departments AS hd ON hd.id = c.handler_department_id
    LEFT JOIN staff AS hs ON hs.id = c.handler_staff_id`;

const numbered = (rows: ExportRow[]): ExportRow[] => {
  for (const r of rows) r.extensions = Number(r.extensions);
  return rows;
};

/** The export's columns of these cases, in the order given. */
export async function exportRows(db: Db, ids: readonly number[]): Promise<ExportRow[]> {
  if (ids.length === 0) return [];
  const q = await sql<ExportRow>`SELECT ${COLUMNS}
    FROM cases AS c
    ${JOINS}
    WHERE c.id IN (${sql.join([...ids])})`.execute(db);
  const byId = new Map(numbered(q.rows).map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Whether exportPage can read this export (keyset pages): register-number order, and no search that found its
 * matches as a list of ids (those are read by id, exportIds then exportRows).
 */
export const pagesInRegisterOrder = (q: ExportOrder, search: RegisterSearch | null): boolean =>
  q.sortBy === 'registerNo' && !(search && ('ids' in search || 'none' in search));

/**
 * The next `limit` matching cases in register-number order after the case `after` (null: from the first), with the
 * export's columns: one walk of cases_register per page from where the last one stopped (the filter columns are in
 * that index, so a case that does not match is passed over without reading its row).
 */
export async function exportPage(db: Db, q: RegisterFilter & ExportOrder, t: DueBounds, search: RegisterSearch | null, after: number | null, limit: number): Promise<ExportRow[]> {
  if (!pagesInRegisterOrder(q, search)) throw new Error('exportPage: register-number order without a search by ids only');
  const asc = q.sortOrder === 'asc';
  const where = registerConditions(q, t, search && 'where' in search ? search.where : null);
  if (after !== null) where.push(asc ? sql`c.id > ${after}` : sql`c.id < ${after}`);
  const q2 = await sql<ExportRow>`SELECT ${COLUMNS}
    FROM cases AS c INDEXED BY cases_register
    ${JOINS}
    WHERE ${conj(where)}
    ORDER BY c.id ${sql.raw(asc ? 'ASC' : 'DESC')} LIMIT ${limit}`.execute(db);
  return numbered(q2.rows);
}
