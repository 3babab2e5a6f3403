import {
  DashboardOutlined, FileAddOutlined, SettingOutlined, TableOutlined, TeamOutlined,
} from '@ant-design/icons';
import type { ComponentType, ReactNode } from 'react';
import type { Role } from '../api/core';
import { t } from '../i18n/zh-CN';
import CaseDetailPage from '../pages/case-detail';
import DashboardPage from '../pages/dashboard';
import NewCasePage from '../pages/new-case';
import RegisterPage from '../pages/register';
import SettingsPage from '../pages/settings';
import UsersPage from '../pages/users';

export interface AppRoute {
  path: string;
  /** shown in the menu when set */
  menuLabel?: string;
  icon?: ReactNode;
  roles: readonly Role[];
  component: ComponentType;
}

const CASE_READERS: readonly Role[] = ['clerk', 'supervisor', 'auditor'];
const REGISTRARS: readonly Role[] = ['clerk', 'supervisor'];
const ADMINS: readonly Role[] = ['admin'];

export const PATHS = {
  dashboard: '/dashboard',
  register: '/register',
  newCase: '/cases/new',
  caseDetail: (id: number) => `/cases/${id}`,
  settings: '/settings',
  users: '/users',
} as const;

/** THE routes table: path, menu label, icon, who may open it, and the page. Menu and router derive from it. */
export const ROUTES: readonly AppRoute[] = [
  { path: PATHS.dashboard, menuLabel: t.menu.dashboard, icon: <DashboardOutlined />, roles: CASE_READERS, component: DashboardPage },
  { path: PATHS.register, menuLabel: t.menu.register, icon: <TableOutlined />, roles: CASE_READERS, component: RegisterPage },
  { path: PATHS.newCase, menuLabel: t.menu.newCase, icon: <FileAddOutlined />, roles: REGISTRARS, component: NewCasePage },
  { path: '/cases/:id', roles: CASE_READERS, component: CaseDetailPage },
  { path: PATHS.settings, menuLabel: t.menu.settings, icon: <SettingOutlined />, roles: ADMINS, component: SettingsPage },
  { path: PATHS.users, menuLabel: t.menu.users, icon: <TeamOutlined />, roles: ADMINS, component: UsersPage },
];

export function mayOpen(path: string, role: Role): boolean {
  return ROUTES.some((r) => r.path === path && r.roles.includes(role));
}

/** The first menu page the role may open: 工作台 for case workers and auditors, 设置 for the admin. */
export function homePath(role: Role): string {
  return ROUTES.find((r) => r.menuLabel && r.roles.includes(role))?.path ?? PATHS.dashboard;
}
