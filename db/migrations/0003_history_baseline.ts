import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

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
const BATCH = 1000;

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

export async function up(db: Kysely<any>): Promise<void> {
  const maxId = Number((await sql<{ n: number | null }>`SELECT max(id) AS n FROM cases`.execute(db)).rows[0]?.n ?? 0);
  if (maxId === 0) return;
  const last = (await sql<{ hash: string }>`SELECT hash FROM history ORDER BY id DESC LIMIT 1`.execute(db)).rows[0];
  let prev = last?.hash ?? GENESIS_HASH;
  const at = localDateTime(new Date());
  let first: number | null = null;
  let lastId = 0;
  let count = 0;
  const insert = async (r: Record<string, unknown>) => {
    const hash = historyHash(prev, r);
    const res = await sql<{ id: number }>`INSERT INTO history (entity, entity_id, action, actor_id, actor_name, at, before, after, note, prev_hash, hash)
      VALUES (${r.entity}, ${r.entity_id}, ${r.action}, ${r.actor_id}, ${r.actor_name}, ${r.at}, ${r.before}, ${r.after}, ${r.note}, ${prev}, ${hash})
      RETURNING id`.execute(db);
    prev = hash;
    return res.rows[0].id;
  };
  for (let lo = 1; lo <= maxId; lo += BATCH) {
    const hi = lo + BATCH - 1;
    const cases = (await sql<Record<string, unknown>>`SELECT * FROM cases WHERE id BETWEEN ${lo} AND ${hi} ORDER BY id`.execute(db)).rows;
    if (cases.length === 0) continue;
    const people = new Map<number, Array<Record<string, unknown>>>();
    for (const c of (await sql<Record<string, unknown>>`SELECT * FROM complainants WHERE case_id BETWEEN ${lo} AND ${hi} ORDER BY case_id, seq`.execute(db)).rows) {
      const list = people.get(c.case_id as number) ?? [];
      list.push(c);
      people.set(c.case_id as number, list);
    }
    const said = new Map<number, Array<string | null>>();
    for (const h of (await sql<{ entity_id: number; after: string | null }>`SELECT entity_id, after FROM history
      WHERE entity = 'case' AND entity_id BETWEEN ${lo} AND ${hi} ORDER BY entity_id, id`.execute(db)).rows) {
      const list = said.get(h.entity_id) ?? [];
      list.push(h.after);
      said.set(h.entity_id, list);
    }
    for (const row of cases) {
      const id = row.id as number;
      const list = people.get(id) ?? [];
      const snapshot: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(row)) if (!UNRECORDED.has(key)) snapshot[key] = value;
      snapshot.complainants = list.map(recorded);
      const differs = disagreements(said.get(id) ?? [], row, list);
      const note = `升级：以升级时的案件内容为核验起点（此前的登记记录不含完整内容）${differs.length ? `；升级时已与此前的历史记录不符：${differs.join('、')}` : ''}`;
      lastId = await insert({ entity: 'case', entity_id: id, action: 'baseline', actor_id: null, actor_name: '系统', at, before: null, after: JSON.stringify(snapshot), note });
      first ??= lastId;
      count++;
    }
  }
  await insert({
    entity: 'settings', entity_id: 0, action: 'historyBaseline', actor_id: null, actor_name: '系统', at, before: null,
    after: JSON.stringify({ first_id: first, last_id: lastId, cases: count }), note: `升级：为 ${count} 件案件写入核验基线`,
  });
}
