import type BetterSqlite3 from 'better-sqlite3';
import { chainedHistoryRow, GENESIS_HASH, type HistoryInput } from '../core/services/history';

/**
 * Appends history rows through one prepared statement, continuing the SHA-256 chain from the last
 * row in the table: the rows appendHistory would write (services/history.ts builds them), synchronously
 * on the loader's connection. Call `begin()` at the start of every transaction that appends.
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
    entity: HistoryInput['entity'], entityId: number, action: string, actor: HistoryInput['actor'], at: string,
    before: Record<string, unknown> | null, after: Record<string, unknown> | null, note: string | null,
  ): void {
    const r = chainedHistoryRow(this.prev, { entity, entityId, action, actor, at, before, after, note });
    this.insert.run(r.entity, r.entity_id, r.action, r.actor_id, r.actor_name, r.at, r.before, r.after, r.note, r.prev_hash, r.hash);
    this.prev = r.hash;
    this.count++;
  }
}
