import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../types';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The cases a template preview may be composed from (设置 → 文书模板): the newest first, or those whose
 * register number holds `search` (as typed: instr, so % and _ are plain characters). Register number, date,
 * type and status only: no case text, no complainant.
 */
export function previewCaseRows(db: Db, search: string | null, limit: number) {
  let q = db.selectFrom('cases').select(['id', 'register_no', 'received_at', 'case_type', 'status']).orderBy('id', 'desc').limit(limit);
  if (search) q = q.where(sql<boolean>`instr(register_no, ${search}) > 0`);
  return q.execute();
}
