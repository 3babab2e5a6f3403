import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../open';
import { migrationProvider } from './index';

async function migratedTo(name: string) {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo(name);
  if (error) throw error;
  return db;
}

describe('0001_initial', () => {
  it('creates the register from an empty database and keeps the full-text index in step', async () => {
    const db = await migratedTo('0001_initial');
    await sql`INSERT INTO departments(name) VALUES ('综合窗口')`.execute(db);
    await sql`INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES ('a', '甲', 'clerk', 'h', '2026-01-01')`.execute(db);
    await sql`INSERT INTO cases(register_no, reg_year, reg_seq, received_at, registered_at, channel, case_type, subject, account,
      recorder_id, first_receiver_id, status, created_at, updated_at)
      VALUES ('2026-000001', 2026, 1, '2026-03-02 09:00:00', '2026-03-02 09:01:00', '电话', '投诉', '停车收费', '医院停车场收费不透明',
      1, 1, 'registered', '2026-03-02', '2026-03-02')`.execute(db);
    const hit = (term: string) => sql<{ rowid: number }>`SELECT rowid FROM case_fts WHERE case_fts MATCH ${`"${term}"`}`.execute(db).then((r) => r.rows.length);
    expect(await hit('停车场')).toBe(1);
    await sql`UPDATE cases SET account = '窗口排队时间太长' WHERE id = 1`.execute(db);
    expect([await hit('停车场'), await hit('排队时')]).toEqual([0, 1]);
    // Register numbers are unique; roles are a closed list; cases are never deleted.
    await expect(sql`INSERT INTO cases(register_no, reg_year, reg_seq, received_at, registered_at, channel, case_type, subject, account,
      recorder_id, first_receiver_id, status, created_at, updated_at)
      VALUES ('2026-000001', 2026, 2, 'x', 'x', 'x', 'x', 'x', 'x', 1, 1, 'registered', 'x', 'x')`.execute(db)).rejects.toThrow(/UNIQUE/);
    await expect(sql`INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES ('b', '乙', 'root', 'h', 'x')`.execute(db)).rejects.toThrow(/CHECK/);
    await expect(sql`DELETE FROM cases WHERE id = 1`.execute(db)).rejects.toThrow(/never deleted/);
    await expect(sql`INSERT INTO complainants(case_id, seq) VALUES (99, 1)`.execute(db)).rejects.toThrow(/FOREIGN KEY/);
    await db.destroy();
  });
});
