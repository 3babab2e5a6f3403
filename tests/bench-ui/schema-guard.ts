import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrations } from '../../db/migrations';
import { DB_FILE_NAME } from '../../db/open';

/**
 * `serve` migrates the register it opens to the build's latest schema. A register the bench did not seed
 * itself is often shared (other people read the same million-case copy, and Kysely refuses a register
 * migrated past the code that opens it), so the bench looks first, read-only, and refuses to go on when
 * the build would migrate it — unless --migrate says the register is the bench's own to change.
 * Returns the migrations the build would apply (empty: same schema).
 */
export function pendingMigrations(dataDir: string): { pending: string[]; unknown: string[] } {
  const raw = new BetterSqlite3(path.join(dataDir, DB_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    const hasTable = raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
    const applied = new Set(hasTable ? (raw.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map((r) => r.name) : []);
    const known = Object.keys(migrations);
    return {
      pending: known.filter((m) => !applied.has(m)).sort(),
      unknown: [...applied].filter((m) => !known.includes(m)).sort(),
    };
  } finally {
    raw.close();
  }
}

/** Throws (with what to do) when opening dataDir with this build would change or fail on its schema. */
export function refuseToMigrate(dataDir: string, allowMigrate: boolean): void {
  const { pending, unknown } = pendingMigrations(dataDir);
  if (unknown.length) {
    throw new Error(`${dataDir}: the register was migrated past this build (${unknown.join(', ')}); serve would refuse it. Use a register of this schema or a newer build.`);
  }
  if (pending.length && !allowMigrate) {
    throw new Error(
      `${dataDir}: this build would migrate the register (${pending.join(', ')}). It may be shared: copy it first ` +
        `(sqlite3 -readonly SRC/register.sqlite ".backup DIR/register.sqlite") and pass --migrate for the copy, or run an older build.`,
    );
  }
}
