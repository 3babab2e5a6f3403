import type BetterSqlite3 from 'better-sqlite3';

/**
 * The bookkeeping of a bulk load (the demo loader, electron/demo/bulk-writer.ts): what it changes in the
 * register for its duration, noted in the register itself, and putting it back. Here rather than beside the
 * loader because opening a data folder puts back what a load that stopped half way set aside, and opening a
 * register must not import the demo.
 */

/** Indexes a load into an empty register builds once at the end instead of row by row. */
const DEFERRED_INDEXES = ['complainants_name', 'complainants_phone', 'complainants_initial', 'complainants_phone_tail'];
const PENDING_KEY = 'demo.loadPending';
/** What a load changes for its duration and must put back. */
interface LoadChanges {
  /** the office's own full-text settings */
  fts: { automerge: number; hashsize: number };
  /** the set-aside indexes' CREATE statements, as the schema had them */
  indexes: string[];
}

/** An FTS5 setting of the full-text index (`fallback`: FTS5's default when the office never set it). */
function ftsSetting(raw: BetterSqlite3.Database, key: string, fallback: number): number {
  return Number(raw.prepare('SELECT v FROM case_fts_config WHERE k = ?').pluck().get(key) ?? fallback);
}

/** FTS5 takes its settings as literals only (a bound value is refused), hence the numbers checked here. */
function setFts(raw: BetterSqlite3.Database, fts: LoadChanges['fts']): void {
  for (const [key, value] of Object.entries(fts)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`全文索引设置无效：${key}=${String(value)}`);
    raw.prepare(`INSERT INTO case_fts (case_fts, rank) VALUES ('${key}', ${value})`).run();
  }
}

/**
 * Readies the register for a bulk load, in one transaction that first notes what it changes, so that a
 * load which never reaches its end is put right the next time the data folder is opened
 * (`putBackAfterLoad`):
 * - FTS5 writes a new segment whenever its pending terms pass `hashsize` (1 MB by default: a dozen
 *   segments per batch, and merging them took a third of a million-case load); with room for a whole
 *   batch each batch is one segment, and merging less eagerly (16 segments a level instead of 4) saves
 *   more. Searches stay as fast once the office's settings are back.
 * - Into an empty register, the phone and name indexes (entries in random order: ten seconds row by row
 *   for a million cases, two built once at the end) are set aside.
 */
export function setAsideForLoad(raw: BetterSqlite3.Database, opts: { deferIndexes: boolean }): void {
  putBackAfterLoad(raw); // anything an earlier, unfinished load left
  const names = DEFERRED_INDEXES.map(() => '?').join(', ');
  const indexes = opts.deferIndexes
    ? raw.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name IN (${names})`).pluck().all(...DEFERRED_INDEXES) as string[]
    : [];
  const changes: LoadChanges = { fts: { automerge: ftsSetting(raw, 'automerge', 4), hashsize: ftsSetting(raw, 'hashsize', 1024 * 1024) }, indexes };
  raw.transaction(() => {
    raw.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(PENDING_KEY, JSON.stringify(changes));
    if (opts.deferIndexes) for (const name of DEFERRED_INDEXES) raw.prepare(`DROP INDEX IF EXISTS ${name}`).run();
    setFts(raw, { automerge: 16, hashsize: 256 * 1024 * 1024 });
  })();
}

/** Puts back what a load set aside (idempotent: nothing when nothing is pending). */
export function putBackAfterLoad(raw: BetterSqlite3.Database): void {
  const pending = raw.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(PENDING_KEY) as string | undefined;
  if (!pending) return;
  const changes = JSON.parse(pending) as LoadChanges;
  raw.transaction(() => {
    for (const ddl of changes.indexes) {
      // One CREATE INDEX statement, as read from the schema: prepare() refuses anything more.
      if (!/^CREATE INDEX \w+ ON \w+\s*\(/.test(ddl)) throw new Error(`无法恢复索引：${ddl.slice(0, 80)}`);
      raw.prepare(ddl.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS ')).run();
    }
    setFts(raw, changes.fts);
    raw.prepare('DELETE FROM settings WHERE key = ?').run(PENDING_KEY);
  })();
}
