import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../open';
import { migrationProvider, migrations } from './index';

describe('0004_sign_in_throttle', () => {
  it('adds the attempt and lock tables to a register that already has users, leaving them untouched', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
    const migrator = new Migrator({ db, provider: migrationProvider });
    const names = Object.keys(migrations).sort();
    const previous = names[names.indexOf('0004_sign_in_throttle') - 1];
    expect((await migrator.migrateTo(previous)).error).toBeUndefined();
    await sql`INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES ('wangfang', '王芳', 'clerk', 'h', '2026-01-01')`.execute(db);
    expect((await migrator.migrateTo('0004_sign_in_throttle')).error).toBeUndefined();

    expect((await sql`SELECT username FROM users`.execute(db)).rows).toEqual([{ username: 'wangfang' }]);
    await sql`INSERT INTO sign_in_attempts(username, client, at_ms, state) VALUES ('wangfang', 'local', 1, 'pending')`.execute(db);
    await sql`INSERT INTO sign_in_locks(kind, key, locked_at_ms, until_ms) VALUES ('user', 'wangfang', 1, 900001)`.execute(db);
    await expect(sql`INSERT INTO sign_in_attempts(username, client, at_ms, state) VALUES ('x', 'local', 1, 'ok')`.execute(db)).rejects.toThrow(/CHECK/);
    await expect(sql`INSERT INTO sign_in_locks(kind, key, locked_at_ms, until_ms) VALUES ('user', 'wangfang', 2, 3)`.execute(db)).rejects.toThrow(/UNIQUE|PRIMARY/);
    // Counting an account's or an address's recent attempts reads an index, not the whole table.
    for (const [column, index] of [['username', 'sign_in_attempts_username'], ['client', 'sign_in_attempts_client']]) {
      const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT count(*) FROM sign_in_attempts WHERE ${sql.ref(column)} = 'x' AND at_ms > 0`.execute(db);
      expect(plan.rows.map((r) => r.detail).join(' ')).toContain(index);
    }
    await db.destroy();
  });
});
