import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openCore } from '../core/core';
import { COMMAND_LINE_ACTOR } from '../core/session';
import { runCli } from '../../tests/support/cli';
import { tempDirs } from '../../tests/support/temp-dirs';

/**
 * `export` as an operator runs it (SPEC9 A): a real process over a real data folder (tests/support/cli.ts). The last line of stdout is
 * the row count; the workbook holds those rows; the history records the export as 命令行's (or --as's user's);
 * --unmasked needs --purpose and a role allowed to see identity.
 */
const SPAWN_TIMEOUT = 90_000;
const tmpDir = tempDirs('cr-export-');

const run = (args: string[]) => runCli(args, { timeoutMs: SPAWN_TIMEOUT });
const lastLine = (text: string) => text.trim().split(/\r?\n/).at(-1);

/** A register of three cases (one accepted), a clerk and an auditor. */
async function register(): Promise<string> {
  const dir = tmpDir();
  const core = await openCore(dir);
  try {
    const op = async (channel: string, input: unknown, role: 'admin' | 'supervisor' = 'admin') => {
      const r = await core.callAsOperator(channel as never, input, { ...COMMAND_LINE_ACTOR, role });
      if (!r.ok) throw new Error(r.error.message);
      return r.value as any;
    };
    await op('settings/update', { office: { name: '某县政务服务中心', address: '', phone: '' } });
    await op('users/create', { username: 'wang', displayName: '王芳', password: 'clerk-password-1', role: 'clerk' });
    await op('users/create', { username: 'qian', displayName: '钱审计', password: 'auditor-password-1', role: 'auditor' });
    const session = { userId: null as number | null };
    const clerk = async (channel: string, input: unknown) => {
      const r = await core.call(channel as never, input, session);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as any;
    };
    await clerk('auth/signIn', { username: 'wang', password: 'clerk-password-1' });
    const reg = (subject: string, receivedAt: string, name: string, phone: string) => clerk('cases/register', {
      receivedAt, channel: '来访', caseType: '投诉', subject, account: '窗口多次要求补交材料。', request: '', complainants: [{ name, phone }],
    });
    await reg('停车收费不透明', '2026-11-02 09:00', '张三', '13812345678');
    const b = await reg('+1 窗口排队过久', '2026-11-10 10:00', '李四', '13900001111');
    await op('cases/accept', { id: b.id, version: b.version }, 'supervisor');
    await reg('社保卡补办', '2026-11-20 15:00', '王五', '13700002222');
  } finally {
    await core.close();
  }
  return dir;
}

async function sheetRows(file: string): Promise<Array<Array<unknown>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Array<Array<unknown>> = [];
  wb.worksheets[0].eachRow((row, n) => {
    if (n > 3) out.push((row.values as unknown[]).slice(1));
  });
  return out;
}

async function lastHistory(dir: string) {
  const core = await openCore(dir);
  try {
    return await core.db.selectFrom('history').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  } finally {
    await core.close();
  }
}

describe('export', () => {
  it('writes the register masked, prints the row count as its last line and records the export as 命令行', async () => {
    const dir = await register();
    const out = path.join(tmpDir(), 'register.xlsx');
    const all = await run(['--data', dir, 'export', '--xlsx', out]);
    expect(all.code, all.stderr).toBe(0);
    expect(lastLine(all.stdout)).toBe('3');
    const rows = await sheetRows(out);
    expect(rows.map((r) => [r[0], r[5], r[6]])).toEqual([
      ['2026-000003', '王*', '137****2222'], ['2026-000002', '李*', '139****1111'], ['2026-000001', '张*', '138****5678'],
    ]);
    expect(rows[1][4]).toBe('+1 窗口排队过久');
    const h = await lastHistory(dir);
    expect(h).toMatchObject({ entity: 'export', action: 'register.export', actor_name: '命令行' });
    expect(JSON.parse(h.after!)).toMatchObject({ rows: 3, unmasked: false });

    // Filters: dates and a status given by code or label, a search.
    const some = await run(['--data', dir, 'export', '--from', '2026-11-05', '--to', '2026-11-30', '--status', '待受理', '--xlsx', out]);
    expect(some.code, some.stderr).toBe(0);
    expect(lastLine(some.stdout)).toBe('1');
    expect((await sheetRows(out)).map((r) => r[0])).toEqual(['2026-000003']);
    const searched = await run(['--data', dir, 'export', '--search', '社保', '--status', 'registered', '--status', 'accepted', '--xlsx', out]);
    expect(lastLine(searched.stdout)).toBe('1');
    const none = await run(['--data', dir, 'export', '--search', '不存在的事由', '--xlsx', out]);
    expect(lastLine(none.stdout)).toBe('0');
  }, 240_000);

  it('--unmasked needs --purpose and a role allowed to see identity', async () => {
    const dir = await register();
    const out = path.join(tmpDir(), 'register.xlsx');
    const noPurpose = await run(['--data', dir, 'export', '--unmasked', '--xlsx', out]);
    expect(noPurpose.code).toBe(1);
    expect(noPurpose.stderr).toMatch(/导出用途.*字段 purpose，错误码 VALIDATION/);
    const clerk = await run(['--data', dir, 'export', '--unmasked', '--purpose', '核对', '--as', 'wang', '--xlsx', out]);
    expect(clerk.code).toBe(1);
    expect(clerk.stderr).toMatch(/错误码 FORBIDDEN/);
    expect(fs.existsSync(out)).toBe(false);
    const badStatus = await run(['--data', dir, 'export', '--status', '已关闭', '--xlsx', out]);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toContain('--status 不是案件状态');
    const auditor = await run(['--data', dir, 'export', '--unmasked', '--purpose', '年度审计', '--as', 'qian', '--xlsx', out]);
    expect(auditor.code, auditor.stderr).toBe(0);
    expect(lastLine(auditor.stdout)).toBe('3');
    expect((await sheetRows(out)).map((r) => [r[5], r[6]])).toEqual([['王五', '13700002222'], ['李四', '13900001111'], ['张三', '13812345678']]);
    const h = await lastHistory(dir);
    expect(h).toMatchObject({ action: 'register.export', actor_name: '钱审计' });
    expect(JSON.parse(h.after!)).toMatchObject({ rows: 3, unmasked: true, purpose: '年度审计' });
  }, 240_000);
});
