import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import Database from 'better-sqlite3';
import { openCore } from '../core/core';
import { seedDemo } from '../demo/bulk-writer';
import { connectionOf } from '../../db/open';
import { cliCommand, killCliChildren, runCli, startCli } from '../../tests/support/cli';
import { mainEntries } from '../../tests/support/cli-bundle';

/**
 * The command line as an operator runs it: real processes over a real data folder (tests/support/cli.ts: plain
 * `node` on the CLI bundled once per run, one process, so its pid is the one in the lock file and SIGTERM reaches
 * it). The independent cases run concurrently.
 */
const SPAWN_TIMEOUT = 60_000;
const tmpDirs: string[] = [];

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-cli-'));
  tmpDirs.push(dir);
  return dir;
}

const start = (args: string[]) => startCli(args);
const run = (args: string[]) => runCli(args, { timeoutMs: SPAWN_TIMEOUT });

const lastLine = (text: string) => text.trim().split(/\r?\n/).at(-1);

/** A data folder holding a freshly created register (read-only commands refuse a folder without one): one made, then copied. */
let freshRegister: Promise<string> | null = null;
async function registerDir(): Promise<string> {
  freshRegister ??= (async () => {
    const dir = tmpDir();
    await (await openCore(dir)).close();
    return dir;
  })();
  const dir = tmpDir();
  fs.cpSync(await freshRegister, dir, { recursive: true });
  return dir;
}

afterAll(() => {
  killCliChildren();
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the command under test', () => {
  it('is the CLI bundled for this run, each worker script beside it as in a build (not tsx compiling the core per child)', async () => {
    const bundle = inject('cliBundle');
    expect(cliCommand()).toEqual([process.execPath, bundle]);
    const entries = Object.keys(await mainEntries());
    expect(entries).toEqual(expect.arrayContaining(['cli', 'render-worker', 'verify-worker', 'export-worker', 'seed-worker']));
    for (const name of entries) expect(fs.existsSync(path.join(path.dirname(bundle), `${name}.js`)), name).toBe(true);
  });
});

