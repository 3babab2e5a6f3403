import type BetterSqlite3 from 'better-sqlite3';

/**
 * The reads of history verification (electron/core/verify/verify-run.ts). Verification walks millions of
 * rows on a read-only better-sqlite3 connection of its own (a worker's, or an in-memory register's), so
 * these take that connection rather than Kysely, and hand back rows as arrays where the walk is hot.
 * Everything is read inside one read transaction (`beginRead` ... `endRead`): one snapshot.
 */
type Conn = BetterSqlite3.Database;

/** The hashed fields of a history row, in the order the hash takes them. */
const ENTRY_FIELDS = 'entity, entity_id, action, actor_id, actor_name, at, before, after, note';

export interface HistoryEntryRow {
  entity: string; entity_id: number; action: string; actor_id: number | null; actor_name: string; at: string;
  before: string | null; after: string | null; note: string | null;
}

export function beginRead(c: Conn): void {
  c.exec('BEGIN');
}

export function endRead(c: Conn): void {
  if (c.inTransaction) c.exec('COMMIT');
}

/** What a snapshot is: the last history row, how many there are, the cases' count and highest id. */
export function registerExtent(c: Conn): { last: { id: number; hash: string } | undefined; historyCount: number; cases: number; maxCaseId: number; maxHistoryCaseId: number } {
  const last = c.prepare('SELECT id, hash FROM history ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  const historyCount = Number(c.prepare('SELECT count(*) FROM history').pluck().get());
  const cases = c.prepare('SELECT count(*) AS n, coalesce(max(id), 0) AS max FROM cases').get() as { n: number; max: number };
  const maxHistoryCaseId = Number(c.prepare("SELECT coalesce(max(entity_id), 0) FROM history WHERE entity = 'case'").pluck().get());
  return { last, historyCount, cases: cases.n, maxCaseId: cases.max, maxHistoryCaseId };
}

export function historyEntity(c: Conn, id: number): { entity: string; entity_id: number } | undefined {
  return c.prepare('SELECT entity, entity_id FROM history WHERE id = ?').get(id) as { entity: string; entity_id: number } | undefined;
}

export function historyEntry(c: Conn, id: number): (HistoryEntryRow & { hash: string }) | undefined {
  return c.prepare(`SELECT ${ENTRY_FIELDS}, hash FROM history WHERE id = ?`).get(id) as (HistoryEntryRow & { hash: string }) | undefined;
}

/** The hash of the row before `id` (the one it must chain to). */
export function hashBefore(c: Conn, id: number): string | undefined {
  return c.prepare('SELECT hash FROM history WHERE id < ? ORDER BY id DESC LIMIT 1').pluck().get(id) as string | undefined;
}

/**
 * History rows from `from` to `to`, at most `limit`, as [id, prev_hash, hash, preimage, isBaseline]: the
 * preimage as SQLite writes it (prev_hash, a newline, the JSON array of the hashed fields, as bytes), and
 * whether the row is a baseline or the seal `sealAction`. Throws where json_array refuses a value (a BLOB).
 */
export function chainBatches(c: Conn, sealAction: string): (from: number, to: number, limit: number) => unknown[][] {
  const st = c.prepare(
    `SELECT id, prev_hash, hash, CAST(prev_hash || char(10) || json_array(${ENTRY_FIELDS}) AS BLOB), action IN ('baseline', ?)
     FROM history WHERE id >= ? AND id <= ? ORDER BY id LIMIT ?`,
  ).raw();
  return (from, to, limit) => st.all(sealAction, from, to, limit) as unknown[][];
}

/**
 * The history rows with ids `from` to `to` as one group: [rows, preimages, hashes, irregular, markers]. `preimages` is
 * the rows' preimages (as chainBatches builds them) one after another as bytes, in id order; `hashes` their stored
 * hashes one after another; `irregular` counts rows whose prev_hash or hash is not 64 bytes of text or whose prev_hash
 * holds a newline (then the bytes cannot be cut into rows: the caller checks such a group row by row); `markers` the
 * ids of baselines and of the seal `sealAction`, comma-separated, or null. One crossing into JavaScript for a thousand
 * rows instead of one each: what the chain's time went to. Throws where json_array refuses a value (a BLOB).
 */
export function chainGroups(c: Conn, sealAction: string): (from: number, to: number) => [number, Buffer | null, string | null, number | null, string | null] {
  const st = c.prepare(
    `SELECT count(*), CAST(group_concat(prev_hash || char(10) || json_array(${ENTRY_FIELDS}), '') AS BLOB), group_concat(hash, ''),
       sum(typeof(prev_hash) <> 'text' OR typeof(hash) <> 'text' OR octet_length(prev_hash) <> 64 OR octet_length(hash) <> 64 OR instr(prev_hash, char(10)) > 0),
       group_concat(CASE WHEN action IN ('baseline', ?) THEN id END)
     FROM history WHERE id BETWEEN ? AND ?`,
  ).raw();
  return (from, to) => st.get(sealAction, from, to) as [number, Buffer | null, string | null, number | null, string | null];
}

/** The same rows with their fields (for the rows chainBatches cannot render). */
export function chainRows(c: Conn, from: number, to: number, limit: number): Array<HistoryEntryRow & { id: number; prev_hash: string; hash: string }> {
  return c.prepare(`SELECT id, prev_hash, hash, ${ENTRY_FIELDS} FROM history WHERE id >= ? AND id <= ? ORDER BY id LIMIT ?`).all(from, to, limit) as Array<HistoryEntryRow & { id: number; prev_hash: string; hash: string }>;
}

export function historyMarker(c: Conn, id: number): { entity: string; action: string; after: string | null } {
  return c.prepare('SELECT entity, action, after FROM history WHERE id = ?').get(id) as { entity: string; action: string; after: string | null };
}

/** Has the migration `name` run on this register? (False when no migration ever ran.) */
export function hasMigration(c: Conn, name: string): boolean {
  return !!c.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get()
    && !!c.prepare('SELECT 1 FROM kysely_migration WHERE name = ?').get(name);
}

/** The cases table's columns, in table order. */
export function caseColumnNames(c: Conn): string[] {
  return c.prepare("SELECT name FROM pragma_table_info('cases')").pluck().all() as string[];
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The replay's two reads per range of case ids: each case as [id, register_no, the JSON array of `columns`,
 * the JSON array of its complainants' `complainantFields` by seq]; the case history as [case id, history id,
 * action, after], by case then id.
 */
export function replayReads(c: Conn, columns: readonly string[], complainantFields: readonly string[]) {
  const cases = c.prepare(
    `SELECT c.id, c.register_no, json_array(${columns.map((x) => `c.${quoted(x)}`).join(', ')}),
      (SELECT json_group_array(json_array(${complainantFields.join(', ')}) ORDER BY seq) FROM complainants p WHERE p.case_id = c.id)
     FROM cases c WHERE c.id BETWEEN ? AND ? ORDER BY c.id`,
  ).raw();
  const history = c.prepare(
    "SELECT entity_id, id, action, after FROM history WHERE entity = 'case' AND entity_id BETWEEN ? AND ? ORDER BY entity_id, id",
  ).raw();
  return {
    cases: (from: number, to: number) => cases.all(from, to) as Array<[number, string, string, string]>,
    history: (from: number, to: number) => history.all(from, to) as Array<[number, number, string, string | null]>,
  };
}

/**
 * The issued papers (issue 8) of the cases in an id range, as [id, case id, type, version, number, sha256, size,
 * superseded_by, document], by id; null when the register has no papers table yet.
 */
export function paperReads(c: Conn): ((from: number, to: number) => Array<[number, number, string, number, string | null, string, number, number | null, string]>) | null {
  if (!c.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'papers'").get()) return null;
  const st = c.prepare('SELECT id, case_id, type, version, number, sha256, size, superseded_by, document FROM papers WHERE case_id BETWEEN ? AND ? ORDER BY id').raw();
  return (from, to) => st.all(from, to) as Array<[number, number, string, number, string | null, string, number, number | null, string]>;
}

/** One case row's values with its column names, and its complainants' `fields` (after case_id) by seq. */
export function caseValues(c: Conn, id: number, complainantFields: readonly string[]): { columns: string[]; values: unknown[]; complainants: unknown[][] } {
  const st = c.prepare('SELECT * FROM cases WHERE id = ?').raw();
  const values = st.get(id) as unknown[];
  const complainants = c.prepare(`SELECT case_id, ${complainantFields.join(', ')} FROM complainants WHERE case_id = ? ORDER BY seq`).raw().all(id) as unknown[][];
  return { columns: st.columns().map((col) => col.name), values, complainants };
}

/** The hash of history row number `count`: by id when the ids have no gaps, else by position. */
export function hashOfRow(c: Conn, count: number, byId: boolean): string | undefined {
  return (byId
    ? c.prepare('SELECT hash FROM history WHERE id = ?').pluck().get(count)
    : c.prepare('SELECT hash FROM history ORDER BY id LIMIT 1 OFFSET ?').pluck().get(count - 1)) as string | undefined;
}

export function registerNoLookup(c: Conn): (caseId: number) => string | undefined {
  const st = c.prepare('SELECT register_no FROM cases WHERE id = ?').pluck();
  return (caseId) => st.get(caseId) as string | undefined;
}

/** An issued statistics summary (0010) as verification compares it with its history row. */
export interface SummaryRow {
  id: number; period_kind: string; period_from: string; period_to: string; label: string; public: number; sha256: string; bytes: number;
  file: string; issued_by: number | null; issued_by_name: string; issued_at: string; as_of: string;
}

/** The issued summaries and their statistics.issue history rows (through history_entity), or null before 0010. */
export function summaryReads(c: Conn): { rows: () => SummaryRow[]; issues: () => Array<{ id: number; entity_id: number; actor_id: number | null; actor_name: string; at: string; after: string | null }> } | null {
  if (!c.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'statistics_summaries'").get()) return null;
  return {
    rows: () => c.prepare(`SELECT id, period_kind, period_from, period_to, label, public, sha256, bytes, file, issued_by, issued_by_name, issued_at, as_of
      FROM statistics_summaries ORDER BY id`).all() as SummaryRow[],
    issues: () => c.prepare(`SELECT id, entity_id, actor_id, actor_name, at, after FROM history WHERE entity = 'statistics' AND action = 'statistics.issue'
      ORDER BY entity_id, id`).all() as Array<{ id: number; entity_id: number; actor_id: number | null; actor_name: string; at: string; after: string | null }>,
  };
}
