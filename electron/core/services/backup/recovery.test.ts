import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../../db/open';
import { openCore, openCoreOrRecovery, RegisterDamagedError, type Core } from '../../core';
import { must, PASSWORD, phoneComplaint } from '../../testing';
import { backupOf, overwrite, registerFile } from './test-registers';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'recovery-'));
  dirs.push(d);
  return d;
};
const cores: Core[] = [];
// closing a scheduled core makes its close backup (copied and verified): more than the default 10 s hook time on a busy machine
afterAll(async () => {
  for (const c of cores) await c.close();
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
}, 60_000);

/** A data folder with a register of `cases` cases and one verified backup of it in backups/. */
async function folderWithBackup(cases = 3) {
  const dataDir = tmp();
  const register = path.join(dataDir, DB_FILE_NAME);
  const { office } = await registerFile(register, cases);
  const backup = await backupOf(office, path.join(dataDir, 'backups'), new Date('2026-03-02T02:00:00Z'));
  return { dataDir, register, office, backup };
}

const damages: Array<[string, (file: string) => void]> = [
  ['flipped bytes', (f) => { const pages = fs.statSync(f).size / 4096; for (let p = 2; p < pages; p += 2) overwrite(f, p * 4096 + 16, 200, 0x5a); }],
  ['truncated', (f) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 3))],
  ['zeroed first page', (f) => overwrite(f, 0, 4096)],
];

describe('start-up on a damaged register', () => {
  for (const [what, damage] of damages) {
    it(`${what}: moved aside with -wal/-shm, never opened for writing, CORRUPT naming the newest verified backup`, async () => {
      const { dataDir, register, backup } = await folderWithBackup();
      fs.writeFileSync(`${register}-wal`, '');
      damage(register);
      const damagedBytes = fs.readFileSync(register);
      const err = await openCore(dataDir, { log: () => {} }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(RegisterDamagedError);
      const e = err as RegisterDamagedError;
      expect(e.code).toBe('CORRUPT');
      expect(e.message).toMatch(/登记册文件已损坏，无法打开/);
      expect(e.message).toContain(`已将它移到 ${e.damage.movedTo}`);
      expect(e.message).toContain('2026-03-02 10:00 的备份（3 件案件）');
      expect(e.message).toContain(`restore --from "${backup}"`);
      expect(e.message).toContain('恢复');
      expect(path.basename(e.damage.movedTo!)).toMatch(/^register\.sqlite\.corrupt-\d{8}-\d{6}$/);
      expect(fs.readFileSync(e.damage.movedTo!).equals(damagedBytes)).toBe(true); // moved, not changed
      expect(fs.existsSync(`${e.damage.movedTo}-wal`)).toBe(true);
      expect(fs.existsSync(register)).toBe(false);
      expect(fs.existsSync(path.join(dataDir, 'register.lock'))).toBe(false); // openCore let the folder go
    });
  }

  it('recovery mode answers only recovery/*, refuses a wrong password, and restores with an admin of the backup', async () => {
    const { dataDir, register, backup } = await folderWithBackup(2);
    damages[0][1](register);
    const core = await openCoreOrRecovery(dataDir, { log: () => {} });
    cores.push(core);
    expect(core.damage?.movedTo).toMatch(/corrupt-/);
    const anyone = { userId: null };
    const status = must(await core.call('recovery/status', {}, anyone));
    expect(status).toMatchObject({ damaged: true, movedTo: core.damage!.movedTo, newestBackup: { file: backup, cases: 2, verified: true } });
    expect(status.message).toContain(backup);
    const setup = await core.call('setup/status', {}, anyone);
    expect(setup).toMatchObject({ ok: false, error: { code: 'CORRUPT' } });
    expect(await core.call('auth/signIn', { username: 'admin', password: PASSWORD }, anyone)).toMatchObject({ ok: false, error: { code: 'CORRUPT' } });

    const wrong = await core.call('recovery/restore', { file: backup, username: 'admin', password: 'not-the-password' }, anyone);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'password', message: expect.stringContaining('管理员') } });
    const clerk = await core.call('recovery/restore', { file: backup, username: 'clerk', password: PASSWORD }, anyone);
    expect(clerk).toMatchObject({ ok: false, error: { field: 'password' } });
    expect(await core.call('recovery/restore', { file: backup, username: 'admin' }, anyone)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'password' } });
    expect(fs.existsSync(register)).toBe(false); // nothing restored yet

    const restored = must(await core.call('recovery/restore', { file: backup, username: 'admin', password: PASSWORD }, anyone));
    expect(restored).toMatchObject({ restoredFrom: backup, cases: 2, safetyCopy: core.damage?.movedTo ?? expect.stringMatching(/corrupt-/) });
    expect(core.damage).toBeNull();
    expect(must(await core.call('setup/status', {}, anyone)).needsSetup).toBe(false);
    const session = { userId: null as number | null };
    must(await core.call('auth/signIn', { username: 'admin', password: PASSWORD }, session));
    expect(must(await core.call('recovery/status', {}, session)).damaged).toBe(false);
    const last = await sql<{ action: string; actor_name: string }>`SELECT action, actor_name FROM history ORDER BY id DESC LIMIT 1`.execute(core.db);
    expect(last.rows[0]).toEqual({ action: 'register.restore', actor_name: '系统管理员' });
  }, 60_000);

  it('a register made by a newer program is refused and left where it is', async () => {
    const dataDir = tmp();
    const register = path.join(dataDir, DB_FILE_NAME);
    await registerFile(register, 1);
    const { behindTheAppsBack } = await import('./test-registers');
    behindTheAppsBack(register, (raw) => raw.prepare('INSERT INTO kysely_migration(name, timestamp) VALUES (?, ?)').run('9999_future', 'x'));
    await expect(openCore(dataDir)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('由较新版本的程序创建') });
    expect(fs.existsSync(register)).toBe(true);
  });
});

