// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseSummary, RegisterPage } from '../../../api/core';
import { NavigateProvider } from '../../../app/navigation';
import { filtersFromParams, type RegisterFilters } from '../query';
import { RegisterTable, totalText } from './register-table';

beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null, addListener() {}, removeListener() {},
    addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

const ROW: CaseSummary = {
  id: 7, registerNo: '2026-000007', receivedAt: '2026-03-02 09:15:00', channel: '来访', caseType: '投诉', subject: '窗口服务态度差',
  complainant: '张*', headCount: 3, isAnonymous: false, status: 'assigned', handlerDepartment: null, dueDate: '2026-03-10',
  dueState: 'overdue', calendarMissingYear: null,
} as CaseSummary;
const PAGE: RegisterPage = { rows: [ROW, { ...ROW, id: 8, registerNo: '2026-000008', isAnonymous: true, complainant: '' }], total: 2, totalIsExact: true, page: 1, pageSize: 50 };

let root: Root | null = null;
let host: HTMLElement;
let path = '';
function Where() {
  path = useLocation().pathname;
  return null;
}
function mount(filters: RegisterFilters, onChange = vi.fn()) {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  act(() =>
    root!.render(
      <MemoryRouter initialEntries={['/register']}>
        <NavigateProvider>
        <Routes>
          <Route path="*" element={<><Where /><RegisterTable filters={filters} page={PAGE} isLoading={false} isStale={false} onChange={onChange} /></>} />
        </Routes>
        </NavigateProvider>
      </MemoryRouter>,
    ),
  );
  return onChange;
}
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

const header = (label: string) => [...host.querySelectorAll('th')].find((th) => th.textContent?.startsWith(label))!;
const rows = () => [...host.querySelectorAll<HTMLTableRowElement>('[data-testid="register-table"] tbody tr.clickable-row')];

describe('the register table', () => {
  it('shows the values the core sent (masked names, anonymous, head count, due state) one row per case', () => {
    mount(filtersFromParams(new URLSearchParams('')));
    expect(rows()).toHaveLength(2);
    expect(rows()[0].textContent).toContain('张* 等 3 人');
    expect(rows()[1].textContent).toContain('匿名');
    expect(rows()[0].querySelector('[data-testid="status-tag"]')?.textContent).toBe('办理中');
    expect(rows()[0].querySelector('[data-testid="due-badge"]')?.getAttribute('data-due-state')).toBe('overdue');
    expect(rows()[0].querySelector('[data-testid="due-badge"]')?.getAttribute('title')).toBe('已超期');
  });

  it('sorts as antd did: descending, then ascending, then back to the newest first; aria-sort says which', () => {
    const onChange = mount(filtersFromParams(new URLSearchParams('')));
    expect(header('登记编号').getAttribute('aria-sort')).toBe('descending');
    act(() => header('期限').querySelector('button')!.click());
    expect(onChange).toHaveBeenLastCalledWith({ sortBy: 'dueDate', sortOrder: 'desc' });
    act(() => root!.unmount());
    const onChange2 = mount(filtersFromParams(new URLSearchParams('sort=dueDate&order=desc')));
    expect(header('期限').getAttribute('aria-sort')).toBe('descending');
    act(() => header('期限').querySelector('button')!.click());
    expect(onChange2).toHaveBeenLastCalledWith({ sortBy: 'dueDate', sortOrder: 'asc' });
    act(() => root!.unmount());
    const onChange3 = mount(filtersFromParams(new URLSearchParams('sort=dueDate&order=asc')));
    act(() => header('期限').querySelector('button')!.click());
    expect(onChange3).toHaveBeenLastCalledWith({ sortBy: 'registerNo', sortOrder: 'desc' });
  });

  it('opens the case on a click and on Enter; rows take the keyboard focus', () => {
    mount(filtersFromParams(new URLSearchParams('')));
    expect(rows()[0].tabIndex).toBe(0);
    act(() => rows()[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(path).toBe('/cases/8');
    act(() => rows()[0].click());
    expect(path).toBe('/cases/7');
  });

  it('draws the next page into the same row elements (their texts change, the rows are not made anew)', () => {
    mount(filtersFromParams(new URLSearchParams('')));
    const before = rows();
    const next: RegisterPage = { ...PAGE, page: 2, rows: [{ ...ROW, id: 51, registerNo: '2026-000051' }, { ...ROW, id: 52, registerNo: '2026-000052', status: 'closed' }] };
    act(() =>
      root!.render(
        <MemoryRouter initialEntries={['/register']}>
          <NavigateProvider>
          <Routes>
            <Route path="*" element={<><Where /><RegisterTable filters={filtersFromParams(new URLSearchParams('page=2'))} page={next} isLoading={false} isStale={false} onChange={vi.fn()} /></>} />
          </Routes>
          </NavigateProvider>
        </MemoryRouter>,
      ),
    );
    const after = rows();
    expect(after.map((r) => r.querySelector('.reg-no')?.textContent)).toEqual(['2026-000051', '2026-000052']);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
    expect(after[1].querySelector('[data-testid="status-tag"]')?.textContent).toBe('已办结');
    // a reused row opens its new case
    act(() => after[1].click());
    expect(path).toBe('/cases/52');
  });

  it('says a total is exact, or that it is an estimate', () => {
    expect(totalText({ total: 123456, totalIsExact: true })).toBe('共 123,456 条');
    expect(totalText({ total: 10000, totalIsExact: false })).toBe('超过 10,000 条（估计，未精确计数）');
  });
});
