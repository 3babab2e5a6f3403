/**
 * Where each page lives. Pages link to each other through these; the routes table maps them to pages.
 * Kept apart from routes.tsx, which imports every page: a page importing the routes would close a circle.
 */
export const PATHS = {
  dashboard: '/dashboard',
  register: '/register',
  newCase: '/cases/new',
  caseDetail: (id: number) => `/cases/${id}`,
  statistics: '/statistics',
  settings: '/settings',
  users: '/users',
} as const;

/** The route pattern of PATHS.caseDetail. */
export const CASE_DETAIL_PATTERN = '/cases/:id';
