import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { migrations } from './migrations';

/**
 * Is this file a register we can trust, without trusting it? Used on the live register before it is opened
 * for writing (start-up), on every backup copy before it gets its final name, and on a backup before it is
 * restored. The file is opened read-only on a connection of its own (never the app's writer); nothing in
 * it is ever changed, and a damaged or foreign file is reported in words, never thrown.
 */

/** The chain head of a register: how many history rows, and the hash of the last (genesis when none). */
export interface RegisterHead { count: number; hash: string }

export interface RegisterCheck {
  file: string;
  /** everything below is fine: a register, intact, foreign keys hold, a schema this program knows */
  ok: boolean;
  /** the first thing wrong, in words for the office (null when ok) */
  problem: string | null;
  /** SQLite opens it and it has the register's tables (kysely_migration, cases, history) */
  isRegister: boolean;
  /** SQLite cannot read it as a database, or its integrity check fails: never to be opened for writing */
  damaged: boolean;
  /** 'ok', or the first problems quick_check (integrity_check with `full`) found; null when it could not run */
  integrity: string | null;
  /** 'ok', or the first rows of foreign_key_check; null when it could not run */
  foreignKeys: string | null;
  /** the newest migration applied; null when none */
  schemaVersion: string | null;
  /** the file has a migration this program does not know: made by a newer version */
  newerThanApp: boolean;
  cases: number;
  lastRegisterNumber: string | null;
  head: RegisterHead | null;
}

/** The hash the first history row chains to (electron/core/services/history.ts GENESIS_HASH). */
const GENESIS = '0'.repeat(64);
const FIRST_PROBLEMS = 5;

/** The oldest SQLite this program runs on: FTS5's trigram tokenizer with contentless_delete (3.43), json_array, WAL. */
export const MIN_SQLITE_VERSION = '3.43.0';

function versionAtLeast(actual: string, minimum: string): boolean {
  const a = actual.split('.').map(Number);
  const m = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, m.length); i++) {
    if ((a[i] ?? 0) !== (m[i] ?? 0)) return (a[i] ?? 0) > (m[i] ?? 0);
  }
  return true;
}

/** What SQLite said, as a sentence for the office (its own words kept in brackets for whoever helps them). */
function unreadable(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const said = String(e?.message ?? err).slice(0, 200);
  if (e?.code === 'SQLITE_NOTADB') return `不是 SQLite 数据库文件，或文件头已损坏（${said}）`;
  if (e?.code === 'SQLITE_CORRUPT' || e?.code?.startsWith('SQLITE_CORRUPT')) return `数据库文件已损坏（${said}）`;
  if (e?.code === 'SQLITE_CANTOPEN') return `无法打开文件（${said}）`;
  return `无法读取该文件（${said}）`;
}

/**
 * The file header (first 100 bytes) as SQLite writes it: the magic string, a valid page size, and (when the
 * header's page count is current) a file at least that long. Catches a zeroed first page and a truncated file
 * without reading the rest. Returns the problem, or null.
 */
function headerProblem(file: string, size: number): string | null {
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000') return '不是 SQLite 数据库文件，或文件头已损坏';
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return `数据库文件头已损坏（页大小 ${raw}）`;
  const pages = header.readUInt32BE(28);
  const current = header.readUInt32BE(92) === header.readUInt32BE(24);
  if (current && pages > 0 && size < pages * pageSize) return `数据库文件被截断（应有 ${pages * pageSize} 字节，实有 ${size} 字节）`;
  return null;
}

/**
 * `light`: for the start-up of a large register (quick_check reads every page: minutes for gigabytes): the header,
 * the schema, the last row of history and cases, and the schema version, without quick_check, foreign_key_check or
 * counts (integrity and foreignKeys stay null). Every backup runs the full integrity_check on its copy.
 */
