import { sql, type Kysely } from 'kysely';

/**
 * Frozen in time: the statistics' totals per day, kept by triggers in the same statement as every change of a
 * case, so a report of any period adds up a few thousand small rows instead of walking its cohort (a month of a
 * million-case register: 54,000 index entries for the month, as many again for 环比 and for 同比; a year: half the
 * register, twice).
 *
 * - `statistics_totals` (dim, day, key, key2): the cases received on `day` (the date of received_at as stored, the
 *   office's local time) counted per value of one dimension: `status` (every case, voided ones under 'voided'),
 *   and, voided cases left out, `handler` (承办部门 id, '' for none), `type`, `channel`, `respondent` (被投诉部门 id,
 *   '' for none), `severity` and `finding` ('' for none), `type_channel` (type in key, channel in key2). Beside the
 *   count: how many are closed, closed on time (on or before the due date in force, or answered on the spot),
 *   re-examined (round > 1), followed up by their latest satisfaction, and have at least one extension, one
 *   suspension, a standing repeat link. A row whose cases all moved away stays with zeros.
 * - `statistics_handling` (received_day, closed_day): closed cases not answered on the spot, per day of receipt
 *   and day of closing (the handling times' working days are counted from these with the calendar of the day).
 * - 超期未办结 depends on today: it is not kept but counted when asked, from the open cases' entries of the status
 *   index `cases_status_filters` (a few percent of the register).
 * - The statistics indexes of 0009 no report reads any more go (every write of a case paid for them):
 *   `cases_statistics_cells`, `cases_handling`. `cases_statistics` stays (the workbook's detail sheet walks it).
 *
 * Triggers: a case inserted adds its contribution, a case updated in any column a figure reads takes its old
 * contribution away and adds the new one; an extension, suspension or repeat link that changes whether its case
 * has one moves that case's flag. The backfill builds both tables from the cases as they stand.
 */

/** The columns of a case a figure reads: a change of any other column leaves the totals alone. */
const WATCHED = ['received_at', 'status', 'case_type', 'channel', 'severity', 'finding', 'respondent_department_id', 'handler_department_id', 'closed_at', 'overall_due', 'round', 'satisfaction'];

const DIMS = ['status', 'handler', 'type', 'channel', 'respondent', 'severity', 'finding', 'type_channel'];

const SUMS = ['n', 'closed', 'on_time', 'reopened', 'satisfied', 'basic', 'unsatisfied', 'extended', 'suspended', 'repeat'];

/** The dimension's key (and second key) of case `c`. */
const KEY = `CASE d.dim WHEN 'status' THEN c.status WHEN 'handler' THEN coalesce(CAST(c.handler_department_id AS TEXT), '')
  WHEN 'type' THEN c.case_type WHEN 'channel' THEN c.channel WHEN 'respondent' THEN coalesce(CAST(c.respondent_department_id AS TEXT), '')
  WHEN 'severity' THEN coalesce(c.severity, '') WHEN 'finding' THEN coalesce(c.finding, '') WHEN 'type_channel' THEN c.case_type END`;
const KEY2 = `CASE d.dim WHEN 'type_channel' THEN c.channel ELSE '' END`;
const DIM_ROWS = `(${DIMS.map((d, i) => (i === 0 ? `SELECT '${d}' AS dim` : `SELECT '${d}'`)).join(' UNION ALL ')}) AS d`;

/** Case `c`'s contribution to each sum (0 or 1), as SQL over `c`. */
const FLAGS: Record<string, string> = {
  n: '1',
  closed: `(c.status = 'closed')`,
  on_time: `coalesce(c.status = 'closed' AND (c.handler_department_id IS NULL OR substr(c.closed_at, 1, 10) <= c.overall_due), 0)`,
  reopened: `(c.round > 1)`,
  satisfied: `coalesce(c.status = 'closed' AND c.satisfaction = 'satisfied', 0)`,
  basic: `coalesce(c.status = 'closed' AND c.satisfaction = 'basic', 0)`,
  unsatisfied: `coalesce(c.status = 'closed' AND c.satisfaction = 'unsatisfied', 0)`,
  extended: `EXISTS (SELECT 1 FROM case_extensions AS x WHERE x.case_id = c.id)`,
  suspended: `EXISTS (SELECT 1 FROM case_suspensions AS x WHERE x.case_id = c.id)`,
  repeat: `EXISTS (SELECT 1 FROM case_repeats AS x WHERE x.case_id = c.id AND x.unlinked_at IS NULL)`,
};

const UPSERT_SET = SUMS.map((s) => `${s} = ${s} + excluded.${s}`).join(', ');

/**
 * Adds `sign` times the contribution of the case `c` described by `from` to the totals: every sum, or only `only`
 * (a side table's flag; the case's count is there already), when `when` holds.
 */
