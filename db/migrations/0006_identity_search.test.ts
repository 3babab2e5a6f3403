import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../open';
import { migrationProvider, migrations } from './index';

const NAME = '0006_identity_search';
const PREVIOUS = Object.keys(migrations).sort().filter((m) => m < NAME).at(-1)!;

describe(NAME, () => {
  it('indexes the complainants\' names apart from the case text, for cases already registered and those to come', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
    const migrator = new Migrator({ db, provider: migrationProvider });
    expect((await migrator.migrateTo(PREVIOUS)).error).toBeUndefined();
    await sql`INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES ('a', '甲', 'clerk', 'h', '2026-01-01')`.execute(db);
    const insert = (i: number, subject: string, names: string, confidential: number) => sql`INSERT INTO cases(register_no, reg_year, reg_seq,
      received_at, registered_at, channel, case_type, is_confidential, subject, account, complainant_names, recorder_id, first_receiver_id, status, created_at, updated_at)
      VALUES (${`2026-00000${i}`}, 2026, ${i}, '2026-03-02 09:00:00', '2026-03-02 10:00:00', '电话', '投诉', ${confidential}, ${subject}, '张三反映收费不透明',
      ${names}, 1, 1, 'registered', '2026-03-02', '2026-03-02')`.execute(db);
    await insert(1, '停车场收费', '张三丰', 1);
    await insert(2, '窗口排队', '李四', 0);
    expect((await migrator.migrateTo(NAME)).error).toBeUndefined();
    await insert(3, '张三丰纪念馆开放时间', '王五', 0);

    const match = async (index: string, expression: string) =>
      (await sql<{ id: number }>`SELECT rowid AS id FROM ${sql.table(index)} WHERE ${sql.ref(index)} MATCH ${expression} ORDER BY rowid`.execute(db)).rows.map((r) => r.id);
    expect(await match('case_fts', '"张三丰"')).toEqual([3]);
    expect(await match('case_name_fts', '"张三丰"')).toEqual([1]);
    expect(await match('case_fts', '"张三反"')).toEqual([1, 2, 3]);
    expect(await match('case_fts', '"停车场"')).toEqual([1]);
    // A corrected name or text moves in its index with the case.
    await sql`UPDATE cases SET complainant_names = '赵六', subject = '停车收费' WHERE id = 1`.execute(db);
    expect(await match('case_name_fts', '"张三丰"')).toEqual([]);
    expect(await match('case_name_fts', '"赵六 "')).toEqual([1]);
    expect(await match('case_fts', '"停车场"')).toEqual([]);
    // Each vocabulary serves two-character terms as before: every trigram of its own texts.
    const vocab = async (table: string, prefix: string) =>
      (await sql<{ term: string }>`SELECT term FROM ${sql.table(table)} WHERE term >= ${prefix} AND term < ${`${prefix}\u{10FFFF}`}`.execute(db)).rows.map((r) => r.term);
    expect(await vocab('case_name_fts_vocab', '王五')).toEqual(['王五 ']);
    expect(await vocab('case_fts_vocab', '王五')).toEqual([]);

    const confidential = await sql<{ id: number }>`SELECT id FROM cases INDEXED BY cases_confidential WHERE is_confidential = 1`.execute(db);
    expect(confidential.rows).toEqual([{ id: 1 }]);
    await db.destroy();
  });
});
