import { Layout, Menu } from 'antd';
import { useEffect } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { PATHS } from './paths';
import { mayOpen, menuRoutes } from './routes';
import { useUser } from './session';
import { OfficeTitle, UserControls } from './header-controls';
import { isDesktopApp, isNewCaseKey, newCaseKeys } from '../components/shortcuts';
import { prefetchRegister } from '../pages/register/prefetch';

/**
 * The signed-in frame: one header with the office, the menu from the routes table and the user's
 * controls; the page below. Alt+N (and Ctrl+N in the desktop app) opens 新登记 from anywhere.
 */
export function AppLayout() {
  const user = useUser();
  const navigate = useNavigate();
  const location = useLocation();
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

  const items = menuRoutes(user.role).map((r) => ({
    key: r.path,
    icon: r.icon,
    // the shortcut on hover: Alt+N (a browser keeps Ctrl+N for itself)
    label: r.path === PATHS.newCase ? <span title={newCaseKeys(isDesktopApp())} data-testid="menu-new-case">{r.menuLabel}</span> : r.menuLabel,
  }));
  const selected = items.filter((i) => location.pathname === i.key || location.pathname.startsWith(`${i.key}/`)).map((i) => i.key);
  // /cases/new is under /cases/: prefer the exact menu entry
  const selectedKeys = selected.includes(location.pathname) ? [location.pathname] : selected.slice(0, 1);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <OfficeTitle />
        <Menu
          theme="dark"
          mode="horizontal"
          items={items}
          selectedKeys={selectedKeys}
          onClick={(e) => {
            // the register's rows are asked for at the click, not after the page's first render
            if (e.key === PATHS.register && `${location.pathname}${location.search}` !== PATHS.register) prefetchRegister(e.key);
            navigate(e.key);
          }}
          style={{ flex: 1, minWidth: 0 }}
          data-testid="main-menu"
        />
        <UserControls />
      </Layout.Header>
      <Layout.Content className="app-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
