// @vitest-environment jsdom
import { App } from 'antd';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BackupInfo, BackupProgress, Result } from '../../../../api/core';

const restart = vi.fn();
vi.mock('../../../../app/session', () => ({ useSession: () => ({ restart }) }));

const { BackupRun, BACKUP_POLL_MS } = await import('./backup-run');
const { RestoreDialog } = await import('./restore-dialog');

beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
    addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

/** The core behind window.api: every call is recorded and answered by `answers[channel]`. */
interface Call { channel: string; input: Record<string, unknown> }
let calls: Call[] = [];
let answers: Record<string, (input: Record<string, unknown>) => Result<unknown>> = {};
function fakeCore() {
  calls = [];
  answers = {};
  window.api = {
    invoke: async (channel, input) => {
      calls.push({ channel, input: input as Record<string, unknown> });
      const answer = answers[channel];
      if (!answer) throw new Error(`unexpected call ${channel}`);
      return answer(input as Record<string, unknown>);
    },
  };
}
const ok = <T,>(value: T): Result<T> => ({ ok: true, value });
const HASH = 'ab12cd34ef56'.padEnd(64, '0');
const backup = (over: Partial<BackupInfo> = {}): BackupInfo => ({
  file: '/data/backups/register-20261201-090000.sqlite', name: 'register-20261201-090000.sqlite', destination: '/data/backups',
  createdAt: '2026-12-01T01:00:00.000Z', size: 438_272, cases: 12, lastRegisterNumber: '2026-000012', head: { count: 40, hash: HASH },
  schemaVersion: '0013_attachments', appVersion: '0.1.0', reason: 'manual', verified: true, problem: null, ...over,
});
const progress = (over: Partial<BackupProgress> = {}): BackupProgress => ({ job: 7, phase: 'copy', done: 0, total: 0, finished: false, results: [], ...over });

let root: Root | null = null;
function mount(node: ReactNode) {
  const host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  act(() => root!.render(<App>{node}</App>));
}
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
  delete window.api;
  restart.mockReset();
});

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const text = (id: string) => byTestId(id)?.textContent ?? '';
const channels = () => calls.map((c) => c.channel);
async function settle(ms = 0) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}
async function click(el: Element | null) {
  expect(el).not.toBeNull();
  await act(async () => {
    (el as HTMLElement).click();
  });
  await settle();
}
async function until(check: () => boolean, ms = 4000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await settle(20);
  }
}

describe('立即备份', () => {
  it('starts a run, says each phase in words while polling its job, and ends with each destination’s result', async () => {
    fakeCore();
    const steps = [
      progress({ phase: 'check' }),
      progress({ phase: 'attachments', done: 2, total: 5 }),
      progress({
        phase: 'done', finished: true,
        results: [
          { destination: '/data/backups', backup: backup(), error: null },
          { destination: '/media/usb', backup: null, error: '「第二备份位置」文件夹不存在：/media/usb' },
        ],
      }),
    ];
    answers['backup/run'] = () => ok(progress());
    // each step answers two polls, so it is on screen for a while even on a busy machine
    let polls = 0;
    answers['backup/progress'] = () => ok(steps[Math.min(steps.length - 1, Math.floor(polls++ / 2))]);
    const onFinished = vi.fn();
    mount(<BackupRun running={null} nextScheduledAt="2026-12-01T05:00:00.000Z" onFinished={onFinished} />);
    expect(text('backup-next')).toMatch(/^下次自动备份：2026-12-01 \d\d:00:00$/);
    await click(byTestId('backup-run-button'));
    const seen = new Set<string>();
    await until(() => {
      seen.add(text('backup-phase'));
      return onFinished.mock.calls.length > 0;
    });
    expect(seen).toContain('正在核验副本（完整性、外键、历史链）');
    expect(seen).toContain('正在复制附件（2 / 5）');
    expect(text('backup-phase')).toBe('备份完成 1 个位置，1 个位置未成功');
    const results = [...document.querySelectorAll('[data-testid="backup-result"]')].map((el) => el.textContent);
    expect(results).toEqual(['/data/backups：已保存 register-20261201-090000.sqlite', '/media/usb：「第二备份位置」文件夹不存在：/media/usb']);
    expect(channels()).toEqual(['backup/run', ...Array(5).fill('backup/progress')]);
    expect(calls.slice(1).every((c) => c.input.job === 7)).toBe(true);
    expect(onFinished).toHaveBeenCalledTimes(1);
    // nothing polls after the end
    await settle(BACKUP_POLL_MS * 2);
    expect(calls).toHaveLength(6);
  });

  it('follows a backup already running when the tab opens, and says so when its progress can no longer be read', async () => {
    fakeCore();
    answers['backup/progress'] = () => ({ ok: false, error: { code: 'NOT_FOUND', message: '找不到备份任务 7（可能已过期），请重新查看备份状态', field: 'job' } });
    const onFinished = vi.fn();
    mount(<BackupRun running={progress({ phase: 'manifest' })} nextScheduledAt={null} onFinished={onFinished} />);
    expect(text('backup-phase')).toBe('正在写入备份清单');
    expect(text('backup-next')).toBe('下次自动备份：本程序未安排自动备份');
    await until(() => byTestId('backup-lost') !== null);
    expect(text('backup-lost')).toContain('找不到备份任务 7');
    expect(byTestId('backup-run-button')!.className).not.toContain('ant-btn-loading');
    expect(onFinished).toHaveBeenCalledTimes(1);
  });
});

