// @vitest-environment jsdom
import dayjs from 'dayjs';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RepeatCandidate } from '../../api/core';

const invoke = vi.fn();
vi.mock('../../api/client', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { lookupIdNumber, lookupPhone, mergeCandidates, RepeatPanel, repeatLookups } = await import('./repeat-panel');

beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
    addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

const candidate = (id: number, over: Partial<RepeatCandidate> = {}): RepeatCandidate => ({
  id, registerNo: `2026-00000${id}`, receivedAt: `2026-02-0${id} 09:30:00`, caseType: '投诉', channel: '电话',
  subject: `停车收费 ${id}`, status: 'registered', matchedBy: ['phone'], complainantName: '张三', ...over,
});

describe('what the panel looks up', () => {
  it('waits for a complete phone or ID number, as cases/repeatCandidates accepts it', () => {
    expect(['1381234', '13812345', '1381234567', '138123456789', '', '12'].map(lookupPhone)).toEqual([null, null, null, null, null, null]);
    expect(lookupPhone('138 1234 5678')).toBe('13812345678');
    expect(lookupPhone('0571-87654321')).toBe('0571-87654321');
    expect(lookupIdNumber('11010119900307777')).toBeNull();
    expect(lookupIdNumber('110101199003077775')).toBeNull(); // wrong check digit
    expect(lookupIdNumber('110101199003077774')).toBe('110101199003077774');
    const at = dayjs('2026-03-02 09:30');
    expect(repeatLookups([{ phone: '13812345678', idNumber: '110101199003077774' }, { phone: '138-1234-5678' }, { phone: '1390000' }], at)).toEqual([
      { phone: '13812345678', before: '2026-03-02 09:30' }, { idNumber: '110101199003077774', before: '2026-03-02 09:30' },
    ]);
  });

  it('merges the answers: each case once, what matched joined, newest first', () => {
    const merged = mergeCandidates([[candidate(1), candidate(3)], [candidate(3, { matchedBy: ['idNumber'] }), candidate(2, { matchedBy: ['idNumber'] })]]);
    expect(merged.map((c) => [c.id, c.matchedBy])).toEqual([[3, ['phone', 'idNumber']], [2, ['idNumber']], [1, ['phone']]]);
  });
});

describe('the 重复件 panel beside the registration form', () => {
  let host: HTMLElement;
  let root: Root;
  beforeEach(() => {
    vi.useFakeTimers();
    invoke.mockReset();
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
    vi.useRealTimers();
  });

  function render(props: Parameters<typeof RepeatPanel>[0]) {
    act(() => root.render(<MemoryRouter><RepeatPanel {...props} /></MemoryRouter>));
  }
  const flush = async (ms: number) => {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ms);
    });
  };
  const items = () => [...host.querySelectorAll('[data-testid="repeat-candidate"]')];

  it('looks up once typing pauses, lists the earlier cases, and marks one (again: unmarks it)', async () => {
    invoke.mockResolvedValue({ ok: true, value: [candidate(2, { complainantName: '张*' }), candidate(1)] });
    const onChoose = vi.fn();
    const lookups = [{ phone: '13812345678', before: '2026-03-02 09:30' }];
    render({ lookups, choice: null, onChoose });
    expect(host.textContent).toContain('正在查找');
    await flush(299);
    expect(invoke).not.toHaveBeenCalled();
    await flush(1);
    expect(invoke).toHaveBeenCalledWith('cases/repeatCandidates', lookups[0]);
    expect(items().map((i) => i.querySelector('strong')?.textContent)).toEqual(['2026-000002', '2026-000001']);
    expect(items()[0].textContent).toContain('2026-02-02 09:30 · 电话 · 投诉 · 张* · 电话相同');
    expect(items()[0].textContent).toContain('停车收费 2');
    expect(items()[0].querySelector('[data-testid="repeat-open"]')?.getAttribute('href')).toBe('#/cases/2');
    expect(items()[0].querySelector('[data-testid="repeat-open"]')?.getAttribute('target')).toBe('_blank');
    act(() => (items()[1].querySelector('[data-testid="repeat-link"]') as HTMLButtonElement).click());
    expect(onChoose).toHaveBeenLastCalledWith({ id: 1, registerNo: '2026-000001' });

    render({ lookups, choice: { id: 1, registerNo: '2026-000001' }, onChoose });
    expect(host.querySelector('[data-testid="repeat-choice"]')?.textContent).toBe('保存时将本件标记为 2026-000001 的重复件');
    expect(items()[1].querySelector('[data-testid="repeat-link"]')?.getAttribute('aria-pressed')).toBe('true');
    act(() => (items()[1].querySelector('[data-testid="repeat-link"]') as HTMLButtonElement).click());
    expect(onChoose).toHaveBeenLastCalledWith(null);
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  it('asks nothing while the number is incomplete, and only the last of quick changes', async () => {
    invoke.mockResolvedValue({ ok: true, value: [] });
    const onChoose = vi.fn();
    render({ lookups: [], choice: null, onChoose });
    await flush(1000);
    expect(invoke).not.toHaveBeenCalled();
    expect(host.querySelector('[data-testid="repeat-hint"]')).not.toBeNull();
    render({ lookups: [{ phone: '13812345678' }], choice: null, onChoose });
    await flush(100);
    render({ lookups: [{ phone: '13812345679' }], choice: null, onChoose });
    await flush(300);
    expect(invoke.mock.calls).toEqual([['cases/repeatCandidates', { phone: '13812345679' }]]);
    expect(host.querySelector('[data-testid="repeat-none"]')?.textContent).toContain('近 12 个月内没有');
  });

  it('drops a choice the corrected number no longer finds, so the save does not send it', async () => {
    invoke.mockResolvedValue({ ok: true, value: [candidate(5)] });
    const onChoose = vi.fn();
    render({ lookups: [{ phone: '13900001111' }], choice: { id: 1, registerNo: '2026-000001' }, onChoose });
    expect(onChoose).not.toHaveBeenCalled(); // not before the answer: a restored draft keeps its choice
    await flush(300);
    expect(onChoose).toHaveBeenCalledWith(null);
  });

  it('says so and looks nothing up for an anonymous registration', async () => {
    const onChoose = vi.fn();
    render({ lookups: [{ phone: '13812345678' }], choice: { id: 1, registerNo: '2026-000001' }, onChoose, isAnonymous: true });
    await flush(500);
    expect(invoke).not.toHaveBeenCalled();
    expect(host.textContent).toContain('匿名登记');
    expect(onChoose).toHaveBeenCalledWith(null);
  });
});
