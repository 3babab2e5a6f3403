import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openMemoryCore, type Core } from '../core/core';
import type { CoreSession } from '../core/session';

/**
 * The papers' figures for `bench` (issue 8):
 * - letterPdfFirstMs: the first letter rendered in a fresh process, its fonts parsed on the way
 *   (bench-paper-child.ts, spawned);
 * - renderPeakRssMb: that rendering process's peak memory after the letter and a 100-paper batch;
 * - letterPdfP95Ms: a 受理告知书 preview PDF through the core (view model, template, compose, render), warm;
 * - batch100Seconds: papers/issueBatch of 100 督办通知 through the core: each numbered, rendered, stored and
 *   recorded, then all of them in one PDF (a register of its own with exactly 100 overdue cases).
 */
const WARM_RUNS = 20;

async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number(sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)].toFixed(1));
}

function renderInFreshProcess(): Promise<{ letterPdfFirstMs: number; renderPeakRssMb: number }> {
  const child = path.join(__dirname, `bench-paper-child${path.extname(__filename)}`);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, child], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (c) => (out += c));
    p.once('error', reject);
    p.once('close', (code) => {
      if (code !== 0) return reject(new Error(`文书渲染子进程失败（退出码 ${code}）`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as { letterPdfFirstMs: number; renderPeakRssMb: number });
    });
  });
}

/** A preview of a 受理告知书 for an accepted case of the bench's register, as the supervisor sees it. */
async function letterP95(core: Core, supervisor: CoreSession): Promise<number> {
  const row = await core.db.selectFrom('cases').select('id').where('accepted_at', 'is not', null).where('status', '<>', 'voided').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  const input = { caseId: row.id, type: 'accept' };
  for (let i = 0; i < 3; i++) await ok(core.call('papers/previewPdf', input, supervisor));
  const samples: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const t = performance.now();
    await ok(core.call('papers/previewPdf', input, supervisor));
    samples.push(performance.now() - t);
  }
  return p95(samples);
}

/** A register with 100 assigned cases left a month, then one batch of 督办通知 for them. */
export async function batch100(print: (line: string) => void): Promise<number> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'register-bench-papers-'));
  let now = new Date('2026-03-02T10:00:00');
  const core = await openMemoryCore({ now: () => now, log: () => {}, papersRoot: root });
  try {
    const op = <T>(channel: string, input: unknown) => ok(core.callAsOperator(channel as never, input) as Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>);
    await op('settings/update', { office: { name: '某县政务服务中心', address: '某县人民路1号', phone: '0571-88881234' } });
    await op('paperSettings/save', { abbreviation: '某政服' });
    await op('users/create', { username: 'bench-supervisor', displayName: '赵主任', password: 'bench-supervisor-1', role: 'supervisor' });
    const dept = await op<{ id: number }>('departments/save', { name: '社保服务科' });
    const staff = await op<{ id: number }>('staff/save', { departmentId: dept.id, name: '李明' });
    const session: CoreSession = { userId: null };
    await ok(core.call('auth/signIn', { username: 'bench-supervisor', password: 'bench-supervisor-1' }, session));
    for (let i = 0; i < 100; i++) {
      let c = await ok(core.call('cases/register', {
        receivedAt: '2026-03-02 09:00', channel: '来访', caseType: '投诉', subject: `窗口排队时间过长（第 ${i + 1} 件）`,
        account: '上午到综合窗口办理业务，取号后排队近两个小时，现场只开了两个窗口。', request: '高峰时段增开窗口',
        complainants: [{ name: '测试人', phone: `1380000${String(i).padStart(4, '0')}` }],
      }, session));
      c = await ok(core.call('cases/accept', { id: c.id, version: c.version }, session));
      await ok(core.call('cases/assign', { id: c.id, version: c.version, departmentId: dept.id, handlerStaffId: staff.id, severity: 'simple' }, session));
    }
    now = new Date('2026-04-01T10:00:00');
    const t = performance.now();
    const file = await ok(core.call('papers/issueBatch', { type: 'supervise', selection: 'overdue' }, session));
    const seconds = Number(((performance.now() - t) / 1000).toFixed(1));
    print(`批量督办：${file.name}，${(file.bytes.byteLength / 1024).toFixed(0)} KB，${seconds} 秒`);
    return seconds;
  } finally {
    await core.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export async function measurePapers(core: Core, supervisor: CoreSession, print: (line: string) => void) {
  print('文书：新进程首份告知书、渲染进程内存……');
  const fresh = await renderInFreshProcess();
  print('文书：告知书预览 PDF（预热后 20 次）、100 份督办通知批量签发……');
  const letterPdfP95Ms = await letterP95(core, supervisor);
  const batch100Seconds = await batch100(print);
  return {
    letterPdfFirstMs: Number(fresh.letterPdfFirstMs.toFixed(0)),
    letterPdfP95Ms,
    batch100Seconds,
    renderPeakRssMb: Number(fresh.renderPeakRssMb.toFixed(0)),
  };
}
