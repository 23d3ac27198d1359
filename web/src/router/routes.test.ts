import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ROLES } from '@/roles';
import { MENU } from '@/menu';
import { routes } from './index';

function makeRouter() {
  return createRouter({ history: createMemoryHistory(), routes });
}

describe('routes', () => {
  it('has a lazily loaded dashboard for every role', () => {
    const router = makeRouter();
    for (const role of ROLES) {
      const match = router.resolve(`/${role}`);
      expect(match.name).toBe(`${role}-dashboard`);
      expect(match.meta.roles).toEqual([role]);
      const component = match.matched.at(-1)?.components?.default;
      expect(typeof component, role).toBe('function');
    }
  });

  it('has a lazily loaded page for every menu item, limited to its role', () => {
    const router = makeRouter();
    for (const item of MENU) {
      const match = router.resolve(item.path);
      expect(match.name, item.path).toBe(`${item.role}-${item.key}`);
      expect(match.meta.roles).toEqual([item.role]);
      expect(match.meta.enterpriseAdmin).toBe(item.enterpriseAdmin === true);
      expect(typeof match.matched.at(-1)?.components?.default, item.path).toBe('function');
    }
  });

  it('has the review pages behind their roles and the inbox for everyone signed in', () => {
    const router = makeRouter();
    expect(router.resolve('/county/applications/12').meta.roles).toEqual(['county']);
    expect(router.resolve('/organizer/formal-check/12').meta.roles).toEqual(['organizer']);
    expect(router.resolve('/organizer/reviews/3').meta.roles).toEqual(['organizer']);
    expect(router.resolve('/expert/reviews/3').meta.roles).toEqual(['expert']);
    expect(router.resolve('/inbox').meta.requiresAuth).toBe(true);
    expect(router.resolve('/expert/reviews/abc').name).toBe('not-found');
  });

  it('sends an unknown path to the not-found page', () => {
    const router = makeRouter();
    expect(router.resolve('/no/such/page').name).toBe('not-found');
  });

  it('has the public and account pages', () => {
    const router = makeRouter();
    expect(router.resolve('/').name).toBe('home');
    expect(router.resolve('/login').meta.guestOnly).toBe(true);
    expect(router.resolve('/register').meta.guestOnly).toBe(true);
    expect(router.resolve('/account/password').meta.requiresAuth).toBe(true);
    expect(router.resolve('/account/sessions').meta.requiresAuth).toBe(true);
  });
});
