import {
  BarChartOutlined, DashboardOutlined, FileAddOutlined, SettingOutlined, TableOutlined, TeamOutlined,
} from '@ant-design/icons';
import { Spin } from 'antd';
import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { mayCall, type Channel, type Role } from '../api/core';
import { t } from '../i18n/zh-CN';
import { CASE_DETAIL_PATTERN, PATHS } from './paths';

/**
 * Each page is its own chunk of the bundle (the sign-in page no longer waits for every page's code);
 * preloadPages() fetches them all once the first screen is drawn, so opening a page never waits for it.
 * A page whose chunk has arrived renders directly, not through React.lazy: lazy suspends on its first
 * render even then, and React holds a suspended page back for up to 300 ms (its fallback throttle) —
 * a trace of signing in showed the 工作台 idle that long after its answers had arrived.
 */
const PAGE_LOADERS: (() => Promise<unknown>)[] = [];
function page(load: () => Promise<{ default: ComponentType }>): ComponentType {
  let loaded: ComponentType | null = null;
  const loadOnce = () => load().then((m) => {
    loaded = m.default;
    return m;
  });
  PAGE_LOADERS.push(loadOnce);
  const Lazy = lazy(loadOnce);
  return function LazyPage() {
    // chosen once per mount: switching from Lazy to the loaded component would remount the page
    const [Page] = useState<ComponentType>(() => loaded ?? Lazy);
    return (
      <Suspense fallback={<Spin delay={200} style={{ display: 'block', marginTop: 80 }} />}>
        <Page />
      </Suspense>
    );
  };
}
const DashboardPage = page(() => import('../pages/dashboard'));
const RegisterPage = page(() => import('../pages/register'));
const NewCasePage = page(() => import('../pages/new-case'));
const CaseDetailPage = page(() => import('../pages/case-detail'));
const StatisticsPage = page(() => import('../pages/statistics'));
const SettingsPage = page(() => import('../pages/settings'));
const UsersPage = page(() => import('../pages/users'));

export function preloadPages(): void {
  for (const load of PAGE_LOADERS) void load();
}

export interface AppRoute {
  path: string;
  /** shown in the menu when set */
  menuLabel?: string;
  icon?: ReactNode;
  /**
   * The contract channel the page cannot work without: whoever the core lets call it may open the page
   * (the access rules are written once, beside the channels, in core/domain/permissions.ts).
   */
  needs: Channel;
  component: ComponentType;
}

/** THE routes table: path, menu label, icon, the channel it needs, and the page. Menu and router derive from it. */
export const ROUTES: readonly AppRoute[] = [
  { path: PATHS.dashboard, menuLabel: t.menu.dashboard, icon: <DashboardOutlined />, needs: 'dashboard/get', component: DashboardPage },
  { path: PATHS.register, menuLabel: t.menu.register, icon: <TableOutlined />, needs: 'cases/list', component: RegisterPage },
  { path: PATHS.newCase, menuLabel: t.menu.newCase, icon: <FileAddOutlined />, needs: 'cases/register', component: NewCasePage },
  { path: CASE_DETAIL_PATTERN, needs: 'cases/get', component: CaseDetailPage },
  // settings/get is open to every signed-in user (the office's name, the rules); the page edits them. A
  // supervisor opens it too, for the paper templates (read-only): the page shows each role the tabs it may use.
  { path: PATHS.settings, menuLabel: t.menu.settings, icon: <SettingOutlined />, needs: 'paperTemplates/list', component: SettingsPage },
  { path: PATHS.users, menuLabel: t.menu.users, icon: <TeamOutlined />, needs: 'users/list', component: UsersPage },
  // Last, so the admin still starts on 设置 (the first menu page a role may open is its home).
  { path: PATHS.statistics, menuLabel: t.menu.statistics, icon: <BarChartOutlined />, needs: 'statistics/get', component: StatisticsPage },
];

/** Whether the role may open this route: it may call the channel the route needs. */
export function mayOpenRoute(route: AppRoute, role: Role): boolean {
  return mayCall(route.needs, role);
}

export function mayOpen(path: string, role: Role): boolean {
  return ROUTES.some((r) => r.path === path && mayOpenRoute(r, role));
}

/** The menu entries the role may open, in the table's order. */
export function menuRoutes(role: Role): AppRoute[] {
  return ROUTES.filter((r) => r.menuLabel && mayOpenRoute(r, role));
}

/** The first menu page the role may open: 工作台 for case workers and auditors, 设置 for the admin. */
export function homePath(role: Role): string {
  return menuRoutes(role)[0]?.path ?? PATHS.dashboard;
}
