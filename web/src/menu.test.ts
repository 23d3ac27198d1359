import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@/roles';
import { homeFor, menuFor } from './menu';

const keys = (role: Role, enterprise_admin = false) =>
  menuFor({ role, enterprise_admin }).map((item) => item.key);

describe('menuFor', () => {
  it('gives each role exactly its own items', () => {
    expect(keys('enterprise')).toEqual(['applications', 'enterpriseProfile']);
    expect(keys('enterprise', true)).toEqual([
      'applications',
      'enterpriseProfile',
      'enterpriseAccounts',
    ]);
    expect(keys('county')).toEqual(['recommendations', 'verification']);
    expect(keys('organizer')).toEqual(['formalCheck', 'expertPool', 'assignments', 'ranking']);
    expect(keys('expert')).toEqual(['reviews']);
    expect(keys('bureau')).toEqual(['approval', 'audit']);
    expect(keys('admin')).toEqual(['users', 'batches', 'audit']);
  });

  it('keeps every path inside the role area and shows nothing when signed out', () => {
    for (const role of ROLES) {
      for (const item of menuFor({ role, enterprise_admin: true })) {
        expect(item.path.startsWith(`/${role}/`), item.path).toBe(true);
      }
      expect(homeFor({ role })).toBe(`/${role}`);
    }
    expect(menuFor(null)).toEqual([]);
  });
});
