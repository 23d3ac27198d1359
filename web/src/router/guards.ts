import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router';
import type { SessionUser } from '@/api/session';
import { homeFor } from '@/menu';

/** What the decision reads of the route being opened. */
export type AccessTarget = Pick<
  RouteLocationNormalized,
  'path' | 'fullPath' | 'query' | 'hash' | 'meta'
> & {
  name?: RouteLocationNormalized['name'] | null;
};

/** The not-found page at the same address (an out-of-role page does not reveal it exists). */
function notFound(to: AccessTarget): RouteLocationRaw {
  return {
    name: 'not-found',
    params: { pathMatch: to.path.split('/').filter((part) => part !== '') },
    query: to.query,
    hash: to.hash,
  };
}

/**
 * Who may open which page: signed-out visitors go to the login page (and come back after),
 * a user who must change an initial password goes to that page first, a page of another role
 * answers the 404 page, and the login and registration pages send a signed-in user home.
 */
export function decideAccess(to: AccessTarget, user: SessionUser | null): true | RouteLocationRaw {
  const { meta } = to;
  const needsUser = meta.requiresAuth === true || meta.roles !== undefined;
  if (needsUser && user === null) {
    return { name: 'login', query: { redirect: to.fullPath } };
  }
  if (user === null) return true;
  if (meta.guestOnly === true) return homeFor(user);
  if (user.must_change_password && needsUser && to.name !== 'change-password') {
    return { name: 'change-password', query: { redirect: to.fullPath } };
  }
  if (meta.roles !== undefined && !meta.roles.includes(user.role)) return notFound(to);
  if (meta.enterpriseAdmin === true && !user.enterprise_admin) return notFound(to);
  return true;
}

/** A redirect target taken from ?redirect= only when it is a path inside the app. */
export function safeRedirect(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  return value;
}

export function installGuards(
  router: Router,
  session: { restore: () => Promise<void>; readonly user: SessionUser | null },
): void {
  router.beforeEach(async (to) => {
    await session.restore();
    return decideAccess(to, session.user);
  });
}
