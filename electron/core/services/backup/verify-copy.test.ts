import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { behindTheAppsBack, overwrite, registerFile } from './test-registers';
import { verifyCopy, verifyCopyHere } from './verify-copy';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-copy-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('verifyCopy', () => {
  it('passes a sound copy, in a worker thread, with the chain head verify prints', async () => {
    const { file, office } = await registerFile(path.join(tmp(), 'r.sqlite'), 4);
    const last = await office.core.db.selectFrom('history').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const logged: unknown[] = [];
    const v = await verifyCopy(file, (e) => logged.push(e));
    expect(logged).toEqual([]); // the worker was found: not the main-thread fallback
    expect(v).toMatchObject({ ok: true, problem: null, head: { count: last.id, hash: last.hash } });
    expect(v.check).toMatchObject({ ok: true, integrity: 'ok', cases: 4 });
  });

  it('refuses a damaged copy, a file that is not SQLite, and a register made by a newer program', async () => {
    const dir = tmp();
    const { file } = await registerFile(path.join(dir, 'r.sqlite'), 5);
    const damaged = path.join(dir, 'damaged.sqlite');
    fs.copyFileSync(file, damaged);
    const pages = fs.statSync(damaged).size / 4096;
    for (let p = 2; p < pages; p += 3) overwrite(damaged, p * 4096 + 8, 64, 0xa5);
    expect(await verifyCopy(damaged)).toMatchObject({ ok: false, problem: expect.stringContaining('损坏') });

    const text = path.join(dir, 'text.sqlite');
    fs.writeFileSync(text, 'SQLite format 3 — only the name'.repeat(500));
    expect(await verifyCopy(text)).toMatchObject({ ok: false, problem: expect.stringContaining('不是 SQLite 数据库文件') });

    const newer = path.join(dir, 'newer.sqlite');
    fs.copyFileSync(file, newer);
    behindTheAppsBack(newer, (raw) => raw.prepare('INSERT INTO kysely_migration(name, timestamp) VALUES (?, ?)').run('9999_from_the_future', new Date().toISOString()));
    expect(await verifyCopy(newer)).toMatchObject({ ok: false, problem: expect.stringContaining('由较新版本的程序创建') });
  });

  it('refuses a copy whose history was changed behind the app, naming the first bad row (integrity alone passes it)', async () => {
    const dir = tmp();
    const { file } = await registerFile(path.join(dir, 'r.sqlite'), 3);
    behindTheAppsBack(file, (raw) => raw.exec("UPDATE history SET actor_name = '别人' WHERE id = 3"));
    const v = await verifyCopy(file);
    expect(v.check.ok).toBe(true);
    expect(v).toMatchObject({ ok: false, problem: expect.stringContaining('第 3 条历史记录的内容与其哈希不符') });
    expect(verifyCopyHere(file).problem).toBe(v.problem);
  });
});
