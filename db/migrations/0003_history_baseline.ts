import { createHash } from 'node:crypto';
import { CompiledQuery, sql, type Kysely } from 'kysely';

/**
 * Frozen in time. Verification now replays each case's history and compares the result with the case
 * and complainant rows, so a direct edit of either is found. A registration recorded before this version
 * holds only a few columns (number, status, dates, subject, complainants), so a case registered earlier
 * cannot be replayed from it. For each such case this appends one `baseline` history row holding the
 * whole case row and its complainants as they are now, chained like every other row; replay starts from
 * it. Then one sealing row (entity `settings`, action `historyBaseline`) records the ids the baselines
 * occupy: verification accepts a baseline only inside that range, so nobody can append one later to make
 * a doctored case look consistent.
 *
 * What the older history does record (the few registration columns and every later change) is replayed
 * here and compared with the row: a column that already differs is named in the baseline's note, so a
 * change made behind the app's back before the upgrade stays visible in the case's history.
 *
 * The hash function and the time format are copies of the app's at the time of writing (migrations never
 * import app code).
 */
const GENESIS_HASH = '0'.repeat(64);
const UNRECORDED = new Set(['id', 'version', 'updated_at']);
const BATCH = 2000;
/** Rows per INSERT: 12 values each, well under SQLite's limit on bound parameters. */
const INSERT_ROWS = 250;

function historyHash(prev: string, r: Record<string, unknown>): string {
  const content = JSON.stringify([r.entity, r.entity_id, r.action, r.actor_id, r.actor_name, r.at, r.before, r.after, r.note]);
  return createHash('sha256').update(prev).update('\n').update(content).digest('hex');
}

