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
