import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../db/open';
import { openCore } from '../core/core';
import { backupOf, behindTheAppsBack, logicalDump, overwrite, registerFile } from '../core/services/backup/test-registers';
import { must, phoneComplaint } from '../core/testing';
import { runRestoreCommand } from './restore';
import { runCli } from '../../tests/support/cli';

/**
 * `restore --from FILE [--yes]`, `verify --backup FILE` and `verify` against the newest backup, as an operator
 * runs them: real processes (tests/support/cli.ts) over real data folders; the y/N question answered on stdin.
 */
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cr-restore-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const run = (args: string[], stdin = '') => runCli(args, { stdin, timeoutMs: 90_000 });
const lastLine = (text: string) => text.trim().split(/\r?\n/).at(-1);

/** A data folder with a register and a verified backup of it in backups/; the register then gets one more case. */
async function folder(cases = 3) {
  const dataDir = tmp();
  const register = path.join(dataDir, DB_FILE_NAME);
  const { office } = await registerFile(register, cases);
  const backup = await backupOf(office, path.join(dataDir, 'backups'), new Date('2026-03-02T02:00:00Z'));
  const head = await office.core.db.selectFrom('history').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  return { dataDir, register, backup, office, head, snapshot: logicalDump(backup) };
}

describe('restore --from', () => {
  it('restores over a damaged register with --yes, over a missing one, and asks y/N without it', async () => {
    const damaged = await folder(3);
    overwrite(damaged.register, 0, 4096); // zeroed first page: not even SQLite any more
    const missing = await folder(2);
    fs.rmSync(missing.register);
    const asked = await folder(2);
    const before = fs.readFileSync(asked.register);
    const [a, b, no, yes] = await Promise.all([
      run(['--data', damaged.dataDir, 'restore', '--from', damaged.backup, '--yes']),
      run(['--data', missing.dataDir, 'restore', '--from', missing.backup, '--yes']),
      run(['--data', asked.dataDir, 'restore', '--from', asked.backup], 'n\n'),
      (async () => {
        const other = await folder(1);
        return { ...(await run(['--data', other.dataDir, 'restore', '--from', other.backup], 'y\n')), other };
      })(),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toContain(`备份文件：${damaged.backup}`);
    expect(a.stdout).toContain('备份时间：2026-03-02 10:00:00');
    expect(a.stdout).toContain('案件数：3');
    expect(a.stdout).toMatch(/最后登记编号：2026-0+3/);
    expect(a.stdout).toContain(`历史链头：${damaged.head.id}:${damaged.head.hash}`);
    expect(a.stdout).toMatch(/原登记册的安全副本：.*register\.sqlite\.before-restore-\d{8}-\d{6}/);
    expect(logicalDump(damaged.register, damaged.head.id)).toBe(damaged.snapshot);
    expect(fs.readdirSync(damaged.dataDir).some((n) => n.startsWith('register.sqlite.before-restore-'))).toBe(true);

    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).not.toContain('安全副本');
    expect(logicalDump(missing.register, missing.head.id)).toBe(missing.snapshot);

    expect(no.code).toBe(1);
    expect(no.stderr).toContain('(y/N)');
    expect(lastLine(no.stdout)).toBe('已取消，登记册未改动');
    expect(fs.readFileSync(asked.register).equals(before)).toBe(true);

    expect(yes.code, yes.stderr).toBe(0);
    expect(logicalDump(yes.other.register, yes.other.head.id)).toBe(yes.other.snapshot);
  }, 120_000);

  it('refuses a folder a running app holds, and a backup that fails verification', async () => {
    const { dataDir, backup, office } = await folder(2);
    await office.core.close();
    const running = await openCore(dataDir);
    try {
      const err = await runRestoreCommand(dataDir, { from: backup, yes: true }, { print: () => {}, warn: () => {} }).then(() => null, (e: unknown) => e as Error);
      expect(err?.message).toMatch(/正在被另一个程序.*使用[\s\S]*请先关闭桌面版或 serve/);
    } finally {
      await running.close();
    }
    behindTheAppsBack(backup, (raw) => raw.exec("UPDATE history SET actor_name = '改过' WHERE id = 2"));
    const refused = await run(['--data', dataDir, 'restore', '--from', backup, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/「备份文件」未通过核验，不能恢复/);
  }, 60_000);
});

describe('verify against backups', () => {
  it('verify --backup prints the backup\'s head; plain verify catches history cut off after the newest backup', async () => {
    const { dataDir, register, backup, head, office } = await folder(2);
    must(await office.core.call('cases/register', phoneComplaint({ subject: '备份之后' }), office.as.clerk));
    fs.rmSync(register);
    await (await import('kysely')).sql`VACUUM INTO ${register}`.execute(office.core.db);
    const good = await run(['--data', dataDir, 'verify']);
    expect(good.code, good.stdout + good.stderr).toBe(0);
    expect(lastLine(good.stdout)).toMatch(/^history ok \d+ [0-9a-f]{64}$/);
    const ofBackup = await run(['verify', '--backup', backup]);
    expect(ofBackup.code, ofBackup.stderr).toBe(0);
    expect(lastLine(ofBackup.stdout)).toBe(`history ok ${head.id} ${head.hash}`);

    // A later backup holds the third case; then someone removes the newest history rows (and the case they
    // describe) behind the app's back: the chain that is left is valid in itself, only that backup's head shows the cut.
    await backupOf(office, path.join(dataDir, 'backups'), new Date('2026-03-02T04:00:00Z'));
    behindTheAppsBack(register, (raw) => raw.exec(`PRAGMA foreign_keys = OFF; DELETE FROM history WHERE id > ${head.id}; DELETE FROM complainants WHERE case_id = (SELECT max(id) FROM cases); DELETE FROM cases WHERE id = (SELECT max(id) FROM cases)`));
    const cut = await run(['--data', dataDir, 'verify']);
    expect(cut.code).toBe(1);
    expect(lastLine(cut.stdout)).toMatch(/^history FAILED backup: history was cut or rewritten after the backup of 2026-03-02 12:00:00/);

    fs.appendFileSync(backup, 'x');
    const altered = await run(['verify', '--backup', backup]);
    expect(altered.code).toBe(1);
    expect(lastLine(altered.stdout)).toMatch(/^history FAILED backup: .*(大小|SHA-256)/);
  }, 120_000);
});