/** Flips one byte of an index's page until integrity_check finds that index, and only indexes, wrong (the data intact). */
function damageAnIndex(file: string, index: string): string {
  const raw = new BetterSqlite3(file, { readonly: true });
  const pageSize = Number(raw.pragma('page_size', { simple: true }));
  const page = raw.prepare('SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno LIMIT 1').pluck().get(index) as number;
  raw.close();
  const fd = fs.openSync(file, 'r+');
  try {
    for (let at = page * pageSize - 1; at > page * pageSize - 200; at--) {
      const b = Buffer.alloc(1);
      fs.readSync(fd, b, 0, 1, at);
      fs.writeSync(fd, Buffer.from([b[0] ^ 0x01]), 0, 1, at);
      const probe = new BetterSqlite3(file, { readonly: true });
      let problems: string[] = [];
      try {
        problems = probe.prepare('PRAGMA integrity_check').pluck().all() as string[];
      } catch { problems = ['unreadable'] } finally { probe.close(); }
      if (problems[0] !== 'ok' && problems.every((p) => /index /.test(p))) return problems.join('; ');
      fs.writeSync(fd, b, 0, 1, at); // not an index-only damage: put the byte back, try the next one
    }
  } finally {
    fs.closeSync(fd);
  }
  throw new Error(`no byte of ${index}'s page gave an index-only damage`);
}

describe('start-up on a register whose index is damaged (the rows intact)', () => {
  it('rebuilds the indexes and opens, instead of opening it unchecked or throwing the rows away', async () => {
    const { dataDir, register, office } = await folderWithBackup(4);
    await office.core.close();
    const found = damageAnIndex(register, 'complainants_phone');
    expect(found).toMatch(/complainants_phone/);
    const logged: unknown[] = [];
    const core = await openCore(dataDir, { log: (e) => logged.push(e) });
    cores.push(core);
    const check = new BetterSqlite3(register, { readonly: true });
    expect(check.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
    check.close();
    const clerk = { userId: null as number | null };
    must(await core.call('auth/signIn', { username: 'clerk', password: PASSWORD }, clerk));
    expect(must(await core.call('cases/list', {}, clerk)).total).toBe(4);
    expect(String(logged.find((e) => /索引/.test(String((e as Error)?.message ?? e))))).toMatch(/已重建索引/);
  }, 60_000);
});

describe('start-up on a register lost beside its backups', () => {
  it('an empty (0-byte) register is quarantined, not opened as a new one', async () => {
    const { dataDir, register, backup, office } = await folderWithBackup(2);
    await office.core.close();
    fs.truncateSync(register, 0);
    const err = await openCore(dataDir, { log: () => {} }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(RegisterDamagedError);
    expect(err).toMatchObject({ code: 'CORRUPT', message: expect.stringContaining('0 字节') });
    expect((err as Error).message).toContain(backup);
    expect(fs.existsSync(register)).toBe(false);
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith(`${DB_FILE_NAME}.corrupt-`))).toBe(true);
  }, 60_000);

  it('a missing register with backups beside it is not replaced by an empty one', async () => {
    const { dataDir, register, backup, office } = await folderWithBackup(2);
    await office.core.close();
    fs.rmSync(register);
    for (const side of ['-wal', '-shm']) fs.rmSync(register + side, { force: true });
    await expect(openCore(dataDir, { log: () => {} })).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringContaining(backup) });
    expect(fs.existsSync(register)).toBe(false);
    const recovering = await openCoreOrRecovery(dataDir, { log: () => {} });
    cores.push(recovering);
    expect(must(await recovering.call('recovery/status', {}, { userId: null }))).toMatchObject({ damaged: true, newestBackup: { file: backup } });
  }, 60_000);

  it('an empty data folder is still a first start', async () => {
    const core = await openCore(tmp(), { log: () => {} });
    cores.push(core);
    expect(must(await core.call('setup/status', {}, { userId: null }))).toMatchObject({ needsSetup: true });
  });
});