export function checkRegisterFile(file: string, opts: { full?: boolean; light?: boolean } = {}): RegisterCheck {
  const result: RegisterCheck = {
    file, ok: false, problem: null, isRegister: false, damaged: false, integrity: null, foreignKeys: null,
    schemaVersion: null, newerThanApp: false, cases: 0, lastRegisterNumber: null, head: null,
  };
  const refuse = (problem: string): RegisterCheck => {
    result.problem ??= problem;
    result.ok = false;
    return result;
  };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return refuse(`找不到文件 ${file}`);
  }
  if (!stat.isFile()) return refuse(`${file} 不是文件`);
  if (stat.size === 0) return refuse('文件是空的（0 字节），不是登记册');
  try {
    const bad = headerProblem(file, stat.size);
    if (bad) {
      result.damaged = true;
      return refuse(bad);
    }
  } catch (err) {
    return refuse(unreadable(err));
  }

  const damaged = (err: unknown): RegisterCheck => {
    result.damaged = true;
    return refuse(unreadable(err));
  };
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    return (err as { code?: string }).code === 'SQLITE_CANTOPEN' ? refuse(unreadable(err)) : damaged(err);
  }
  try {
    raw.pragma('busy_timeout = 5000');
    raw.pragma('trusted_schema = OFF');
    let tables: Set<string>;
    try {
      tables = new Set(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    } catch (err) {
      return damaged(err);
    }
    const missing = ['kysely_migration', 'cases', 'history'].filter((t) => !tables.has(t));
    if (missing.length) return refuse(`这是一个 SQLite 数据库，但不是投诉登记册（缺少表 ${missing.join('、')}）`);
    result.isRegister = true;

    if (opts.light) {
      try {
        raw.prepare('SELECT max(id) FROM history').get();
        raw.prepare('SELECT max(id) FROM cases').get();
        const applied = raw.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[];
        result.schemaVersion = applied.at(-1) ?? null;
        const unknown = applied.filter((name) => !(name in migrations));
        result.newerThanApp = unknown.length > 0;
        if (unknown.length) return refuse(`该登记册由较新版本的程序创建（含本程序不认识的升级 ${unknown.join('、')}），请先升级本程序`);
      } catch (err) {
        return damaged(err);
      }
      result.ok = true;
      return result;
    }

    try {
      const rows = raw.prepare(opts.full ? `PRAGMA integrity_check(${FIRST_PROBLEMS})` : `PRAGMA quick_check(${FIRST_PROBLEMS})`).pluck().all() as string[];
      result.integrity = rows.length === 1 && rows[0] === 'ok' ? 'ok' : rows.join('；');
    } catch (err) {
      return damaged(err);
    }
    if (result.integrity !== 'ok') result.damaged = true;
    if (result.integrity !== 'ok') return refuse(`数据库文件已损坏（完整性检查：${result.integrity}）`);

    try {
      const rows = raw.prepare('PRAGMA foreign_key_check').all() as Array<{ table: string; rowid: number | null; parent: string }>;
      result.foreignKeys = rows.length === 0 ? 'ok'
        : rows.slice(0, FIRST_PROBLEMS).map((r) => `表 ${r.table} 第 ${r.rowid ?? '?'} 行引用了表 ${r.parent} 中不存在的记录`).join('；')
          + (rows.length > FIRST_PROBLEMS ? `（共 ${rows.length} 处）` : '');
    } catch (err) {
      return damaged(err);
    }

    try {
      const applied = raw.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[];
      result.schemaVersion = applied.at(-1) ?? null;
      const unknown = applied.filter((name) => !(name in migrations));
      result.newerThanApp = unknown.length > 0;
      result.cases = Number(raw.prepare('SELECT count(*) FROM cases').pluck().get());
      result.lastRegisterNumber = (raw.prepare('SELECT register_no FROM cases ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? null;
      const last = raw.prepare('SELECT hash FROM history ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined;
      result.head = { count: Number(raw.prepare('SELECT count(*) FROM history').pluck().get()), hash: last ?? GENESIS };
      if (unknown.length) return refuse(`该登记册由较新版本的程序创建（含本程序不认识的升级 ${unknown.join('、')}），请先升级本程序`);
    } catch (err) {
      return damaged(err);
    }
    if (result.foreignKeys !== 'ok') return refuse(`登记册的数据互相引用不一致（${result.foreignKeys}）`);
    result.ok = true;
    return result;
  } finally {
    try {
      raw.close();
    } catch { /* a connection that could not read has nothing to flush */ }
  }
}

/**
 * Are all the problems integrity_check reported in indexes (an entry missing, one too many, a wrong count), with
 * the rows themselves readable? Such damage is repaired without losing anything by rebuilding the indexes from
 * the rows (REINDEX), where a restore would lose every save since the backup.
 */
export function onlyIndexProblems(integrity: string | null): boolean {
  if (!integrity || integrity === 'ok') return false;
  return integrity.split('；').every((p) => /^(row \d+ missing from index |wrong # of entries in index |index \S+ stores an imprecise floating-point value for row \d+$)/.test(p.trim()));
}

/** Rebuilds every index of the register at `file` from its rows (the writer's lock is the caller's). */
export function rebuildIndexes(file: string): void {
  const raw = new BetterSqlite3(file, { fileMustExist: true });
  try {
    raw.pragma('busy_timeout = 5000');
    raw.exec('REINDEX');
  } finally {
    raw.close();
  }
}

/**
 * The connection the register is written through is the one durability was designed for: a recent enough
 * SQLite, WAL, synchronous=FULL (every commit on the disk before it is acknowledged), foreign keys enforced,
 * and a schema that is not trusted to run functions with side effects from triggers and views. Throws an
 * Error naming what is wrong; an in-memory database (tests) has no WAL and is accepted with 'memory', and a
 * read-only connection reads whatever journal mode the file has.
 */
export function assertConnection(raw: BetterSqlite3.Database, options: { readonly?: boolean } = {}): void {
  const problems: string[] = [];
  const version = raw.prepare('SELECT sqlite_version()').pluck().get() as string;
  if (!versionAtLeast(version, MIN_SQLITE_VERSION)) problems.push(`SQLite ${version} 太旧（至少需要 ${MIN_SQLITE_VERSION}）`);
  const main = (raw.pragma('database_list') as Array<{ name: string; file: string }>).find((d) => d.name === 'main');
  const inMemory = !main?.file;
  const journal = String(raw.pragma('journal_mode', { simple: true }));
  // A read-only connection cannot switch the file to WAL (a register copied by hand may be in rollback mode); the writer does.
  if (journal !== 'wal' && !(inMemory && journal === 'memory') && !options.readonly) problems.push(`journal_mode 是 ${journal}，应为 wal`);
  const synchronous = Number(raw.pragma('synchronous', { simple: true }));
  if (synchronous !== 2) problems.push(`synchronous 是 ${synchronous}，应为 2（FULL）`);
  if (Number(raw.pragma('foreign_keys', { simple: true })) !== 1) problems.push('foreign_keys 未开启');
  if (Number(raw.pragma('trusted_schema', { simple: true })) !== 0) problems.push('trusted_schema 未关闭');
  if (problems.length) throw new Error(`登记册的数据库连接不符合要求：${problems.join('；')}`);
}
