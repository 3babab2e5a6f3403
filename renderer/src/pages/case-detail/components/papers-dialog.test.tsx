// @vitest-environment jsdom
import { App } from 'antd';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseDetail, PaperDocument, PaperDraft, PaperRecord, Result } from '../../../api/core';
import { PaperDialog } from './papers-dialog';

beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
    addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  // antd's text area watches its size; jsdom has no ResizeObserver.
  globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

/** The core behind window.api: each call waits until the test answers it. */
interface Pending {
  channel: string;
  input: Record<string, unknown>;
  answer(result: Result<unknown>): Promise<void>;
}
let pending: Pending[] = [];
function fakeCore() {
  pending = [];
  window.api = {
    invoke: (channel, input) =>
      new Promise((resolve) => {
        pending.push({
          channel, input: input as Record<string, unknown>,
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

const wait = (ms: number) => act(async () => { await new Promise((r) => setTimeout(r, ms)); });

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  delete window.api;
  document.body.innerHTML = '';
});

const DETAIL = { id: 7, registerNo: '2026-000123' } as CaseDetail;
const GAP = { name: '调查核实情况', description: '调查核实的经过和查明的事实（签发前填写）' };

function doc(body: string): PaperDocument {
  return {
    type: 'reply', layout: 'letter', officeName: '某某县政务服务中心', number: null, title: '投诉答复函', recipient: '张建国：',
    blocks: [{ kind: 'heading1', text: '二、调查核实情况' }, { kind: 'paragraph', text: body }],
    signature: { office: '某某县政务服务中心', date: '2026年12月1日' }, contact: null, copyTo: null, preview: true,
    info: { title: '投诉答复函', author: '某某县政务服务中心', subject: '2026-000123' },
  };
}
function draft(over: Partial<PaperDraft> = {}): PaperDraft {
  return { caseId: 7, type: 'reply', name: '答复函', templateVersion: 0, document: doc('〔待填写：调查核实情况〕'), missing: [GAP], allowed: null, issues: [], ...over };
}

function mount(onIssued = vi.fn()) {
  const host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  act(() => root!.render(<App><PaperDialog detail={DETAIL} type="reply" onIssued={onIssued} onClose={() => {}} /></App>));
  return onIssued;
}

const q = <E extends Element = HTMLElement>(selector: string) => document.querySelector<E>(selector);
const issueButton = () => q<HTMLButtonElement>('[data-testid="paper-issue"]')!;

function type(el: HTMLTextAreaElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('the paper dialog', () => {
  it('lists the gap with its name and description, keeps 签发 disabled until it is typed in, and prepares again with it', async () => {
    fakeCore();
    mount();
    await wait(5);
    expect(pending.map((p) => [p.channel, p.input])).toEqual([['papers/prepare', { caseId: 7, type: 'reply', fillIns: {} }]]);
    await pending[0].answer({ ok: true, value: draft() });

    expect(q('mark.paper-gap[data-gap="调查核实情况"]')).not.toBeNull();
    expect(issueButton().disabled).toBe(true);
    expect(q('[data-testid="paper-blocked"]')!.textContent).toContain('调查核实情况');
    const field = q<HTMLTextAreaElement>('textarea[aria-label="调查核实情况"]')!;
    expect(field).not.toBeNull();
    expect(q('[data-testid="paper-gaps"]')!.textContent).toContain(GAP.description);

    // Typing waits for a pause: two quick changes, one request with the last value (trimmed).
    type(field, '调取录像');
    await wait(100);
    type(field, '调取录像，约谈当班人员 ');
    expect(pending).toHaveLength(1);
    expect(issueButton().disabled).toBe(true); // while the new preview is on its way
    await wait(450);
    expect(pending).toHaveLength(2);
    expect(pending[1].input).toEqual({ caseId: 7, type: 'reply', fillIns: { 调查核实情况: '调取录像，约谈当班人员' } });
    await pending[1].answer({ ok: true, value: draft({ missing: [], document: doc('调取录像，约谈当班人员') }) });

    expect(q('mark.paper-gap')).toBeNull();
    expect(q('[data-testid="paper-blocked"]')).toBeNull();
    expect(issueButton().disabled).toBe(false);
    // the field stays, to be edited, now marked filled
    expect(q('textarea[aria-label="调查核实情况"]')).not.toBeNull();
    expect(q('[data-testid="paper-gaps"]')!.textContent).toContain('已填写');
  });

  it('keeps 签发 disabled and says why when the core does not allow the paper now', async () => {
    fakeCore();
    mount();
    await wait(5);
    await pending[0].answer({ ok: true, value: draft({ missing: [], allowed: '答复函须在案件有办理结果后出具' }) });
    expect(issueButton().disabled).toBe(true);
    expect(q('[data-testid="paper-blocked"]')!.textContent).toBe('答复函须在案件有办理结果后出具');
  });

  it('says why when the paper cannot be prepared, instead of spinning on', async () => {
    fakeCore();
    mount();
    await wait(5);
    await pending[0].answer({ ok: false, error: { code: 'FORBIDDEN', message: '答复函载有诉求人的身份信息，您无权查看本案诉求人的身份' } });
    expect(q('[data-testid="paper-prepare-failed"]')!.textContent).toContain('您无权查看本案诉求人的身份');
    expect(issueButton().disabled).toBe(true);
  });

  it('issues with what was typed and shows the number; an old answer arriving late never replaces a newer one', async () => {
    fakeCore();
    const onIssued = mount();
    await wait(5);
    await pending[0].answer({ ok: true, value: draft() });
    const field = q<HTMLTextAreaElement>('textarea[aria-label="调查核实情况"]')!;
    type(field, '甲');
    await wait(450);
    type(field, '乙');
    await wait(450);
    expect(pending).toHaveLength(3);
    await pending[2].answer({ ok: true, value: draft({ missing: [], document: doc('乙') }) });
    await pending[1].answer({ ok: true, value: draft({ missing: [], document: doc('甲') }) }); // late: dropped
    expect(q('[data-testid="paper-preview"]')!.textContent).toContain('乙');
    expect(q('[data-testid="paper-preview"]')!.textContent).not.toContain('甲');

    act(() => issueButton().click());
    const ok = [...document.querySelectorAll<HTMLButtonElement>('.ant-modal-confirm button')].find((b) => b.textContent?.replace(/\s/g, '') === '签发')!;
    act(() => ok.click());
    await wait(5);
    expect(pending[3].channel).toBe('papers/issue');
    expect(pending[3].input).toEqual({ caseId: 7, type: 'reply', fillIns: { 调查核实情况: '乙' } });
    const record: PaperRecord = {
      id: 3, caseId: 7, type: 'reply', name: '答复函', version: 1, number: '某政服诉复〔2026〕15号', registerNo: '2026-000123', templateVersion: 0,
      sha256: 'ab'.repeat(32), size: 1000, issuedBy: '赵主任', issuedAt: '2026-12-01 10:00:00', supersededAt: null, supersededReason: null,
      supersededById: null, audience: 'complainant',
    };
    await pending[3].answer({ ok: true, value: record });
    expect(onIssued).toHaveBeenCalledWith(record);
    expect(q('[data-testid="paper-issued-number"]')!.textContent).toBe('某政服诉复〔2026〕15号');
    // the sheet now carries the number, without the preview mark
    expect(q('[data-testid="paper-number"]')!.textContent).toBe('某政服诉复〔2026〕15号');
    expect(q('.paper-mark')).toBeNull();
  });
});
