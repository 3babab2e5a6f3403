// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MenuBar } from './layout';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let root: Root | null = null;
let host: HTMLDivElement;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  host.remove();
});

const ITEMS = [
  { key: '/dashboard', icon: null, label: '工作台' },
  { key: '/register', icon: null, label: '登记册' },
  { key: '/cases/new', icon: null, label: '新登记' },
];

function draw(selected: string | null, onOpen: (key: string) => void) {
  host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
  act(() => root!.render(<MenuBar items={ITEMS} selected={selected} onOpen={onOpen} />));
  return [...host.querySelectorAll<HTMLAnchorElement>('[role="menuitem"]')];
}

describe('the main menu', () => {
  it('is plain links with the menu roles, the selected one marked, not antd Menu', () => {
    const links = draw('/register', () => {});
    expect(host.querySelector('.ant-menu, .ant-menu-item')).toBeNull();
    expect(host.querySelector('[role="menubar"]')).not.toBeNull();
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['工作台', '#/dashboard'], ['登记册', '#/register'], ['新登记', '#/cases/new'],
    ]);
    expect(links.map((a) => a.getAttribute('aria-current'))).toEqual([null, 'page', null]);
    expect(links[1].classList.contains('app-menu-selected')).toBe(true);
  });

  it('navigates in the app on a plain click, and leaves a modified click to the browser', () => {
    const onOpen = vi.fn();
    const links = draw(null, onOpen);
    const plain = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    act(() => void links[2].dispatchEvent(plain));
    expect(onOpen).toHaveBeenCalledWith('/cases/new');
    expect(plain.defaultPrevented).toBe(true);
    const newTab = new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ctrlKey: true });
    act(() => void links[0].dispatchEvent(newTab));
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(newTab.defaultPrevented).toBe(false);
  });
});
