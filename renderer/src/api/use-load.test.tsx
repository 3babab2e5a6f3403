// @vitest-environment jsdom
import { App } from 'antd';
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from './core';
import { useApi } from './use-api';
import { useLoad, type Load } from './use-load';

beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
    addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

/** The core behind window.api: each call waits until the test answers it. */
interface Pending {
  channel: string;
  input: unknown;
  answer(result: Result<unknown>): Promise<void>;
}
let pending: Pending[] = [];
function fakeCore() {
  pending = [];
  window.api = {
    invoke: (channel, input) =>
      new Promise((resolve) => {
        pending.push({
          channel, input,
          answer: async (result) => {
            await act(async () => {
              resolve(result);
              await new Promise((r) => setTimeout(r, 0));
            });
          },
        });
      }),
  };
}

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  delete window.api;
  document.body.innerHTML = '';
});

function mount(node: React.ReactNode) {
  const host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  act(() => root!.render(<App>{node}</App>));
}

const NOT_FOUND = { ok: false as const, error: { code: 'NOT_FOUND' as const, message: '没有找到编号为 7 的案件' } };
/** The text of the notices on screen; one that was closed plays its leave animation (jsdom never ends it). */
const shown = (selector: string) =>
  [...document.body.querySelectorAll(`${selector}:not([class*="-leave"])`)].map((n) => n.textContent).join('|');
const errorOnScreen = () => shown('.ant-message-notice');

describe('useLoad', () => {
  it('loads on mount, reloads when its input changes, and drops an answer overtaken by a newer request', async () => {
    fakeCore();
    let state!: Omit<Load<unknown>, 'setData'>;
    let setId!: (id: number) => void;
    function Probe() {
      const [id, set] = useState(1);
      setId = set;
      state = useLoad('cases/get', { id }, { keepPrevious: true });
      return null;
    }
    mount(<Probe />);
    expect(pending.map((p) => p.input)).toEqual([{ id: 1 }]);
    expect(state.isLoading).toBe(true);
    await pending[0].answer({ ok: true, value: 'case 1' });
    expect(state.data).toBe('case 1');

    act(() => setId(2));
    act(() => setId(3));
    expect(pending.map((p) => p.input)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(state.data).toBe('case 1'); // keepPrevious: the old answer stays while the new one loads
    await pending[2].answer({ ok: true, value: 'case 3' });
    expect(state.data).toBe('case 3');
    await pending[1].answer({ ok: true, value: 'case 2' }); // the slow earlier answer arrives last
    expect(state.data).toBe('case 3');
    expect(state.isLoading).toBe(false);
  });

  it('does not reload when the parent re-renders with an equal input', async () => {
    fakeCore();
    let rerender!: () => void;
    function Probe() {
      const [, set] = useState(0);
      rerender = () => set((n) => n + 1);
      useLoad('users/list', {});
      return null;
    }
    mount(<Probe />);
    act(() => rerender());
    act(() => rerender());
    expect(pending).toHaveLength(1);
  });

  it('clears old data when new inputs fail, and keeps it when the same inputs fail again', async () => {
    fakeCore();
    let state!: Omit<Load<unknown>, 'setData'>;
    let setId!: (id: number) => void;
    function Probe() {
      const [id, set] = useState(1);
      setId = set;
      state = useLoad('cases/get', { id }, { keepPrevious: true, silent: true });
      return null;
    }
    mount(<Probe />);
    await pending[0].answer({ ok: true, value: 'case 1' });
    await act(async () => void state.reload());
    await pending[1].answer(NOT_FOUND);
    expect(state.data).toBe('case 1');
    expect(state.error?.code).toBe('NOT_FOUND');
    act(() => setId(7));
    await pending[2].answer(NOT_FOUND);
    expect(state.data).toBeNull(); // case 1 is not what 7 asked for
  });

  it('ignores an answer that arrives after unmount', async () => {
    fakeCore();
    let renders = 0;
    function Probe() {
      renders += 1;
      useLoad('users/list', {});
      return null;
    }
    mount(<Probe />);
    const before = renders;
    act(() => root!.unmount());
    root = null;
    await pending[0].answer(NOT_FOUND);
    expect(renders).toBe(before);
    expect(errorOnScreen()).toBe(''); // no error for a page nobody looks at
  });

  it('shows a failure through the central display and takes it away when the retry succeeds', async () => {
    fakeCore();
    let state!: Omit<Load<unknown>, 'setData'>;
    function Probe() {
      state = useLoad('cases/get', { id: 7 });
      return null;
    }
    mount(<Probe />);
    await pending[0].answer(NOT_FOUND);
    expect(errorOnScreen()).toContain('没有找到编号为 7 的案件');
    await act(async () => void state.reload());
    await pending[1].answer({ ok: true, value: 'case 7' });
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(errorOnScreen()).not.toContain('没有找到编号为 7 的案件');
  });
});

describe('useApi: an error leaves the screen when the same call or form succeeds', () => {
  it('clears a save error on the next successful save of the same form, not of another', async () => {
    fakeCore();
    let api!: ReturnType<typeof useApi>;
    function Probe() {
      api = useApi();
      return null;
    }
    mount(<Probe />);
    const formA = { setFields() {} };
    const formB = { setFields() {} };
    const saveA = () => act(async () => void api.call('settings/update', {}, { form: formA }));
    const saveB = () => act(async () => void api.call('settings/update', {}, { form: formB }));

    await saveA();
    await pending[0].answer({ ok: false, error: { code: 'VALIDATION', message: '「办理时限」应在 1 到 365 之间', field: 'deadlines.handleDays' } });
    expect(errorOnScreen()).toContain('「办理时限」应在 1 到 365 之间');
    await saveB();
    await pending[1].answer({ ok: true, value: {} });
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(errorOnScreen()).toContain('「办理时限」应在 1 到 365 之间'); // another form's success says nothing about A
    await saveA();
    await pending[2].answer({ ok: true, value: {} });
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(errorOnScreen()).not.toContain('「办理时限」应在 1 到 365 之间');
  });

  it('clears a notification (INTERNAL, CONFLICT) of a call without a form when that channel succeeds', async () => {
    fakeCore();
    let api!: ReturnType<typeof useApi>;
    function Probe() {
      api = useApi();
      return null;
    }
    mount(<Probe />);
    const notice = () => shown('.ant-notification-notice');
    await act(async () => void api.call('users/unlock', { id: 3 }));
    await pending[0].answer({ ok: false, error: { code: 'CONFLICT', message: '该用户已被他人修改，请刷新' } });
    expect(notice()).toContain('该用户已被他人修改');
    await act(async () => void api.call('users/unlock', { id: 3 }));
    await pending[1].answer({ ok: true, value: null });
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(notice()).not.toContain('该用户已被他人修改');
  });
});