describe.concurrent('due', () => {
  it('counts working days across National Day 2026 and its make-up Saturday', async () => {
    // 09-30 (Wed) is not counted; 10-01..10-07 are 国庆节; 10-08 Thu = 1, 10-09 Fri = 2, 10-10 Sat (调休上班) = 3.
    const r = await run(['--data', await registerDir(), 'due', '--from', '2026-09-30', '--working-days', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(lastLine(r.stdout)).toBe('2026-10-10');
  }, SPAWN_TIMEOUT);

  it('counts calendar days over Spring Festival 2026', async () => {
    // 01-29 (Thu) + 15 days = 02-13 (Fri): an ordinary working day, the day before the 02-14 make-up Saturday
    // and the 02-15..02-23 holiday, so it stays.
    const r = await run(['--data', await registerDir(), 'due', '--from', '2026-01-29', '--calendar-days', '15']);
    expect(r.code, r.stderr).toBe(0);
    expect(lastLine(r.stdout)).toBe('2026-02-13');
  }, SPAWN_TIMEOUT);

  it('refuses to guess when the count runs into 2027, which has no calendar yet', async () => {
    const r = await run(['--data', await registerDir(), 'due', '--from', '2026-12-25', '--working-days', '10']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('工作日历缺少 2027 年的节假日安排');
    expect(r.stderr).toContain('错误码 CALENDAR_MISSING'); // the core's own code, not VALIDATION for everything
    expect(r.stdout).not.toMatch(/2027-\d\d-\d\d/);
  }, SPAWN_TIMEOUT);

  it('says a folder holds no register instead of answering from an empty one', async () => {
    const wrong = path.join(tmpDir(), 'typo');
    const r = await run(['--data', wrong, 'due', '--from', '2026-09-30', '--working-days', '3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`数据目录“${wrong}”中没有登记册（找不到 register.sqlite）`);
    expect(r.stderr).toContain('错误码 NOT_FOUND');
    expect(r.stdout).not.toMatch(/\d{4}-\d\d-\d\d/);
    expect(fs.existsSync(wrong)).toBe(false); // and nothing was created there
  }, SPAWN_TIMEOUT);
});

describe('user add', () => {
  it('creates a user who can sign in through the core, and refuses a bad role in Chinese', async () => {
    const data = tmpDir();
    const [good, bad] = await Promise.all([
      run(['--data', data, 'user', 'add', '--username', 'zhaoli', '--password', 'clerk-password-1', '--role', 'clerk', '--name', '赵丽']),
      // A different data folder: two writers on one folder would (rightly) meet the lock.
      run(['--data', tmpDir(), 'user', 'add', '--username', 'boss', '--password', 'boss-password-1', '--role', 'boss']),
    ]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain('已创建用户 zhaoli（赵丽，clerk）');

    expect(bad.code).not.toBe(0);
    expect(bad.code).not.toBeNull();
    expect(bad.stderr).toMatch(/^错误：.*「角色」不是可选的值.*（字段 role，错误码 VALIDATION）/m);
    expect(bad.stderr).not.toMatch(/\bat \S+\.ts:\d+/); // a message, not a stack trace

    const again = await run(['--data', data, 'user', 'add', '--username', 'zhaoli', '--password', 'clerk-password-2', '--role', 'clerk']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^错误：用户名“zhaoli”已被使用（字段 username，错误码 CONFLICT）/m);

    const core = await openCore(data);
    try {
      const session = { userId: null as number | null };
      const signedIn = await core.call('auth/signIn', { username: 'zhaoli', password: 'clerk-password-1' }, session);
      expect(signedIn).toEqual({ ok: true, value: expect.objectContaining({ username: 'zhaoli', displayName: '赵丽', role: 'clerk' }) });
      expect(session.userId).toBe(signedIn.ok ? signedIn.value.id : -1);
    } finally {
      await core.close();
    }
  }, SPAWN_TIMEOUT * 2);
});

describe('serve', () => {
  it('prints the bound port, answers the API, keeps a second writer out and releases the lock on SIGTERM', async () => {
    const data = tmpDir();
    const lockFile = path.join(data, 'register.lock');
    const first = start(['--data', data, 'serve', '--port', '0']);
    let out = '';
    let err = '';
    first.stderr!.on('data', (c) => (err += c));
    const exited = new Promise<number | null>((resolve) => first.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}\n${err}`)), SPAWN_TIMEOUT);
      first.stdout!.on('data', (c) => {
        out += c;
        const m = /投诉登记册已启动：(http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      void exited.then((code) => reject(new Error(`serve exited with ${code}:\n${out}\n${err}`)));
    });
    const port = Number(new URL(url).port);
    expect(port).toBeGreaterThan(0);

    const reply = await fetch(`${url}api/setup/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ ok: true, value: { needsSetup: true, officeName: '' } });

    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({ program: 'complaint-register', pid: first.pid });
    const started = Date.now();
    const second = await run(['--data', data, 'serve', '--port', '0']);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`正在被另一个程序（进程号 ${first.pid}，`);
    expect(second.stderr).toContain(`锁文件 ${lockFile} 会在那个程序退出时自动删除`);
    expect(second.stderr).toContain('错误码 LOCKED');
    expect(second.stdout).not.toContain('投诉登记册已启动');
    expect(Date.now() - started).toBeLessThan(15_000); // fails fast rather than waiting for the lock

    first.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);
  }, SPAWN_TIMEOUT * 3);
});

describe.concurrent('export-calendar', () => {
  it('writes the year\'s calendar file where --out says, byte for byte what the core answered', async () => {
    const dir = await registerDir();
    const out = path.join(tmpDir(), '日历.csv');
    const r = await run(['--data', dir, 'export-calendar', '--year', '2026', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(lastLine(r.stdout)).toBe(`已导出：${out}`);
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n2026-10-07,休,国庆节\r\n');
  }, SPAWN_TIMEOUT);

  it('writes into a folder given as --out under the file\'s own name, and says in Chinese why a path cannot be written (exit 1)', async () => {
    const dir = await registerDir();
    const folder = tmpDir();
    const r = await run(['--data', dir, 'export-calendar', '--year', '2026', '--out', folder]);
    expect(r.code, r.stderr).toBe(0);
    expect(lastLine(r.stdout)).toBe(`已导出：${path.join(folder, '工作日历-2026.csv')}`);
    expect(fs.readFileSync(path.join(folder, '工作日历-2026.csv'), 'utf8')).toContain('2026-10-07,休,国庆节');
    const nowhere = path.join(folder, '没有这个文件夹', 'x.csv');
    const failed = await run(['--data', dir, 'export-calendar', '--year', '2026', '--out', nowhere]);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim()).toBe(`错误：文件未能写入“${nowhere}”：所在文件夹不存在`);
  }, SPAWN_TIMEOUT);

  it('writes no file for a year the calendar does not cover, and says why (exit 1)', async () => {
    const dir = await registerDir();
    const out = path.join(tmpDir(), '2031.csv');
    const r = await run(['--data', dir, 'export-calendar', '--year', '2031', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2031 年尚未导入工作日历');
    expect(r.stderr).toContain('CALENDAR_MISSING');
    expect(fs.existsSync(out)).toBe(false);
    const missing = await run(['--data', dir, 'export-calendar']);
    expect([missing.code, missing.stderr.trim()]).toEqual([2, '错误：缺少 --year']);
  }, SPAWN_TIMEOUT);
});

describe.concurrent('verify', () => {
  /** A register with demo cases, closed again so the CLI reads it as the desktop app would leave it: seeded once, each test edits its own copy. */
  let seeded: Promise<{ dir: string; head: { count: number; hash: string }; firstNo: string }> | null = null;
  async function seededDir(): Promise<{ dir: string; head: { count: number; hash: string }; firstNo: string }> {
    seeded ??= (async () => {
      const dir = tmpDir();
      const core = await openCore(dir);
      try {
        await seedDemo(core, { cases: 40, seed: 3, worker: false });
        const last = connectionOf(core.db).prepare('SELECT id, hash FROM history ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
        const firstNo = connectionOf(core.db).prepare('SELECT register_no FROM cases ORDER BY id LIMIT 1').pluck().get() as string;
        return { dir, head: { count: last.id, hash: last.hash }, firstNo };
      } finally {
        await core.close();
      }
    })();
    const { dir: template, ...rest } = await seeded;
    const dir = tmpDir();
    fs.cpSync(template, dir, { recursive: true });
    return { dir, ...rest };
  }
  const edit = (dir: string, ...statements: string[]) => {
    const db = new Database(path.join(dir, 'register.sqlite'));
    for (const s of statements) db.exec(s);
    db.close();
  };

  it('ends with "history ok COUNT HASH" and exit 0, and proves an anchor', async () => {
    const { dir, head } = await seededDir();
    const plain = await run(['--data', dir, 'verify']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(lastLine(plain.stdout)).toBe(`history ok ${head.count} ${head.hash}`);
    const anchored = await run(['--data', dir, 'verify', '--anchor', `${head.count - 5}:${(await headAt(dir, head.count - 5))}`]);
    expect(anchored.code, anchored.stderr).toBe(0);
    expect(anchored.stdout).toContain('仍在历史链中');
    expect(lastLine(anchored.stdout)).toBe(`history ok ${head.count} ${head.hash}`);
  }, SPAWN_TIMEOUT);

  it('names the case of a direct edit, exit 1', async () => {
    const { dir, firstNo } = await seededDir();
    edit(dir, `UPDATE cases SET subject = '改过的事由' WHERE register_no = '${firstNo}'`);
    const r = await run(['--data', dir, 'verify']);
    expect(r.code).toBe(1);
    expect(lastLine(r.stdout)).toMatch(new RegExp(`^history FAILED replay case ${firstNo} field subject: `));
  }, SPAWN_TIMEOUT);

  it('finds a cut-off tail against an anchor, and refuses a malformed one', async () => {
    const { dir, head } = await seededDir();
    edit(dir, 'DROP TRIGGER history_no_delete', `DELETE FROM history WHERE id = ${head.count}`);
    const cut = await run(['--data', dir, 'verify', '--anchor', `${head.count}:${head.hash}`]);
    expect(cut.code).toBe(1);
    expect(lastLine(cut.stdout)).toMatch(/^history FAILED anchor/);
    const bad = await run(['--data', dir, 'verify', '--anchor', 'latest']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('「链头」格式应为');
  }, SPAWN_TIMEOUT);
});

async function headAt(dir: string, count: number): Promise<string> {
  const db = new Database(path.join(dir, 'register.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT hash FROM history WHERE id = ?').pluck().get(count) as string;
  } finally {
    db.close();
  }
}