function addTotals(from: string, sign: 1 | -1, only?: string, when = '1'): string {
  // A side table's flag moves by one: `when` tells whether it moves (the flag itself, read after the change, would not).
  const value = (s: string) => (only === undefined ? `${sign} * ${FLAGS[s]}` : s === only ? String(sign) : '0');
  return `INSERT INTO statistics_totals (dim, day, key, key2, ${SUMS.join(', ')})
    SELECT d.dim, substr(c.received_at, 1, 10), ${KEY}, ${KEY2}, ${SUMS.map(value).join(', ')}
    FROM ${from} CROSS JOIN ${DIM_ROWS} WHERE ${when} AND (d.dim = 'status' OR c.status <> 'voided')
    ON CONFLICT (dim, day, key, key2) DO UPDATE SET ${UPSERT_SET};`;
}

function addHandling(from: string, sign: 1 | -1): string {
  return `INSERT INTO statistics_handling (received_day, closed_day, n)
    SELECT substr(c.received_at, 1, 10), coalesce(substr(c.closed_at, 1, 10), ''), ${sign} FROM ${from}
    WHERE c.status = 'closed' AND c.handler_department_id IS NOT NULL
    ON CONFLICT (received_day, closed_day) DO UPDATE SET n = n + excluded.n;`;
}

type Ref = 'new' | 'old';
/** The trigger's `new` or `old` case as a one-row table `c`. */
const rowOf = (ref: Ref) => `(SELECT ${['id', ...WATCHED].map((col) => `${ref}.${col} AS ${col}`).join(', ')}) AS c`;
/** The case a side table's row belongs to, as `c`. */
const caseOf = (ref: Ref) => `(SELECT * FROM cases WHERE id = ${ref}.case_id) AS c`;

/**
 * A side table's triggers: its case's flag moves when the first row that counts (`counts`: every row, or a
 * standing repeat link) arrives or the last one goes; an update is the row leaving where it stood and arriving
 * where it stands (another case, or a repeat link unlinked).
 */
function sideTriggers(table: string, flag: string, counts: (ref: string) => string): string[] {
  const alone = (ref: Ref) => `${counts(ref)} AND NOT EXISTS (SELECT 1 FROM ${table} AS y WHERE y.case_id = ${ref}.case_id AND y.id <> ${ref}.id AND ${counts('y')})`;
  return [
    `CREATE TRIGGER ${table}_totals_insert AFTER INSERT ON ${table} BEGIN
      ${addTotals(caseOf('new'), 1, flag, alone('new'))}
    END`,
    `CREATE TRIGGER ${table}_totals_delete AFTER DELETE ON ${table} BEGIN
      ${addTotals(caseOf('old'), -1, flag, alone('old'))}
    END`,
    `CREATE TRIGGER ${table}_totals_update AFTER UPDATE ON ${table} WHEN old.case_id IS NOT new.case_id OR (${counts('old')}) IS NOT (${counts('new')}) BEGIN
      ${addTotals(caseOf('old'), -1, flag, alone('old'))}
      ${addTotals(caseOf('new'), 1, flag, alone('new'))}
    END`,
  ];
}

