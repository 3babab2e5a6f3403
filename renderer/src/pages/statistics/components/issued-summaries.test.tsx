// @vitest-environment jsdom
import { App } from 'antd';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../api/core';
import type { Load } from '../../../api/use-load';
import { IssuedSummaries, IssueSummaryButton, type IssuedSummary } from './issued-summaries';

beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
    addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

/** The core behind window.api (the desktop adapter): every call recorded and answered by `answers[channel]`. */
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
const SHA = '0123456789abcdef'.repeat(4);
const record = (over: Partial<IssuedSummary> = {}): IssuedSummary => ({
  id: 7, period: { kind: 'month', from: '2026-11-01', to: '2026-11-30', label: '2026年11月' }, public: false, sha256: SHA, bytes: 81234,
  issuedById: 3, issuedBy: '赵主任', issuedAt: '2026-12-02 10:00:00', asOf: '2026-12-02 09:59:58', fileName: '投诉统计-2026年11月-签发20261202.pdf', ...over,
});

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
});
const flush = () => act(async () => { for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0)); });
const byTestId = (id: string) => document.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
const okButton = () => [...document.querySelectorAll('.ant-modal-confirm-btns button')].find((b) => b.textContent?.replace(/\s/g, '') === '签发') as HTMLElement;

describe('IssueSummaryButton', () => {
  const period = { kind: 'month', from: '2026-11-01', to: '2026-11-30', label: '2026年11月' };

  it('asks first naming the period and the version, then issues and delivers the stored file', async () => {
    fakeCore();
    answers['statistics/issue'] = () => ok(record());
    answers['statistics/summaryPdf'] = () => ok({ name: record().fileName, saved: true });
    const onIssued = vi.fn();
    mount(<IssueSummaryButton spec={{ kind: 'month', month: '2026-11' }} period={period} isPublic={false} onIssued={onIssued} />);
    act(() => byTestId('issue-summary')!.click());
    await flush();
    expect(byTestId('issue-confirm')!.textContent).toContain('签发 2026年11月（2026-11-01 至 2026-11-30）的统计汇总表（内部版）？');
    expect(calls).toEqual([]);
    act(() => okButton().click());
    await flush();
    expect(calls).toEqual([
      { channel: 'statistics/issue', input: { period: { kind: 'month', month: '2026-11' }, public: false } },
      { channel: 'statistics/summaryPdf', input: { id: 7 } },
    ]);
    expect(onIssued).toHaveBeenCalledTimes(1);
  });

  it('names the public version, and issues nothing when cancelled', async () => {
    fakeCore();
    const onIssued = vi.fn();
    mount(<IssueSummaryButton spec={{ kind: 'month', month: '2026-11' }} period={period} isPublic onIssued={onIssued} />);
    act(() => byTestId('issue-summary')!.click());
    await flush();
    expect(byTestId('issue-confirm')!.textContent).toContain('（公开版）');
    const cancel = [...document.querySelectorAll('.ant-modal-confirm-btns button')].find((b) => b.textContent?.replace(/\s/g, '') === '取消') as HTMLElement;
    act(() => cancel.click());
    await flush();
    expect(calls).toEqual([]);
    expect(onIssued).not.toHaveBeenCalled();
  });
});

describe('IssuedSummaries', () => {
  it('lists period, version, issuer, time and the SHA-256\'s first 12 hex digits; 下载 fetches that record', async () => {
    fakeCore();
    answers['statistics/summaryPdf'] = () => ok({ name: 'x.pdf', saved: true });
    const load = { data: [record({ id: 8, public: true }), record()], error: null, isLoading: false, reload: async () => {}, setData: () => {} } as Load<IssuedSummary[]>;
    mount(<IssuedSummaries load={load} />);
    const rows = [...document.querySelectorAll('[data-testid="issued-summaries"] tbody tr')].map((r) => r.textContent);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('2026年11月（2026-11-01 至 2026-11-30）');
    expect(rows[0]).toContain('公开版');
    expect(rows[1]).toContain('内部版');
    expect(rows[1]).toContain('赵主任');
    expect(rows[1]).toContain('2026-12-02 10:00:00');
    expect([...document.querySelectorAll('[data-testid="summary-sha"]')].map((e) => e.textContent)).toEqual([SHA.slice(0, 12), SHA.slice(0, 12)]);
    act(() => (document.querySelectorAll('[data-testid="summary-download"]')[1] as HTMLElement).click());
    await flush();
    expect(calls).toEqual([{ channel: 'statistics/summaryPdf', input: { id: 7 } }]);
  });

  it('says so when nothing was issued yet', () => {
    fakeCore();
    mount(<IssuedSummaries load={{ data: [], error: null, isLoading: false, reload: async () => {}, setData: () => {} } as Load<IssuedSummary[]>} />);
    expect(byTestId('issued-summaries')!.textContent).toContain('尚未签发统计汇总表');
  });
});
