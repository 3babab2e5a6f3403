// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../api/core';
import { PATHS } from './paths';
import { ROUTES, homePath, mayOpen, menuRoutes } from './routes';

/**
 * Who opens which page, written out as it was when the routes table carried its own role lists. The
 * routes now name the channel they need and the core's access table decides; per role nothing changed, but
 * for 设置, which a supervisor opens since issue 8 to read the paper templates (文书模板).
 */
const PAGES = [PATHS.dashboard, PATHS.register, PATHS.newCase, '/cases/:id', PATHS.settings, PATHS.users, PATHS.statistics] as const;
const MAY_OPEN: Record<Role, readonly string[]> = {
  clerk: [PATHS.dashboard, PATHS.register, PATHS.newCase, '/cases/:id'],
  supervisor: [PATHS.dashboard, PATHS.register, PATHS.newCase, '/cases/:id', PATHS.settings, PATHS.statistics],
  auditor: [PATHS.dashboard, PATHS.register, '/cases/:id', PATHS.statistics],
  admin: [PATHS.settings, PATHS.users, PATHS.statistics],
};
const MENU: Record<Role, readonly string[]> = {
  clerk: ['工作台', '登记册', '新登记'],
  supervisor: ['工作台', '登记册', '新登记', '设置', '统计'],
  auditor: ['工作台', '登记册', '统计'],
  admin: ['设置', '用户', '统计'],
};
const HOME: Record<Role, string> = { clerk: PATHS.dashboard, supervisor: PATHS.dashboard, auditor: PATHS.dashboard, admin: PATHS.settings };

describe('routes derive who may open them from the core access table', () => {
  it('covers every role and every page', () => {
    expect(Object.keys(MAY_OPEN).sort()).toEqual([...ROLES].sort());
    expect(ROUTES.map((r) => r.path)).toEqual([...PAGES]);
  });

  for (const role of ROLES) {
    for (const page of PAGES) {
      const isAllowed = MAY_OPEN[role].includes(page);
      it(`${role} ${isAllowed ? 'opens' : 'is refused'} ${page}`, () => {
        expect(mayOpen(page, role)).toBe(isAllowed);
      });
    }
    it(`${role}: menu ${MENU[role].join(' / ')}, home ${HOME[role]}`, () => {
      expect(menuRoutes(role).map((r) => r.menuLabel)).toEqual(MENU[role]);
      expect(homePath(role)).toBe(HOME[role]);
    });
  }

  it('names no role list of its own: each route names a contract channel', () => {
    for (const r of ROUTES) {
      expect(r).not.toHaveProperty('roles');
      expect(r.needs).toMatch(/^[a-z][a-zA-Z]*\/[a-zA-Z]+$/);
    }
  });
});
