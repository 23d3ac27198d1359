// What each role may use: the side menu and the routes behind it come from this one table.
// Labels are menu.<key> in the locale files.
import type { Role } from '@/roles';
import type { SessionUser } from '@/api/session';

export interface MenuItem {
  key: string;
  path: string;
  role: Role;
  /** Only the enterprise administrator (of an enterprise) sees it. */
  enterpriseAdmin?: boolean;
  /** Built by a later issue: the route shows a 功能建设中 page. */
  placeholder?: boolean;
}

export const MENU: readonly MenuItem[] = [
  { key: 'applications', path: '/enterprise/applications', role: 'enterprise' },
  { key: 'enterpriseProfile', path: '/enterprise/profile', role: 'enterprise' },
  {
    key: 'enterpriseAccounts',
    path: '/enterprise/users',
    role: 'enterprise',
    enterpriseAdmin: true,
  },
  { key: 'recommendations', path: '/county/recommendations', role: 'county' },
  { key: 'verification', path: '/county/enterprises', role: 'county' },
  { key: 'formalCheck', path: '/organizer/formal-check', role: 'organizer' },
  { key: 'recheck', path: '/organizer/recheck', role: 'organizer' },
  { key: 'expertPool', path: '/organizer/experts', role: 'organizer' },
  { key: 'assignments', path: '/organizer/assignments', role: 'organizer' },
  { key: 'reviewSheets', path: '/organizer/reviews', role: 'organizer' },
  { key: 'reviewResults', path: '/organizer/review-results', role: 'organizer' },
  { key: 'library', path: '/organizer/library', role: 'organizer' },
  { key: 'schedule', path: '/organizer/schedule', role: 'organizer' },
  { key: 'ranking', path: '/organizer/ranking', role: 'organizer', placeholder: true },
  { key: 'reviews', path: '/expert/reviews', role: 'expert' },
  { key: 'approval', path: '/bureau/approvals', role: 'bureau', placeholder: true },
  { key: 'audit', path: '/bureau/audit', role: 'bureau' },
  { key: 'users', path: '/admin/users', role: 'admin' },
  { key: 'batches', path: '/admin/batches', role: 'admin', placeholder: true },
  { key: 'audit', path: '/admin/audit', role: 'admin' },
];

/** The menu items this user may see, in menu order. */
export function menuFor(user: Pick<SessionUser, 'role' | 'enterprise_admin'> | null): MenuItem[] {
  if (user === null) return [];
  return MENU.filter(
    (item) => item.role === user.role && (!item.enterpriseAdmin || user.enterprise_admin),
  );
}

/** Where a user lands after logging in: the role's workspace. */
export function homeFor(user: Pick<SessionUser, 'role'>): string {
  return `/${user.role}`;
}
