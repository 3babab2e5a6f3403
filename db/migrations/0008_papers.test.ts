import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../open';
import { migrationProvider, migrations } from './index';

async function migratedWithACase() {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: openConnection(':memory:') }) });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const names = Object.keys(migrations).sort();
  const previous = names[names.indexOf('0008_papers') - 1];
  expect((await migrator.migrateTo(previous)).error).toBeUndefined();
  await sql`INSERT INTO users(username, display_name, role, password_hash, created_at) VALUES ('zhao', '赵主任', 'supervisor', 'h', '2026-01-01')`.execute(db);
  await sql`INSERT INTO cases(register_no, reg_year, reg_seq, received_at, registered_at, channel, case_type, subject, account,
    recorder_id, first_receiver_id, status, created_at, updated_at)
    VALUES ('2026-000001', 2026, 1, '2026-03-02 09:00:00', '2026-03-02 10:00:00', '电话', '投诉', '停车收费', '收费不透明',
    1, 1, 'accepted', '2026-03-02', '2026-03-02')`.execute(db);
  expect((await migrator.migrateTo('0008_papers')).error).toBeUndefined();
  return db;
}

const paper = (db: Kysely<any>, over: Record<string, unknown> = {}) => {
  const v = {
    case_id: 1, type: 'accept', version: 1, number: '某政服诉受〔2026〕1号', number_year: 2026, number_seq: 1, template_version: 0,
    document: '{}', fill_ins: '{}', sha256: 'a'.repeat(64), size: 10, file: 'papers/2026/x.pdf', issued_by: 1, issued_by_name: '赵主任',
    issued_at: '2026-03-02 10:00:00', ...over,
  };
  return db.insertInto('papers').values(v).returning('id').executeTakeFirstOrThrow();
};

describe('0008_papers', () => {
  it('adds the paper tables beside the cases already registered, which keep their rows', async () => {
    const db = await migratedWithACase();
    expect((await sql`SELECT register_no, status FROM cases`.execute(db)).rows).toEqual([{ register_no: '2026-000001', status: 'accepted' }]);
    const first = await paper(db);
    expect(first.id).toBe(1);
    // A number of a type and year is given once; a form (no number) may repeat.
    await expect(paper(db, { version: 2, number_seq: 1 })).rejects.toThrow(/UNIQUE/);
    await expect(paper(db, { version: 1, number_seq: 2, number: 'x' })).rejects.toThrow(/UNIQUE/);
    await paper(db, { type: 'assign', number: null, number_year: null, number_seq: null });
    await paper(db, { type: 'assign', version: 2, number: null, number_year: null, number_seq: null });
    // A number without its sequence (or the other way round) is refused.
    await expect(paper(db, { type: 'reply', number: null })).rejects.toThrow(/CHECK/);
    // Papers belong to an existing case.
    await sql`PRAGMA foreign_keys = ON`.execute(db);
    await expect(paper(db, { case_id: 99, type: 'refuse' })).rejects.toThrow(/FOREIGN KEY/);
    await db.destroy();
  });

  it('freezes an issued paper: no change but being superseded once, no deletion', async () => {
    const db = await migratedWithACase();
    const a = await paper(db);
    const b = await paper(db, { version: 2, number_seq: 2, number: '某政服诉受〔2026〕2号' });
    await expect(sql`UPDATE papers SET sha256 = ${'b'.repeat(64)} WHERE id = ${a.id}`.execute(db)).rejects.toThrow(/never changed/);
    await expect(sql`UPDATE papers SET document = '{"x":1}' WHERE id = ${a.id}`.execute(db)).rejects.toThrow(/never changed/);
    await expect(sql`DELETE FROM papers WHERE id = ${a.id}`.execute(db)).rejects.toThrow(/never deleted/);
    await expect(sql`UPDATE papers SET superseded_at = '2026-03-03 09:00:00' WHERE id = ${a.id}`.execute(db)).rejects.toThrow(/superseded once/);
    await sql`UPDATE papers SET superseded_by = ${b.id}, superseded_at = '2026-03-03 09:00:00', superseded_reason = '地址有误' WHERE id = ${a.id}`.execute(db);
    await expect(sql`UPDATE papers SET superseded_reason = '改写' WHERE id = ${a.id}`.execute(db)).rejects.toThrow(/superseded once/);
    expect((await sql`SELECT superseded_by, superseded_reason FROM papers WHERE id = ${a.id}`.execute(db)).rows).toEqual([{ superseded_by: b.id, superseded_reason: '地址有误' }]);
    await db.destroy();
  });

  it('keeps template versions and number counters', async () => {
    const db = await migratedWithACase();
    const tpl = (version: number) => sql`INSERT INTO paper_templates(type, version, text, created_by, created_by_name, created_at)
      VALUES ('reply', ${version}, '{}', 1, '管理员', '2026-03-02 10:00:00')`.execute(db);
    await tpl(1);
    await tpl(2);
    await expect(tpl(2)).rejects.toThrow(/UNIQUE|PRIMARY/);
    await expect(tpl(0)).rejects.toThrow(/CHECK/);
    await expect(sql`UPDATE paper_templates SET text = 'x'`.execute(db)).rejects.toThrow(/never changed/);
    await expect(sql`DELETE FROM paper_templates`.execute(db)).rejects.toThrow(/never deleted/);
    await sql`INSERT INTO paper_counters(type, year, last_seq) VALUES ('reply', 2026, 1)`.execute(db);
    await expect(sql`INSERT INTO paper_counters(type, year, last_seq) VALUES ('reply', 2026, 2)`.execute(db)).rejects.toThrow(/UNIQUE|PRIMARY/);
    await db.destroy();
  });
});