/** The first day of the month after `day`'s (YYYY-MM-DD). */
function nextMonth(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${day.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`;
}

interface BackfillRow {
  id: number; day: string; status: string; case_type: string; channel: string; severity: string; finding: string;
  respondent: string; handler: string; closed_day: string;
  /** the flags of BITS, one bit each */
  bits: number;
}

/** The sums after `n` a case row carries as bits (in SUMS' order), and whether it counts for the handling times. */
const BITS = ['closed', 'on_time', 'reopened', 'satisfied', 'basic', 'unsatisfied'];
const HANDLED_BIT = 1 << BITS.length;

/**
 * Fills both tables from the cases as they stand: a month of the narrow statistics index at a time (its order is
 * the order of receipt), each case's flags computed by the same SQL as the triggers' (the side tables' as sets of
 * case ids), summed here per (dimension, day, key) and written a month at a time. Sorting a million cases' rows per
 * dimension in SQL instead took over a minute.
 */
async function backfill(db: Kysely<any>): Promise<void> {
  const ids = async (q: string) => new Set((await sql.raw<{ id: number }>(q).execute(db)).rows.map((r) => r.id));
  const sides = {
    extended: await ids('SELECT DISTINCT case_id AS id FROM case_extensions'),
    suspended: await ids('SELECT DISTINCT case_id AS id FROM case_suspensions'),
    repeat: await ids('SELECT case_id AS id FROM case_repeats WHERE unlinked_at IS NULL'),
  };
  // Two statements: each of min and max alone is one step along the index on received_at, both at once a walk of it.
  const bounds = {
    first: (await sql<{ v: string | null }>`SELECT min(received_at) AS v FROM cases`.execute(db)).rows[0].v,
    last: (await sql<{ v: string | null }>`SELECT max(received_at) AS v FROM cases`.execute(db)).rows[0].v,
  };
  if (bounds.first === null || bounds.last === null) return;
  const keyOf = (dim: string, r: BackfillRow): [string, string] => {
    switch (dim) {
      case 'status': return [r.status, ''];
      case 'handler': return [r.handler, ''];
      case 'type': return [r.case_type, ''];
      case 'channel': return [r.channel, ''];
      case 'respondent': return [r.respondent, ''];
      case 'severity': return [r.severity, ''];
      case 'finding': return [r.finding, ''];
      default: return [r.case_type, r.channel];
    }
  };
  for (let from = `${bounds.first.slice(0, 7)}-01`; from <= bounds.last; from = nextMonth(from)) {
    const before = nextMonth(from);
    const rows = (await sql.raw<BackfillRow>(`SELECT c.rowid AS id, substr(c.received_at, 1, 10) AS day, c.status, c.case_type, c.channel,
        coalesce(c.severity, '') AS severity, coalesce(c.finding, '') AS finding,
        coalesce(CAST(c.respondent_department_id AS TEXT), '') AS respondent, coalesce(CAST(c.handler_department_id AS TEXT), '') AS handler,
        coalesce(substr(c.closed_at, 1, 10), '') AS closed_day,
        ${BITS.map((col, i) => `(${FLAGS[col]}) * ${1 << i}`).join(' + ')} + (c.status = 'closed' AND c.handler_department_id IS NOT NULL) * ${HANDLED_BIT} AS bits
      FROM cases AS c INDEXED BY cases_statistics WHERE c.received_at >= '${from}' AND c.received_at < '${before}'`).execute(db)).rows;
    const totals = new Map<string, { dim: string; day: string; key: string; key2: string; sums: number[] }>();
    const handling = new Map<string, number>();
    for (const r of rows) {
      const add = [1, ...BITS.map((_, i) => (r.bits >> i) & 1),
        sides.extended.has(r.id) ? 1 : 0, sides.suspended.has(r.id) ? 1 : 0, sides.repeat.has(r.id) ? 1 : 0];
      for (const dim of r.status === 'voided' ? ['status'] : DIMS) {
        const [key, key2] = keyOf(dim, r);
        const id = `${dim}\u0000${r.day}\u0000${key}\u0000${key2}`;
        const t = totals.get(id) ?? { dim, day: r.day, key, key2, sums: SUMS.map(() => 0) };
        totals.set(id, t);
        for (let i = 0; i < add.length; i++) t.sums[i] += add[i];
      }
      if (r.bits & HANDLED_BIT) {
        const id = `${r.day}\u0000${r.closed_day}`;
        handling.set(id, (handling.get(id) ?? 0) + 1);
      }
    }
    const values = [...totals.values()].map((t) => [t.dim, t.day, t.key, t.key2, ...t.sums]);
    for (let i = 0; i < values.length; i += 1000) {
      const chunk = values.slice(i, i + 1000);
      await sql`INSERT INTO statistics_totals (dim, day, key, key2, ${sql.raw(SUMS.join(', '))})
        VALUES ${sql.join(chunk.map((v) => sql`(${sql.join(v)})`))}`.execute(db);
    }
    const pairs = [...handling.entries()].map(([id, n]) => [...id.split('\u0000'), n]);
    for (let i = 0; i < pairs.length; i += 5000) {
      await sql`INSERT INTO statistics_handling (received_day, closed_day, n)
        VALUES ${sql.join(pairs.slice(i, i + 5000).map((v) => sql`(${sql.join(v)})`))}`.execute(db);
    }
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  const changed = WATCHED.map((col) => `old.${col} IS NOT new.${col}`).join(' OR ');
  const tables = [
    `CREATE TABLE statistics_totals (
      dim TEXT NOT NULL, day TEXT NOT NULL, key TEXT NOT NULL, key2 TEXT NOT NULL,
      ${SUMS.map((s) => `${s} INTEGER NOT NULL`).join(', ')},
      PRIMARY KEY (dim, day, key, key2)
    ) WITHOUT ROWID`,
    `CREATE TABLE statistics_handling (
      received_day TEXT NOT NULL, closed_day TEXT NOT NULL, n INTEGER NOT NULL,
      PRIMARY KEY (received_day, closed_day)
    ) WITHOUT ROWID`,
    `DROP INDEX IF EXISTS cases_statistics_cells`,
    `DROP INDEX IF EXISTS cases_handling`,
  ];
  const triggers = [
    `CREATE TRIGGER cases_totals_insert AFTER INSERT ON cases BEGIN
      ${addTotals(rowOf('new'), 1)}
      ${addHandling(rowOf('new'), 1)}
    END`,
    `CREATE TRIGGER cases_totals_update AFTER UPDATE OF ${WATCHED.join(', ')} ON cases WHEN ${changed} BEGIN
      ${addTotals(rowOf('old'), -1)}
      ${addTotals(rowOf('new'), 1)}
      ${addHandling(rowOf('old'), -1)}
      ${addHandling(rowOf('new'), 1)}
    END`,
    ...sideTriggers('case_extensions', 'extended', () => '1'),
    ...sideTriggers('case_suspensions', 'suspended', () => '1'),
    ...sideTriggers('case_repeats', 'repeat', (ref) => `${ref}.unlinked_at IS NULL`),
  ];
  for (const statement of tables) await sql.raw(statement).execute(db);
  await backfill(db);
  for (const statement of triggers) await sql.raw(statement).execute(db);
}
