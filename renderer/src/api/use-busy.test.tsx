// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBusy } from './use-busy';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

function mount() {
  const seen: { isBusy: boolean; whileBusy: ReturnType<typeof useBusy>[1] } = { isBusy: false, whileBusy: async (w) => w() };
  function Probe() {
    const [isBusy, whileBusy] = useBusy();
    seen.isBusy = isBusy;
    seen.whileBusy = whileBusy;
    return null;
  }
  const root = createRoot(document.createElement('div'));
  act(() => root.render(<Probe />));
  return seen;
}

describe('useBusy', () => {
  it('is busy while the work runs and idle after its answer', async () => {
    const seen = mount();
    let finish!: (v: string) => void;
    let answer!: Promise<string>;
    act(() => {
      answer = seen.whileBusy(() => new Promise<string>((r) => (finish = r)));
    });
    expect(seen.isBusy).toBe(true);
    await act(async () => finish('已保存'));
    expect(await answer).toBe('已保存');
    expect(seen.isBusy).toBe(false);
  });

  it('is idle again after the work throws (a button must not spin forever), and passes the error on', async () => {
    const seen = mount();
    let answer!: Promise<unknown>;
    act(() => {
      answer = seen.whileBusy(() => Promise.reject(new Error('读取文件失败')));
    });
    await act(async () => {
      await expect(answer).rejects.toThrow('读取文件失败');
    });
    expect(seen.isBusy).toBe(false);
  });

  it('stays busy until the last of two overlapping actions ends', async () => {
    const seen = mount();
    const finishes: Array<() => void> = [];
    act(() => {
      void seen.whileBusy(() => new Promise<void>((r) => finishes.push(r)));
      void seen.whileBusy(() => new Promise<void>((r) => finishes.push(r)));
    });
    await act(async () => finishes[0]());
    expect(seen.isBusy).toBe(true);
    await act(async () => finishes[1]());
    expect(seen.isBusy).toBe(false);
  });
});
