// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttachmentInfo, CaseDetail } from '../../../api/core';

const user = { id: 1, displayName: '陈登记', role: 'clerk' as string };
const invoke = vi.fn();
const api = { call: vi.fn(), showError: vi.fn(), clearErrors: vi.fn(), message: { success: vi.fn() } };
vi.mock('../../../app/session', () => ({ useUser: () => user }));
vi.mock('../../../api/use-api', () => ({ useApi: () => api }));
vi.mock('../../../api/client', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
const { AttachmentsPanel } = await import('./attachments-panel');

beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
    addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

const detail = { id: 5, version: 3, status: 'registered' } as unknown as CaseDetail;
const limits = { maxFileBytes: 50 * 1024 * 1024, maxCaseBytes: 500 * 1024 * 1024, allowed: 'JPG、PNG、PDF' };
const file = (over: Partial<AttachmentInfo>): AttachmentInfo => ({
  id: 1, caseId: 5, name: '投诉信.pdf', size: 250 * 1024, mimeType: 'application/pdf', kind: 'pdf', sha256: 'a'.repeat(64),
  addedBy: '陈登记', addedAt: '2026-12-01 09:30:00', voided: null, downloadOnly: false, ...over,
});
const ITEMS = [
  file({}),
  file({ id: 2, name: '别人的照片.jpg', size: 3 * 1024 * 1024 + 300 * 1024, kind: 'image', mimeType: 'image/jpeg', addedBy: '李登记' }),
  file({ id: 3, name: '错传.pdf', voided: { at: '2026-12-01 10:00:00', by: '陈登记', reason: '传错了案件' } }),
];

describe('the case page\'s 附件 section', () => {
  let host: HTMLElement;
  let root: Root;
  beforeEach(() => {
    invoke.mockReset();
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });

  async function show(answer: unknown) {
    invoke.mockResolvedValue(answer);
    await act(async () => root.render(<AttachmentsPanel detail={detail} onChanged={() => undefined} />));
  }
  const q = (id: string) => host.querySelectorAll(`[data-testid="${id}"]`);

  it('lists the files with size, type, who and when; the limits from the core; 作废 only on the clerk\'s own; voided ones behind the switch', async () => {
    user.role = 'clerk';
    await show({ ok: true, value: { items: ITEMS, usedBytes: 4 * 1024 * 1024, limits } });
    expect(invoke).toHaveBeenCalledWith('attachments/list', { caseId: 5 });
    expect(q('attachment-limits')[0].textContent).toContain('单个文件不超过 50 MB，每件案件合计不超过 500 MB；可添加：JPG、PNG、PDF');
    expect(q('attachment-limits')[0].textContent).toContain('本件已用 4 MB');
    expect([...q('attachment-name')].map((n) => n.textContent)).toEqual(['投诉信.pdf', '别人的照片.jpg']);
    const rows = host.querySelectorAll('[data-testid="attachment-table"] tbody tr');
    expect(rows[0].textContent).toContain('250 KB');
    expect(rows[0].textContent).toContain('PDF');
    expect(rows[1].textContent).toContain('3.3 MB');
    expect(rows[1].textContent).toContain('图片');
    expect(rows[1].textContent).toContain('李登记');
    expect(rows[0].textContent).toContain('2026-12-01 09:30');
    // the clerk voids what they added, not someone else's
    expect(rows[0].querySelector('[data-testid="attachment-void"]')).not.toBeNull();
    expect(rows[1].querySelector('[data-testid="attachment-void"]')).toBeNull();
    expect(q('attachment-pick-button')).toHaveLength(1);

    const toggle = host.querySelector<HTMLElement>('[data-testid="attachment-show-voided"]')!;
    expect(host.querySelector('.ant-card-extra')?.textContent).toContain('显示已作废（1）');
    expect(q('attachment-voided')).toHaveLength(0);
    await act(async () => toggle.click());
    const voided = q('attachment-voided');
    expect(voided).toHaveLength(1);
    expect(voided[0].textContent).toBe('作废原因：传错了案件（陈登记 于 2026-12-01 10:00 作废）');
    expect(host.querySelector('.attachment-voided-name')?.textContent).toBe('错传.pdf');
  }, 60_000); // antd's first render of a table and its styles takes seconds on a busy machine

  it('an auditor reads the list but gets no 添加附件 and no 作废', async () => {
    user.role = 'auditor';
    await show({ ok: true, value: { items: ITEMS, usedBytes: 0, limits } });
    expect(q('attachment-name')).toHaveLength(2);
    expect(q('attachment-open')).toHaveLength(2);
    expect(q('attachment-pick-button')).toHaveLength(0);
    expect(q('attachment-void')).toHaveLength(0);
    expect(host.textContent).toContain('审计人员只能查看附件，不能添加或作废。');
  });

  it('a confidential case\'s files, for someone who may not see its complainant: one plain sentence, no error, no upload', async () => {
    user.role = 'clerk';
    await show({ ok: true, value: { items: [], usedBytes: 0, limits, hiddenBecauseConfidential: true } });
    expect(q('attachments-hidden')[0].textContent).toBe('本件要求保密，附件只对可查看诉求人身份的人员显示。');
    expect(q('attachment-pick-button')).toHaveLength(0);
    expect(q('attachments-none')).toHaveLength(0);
    expect(api.showError).not.toHaveBeenCalled();
  });
});
