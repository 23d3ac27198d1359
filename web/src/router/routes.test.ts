import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ROLES } from '@/roles';
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
      expect(match.meta.role).toBe(role);
      const component = match.matched.at(-1)?.components?.default;
      expect(typeof component, role).toBe('function');
    }
  });

  it('sends an unknown path to the not-found page', () => {
    const router = makeRouter();
    expect(router.resolve('/no/such/page').name).toBe('not-found');
  });

  it('has the home and login pages', () => {
    const router = makeRouter();
    expect(router.resolve('/').name).toBe('home');
    expect(router.resolve('/login').name).toBe('login');
  });
});
