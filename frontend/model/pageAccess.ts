import type { Role } from '../../shared/api/auth';

/** Who is asking: a logged-in user's role, or "anonymous". Mirrors the server's `Subject`. */
export type Viewer = Role | 'anonymous';

/**
 * The one place in the frontend that says which roles may open a screen. Each entry follows the permission the
 * screen's API calls need in the server's table (backend/http/authorization.ts PERMISSIONS; a unit test keeps the
 * two in step). The pages' gates and the header's menu both read it, so no menu link leads to "Geen toegang".
 */
export const PAGE_ACCESS = {
  /** The request form: `requests.create`. */
  request: { action: 'requests.create', roles: ['anonymous', 'school', 'crew', 'admin'] },
  /** "Mijn aanvragen": the school contact's own requests (`requests.read` 'own'). */
  mine: { action: 'requests.read', roles: ['school'] },
  /** The inbox: `requests.review`. */
  inbox: { action: 'requests.review', roles: ['crew', 'admin'] },
  /** The planning board and the day sheet: `plans.read`. */
  planning: { action: 'plans.read', roles: ['coordinator', 'crew', 'admin'] },
  /** The live map: `live.read`. */
  live: { action: 'live.read', roles: ['coordinator', 'crew', 'admin'] },
  /** The crew's road screen: `live.report`. */
  crew: { action: 'live.report', roles: ['crew', 'admin'] },
  /** The fairness dashboard: `dashboard.read`. */
  fairness: { action: 'dashboard.read', roles: ['coordinator', 'crew', 'admin'] },
  /** The admin's users and outbox pages: `users.manage`. */
  admin: { action: 'users.manage', roles: ['admin'] },
} as const satisfies Record<string, { action: string; roles: readonly Viewer[] }>;

export type Page = keyof typeof PAGE_ACCESS;

/** The logged-in roles that may open `page` (what a gate checks once someone is logged in). */
export function rolesFor(page: Page): readonly Role[] {
  return (PAGE_ACCESS[page].roles as readonly Viewer[]).filter((r): r is Role => r !== 'anonymous');
}

/** Whether `viewer` may open `page` (what the header uses to show or hide the page's link). */
export function canOpen(viewer: Viewer, page: Page): boolean {
  return (PAGE_ACCESS[page].roles as readonly Viewer[]).includes(viewer);
}
