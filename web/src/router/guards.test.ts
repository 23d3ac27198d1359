import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { SessionUser } from '@/api/session';
import type { Role } from '@/roles';
import { decideAccess, installGuards, safeRedirect } from './guards';
import { routes } from './index';

function user(role: Role, extra: Partial<SessionUser> = {}): SessionUser {
  return {
    id: 1,
    username: `demo-${role}`,
    display_name: role,
    role,
    county_code: role === 'county' ? '440703' : null,
    enterprise_id: role === 'enterprise' ? 1 : null,
    enterprise_admin: false,
    must_change_password: false,
    ...extra,
  };
}

const router = createRouter({ history: createMemoryHistory(), routes });
const to = (path: string) => router.resolve(path);

describe('decideAccess', () => {
  it('lets anyone see the public pages', () => {
    for (const path of ['/', '/login', '/register', '/no/such/page']) {
      expect(decideAccess(to(path), null), path).toBe(true);
    }
  });

  it('sends a signed-out visitor to the login page and back afterwards', () => {
    expect(decideAccess(to('/admin/users?x=1'), null)).toEqual({
      name: 'login',
      query: { redirect: '/admin/users?x=1' },
    });
    expect(decideAccess(to('/account/sessions'), null)).toMatchObject({ name: 'login' });
  });

  it('lets a role into its own pages only; others see the 404 page at the same address', () => {
    expect(decideAccess(to('/admin/users'), user('admin'))).toBe(true);
    expect(decideAccess(to('/bureau/audit'), user('bureau'))).toBe(true);
    const denied = decideAccess(to('/admin/users'), user('bureau'));
    expect(denied).toMatchObject({ name: 'not-found', params: { pathMatch: ['admin', 'users'] } });
    expect(router.resolve(denied as never).fullPath).toBe('/admin/users');
    expect(decideAccess(to('/county/enterprises'), user('enterprise'))).toMatchObject({
      name: 'not-found',
    });
  });

  it('keeps account management for the enterprise administrator', () => {
    expect(decideAccess(to('/enterprise/users'), user('enterprise'))).toMatchObject({
      name: 'not-found',
    });
    expect(
      decideAccess(to('/enterprise/users'), user('enterprise', { enterprise_admin: true })),
    ).toBe(true);
    expect(decideAccess(to('/enterprise/profile'), user('enterprise'))).toBe(true);
  });

  it('sends a signed-in user away from login and registration to the role workspace', () => {
    expect(decideAccess(to('/login'), user('expert'))).toBe('/expert');
    expect(decideAccess(to('/register'), user('county'))).toBe('/county');
  });

  it('asks for the initial password to be changed first', () => {
    const fresh = user('organizer', { must_change_password: true });
    expect(decideAccess(to('/organizer/ranking'), fresh)).toEqual({
      name: 'change-password',
      query: { redirect: '/organizer/ranking' },
    });
    expect(decideAccess(to('/account/password'), fresh)).toBe(true);
    expect(decideAccess(to('/'), fresh)).toBe(true);
  });
});

describe('safeRedirect', () => {
  it('accepts only paths inside the app', () => {
    expect(safeRedirect('/admin/users?page=2')).toBe('/admin/users?page=2');
    expect(safeRedirect('//evil.example/')).toBeUndefined();
    expect(safeRedirect('/\\evil.example')).toBeUndefined();
    expect(safeRedirect('https://evil.example/')).toBeUndefined();
    expect(safeRedirect(['/a'])).toBeUndefined();
    expect(safeRedirect(undefined)).toBeUndefined();
  });
});

describe('installGuards', () => {
  it('waits for the session to be restored before deciding', async () => {
    const guarded = createRouter({ history: createMemoryHistory(), routes });
    let current: SessionUser | null = null;
    let restored = 0;
    installGuards(guarded, {
      restore: async () => {
        restored += 1;
        current = user('admin');
      },
      get user() {
        return current;
      },
    });
    await guarded.push('/admin/audit');
    expect(guarded.currentRoute.value.name).toBe('admin-audit');
    await guarded.push('/bureau/audit');
    expect(guarded.currentRoute.value.name).toBe('not-found');
    expect(guarded.currentRoute.value.fullPath).toBe('/bureau/audit');
    // Asked before every navigation (the store answers later calls from its first answer).
    expect(restored).toBeGreaterThanOrEqual(2);
  });
});
