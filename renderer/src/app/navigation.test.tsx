// @vitest-environment jsdom
import { act, memo } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NavigateProvider, useAppNavigate } from './navigation';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
});

describe('the app-wide navigate', () => {
  it('does not re-render a memoised user when the URL changes, keeps its identity, and navigates', () => {
    let renders = 0;
    const navigates: ReturnType<typeof useAppNavigate>[] = [];
    let where = '';
    // a memoised component that only navigates (the register's rows, the header's controls)
    const Rows = memo(function Rows() {
      renders++;
      navigates.push(useAppNavigate());
      return null;
    });
    function Where() {
      const l = useLocation();
      where = `${l.pathname}${l.search}`;
      return null;
    }
    root = createRoot(document.createElement('div'));
    act(() => root!.render(<MemoryRouter initialEntries={['/register']}><NavigateProvider><Where /><Rows /></NavigateProvider></MemoryRouter>));
    expect(renders).toBe(1);
    act(() => navigates[0]('/register?page=2', { replace: true }));
    expect(where).toBe('/register?page=2');
    act(() => navigates[0]('/register?page=3'));
    expect(where).toBe('/register?page=3');
    expect(renders).toBe(1);
    act(() => navigates[0](-1));
    expect(where).toBe('/register?page=2');
  });
});
