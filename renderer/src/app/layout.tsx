import { Layout } from 'antd';
import { memo, useEffect, useMemo, useRef, type MouseEvent, type ReactNode } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { useAppNavigate } from './navigation';
import { PATHS } from './paths';
import { mayOpen, menuRoutes } from './routes';
import { useUser } from './session';
import { OfficeTitle, UserControls } from './header-controls';
import { isDesktopApp, isNewCaseKey, newCaseKeys } from '../components/shortcuts';
import { prefetchRegister } from '../pages/register/prefetch';
import type { Role } from '../api/core';

/**
 * The signed-in frame: one header with the office, the menu from the routes table and the user's
 * controls; the page below. Alt+N (and Ctrl+N in the desktop app) opens 新登记 from anywhere.
 * Nothing here but the menu's selection follows the URL: a register page flip or filter (a new query
 * string) re-rendered the whole header, antd's Menu with all its items among it, inside the click.
 */
export function AppLayout() {
  const user = useUser();
  const navigate = useAppNavigate();
  const mayRegister = mayOpen(PATHS.newCase, user.role);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (isNewCaseKey(e)) {
        e.preventDefault();
        if (mayRegister) navigate(PATHS.newCase);
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [mayRegister, navigate]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <OfficeTitle />
        <MainMenu role={user.role} />
        <UserControls />
      </Layout.Header>
      <Layout.Content className="app-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}

/** The menu entry the path belongs to (/cases/new is under /cases/: the exact entry wins). */
function selectedKeyOf(pathname: string, keys: string[]): string | null {
  if (keys.includes(pathname)) return pathname;
  return keys.find((k) => pathname.startsWith(`${k}/`)) ?? null;
}

/** Follows the URL, but re-renders the menu only when the selected entry changes. */
function MainMenu({ role }: { role: Role }) {
  const location = useLocation();
  const here = useRef('');
  here.current = `${location.pathname}${location.search}`;
  const navigate = useAppNavigate();
  const items = useMemo(
    () =>
      menuRoutes(role).map((r) => ({
        key: r.path,
        icon: r.icon,
        // the shortcut on hover: Alt+N (a browser keeps Ctrl+N for itself)
        label: r.path === PATHS.newCase ? <span title={newCaseKeys(isDesktopApp())} data-testid="menu-new-case">{r.menuLabel}</span> : r.menuLabel,
      })),
    [role],
  );
  const selected = selectedKeyOf(location.pathname, items.map((i) => i.key));
  const onOpen = useMemo(
    () => (key: string) => {
      // the register's rows are asked for at the click, not after the page's first render
      if (key === PATHS.register && here.current !== PATHS.register) prefetchRegister(key);
      navigate(key);
    },
    [navigate],
  );
  return <MenuBar items={items} selected={selected} onOpen={onOpen} />;
}

/**
 * The main menu as plain links in antd's dark horizontal Menu look (styles.css), not antd's Menu: a profile
 * of opening the register from the 工作台 spent ~18 of the click's 89 ms re-rendering every MenuItem for the
 * new selection (rc-menu's contexts, rc-overflow measuring the items), and the sign-in's first render paid
 * for the Menu and its overflow observer too. Each entry is a link (a new tab, a copied address work as
 * anywhere) with the menu roles antd gave it; a plain click navigates in the app.
 */
export const MenuBar = memo(function MenuBar({ items, selected, onOpen }: { items: { key: string; icon: ReactNode; label: ReactNode }[]; selected: string | null; onOpen(key: string): void }) {
  const click = (key: string) => (e: MouseEvent) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    onOpen(key);
  };
  return (
    <nav className="app-menu" data-testid="main-menu">
      <ul role="menubar" aria-orientation="horizontal">
        {items.map((item) => (
          <li key={item.key} role="none">
            <a
              role="menuitem"
              href={`#${item.key}`}
              className={item.key === selected ? 'app-menu-item app-menu-selected' : 'app-menu-item'}
              aria-current={item.key === selected ? 'page' : undefined}
              onClick={click(item.key)}
            >
              <span className="app-menu-icon" aria-hidden>{item.icon}</span>
              <span>{item.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
});
