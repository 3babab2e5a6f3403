import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../../db/open';
import { AppError } from '../../errors';
import { must, phoneComplaint } from '../../testing';
import { inspectBackup, restoreFiles } from './restore';
import { backupOf, behindTheAppsBack, logicalDump, registerFile } from './test-registers';

const dirs: string[] = [];
const tmp = (prefix = 'restore-') => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Starts the killed writer on `register`, waits for `acks` acknowledged commits, kills it -9; returns the last acknowledged. */
function killWriterMidWrite(register: string, acks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'killed-writer.child.ts'), register], { stdio: ['ignore', 'pipe', 'inherit'] });
    let last = 0;
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const l of lines) last = Math.max(last, Number(l));
      if (last >= acks && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`writer ended by itself (${signal})`))));
  });
}

const ADMIN = { id: 1, displayName: '系统管理员' };

describe('restoreFiles', () => {
  it('restores over a register a killed writer left with -wal/-shm: the backup exactly, the stale files aside, the safety copy holding every acknowledged write', async () => {
    const dataDir = tmp();
    const register = path.join(dataDir, DB_FILE_NAME);
    const { office } = await registerFile(register, 4);
    const backup = await backupOf(office, path.join(dataDir, 'backups'), new Date('2026-03-02T02:00:00Z'));
    const snapshot = logicalDump(backup);
    const backupHead = (await office.core.db.selectFrom('history').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow());
    // The register goes on after the backup, then its writer dies mid-write.
    must(await office.core.call('cases/register', phoneComplaint({ subject: '备份之后登记的案件' }), office.as.clerk));
    fs.rmSync(register);
    await (await import('kysely')).sql`VACUUM INTO ${register}`.execute(office.core.db);
    const acknowledged = await killWriterMidWrite(register, 200);
    expect(fs.existsSync(`${register}-wal`)).toBe(true);
    expect(fs.existsSync(`${register}-shm`)).toBe(true);

    const result = await restoreFiles(dataDir, backup, { actor: ADMIN, now: () => new Date('2026-03-03T01:02:03Z') });
    expect(result).toMatchObject({ restoredFrom: backup, head: { count: backupHead.id, hash: backupHead.hash }, cases: 4 });
    // identical to the backup, plus the restore's own history row
    expect(logicalDump(register, backupHead.id)).toBe(snapshot);
    const raw = new BetterSqlite3(register, { readonly: true });
    const row = raw.prepare('SELECT * FROM history ORDER BY id DESC LIMIT 1').get() as { id: number; entity: string; action: string; actor_name: string; after: string };
    expect(row).toMatchObject({ id: backupHead.id + 1, entity: 'register', action: 'register.restore', actor_name: '系统管理员' });
    expect(JSON.parse(row.after)).toEqual({ from: backup, safetyCopy: result.safetyCopy, head: { count: backupHead.id, hash: backupHead.hash } });
    expect(raw.prepare("SELECT count(*) FROM settings WHERE key LIKE 'killed-writer-%'").pluck().get()).toBe(0);
    raw.close();
    // The safety copy: the register as it was, with the killed writer's committed rows from its -wal.
    expect(path.basename(result.safetyCopy)).toMatch(/^register\.sqlite\.before-restore-\d{8}-\d{6}$/);
    const safe = new BetterSqlite3(result.safetyCopy, { readonly: true });
    expect(Number(safe.prepare("SELECT count(*) FROM settings WHERE key LIKE 'killed-writer-%'").pluck().get())).toBeGreaterThanOrEqual(acknowledged);
    expect(safe.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(5);
    safe.close();
    const names = fs.readdirSync(dataDir);
    expect(names.filter((n) => /^register\.sqlite-(wal|shm)\.stale-\d{8}-\d{6}$/.test(n)).sort()).toHaveLength(2);
    expect(names.filter((n) => n.includes('partial'))).toEqual([]);
  }, 60_000);

  it('refuses what is not a register, what fails verification and what a newer program made, and leaves the register as it was', async () => {
    const dataDir = tmp();
    const register = path.join(dataDir, DB_FILE_NAME);
    const { office } = await registerFile(register, 2);
    const before = fs.readFileSync(register);
    const elsewhere = tmp();
    const letter = path.join(elsewhere, 'letter.sqlite');
    fs.writeFileSync(letter, '这不是登记册'.repeat(1000));
    const tampered = await backupOf(office, path.join(elsewhere, 'a'), new Date('2026-03-02T02:00:00Z'));
    behindTheAppsBack(tampered, (raw) => raw.exec("UPDATE history SET note = '改过' WHERE id = 2"));
    const newer = path.join(elsewhere, 'newer.sqlite');
    fs.copyFileSync(register, newer);
    behindTheAppsBack(newer, (raw) => raw.prepare('INSERT INTO kysely_migration(name, timestamp) VALUES (?, ?)').run('9999_future', 'x'));

    const refused = async (file: string) => {
      const err = await restoreFiles(dataDir, file, { actor: ADMIN }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).field).toBe('file');
      return (err as AppError).message;
    };
    expect(await refused(letter)).toMatch(/「备份文件」不是登记册，不能恢复：不是 SQLite 数据库文件/);
    expect(await refused(tampered)).toMatch(/「备份文件」未通过核验，不能恢复：.*(SHA-256|第 2 条历史记录)/);
    expect(await refused(newer)).toMatch(/由较新版本的程序创建/);
    expect(await refused(register)).toMatch(/就是当前的登记册本身/);
    expect(fs.readFileSync(register).equals(before)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual([DB_FILE_NAME]);
  });

  it('names the field for a path that is relative, too long for the system, or not a file (never INTERNAL)', async () => {
    await expect(inspectBackup('backups/register-20261201-093000.sqlite')).rejects.toMatchObject({ code: 'VALIDATION', field: 'file', message: expect.stringContaining('须为完整路径') });
    await expect(inspectBackup(path.join(os.tmpdir(), '汉'.repeat(300)))).rejects.toMatchObject({ code: 'VALIDATION', field: 'file', message: expect.stringContaining('过长') });
    await expect(inspectBackup(os.tmpdir())).rejects.toMatchObject({ code: 'VALIDATION', field: 'file' });
    await expect(inspectBackup(path.join(os.tmpdir(), 'no-such-backup-here.sqlite'))).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'file' });
  });

  it('puts the safety copy back when a step after the swap fails', async () => {
    const dataDir = tmp();
    const register = path.join(dataDir, DB_FILE_NAME);
    const { office } = await registerFile(register, 3);
    const backup = await backupOf(office, path.join(tmp(), 'b'), new Date('2026-03-02T02:00:00Z'));
    must(await office.core.call('cases/register', phoneComplaint({ subject: '恢复失败后仍在的案件' }), office.as.clerk));
    fs.rmSync(register);
    await (await import('kysely')).sql`VACUUM INTO ${register}`.execute(office.core.db);
    const dump = logicalDump(register);
    for (const failing of ['swapped', 'opened', 'recorded'] as const) {
      const err = await restoreFiles(dataDir, backup, {
        actor: ADMIN, log: () => {}, onStep: (s) => { if (s === failing) throw new Error(`磁盘在 ${s} 之后出错`); },
      }).then(() => null, (e: unknown) => e as AppError);
      expect(err?.message, failing).toContain('原来的登记册已放回');
      expect(logicalDump(register), failing).toBe(dump);
    }
    expect(fs.readdirSync(dataDir).filter((n) => n.startsWith('register.sqlite.failed-restore-')).length).toBeGreaterThanOrEqual(3);
  });
});