describe('backup/restore on a running core', () => {
  it('swaps the register under the services, signs every session out, and records the restore', async () => {
    const { dataDir, register, backup, office } = await folderWithBackup(3);
    await office.core.close();
    const core = await openCore(dataDir, { log: () => {} });
    cores.push(core);
    const admin = { userId: null as number | null };
    const clerk = { userId: null as number | null };
    must(await core.call('auth/signIn', { username: 'admin', password: PASSWORD }, admin));
    must(await core.call('auth/signIn', { username: 'clerk', password: PASSWORD }, clerk));
    must(await core.call('cases/register', phoneComplaint({ subject: '备份之后的案件' }), clerk));
    expect(must(await core.call('cases/list', {}, clerk)).total).toBe(4);

    expect(await core.call('backup/restore', { file: backup }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'confirm' } });
    expect(await core.call('backup/restore', { file: backup, confirm: true }, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const inspected = must(await core.call('backup/inspect', { file: backup }, admin));
    expect(inspected).toMatchObject({ file: backup, cases: 3, verified: true, problem: null });

    const oldDb = core.db;
    const result = must(await core.call('backup/restore', { file: backup, confirm: true }, admin));
    expect(result).toMatchObject({ restoredFrom: backup, cases: 3, head: inspected.head });
    expect(fs.existsSync(result.safetyCopy)).toBe(true);
    expect(core.db).not.toBe(oldDb);
    expect(core.generation).toBe(1);
    for (const s of [admin, clerk]) {
      expect(await core.call('cases/list', {}, s)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '登记册已从备份恢复，请重新登录' } });
      expect(s.userId).toBeNull();
    }
    must(await core.call('auth/signIn', { username: 'clerk', password: PASSWORD }, clerk));
    expect(must(await core.call('cases/list', {}, clerk)).total).toBe(3);
    const last = await sql<{ action: string; entity: string; actor_name: string }>`SELECT action, entity, actor_name FROM history ORDER BY id DESC LIMIT 1`.execute(core.db);
    expect(last.rows[0]).toEqual({ action: 'register.restore', entity: 'register', actor_name: '系统管理员' });
    expect(fs.existsSync(register)).toBe(true);
  }, 60_000);
  it('restores a backup made earlier the same day on a scheduled core (no close backup rotates it away first)', async () => {
    const { dataDir } = await folderWithBackup(2);
    const core = await openCore(dataDir, { backups: 'schedule', log: () => {} });
    cores.push(core);
    const admin = { userId: null as number | null };
    must(await core.call('auth/signIn', { username: 'admin', password: PASSWORD }, admin));
    // Today's first backup (the schedule's, a few seconds after open): the one to restore.
    let today: string | undefined;
    const until = Date.now() + 60_000;
    while (!today && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await core.services.backups.settled();
      today = must(await core.call('backup/status', {}, admin)).backups.find((b) => b.reason === 'daily' && b.verified)?.file;
    }
    expect(today).toBeDefined();
    const clerk = { userId: null as number | null };
    must(await core.call('auth/signIn', { username: 'clerk', password: PASSWORD }, clerk));
    must(await core.call('cases/register', phoneComplaint({ subject: '今天备份之后的案件' }), clerk));
    const result = must(await core.call('backup/restore', { file: today!, confirm: true }, admin));
    expect(result).toMatchObject({ restoredFrom: today, cases: 2 });
    expect(fs.existsSync(today!)).toBe(true);
  }, 90_000);
});
