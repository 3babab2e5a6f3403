import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openCore } from '../core/core';
import { seedDemo } from '../demo/bulk-writer';
import { connectionOf } from '../../db/open';
import { runCli } from '../../tests/support/cli';

/**
 * `attach --case NUMBER FILE…` and the attachments part of `verify`, as an operator runs them: real processes
 * over a real data folder (tests/support/cli.ts).
 */
const SPAWN_TIMEOUT = 240_000;
const tmpDirs: string[] = [];
afterAll(() => { for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true }); });

const run = (args: string[]) => runCli(args, { timeoutMs: SPAWN_TIMEOUT });
const lines = (s: string) => s.trim().split('\n');

describe('attach', () => {
  it('attaches files by register number, one line per file with its SHA-256; refuses the hostile ones (exit 1); verify checks the stored files', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-attach-'));
    tmpDirs.push(work);
    const dir = path.join(work, 'data');
    const core = await openCore(dir);
    let registerNo: string;
    try {
      await seedDemo(core, { cases: 3, seed: 5, worker: false });
      registerNo = connectionOf(core.db).prepare('SELECT register_no FROM cases ORDER BY id LIMIT 1').pluck().get() as string;
    } finally {
      await core.close();
    }
    const files = path.join(work, 'files');
    fs.mkdirSync(path.join(files, 'sub'), { recursive: true });
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.from('JFIF\0照片')]);
    fs.writeFileSync(path.join(files, '来信.jpg'), jpeg);
    fs.writeFileSync(path.join(files, '说明.txt'), '投诉人补充说明\n');
    fs.writeFileSync(path.join(files, 'page.jpg'), '<html><script>alert(1)</script></html>');
    fs.writeFileSync(path.join(files, 'x.exe'), Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100, 1)]));
    fs.writeFileSync(path.join(files, 'empty.pdf'), '');

    // A hostile path: the file sits two folders up from where the name points, its name says .exe.
    const hostile = path.join(files, 'sub', '..', 'x.exe');
    const mixed = await run(['--data', dir, 'attach', '--case', registerNo, path.join(files, '来信.jpg'), path.join(files, 'page.jpg'), hostile, path.join(files, 'empty.pdf'), path.join(files, 'missing.pdf')]);
    expect(mixed.code, mixed.stderr).toBe(1);
    const out = lines(mixed.stdout);
    expect(out).toHaveLength(5);
    expect(out[0]).toMatch(/^[0-9a-f]{64} {2}来信\.jpg（\d+ 字节）$/);
    expect(out[1]).toMatch(/^未添加 .*page\.jpg：文件「page\.jpg」的扩展名是图片，内容却是文本/);
    expect(out[2]).toMatch(/^未添加 .*x\.exe：文件「x\.exe」是可执行程序/);
    expect(out[3]).toMatch(/「empty\.pdf」是空文件/);
    expect(out[4]).toMatch(/missing\.pdf：文件不存在/);
    expect(mixed.stderr).toContain('5 个文件中有 4 个未添加');

    const ok = await run(['--data', dir, 'attach', '--case', registerNo, path.join(files, '说明.txt')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(lines(ok.stdout)).toEqual([expect.stringMatching(/^[0-9a-f]{64} {2}说明\.txt（/)]);

    // Nothing was written outside attachments/ (two blobs), and the rows and history say what was attached.
    const blobs = (fs.readdirSync(path.join(dir, 'attachments'), { recursive: true }) as string[]).filter((f) => f.endsWith('.bin'));
    expect(blobs).toHaveLength(2);
    expect(fs.readdirSync(dir).filter((f) => !/^(register\.sqlite(-wal|-shm)?|attachments|papers|exports|backups|backup-status\.json|\.lock|register\.lock)$/.test(f))).toEqual([]);
    const db = new Database(path.join(dir, 'register.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT name, added_by, added_by_name FROM attachments ORDER BY id').all();
    const history = db.prepare("SELECT actor_name, json_extract(after, '$.sha256') AS sha FROM history WHERE action = 'attachment.add' ORDER BY id").all() as Array<{ sha: string }>;
    db.close();
    expect(rows).toEqual([{ name: '来信.jpg', added_by: null, added_by_name: '命令行' }, { name: '说明.txt', added_by: null, added_by_name: '命令行' }]);
    expect(history.map((h) => h.sha)).toEqual([out[0].slice(0, 64), lines(ok.stdout)[0].slice(0, 64)]);

    const unknown = await run(['--data', dir, 'attach', '--case', '2099-999999', path.join(files, '说明.txt')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('没有登记编号为 2099-999999 的案件');

    const good = await run(['--data', dir, 'verify']);
    expect(good.code, good.stdout + good.stderr).toBe(0);
    expect(lines(good.stdout).at(-1)).toMatch(/^history ok \d+ [0-9a-f]{64}$/);
    // A stored file altered behind the app's back: verify names it and the case, exit 1.
    const sha = out[0].slice(0, 64);
    fs.writeFileSync(path.join(dir, 'attachments', sha.slice(0, 2), `${sha}.bin`), 'altered');
    const bad = await run(['--data', dir, 'verify']);
    expect(bad.code).toBe(1);
    expect(lines(bad.stdout).at(-1)).toBe(`history FAILED attachments: 附件文件 attachments/${sha.slice(0, 2)}/${sha}.bin 已被改动（SHA-256 或大小与登记时记录的 ${jpeg.length} 字节不符）：附件 #1（案件 ${registerNo}），请从备份恢复`);
  }, SPAWN_TIMEOUT);
});
