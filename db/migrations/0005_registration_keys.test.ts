import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../open';
import { migrationProvider, migrations } from './index';

describe('0005_registration_keys', () => {
  it('adds the key table beside the cases already registered, one key per case', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
    const migrator = new Migrator({ db, provider: migrationProvider });
    const names = Object.keys(migrations).sort();
    const previous = names[names.indexOf('0005_registration_keys') - 1];
    expect((await migrator.migrateTo(previous)).error).toBeUndefined();
    await sql`INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES ('wangfang', '王芳', 'clerk', 'h', '2026-01-01')`.execute(db);
    for (const i of [1, 2]) {
      await sql`INSERT INTO cases(register_no, reg_year, reg_seq, received_at, registered_at, channel, case_type, subject, account,
        recorder_id, first_receiver_id, status, created_at, updated_at)
        VALUES (${`2026-00000${i}`}, 2026, ${i}, '2026-03-02 09:00:00', '2026-03-02 10:00:00', '电话', '投诉', '停车收费', '收费不透明',
        1, 1, 'registered', '2026-03-02', '2026-03-02')`.execute(db);
    }
    expect((await migrator.migrateTo('0005_registration_keys')).error).toBeUndefined();

    expect((await sql`SELECT count(*) AS n FROM cases`.execute(db)).rows).toEqual([{ n: 2 }]);
    const key = (k: string, caseId: number) => sql`INSERT INTO registration_keys(key, user_id, case_id, fingerprint, created_at) VALUES (${k}, 1, ${caseId}, 'f', '2026-03-02')`.execute(db);
    await key('draft-0001', 1);
    await expect(key('draft-0001', 2)).rejects.toThrow(/UNIQUE|PRIMARY/);
    await expect(key('draft-0002', 1)).rejects.toThrow(/UNIQUE/);
    expect((await sql`SELECT key, case_id FROM registration_keys`.execute(db)).rows).toEqual([{ key: 'draft-0001', case_id: 1 }]);
    await db.destroy();
  });
});
