import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../types';

type Db = Kysely<Database> | Transaction<Database>;
type Sql = RawBuilder<unknown>;

/**
 * What one work list of the 工作台 selects, in the register's own terms (the same conditions as the
 * register's `status`, `dueState` and `handlerStaffId` filters), so the register opened on the list
 * shows exactly its cases.
 */
export interface WorkListCondition {
  status?: readonly string[];
  /** due before `before` (已超期), or due from `from` to `until` inclusive (即将到期) */
  due?: { before: string } | { from: string; until: string };
  handlerStaffId?: number;
}

/** The register's orders a work list is listed in (oldest first): its first rows are the list. */
export type WorkListOrder = 'receivedAt' | 'dueDate';

function dueTerm(due: NonNullable<WorkListCondition['due']>, column: Sql): Sql {
  return 'before' in due ? sql`${column} < ${due.before}` : sql`${column} >= ${due.from} AND ${column} <= ${due.until}`;
}

/**
 * `FROM … WHERE …` reading indexes only, never the wide case rows (about a kilobyte each):
 * - a due condition starts from `cases_due` (the dated cases, in due order); with a status or handler it
 *   looks each one up in the narrow `cases_register` by id, as the register does;
 * - a status starts from `cases_status_filters`, which holds the handler and both dates too.
 */
function fromWhere(c: WorkListCondition): { from: Sql; datedAlias: 'c' | 'd' | null } {
  const others = (alias: string): Sql[] => [
    ...(c.status?.length ? [sql`${sql.ref(`${alias}.status`)} IN (${sql.join([...c.status])})`] : []),
    ...(c.handlerStaffId !== undefined ? [sql`${sql.ref(`${alias}.handler_staff_id`)} = ${c.handlerStaffId}`] : []),
  ];
  const rest = others('c');
  if (c.due && rest.length === 0) {
    return { from: sql`FROM cases AS c INDEXED BY cases_due WHERE ${dueTerm(c.due, sql.ref('c.due_date'))}`, datedAlias: 'c' };
  }
  if (c.due) {
    return {
      from: sql`FROM cases AS d INDEXED BY cases_due CROSS JOIN cases AS c INDEXED BY cases_register
        WHERE c.id = d.id AND ${dueTerm(c.due, sql.ref('d.due_date'))} AND ${sql.join(rest, sql` AND `)}`,
      datedAlias: 'd',
    };
  }
  if (!c.status?.length) throw new Error('a work list selects by status or by due date');
  return { from: sql`FROM cases AS c INDEXED BY cases_status_filters WHERE ${sql.join(rest, sql` AND `)}`, datedAlias: null };
}

/** How many cases the list holds, exactly. */
export async function countWorkList(db: Db, c: WorkListCondition): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n ${fromWhere(c).from}`.execute(db);
  return Number(r.rows[0].n);
}

/**
 * The list's first `limit` case ids in the register's order for the same sort: due date (cases without
 * one last), or received time, each then by register number.
 */
export async function workListIds(db: Db, c: WorkListCondition, order: WorkListOrder, limit: number): Promise<number[]> {
  const { from, datedAlias } = fromWhere(c);
  // Found by due date, every case has one: the order is then the due index's own, read no further than the list.
  const by = order === 'receivedAt' ? sql`c.received_at, c.id`
    : datedAlias ? sql`${sql.ref(`${datedAlias}.due_date`)}, ${sql.ref(`${datedAlias}.id`)}`
      : sql`c.due_date IS NULL, c.due_date, c.id`;
  const r = await sql<{ id: number }>`SELECT c.id ${from} ORDER BY ${by} LIMIT ${limit}`.execute(db);
  return r.rows.map((x) => x.id);
}

/**
 * Sent back by the review for rework (退回重办): a case back in handling (`assigned`) that carries the
 * supervisor's comment (a fresh assignment or a re-examination has none; approval replaces it).
 * Counted among the handler's cases in handling: the index finds them, their rows are read for the comment.
 */
export async function countSentBack(db: Db, handlerStaffId: number): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM cases AS c INDEXED BY cases_status_filters
    WHERE c.status = 'assigned' AND c.handler_staff_id = ${handlerStaffId} AND c.review_comment IS NOT NULL`.execute(db);
  return Number(r.rows[0].n);
}

/** Which of these cases were sent back for rework. */
export async function sentBackAmong(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const r = await db.selectFrom('cases').select('id').where('id', 'in', ids)
    .where('status', '=', 'assigned').where('review_comment', 'is not', null).execute();
  return r.map((x) => x.id);
}

/** Cases whose due date waits for a calendar year not yet imported, per year. */
export function missingCalendarYears(db: Db) {
  return db.selectFrom('cases').select(['calendar_missing_year']).where('calendar_missing_year', 'is not', null)
    .select((eb) => eb.fn.countAll<number>().as('n')).groupBy('calendar_missing_year').execute();
}
