import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@/roles';
import zhCN from '@/locales/zh-CN.json';
import en from '@/locales/en.json';
import { homeFor, MENU, menuFor } from './menu';

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
    expect(keys('organizer')).toEqual([
      'formalCheck',
      'recheck',
      'expertPool',
      'assignments',
      'reviewSheets',
      'reviewResults',
      'library',
      'schedule',
      'ranking',
    ]);
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

describe('menu labels', () => {
  it('has a label for every item and role in both languages', () => {
    for (const catalogue of [zhCN, en] as unknown as Record<string, Record<string, string>>[]) {
      for (const item of MENU) expect(catalogue.menu?.[item.key], item.key).toBeTruthy();
      for (const role of ROLES) expect(catalogue.roles?.[role], role).toBeTruthy();
    }
  });
});
