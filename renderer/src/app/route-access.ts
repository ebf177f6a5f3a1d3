/**
 * Which pages an operator may open: a page that needs a right is left out of the menu unless one of
 * the operator's roles grants it, and an address the operator may not open lands on the first page
 * they may (never a blank window).
 */
import { type Permission } from '@shared/domain/auth/permissions';

export interface RouteAccess {
  key: string;
  /** The right the page needs; none: every signed-in operator. */
  permission?: Permission;
}

export function routesFor<R extends RouteAccess>(
  routes: readonly R[],
  permissions: readonly string[],
): R[] {
  const held = new Set(permissions);
  return routes.filter((route) => !route.permission || held.has(route.permission));
}

/** The page to show first: `preferred` when allowed, else the first allowed one; null if none. */
export function landingRoute(allowed: readonly RouteAccess[], preferred: string): string | null {
  if (allowed.some((route) => route.key === preferred)) return preferred;
  return allowed[0]?.key ?? null;
}
