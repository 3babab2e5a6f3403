// @vitest-environment jsdom
import { App } from 'antd';
import { act, useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BackupInfo, Result } from '../../api/core';
import type { RecoveryStatus } from '../../app/session';

beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
    addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

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
const HASH = '9f'.repeat(32);
const NEWEST: BackupInfo = {
  file: '/data/backups/register-20261201-090000.sqlite', name: 'register-20261201-090000.sqlite', destination: '/data/backups',
  createdAt: '2026-12-01T01:00:00.000Z', size: 438_272, cases: 12, lastRegisterNumber: '2026-000012', head: { count: 40, hash: HASH },
  schemaVersion: '0013_attachments', appVersion: '0.1.0', reason: 'daily', verified: true, problem: null,
};
const DAMAGED: RecoveryStatus = {
  damaged: true, movedTo: '/data/register.sqlite.corrupt-20261201-100000',
  message: '登记册文件已损坏（database disk image is malformed），已移至 /data/register.sqlite.corrupt-20261201-100000', newestBackup: NEWEST,
};
const CORRUPT: Result<unknown> = { ok: false, error: { code: 'CORRUPT', message: DAMAGED.message } };

let root: Root | null = null;
function mount(node: React.ReactNode) {
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
  vi.doUnmock('../../app/session');
  vi.resetModules();
});
const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const text = (id: string) => byTestId(id)?.textContent ?? '';
async function settle(ms = 0) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}
async function until(check: () => boolean, ms = 4000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await settle(20);
  }
}
async function type(el: HTMLInputElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('the session at start', () => {
  it('goes to the recovery phase when setup/status answers CORRUPT and recovery/status says damaged; starts over to sign-in with the notice', async () => {
    const { SessionProvider, useSession } = await import('../../app/session');
    fakeCore();
    answers['setup/status'] = () => CORRUPT;
    answers['recovery/status'] = () => ok(DAMAGED);
    let session: ReturnType<typeof useSession> | null = null;
    function Probe() {
      const s = useSession();
      useEffect(() => {
        session = s;
      });
      return <span data-testid="phase">{s.phase}</span>;
    }
    mount(<SessionProvider><Probe /></SessionProvider>);
    await until(() => text('phase') === 'recovery');
    expect(calls.map((c) => c.channel)).toEqual(['setup/status', 'recovery/status']);
    expect(session!.recovery).toEqual(DAMAGED);

    // restored: the register opens again, nobody is signed in
    answers['setup/status'] = () => ok({ needsSetup: false, officeName: '某区政务服务中心' });
    answers['auth/session'] = () => ok(null);
    act(() => session!.restart('已恢复'));
    await until(() => text('phase') === 'signedOut');
    expect(session!.notice).toBe('已恢复');
    expect(session!.recovery).toBeNull();
    expect(session!.officeName).toBe('某区政务服务中心');
  });

  it('does not ask recovery/status when the register opened (a normal cold start)', async () => {
    const { SessionProvider, useSession } = await import('../../app/session');
    fakeCore();
    answers['setup/status'] = () => ok({ needsSetup: false, officeName: '某区政务服务中心' });
    answers['auth/session'] = () => ok(null);
    function Probe() {
      return <span data-testid="phase">{useSession().phase}</span>;
    }
    mount(<SessionProvider><Probe /></SessionProvider>);
    await until(() => text('phase') === 'signedOut');
    expect(calls.map((c) => c.channel)).toEqual(['setup/status', 'auth/session']);
  });
});

describe('the recovery page', () => {
  it('says what happened and where the file went, shows the newest verified backup, and restores it with an admin of that backup', async () => {
    const restart = vi.fn();
    vi.doMock('../../app/session', () => ({ useSession: () => ({ recovery: DAMAGED, restart }) }));
    const { default: RecoveryPage } = await import('./index');
    fakeCore();
    answers['recovery/restore'] = (input) => input.password === 'right-pass'
      ? ok({ restoredFrom: NEWEST.file, safetyCopy: DAMAGED.movedTo, head: NEWEST.head, cases: 12 })
      : { ok: false, error: { code: 'VALIDATION', message: '「用户名」或「密码」不正确：须为该备份中一个启用的管理员账号', field: 'password' } };
    mount(<RecoveryPage />);
    expect(text('recovery-message')).toContain('database disk image is malformed');
    expect(text('recovery-moved-to')).toBe(DAMAGED.movedTo);
    expect(text('backup-summary-head')).toBe(`40:${HASH}`);
    expect(text('backup-summary-verified')).toContain('已核验');
    const form = byTestId('recovery-form')!;
    const [file, username, password] = [...form.querySelectorAll('input')] as HTMLInputElement[];
    expect(file.value).toBe(NEWEST.file);
    await type(username, 'admin');
    await type(password, 'wrong');
    await act(async () => byTestId('recovery-submit')!.click());
    await until(() => form.textContent!.includes('「用户名」或「密码」不正确'));
    expect(restart).not.toHaveBeenCalled();

    await type(password, 'right-pass');
    await act(async () => byTestId('recovery-submit')!.click());
    await until(() => restart.mock.calls.length > 0);
    expect(calls.at(-1)).toEqual({ channel: 'recovery/restore', input: { file: NEWEST.file, username: 'admin', password: 'right-pass' } });
    expect(restart.mock.calls[0][0]).toContain('（12 件案件）');
    expect(restart.mock.calls[0][0]).toContain(`损坏的文件保留在：${DAMAGED.movedTo}`);
  });

  it('says there is no verified backup, and still takes a typed file', async () => {
    const restart = vi.fn();
    vi.doMock('../../app/session', () => ({ useSession: () => ({ recovery: { ...DAMAGED, newestBackup: null }, restart }) }));
    const { default: RecoveryPage } = await import('./index');
    fakeCore();
    mount(<RecoveryPage />);
    expect(text('recovery-no-backup')).toContain('没有找到已核验的备份');
    const [file] = [...byTestId('recovery-form')!.querySelectorAll('input')] as HTMLInputElement[];
    expect(file.value).toBe('');
    await act(async () => byTestId('recovery-submit')!.click());
    await until(() => byTestId('recovery-form')!.textContent!.includes('请填写「备份文件」'));
    expect(calls).toEqual([]);
  });
});
