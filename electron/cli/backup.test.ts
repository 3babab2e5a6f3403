import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../core/core';
import { seedDemo } from '../demo/bulk-writer';
import { runCli } from '../../tests/support/cli';

/**
 * `backup` and `backup list` as an operator runs them: real processes over a real data folder
 * (tests/support/cli.ts). The full disk is real too: the child runs under a file-size limit smaller than the
 * register (`ulimit -f`), so SQLite's own writes fail as on a full USB disk.
 */
const TIMEOUT = 120_000;
const dirs: string[] = [];

function tmp(prefix = 'cr-cli-backup-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** The CLI in a child process; `fileLimitKb` runs it under bash's `ulimit -f` (1024-byte blocks). */
const run = (args: string[], fileLimitKb?: number) => runCli(args, { fileLimitKb, timeoutMs: TIMEOUT });

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';
const finalNames = (folder: string) => fs.readdirSync(folder).filter((n) => /^register-\d{8}-\d{6}\.sqlite$/.test(n));

/** Every table's rows, sorted: the register's content. */
function dump(file: string): string {
  const raw = new Database(file, { readonly: true });
  try {
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return JSON.stringify(tables.map((t) => [t, raw.prepare(`SELECT * FROM "${t}"`).raw().all().map((r) => JSON.stringify(r)).sort()]));
  } finally {
    raw.close();
  }
}

let data: string;

beforeAll(async () => {
  data = tmp();
  const core = await openCore(data);
  try {
    await seedDemo(core, { cases: 300, seed: 5, worker: false });
  } finally {
    await core.close();
  }
}, TIMEOUT);

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('backup (command line)', { timeout: TIMEOUT }, () => {
  it('backup --to DIR: a verified copy whose path is the last line; backup list shows it ✓, --check finds a changed file', async () => {
    const to = path.join(tmp(), '备份 U 盘');
    const made = await run(['--data', data, 'backup', '--to', to]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const file = lastLine(made.stdout);
    expect(path.dirname(file)).toBe(to);
    expect(finalNames(to)).toEqual([path.basename(file)]);
    expect(fs.existsSync(file.replace(/\.sqlite$/, '.manifest.json'))).toBe(true);
    expect(fs.existsSync(path.join(data, 'backups'))).toBe(false); // --to: that folder only

    const listed = await run(['--data', data, 'backup', 'list', '--to', to, '--check']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${to}：`);
    expect(listed.stdout).toMatch(/ 300 件 .* 手动 {2}✓ {2}/);
    expect(listed.stdout).toContain(file);

    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] ^= 0x01;
    fs.writeFileSync(file, bytes);
    const plain = await run(['--data', data, 'backup', 'list', '--to', to]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('✓'); // listing checks the size only
    const checked = await run(['--data', data, 'backup', 'list', '--to', to, '--check']);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('✗ 文件的 SHA-256 与说明文件不符');
    expect(checked.stderr).toContain('1 份备份未通过核验');
  });

  it('backup without --to writes the configured destination (the data folder\'s backups/), and backup list lists it', async () => {
    const made = await run(['--data', data, 'backup']);
    expect(made.code).toBe(0);
    const file = lastLine(made.stdout);
    expect(path.dirname(file)).toBe(path.join(data, 'backups'));
    const listed = await run(['--data', data, 'backup', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(file);
    const status = JSON.parse(fs.readFileSync(path.join(data, 'backup-status.json'), 'utf8'));
    expect(status.destinations[path.join(data, 'backups')].lastBackup).toBe(path.basename(file));
  });

  it('a file where the folder should be: exit 1, a Chinese message, nothing written', async () => {
    const file = path.join(tmp(), 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const r = await run(['--data', data, 'backup', '--to', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('不是文件夹');
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });

  it('a full disk (a file-size limit smaller than the register): exit 1, no final-named or partial file, the register unchanged', async () => {
    const live = path.join(data, 'register.sqlite');
    const size = fs.statSync(live).size;
    const limitKb = Math.floor(size / 1024 / 2);
    expect(limitKb).toBeGreaterThan(256); // the register must be well over the limit for the copy to hit it
    const before = dump(live);
    const to = tmp();
    const r = await run(['--data', data, 'backup', '--to', to], limitKb);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('空间不足');
    expect(fs.readdirSync(to)).toEqual([]);
    expect(dump(live)).toBe(before);
    // The register still opens and verifies afterwards.
    const verified = await run(['--data', data, 'verify']);
    expect(verified.code).toBe(0);
    expect(lastLine(verified.stdout)).toMatch(/^history ok \d+ [0-9a-f]{64}$/);
  });

  it('refuses a sub-command it does not know and --check without list (usage, exit 2)', async () => {
    const r = await run(['--data', data, 'backup', 'now']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知的 backup 子命令');
  });
});
