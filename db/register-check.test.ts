import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { assertConnection, checkRegisterFile } from './register-check';
import { LATEST_MIGRATION } from './migrations';
import { openConnection, openDatabase } from './open';
import { behindTheAppsBack, overwrite, registerFile } from '../electron/core/services/backup/test-registers';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'register-check-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('checkRegisterFile', () => {
  it('reports a sound register: schema, cases, last register number and the chain head', async () => {
    const { file, office } = await registerFile(path.join(tmp(), 'r.sqlite'), 3);
    const before = fs.readFileSync(file);
    const c = checkRegisterFile(file, { full: true });
    expect(c).toMatchObject({ ok: true, problem: null, isRegister: true, integrity: 'ok', foreignKeys: 'ok', schemaVersion: LATEST_MIGRATION, newerThanApp: false, cases: 3 });
    expect(c.lastRegisterNumber).toMatch(/^2026-0+3$/);
    const head = office.core.db;
    const last = (await head.selectFrom('history').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow());
    expect(c.head).toEqual({ count: last.id, hash: last.hash });
    expect(fs.readFileSync(file).equals(before)).toBe(true); // read, never written
    expect(fs.readdirSync(path.dirname(file))).toEqual(['r.sqlite']);
  });

  it('says in words what is wrong with a missing, empty or foreign file, and never throws', () => {
    const dir = tmp();
    expect(checkRegisterFile(path.join(dir, 'nope.sqlite'))).toMatchObject({ ok: false, isRegister: false, problem: expect.stringContaining('找不到文件') });
    fs.writeFileSync(path.join(dir, 'empty.sqlite'), '');
    expect(checkRegisterFile(path.join(dir, 'empty.sqlite')).problem).toContain('空的');
    fs.writeFileSync(path.join(dir, 'letter.sqlite'), '这不是数据库。'.repeat(2000));
    expect(checkRegisterFile(path.join(dir, 'letter.sqlite'))).toMatchObject({ ok: false, isRegister: false, problem: expect.stringContaining('不是 SQLite 数据库文件') });
    const other = new BetterSqlite3(path.join(dir, 'other.sqlite'));
    other.exec('CREATE TABLE notes(x)');
    other.close();
    expect(checkRegisterFile(path.join(dir, 'other.sqlite'))).toMatchObject({ ok: false, isRegister: false, damaged: false, problem: expect.stringContaining('不是投诉登记册') });
    expect(checkRegisterFile(path.join(dir, 'letter.sqlite')).damaged).toBe(true);
  });

  it('finds a damaged page, a zeroed first page and a truncated file', async () => {
    const { file } = await registerFile(path.join(tmp(), 'r.sqlite'), 5);
    const pageSize = 4096;
    const pages = fs.statSync(file).size / pageSize;
    expect(pages).toBeGreaterThan(10);
    const variants: Array<[string, (f: string) => void]> = [
      ['zeroed first page', (f) => overwrite(f, 0, pageSize)],
      ['truncated', (f) => fs.truncateSync(f, Math.floor(pages / 2) * pageSize + 100)],
      ['garbage over b-tree pages', (f) => { for (let p = 2; p < pages; p += 3) overwrite(f, p * pageSize + 8, 64, 0xa5); }],
    ];
    for (const [what, damage] of variants) {
      const copy = path.join(path.dirname(file), `${what}.sqlite`);
      fs.copyFileSync(file, copy);
      damage(copy);
      const c = checkRegisterFile(copy);
      expect(c.ok, what).toBe(false);
      expect(c.problem, what).toMatch(/损坏|不是 SQLite|被截断/);
      expect(c.damaged, what).toBe(true);
    }
  });

  it('tells a register made by a newer program, and one whose references do not hold', async () => {
    const dir = tmp();
    const { file } = await registerFile(path.join(dir, 'newer.sqlite'), 1);
    behindTheAppsBack(file, (raw) => raw.prepare('INSERT INTO kysely_migration(name, timestamp) VALUES (?, ?)').run('9999_from_the_future', new Date().toISOString()));
    expect(checkRegisterFile(file)).toMatchObject({ ok: false, isRegister: true, newerThanApp: true, schemaVersion: '9999_from_the_future', problem: expect.stringContaining('由较新版本的程序创建') });

    const { file: orphan } = await registerFile(path.join(dir, 'orphan.sqlite'), 1);
    behindTheAppsBack(orphan, (raw) => raw.exec('PRAGMA foreign_keys = OFF; UPDATE cases SET respondent_department_id = 9999'));
    expect(checkRegisterFile(orphan)).toMatchObject({ ok: false, isRegister: true, integrity: 'ok', problem: expect.stringContaining('引用') });
  });
});

