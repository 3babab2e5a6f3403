import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../core/core';
import { localDateTime } from '../core/local-time';
import { runCli } from '../../tests/support/cli';
import { tempDirs } from '../../tests/support/temp-dirs';

/**
 * `doc` as an operator runs it (SPEC8 §7): real processes over a real data folder (tests/support/cli.ts), as electron/cli/cli.test.ts
 * runs the other commands. A preview changes nothing and lists the gaps on stderr; --issue refuses while gaps
 * remain and writes nothing, else prints the number as its last line and writes the stored PDF; a batch of
 * 督办通知 for the overdue cases comes out as one PDF.
 */
const SPAWN_TIMEOUT = 90_000;
const tmpDir = tempDirs('cr-doc-');

const run = (args: string[]) => runCli(args, { timeoutMs: SPAWN_TIMEOUT });
const lastLine = (text: string) => text.trim().split(/\r?\n/).at(-1);

/**
 * A register with an office, a supervisor and two cases received a month ago (so overdue now): one accepted,
 * one assigned with a finding (a reply letter's gaps: 调查核实情况).
 */
async function register(): Promise<{ dir: string; accepted: string; found: string }> {
  const dir = tmpDir();
  const core = await openCore(dir);
  try {
    const op = async (channel: string, input: unknown) => {
      const r = await core.callAsOperator(channel as never, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as any;
    };
    await op('settings/update', { office: { name: '某县政务服务中心', address: '人民路1号', phone: '0571-88881234' } });
    await op('paperSettings/save', { abbreviation: '某政服' });
    await op('users/create', { username: 'zhao', displayName: '赵主任', password: 'supervisor-pw-1', role: 'supervisor' });
    const dept = await op('departments/save', { name: '社保服务科' });
    const staff = await op('staff/save', { departmentId: dept.id, name: '李明' });
    const session = { userId: null as number | null };
    const call = async (channel: string, input: unknown) => {
      const r = await core.call(channel as never, input, session);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as any;
    };
    await call('auth/signIn', { username: 'zhao', password: 'supervisor-pw-1' });
    const received = localDateTime(new Date(Date.now() - 35 * 86_400_000)).slice(0, 16);
    const reg = (subject: string) => call('cases/register', {
      receivedAt: received, channel: '信函', caseType: '投诉', subject, account: '窗口多次要求补交材料。', request: '一次性告知',
      complainants: [{ name: '张三', phone: '13812345678' }],
    });
    let a = await reg('停车收费不透明');
    a = await call('cases/accept', { id: a.id, version: a.version });
    let b = await reg('窗口排队过久');
    b = await call('cases/accept', { id: b.id, version: b.version });
    b = await call('cases/assign', { id: b.id, version: b.version, departmentId: dept.id, handlerStaffId: staff.id, severity: 'simple' });
    b = await call('cases/recordFinding', { id: b.id, version: b.version, finding: 'partly', handlingOpinion: '批评教育当事人', measures: '公示材料清单', handledOn: localDateTime(new Date()).slice(0, 10) });
    return { dir, accepted: a.registerNo, found: b.registerNo };
  } finally {
    await core.close();
  }
}

async function counts(dir: string) {
  const core = await openCore(dir);
  try {
    const n = async (t: 'papers' | 'history') => Number((await core.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { papers: await n('papers'), history: await n('history') };
  } finally {
    await core.close();
  }
}

describe('doc', () => {
  it('writes a preview that changes nothing and lists the gaps; --issue refuses while they remain, then issues and prints the number last', async () => {
    const { dir, found } = await register();
    const out = tmpDir();
    const before = await counts(dir);
    const preview = await run(['--data', dir, 'doc', '--case', found, '--type', 'reply', '--pdf', path.join(out, 'preview.pdf'), '--docx', path.join(out, 'preview.docx')]);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stderr).toContain('待填写：调查核实情况');
    expect(fs.readFileSync(path.join(out, 'preview.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readFileSync(path.join(out, 'preview.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(await counts(dir)).toEqual(before);

    const refused = await run(['--data', dir, 'doc', '--case', found, '--type', 'reply', '--pdf', path.join(out, 'reply.pdf'), '--issue']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^错误：答复函尚有待填写的内容：调查核实情况.*（字段 fillIns\.调查核实情况，错误码 VALIDATION）/m);
    expect(fs.existsSync(path.join(out, 'reply.pdf'))).toBe(false);
    expect(await counts(dir)).toEqual(before);

    const gaps = preview.stderr.match(/待填写：([^（]+)（/g)!.map((l) => l.slice(4, -1));
    const fills = gaps.flatMap((g) => ['--fill', `${g}=${g === '调查核实情况' ? '经调取窗口录像核实，情况部分属实。' : `${g}内容`}`]);
    const issued = await run(['--data', dir, 'doc', '--case', found, '--type', 'reply', '--pdf', path.join(out, 'reply.pdf'), '--docx', path.join(out, 'reply.docx'), '--issue', ...fills]);
    expect(issued.code, issued.stderr).toBe(0);
    expect(lastLine(issued.stdout)).toBe('某政服诉复〔2026〕1号');
    const bytes = fs.readFileSync(path.join(out, 'reply.pdf'));
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(issued.stdout).toContain(`SHA-256 ${sha}`);
    expect(fs.readFileSync(path.join(dir, 'papers', '2026', `${sha}.pdf`)).equals(bytes)).toBe(true);
    expect(fs.existsSync(path.join(out, 'reply.docx'))).toBe(true);
    expect(await counts(dir)).toEqual({ papers: 1, history: before.history + 1 });
  }, SPAWN_TIMEOUT * 4);

  it('issues a form with the register number as its last line, refuses an unknown case or type, and prints a batch of 督办通知 as one PDF', async () => {
    const { dir, accepted } = await register();
    const out = tmpDir();
    const [form, unknownCase, unknownType] = await Promise.all([
      run(['--data', dir, 'doc', '--case', accepted, '--type', 'register-form', '--pdf', path.join(out, 'form.pdf'), '--issue']),
      run(['--data', dir, 'doc', '--case', '2026-999999', '--type', 'accept', '--pdf', path.join(out, 'x.pdf')]),
      run(['--data', dir, 'doc', '--case', accepted, '--type', 'letter', '--pdf', path.join(out, 'y.pdf')]),
    ]);
    expect(form.code, form.stderr).toBe(0);
    expect(lastLine(form.stdout)).toBe(accepted);
    expect(unknownCase.code).toBe(1);
    expect(unknownCase.stderr).toContain('没有登记编号为“2026-999999”的案件');
    expect(unknownType.code).toBe(2);
    expect(unknownType.stderr).toContain('--type 不是文书类型：letter');

    const batch = await run(['--data', dir, 'doc', '--batch', 'supervise', '--overdue', '--pdf', out]);
    expect(batch.code, batch.stderr).toBe(0);
    const file = /已签发并合为一个 PDF：(.+)$/m.exec(batch.stdout)![1];
    expect(path.basename(file)).toMatch(/^督办通知-\d{4}-\d\d-\d\d-共[12]份\.pdf$/);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await counts(dir)).papers).toBeGreaterThanOrEqual(2);
  }, SPAWN_TIMEOUT * 3);
});
