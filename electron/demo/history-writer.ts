import type BetterSqlite3 from 'better-sqlite3';
import { GENESIS_HASH, historyHash } from '../core/services/history';

/**
 * Appends history rows through one prepared statement, continuing the SHA-256 chain from the last
 * row in the table. Call `begin()` at the start of every transaction that appends.
 */
export class HistoryWriter {
  private prev = GENESIS_HASH;
  private readonly last: BetterSqlite3.Statement;
  private readonly insert: BetterSqlite3.Statement;
  count = 0;

  constructor(raw: BetterSqlite3.Database) {
    this.last = raw.prepare('SELECT hash FROM history ORDER BY id DESC LIMIT 1').pluck();
    this.insert = raw.prepare(
      'INSERT INTO history (entity, entity_id, action, actor_id, actor_name, at, before, after, note, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  begin(): void {
    this.prev = (this.last.get() as string | undefined) ?? GENESIS_HASH;
  }

  /** `before`/`after` as objects (stored as JSON text, as appendHistory does) or null. */
  append(
    entity: string, entityId: number, action: string, actor: { id: number; displayName: string } | null, at: string,
    before: Record<string, unknown> | null, after: Record<string, unknown> | null, note: string | null,
  ): void {
    const row = {
      entity, entity_id: entityId, action, actor_id: actor?.id ?? null, actor_name: actor?.displayName ?? '系统', at,
      before: before ? JSON.stringify(before) : null, after: after ? JSON.stringify(after) : null, note,
    };
    const hash = historyHash(this.prev, row);
    this.insert.run(row.entity, row.entity_id, row.action, row.actor_id, row.actor_name, row.at, row.before, row.after, row.note, this.prev, hash);
    this.prev = hash;
    this.count++;
  }
}