describe('恢复', () => {
  it('shows what the verified backup holds, restores it only after 恢复此备份, and starts over at sign-in with what was done', async () => {
    fakeCore();
    answers['backup/inspect'] = () => ok(backup());
    answers['backup/restore'] = () => ok({ restoredFrom: backup().file, safetyCopy: '/data/register.sqlite.before-restore-20261201-100000', head: backup().head, cases: 12 });
    mount(<RestoreDialog file={backup().file} onClose={() => {}} />);
    await until(() => byTestId('backup-summary') !== null);
    expect(calls).toEqual([{ channel: 'backup/inspect', input: { file: backup().file } }]);
    expect(text('backup-summary-head')).toBe(`40:${HASH}`);
    expect(text('backup-summary-cases')).toBe('12');
    expect(text('backup-summary-last-no')).toBe('2026-000012');
    expect(text('restore-warning')).toContain('安全副本');
    expect(restart).not.toHaveBeenCalled();
    await click(byTestId('restore-confirm'));
    await until(() => restart.mock.calls.length > 0);
    expect(calls[1]).toEqual({ channel: 'backup/restore', input: { file: backup().file, confirm: true } });
    expect(restart.mock.calls[0][0]).toMatch(/^登记册已从 2026-12-01 \d\d:00:00 的备份恢复（12 件案件）。原登记册另存为：\/data\/register\.sqlite\.before-restore-20261201-100000。所有人已退出登录，请重新登录。$/);
  });

  it('offers no restore of a backup that failed verification, and shows the core’s refusal of a file', async () => {
    fakeCore();
    answers['backup/inspect'] = () => ok(backup({ verified: false, problem: '备份文件的 SHA-256 与清单不符' }));
    mount(<RestoreDialog file={backup().file} onClose={() => {}} />);
    await until(() => byTestId('backup-summary') !== null);
    expect(text('restore-refused')).toContain('SHA-256 与清单不符');
    expect((byTestId('restore-confirm') as HTMLButtonElement).disabled).toBe(true);
    await click(byTestId('restore-confirm'));
    expect(channels()).toEqual(['backup/inspect']);

    act(() => root?.unmount());
    fakeCore();
    answers['backup/inspect'] = () => ({ ok: false, error: { code: 'VALIDATION', message: '「备份文件」不是登记册', field: 'file' } });
    mount(<RestoreDialog file="/tmp/x.txt" onClose={() => {}} />);
    await until(() => byTestId('restore-refused') !== null);
    expect(text('restore-refused')).toContain('「备份文件」不是登记册');
    expect((byTestId('restore-confirm') as HTMLButtonElement).disabled).toBe(true);
    expect(restart).not.toHaveBeenCalled();
  });
});