describe('assertConnection', () => {
  it('accepts the connection openDatabase makes (file and memory) and names each wrong pragma', async () => {
    const dir = tmp();
    const opened = await openDatabase(path.join(dir, 'register.sqlite'));
    expect(() => assertConnection(opened.raw)).not.toThrow();
    expect(opened.raw.pragma('trusted_schema', { simple: true })).toBe(0);
    await opened.close();
    const memory = await openDatabase(':memory:');
    expect(() => assertConnection(memory.raw)).not.toThrow();
    await memory.close();

    const raw = openConnection(path.join(dir, 'register.sqlite'));
    raw.pragma('synchronous = NORMAL');
    expect(() => assertConnection(raw)).toThrow(/synchronous 是 1，应为 2（FULL）/);
    raw.pragma('synchronous = FULL');
    raw.pragma('trusted_schema = ON');
    expect(() => assertConnection(raw)).toThrow(/trusted_schema 未关闭/);
    raw.pragma('trusted_schema = OFF');
    raw.pragma('foreign_keys = OFF');
    expect(() => assertConnection(raw)).toThrow(/foreign_keys 未开启/);
    raw.close();
    const plain = new BetterSqlite3(path.join(dir, 'plain.sqlite'));
    expect(() => assertConnection(plain)).toThrow(/journal_mode 是 delete，应为 wal/);
    plain.close();
  });
});

describe('checkRegisterFile, light (the start-up of a large register)', () => {
  it('reads the header and schema only: a zeroed first page and a truncated file are found, a page damaged deep inside is left to the backups', async () => {
    const { file } = await registerFile(path.join(tmp(), 'r.sqlite'), 5);
    expect(checkRegisterFile(file, { light: true })).toMatchObject({ ok: true, isRegister: true, integrity: null, foreignKeys: null, schemaVersion: LATEST_MIGRATION });
    const zeroed = `${file}.zeroed`;
    fs.copyFileSync(file, zeroed);
    overwrite(zeroed, 0, 4096);
    expect(checkRegisterFile(zeroed, { light: true })).toMatchObject({ ok: false, damaged: true, problem: expect.stringContaining('文件头已损坏') });
    const cut = `${file}.cut`;
    fs.copyFileSync(file, cut);
    fs.truncateSync(cut, fs.statSync(file).size - 4096);
    expect(checkRegisterFile(cut, { light: true })).toMatchObject({ ok: false, damaged: true, problem: expect.stringContaining('被截断') });
    expect(checkRegisterFile(cut)).toMatchObject({ ok: false, damaged: true });
    const deep = `${file}.deep`;
    fs.copyFileSync(file, deep);
    const pages = fs.statSync(deep).size / 4096;
    for (let p = 3; p < pages - 1; p += 2) overwrite(deep, p * 4096 + 8, 64, 0xa5);
    expect(checkRegisterFile(deep)).toMatchObject({ ok: false, damaged: true });
    const light = checkRegisterFile(deep, { light: true });
    expect(light.damaged || light.ok).toBe(true); // found only if the pages it reads are among the damaged ones
  });
});
