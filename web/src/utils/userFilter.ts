import type { UserRecord } from '@/api/accounts';

export interface UserFilter {
  /** Part of the username or the display name, any case. */
  keyword?: string;
  role?: string;
  status?: '' | 'active' | 'disabled';
}

export function filterUsers(users: readonly UserRecord[], filter: UserFilter): UserRecord[] {
  const keyword = (filter.keyword ?? '').trim().toLowerCase();
  return users.filter(
    (user) =>
      (keyword === '' ||
        user.username.toLowerCase().includes(keyword) ||
        user.display_name.toLowerCase().includes(keyword)) &&
      (!filter.role || user.role === filter.role) &&
      (!filter.status || (filter.status === 'disabled') === user.disabled),
  );
}