const pad = (n: number) => String(n).padStart(2, '0');
function localDateTime(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const COMPLAINANT = ['seq', 'name', 'gender', 'phone', 'id_number', 'address', 'employer'] as const;
const recorded = (c: Record<string, unknown>) => Object.fromEntries(COMPLAINANT.map((k) => [k, c[k] ?? null]));

/** Columns where what the older history says differs from the row (only columns it says anything about). */
function disagreements(entries: Array<string | null>, row: Record<string, unknown>, people: Array<Record<string, unknown>>): string[] {
  const said: Record<string, unknown> = {};
  for (const text of entries) {
    const after = text ? (JSON.parse(text) as Record<string, unknown> | null) : null;
    if (after && typeof after === 'object') Object.assign(said, after);
  }
  const out: string[] = [];
  for (const [key, value] of Object.entries(said)) {
    if (key === 'complainants') {
      if (JSON.stringify((value as Array<Record<string, unknown>>).map(recorded)) !== JSON.stringify(people.map(recorded))) out.push(key);
    } else if (key in row && !UNRECORDED.has(key) && (value ?? null) !== (row[key] ?? null)) out.push(key);
  }
  return out;
}

/**
 * The baseline snapshot as SQLite writes it: every column but the unrecorded ones, then the complainants
 * (the case's row and complainant rows become JSON in C, a third of the time of building it here).
 */
function snapshotSql(columns: string[]): string {
  const quoted = (c: string) => `"${c.replaceAll('"', '""')}"`;
  const people = `(SELECT json_group_array(json_object(${COMPLAINANT.map((k) => `'${k}', p.${k}`).join(', ')}) ORDER BY p.seq) FROM complainants p WHERE p.case_id = c.id)`;
  return `json_object(${columns.map((c) => `'${c.replaceAll("'", "''")}', c.${quoted(c)}`).join(', ')}, 'complainants', ${people})`;
}

/**
 * All of it in one transaction (Kysely runs SQLite migrations without one): baselines without their
 * seal would read as forged. And once only: a seal already there means an earlier run committed and
 * stopped before the migration was recorded.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const sealed = await sql`SELECT 1 FROM history WHERE action = 'historyBaseline' AND entity = 'settings' LIMIT 1`.execute(trx);
    if (sealed.rows.length === 0) await writeBaselines(trx);
  });
}

async function writeBaselines(db: Kysely<any>): Promise<void> {
  const maxId = Number((await sql<{ n: number | null }>`SELECT max(id) AS n FROM cases`.execute(db)).rows[0]?.n ?? 0);
  if (maxId === 0) return;
  const columns = (await sql<{ name: string }>`SELECT name FROM pragma_table_info('cases')`.execute(db)).rows.map((r) => r.name).filter((c) => !UNRECORDED.has(c));
  const select = sql.raw(`SELECT c.id, ${snapshotSql(columns)} AS snapshot FROM cases c WHERE c.id BETWEEN `);
  const last = (await sql<{ id: number; hash: string }>`SELECT id, hash FROM history ORDER BY id DESC LIMIT 1`.execute(db)).rows[0];
  let prev = last?.hash ?? GENESIS_HASH;
  // Ids follow on from the last row (INTEGER PRIMARY KEY: max + 1), so they are known before the insert.
  let nextId = (last?.id ?? 0) + 1;
  const at = localDateTime(new Date());
  const first = nextId;
  let count = 0;
  let pending: unknown[][] = [];
  // Compiled by hand: Kysely's template for a few hundred rows costs more than SQLite's insert of them.
  const insertText = (rows: number) => `INSERT INTO history (id, entity, entity_id, action, actor_id, actor_name, at, before, after, note, prev_hash, hash) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
  const full = insertText(INSERT_ROWS);
  const flush = async () => {
    for (let i = 0; i < pending.length; i += INSERT_ROWS) {
      const rows = pending.slice(i, i + INSERT_ROWS);
      await db.executeQuery(CompiledQuery.raw(rows.length === INSERT_ROWS ? full : insertText(rows.length), rows.flat()));
    }
    pending = [];
  };
  const append = (r: { entity: string; entity_id: number; action: string; actor_id: null; actor_name: string; at: string; before: null; after: string; note: string }) => {
    const hash = historyHash(prev, r);
    pending.push([nextId++, r.entity, r.entity_id, r.action, r.actor_id, r.actor_name, r.at, r.before, r.after, r.note, prev, hash]);
    prev = hash;
  };
  for (let lo = 1; lo <= maxId; lo += BATCH) {
    const hi = lo + BATCH - 1;
    const cases = (await sql<{ id: number; snapshot: string }>`${select}${lo} AND ${hi} ORDER BY c.id`.execute(db)).rows;
    if (cases.length === 0) continue;
    const said = new Map<number, Array<string | null>>();
    for (const h of (await sql<{ entity_id: number; after: string | null }>`SELECT entity_id, after FROM history
      WHERE entity = 'case' AND entity_id BETWEEN ${lo} AND ${hi} ORDER BY entity_id, id`.execute(db)).rows) {
      const list = said.get(h.entity_id) ?? [];
      list.push(h.after);
      said.set(h.entity_id, list);
    }
    for (const { id, snapshot } of cases) {
      const row = JSON.parse(snapshot) as Record<string, unknown>;
      const differs = disagreements(said.get(id) ?? [], row, row.complainants as Array<Record<string, unknown>>);
      const note = `升级：以升级时的案件内容为核验起点（此前的登记记录不含完整内容）${differs.length ? `；升级时已与此前的历史记录不符：${differs.join('、')}` : ''}`;
      append({ entity: 'case', entity_id: id, action: 'baseline', actor_id: null, actor_name: '系统', at, before: null, after: snapshot, note });
      count++;
    }
    await flush();
  }
  append({
    entity: 'settings', entity_id: 0, action: 'historyBaseline', actor_id: null, actor_name: '系统', at, before: null,
    after: JSON.stringify({ first_id: first, last_id: nextId - 1, cases: count }), note: `升级：为 ${count} 件案件写入核验基线`,
  });
  await flush();
}
