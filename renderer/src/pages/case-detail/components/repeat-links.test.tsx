// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail } from '../../../api/core';

const user = { id: 1, role: 'clerk' as string };
vi.mock('../../../app/session', () => ({ useUser: () => user }));
vi.mock('../../../api/use-api', () => ({ useApi: () => ({ call: vi.fn(), message: { success: vi.fn() } }) }));
const { RepeatLinks } = await import('./repeat-links');

beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
    addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

const link = (caseId: number, registerNo: string) => ({ caseId, registerNo, receivedAt: '2026-02-01 09:30:00', linkedBy: '陈登记', linkedAt: '2026-03-02 10:15:00' });
const detail = (over: Partial<CaseDetail>) => ({ id: 5, version: 2, status: 'registered', complainants: [], receivedAt: '2026-03-02 09:30:00', repeatOf: null, repeats: [], ...over }) as unknown as CaseDetail;

describe('the case page\'s 重复件 card', () => {
  let host: HTMLElement;
  let root: Root;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });
  const render = (d: CaseDetail) => act(() => root.render(<MemoryRouter><RepeatLinks detail={d} onChanged={() => {}} /></MemoryRouter>));
  const q = (id: string) => host.querySelector(`[data-testid="${id}"]`);

  it('shows both ends of the links, each opening the other case, with who linked it', () => {
    user.role = 'clerk';
    render(detail({ repeatOf: link(1, '2026-000001'), repeats: [link(9, '2026-000009')] }));
    expect(q('repeat-of')?.textContent).toContain('2026-000001');
    expect(q('repeat-of')?.textContent).toContain('陈登记 于 2026-03-02 10:15 标记');
    expect(q('repeat-of')?.querySelector('a')?.getAttribute('href')).toBe('/cases/1');
    expect(q('repeated-by')?.textContent).toContain('2026-000009');
    expect(q('repeat-unlink')).not.toBeNull();
    expect(q('repeat-mark')).toBeNull(); // a case repeats one case at a time
  });

  it('offers 标记为重复件 to clerks and supervisors, nothing to change on a voided case or for the auditor', () => {
    user.role = 'supervisor';
    render(detail({}));
    expect(q('repeat-mark')).not.toBeNull();
    render(detail({ status: 'voided', repeatOf: link(1, '2026-000001') }));
    expect([q('repeat-mark'), q('repeat-unlink')]).toEqual([null, null]);
    expect(q('repeat-of')).not.toBeNull();
    user.role = 'auditor';
    render(detail({ repeatOf: link(1, '2026-000001') }));
    expect([q('repeat-of') !== null, q('repeat-unlink'), q('repeat-mark')]).toEqual([true, null, null]);
    render(detail({}));
    expect(q('repeat-links')).toBeNull();
  });
});
