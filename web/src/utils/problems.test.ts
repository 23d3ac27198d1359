import { describe, expect, it } from 'vitest';
import { ApiError, parseProblem } from '@/api/problem';
import { fieldErrors, problemText, retryAfterSeconds } from './problems';
import { filterUsers } from './userFilter';
import type { UserRecord } from '@/api/accounts';

const t = (key: string, named?: Record<string, unknown>) =>
  named === undefined ? key : `${key} ${JSON.stringify(named)}`;

describe('problems', () => {
  it('reads the seconds of a throttled login from the facts', () => {
    const error = new ApiError(
      parseProblem(
        { title: 'x', code: 'login_throttled', facts: { retry_after_seconds: 29.2 } },
        429,
      ),
    );
    expect(retryAfterSeconds(error)).toBe(30);
    expect(retryAfterSeconds(new ApiError(parseProblem({ code: 'x' }, 429)))).toBeUndefined();
    expect(retryAfterSeconds(new Error('x'))).toBeUndefined();
  });

  it('maps the field messages of a 422 (rule as the code)', () => {
    const error = new ApiError(
      parseProblem(
        {
          title: 'x',
          code: 'validation_failed',
          fields: [
            {
              field: 'new_password',
              rule: 'password_too_short',
              message: '至少 12 个字符',
              facts: {},
            },
          ],
        },
        422,
      ),
    );
    expect(error.problem.fields?.[0]?.code).toBe('password_too_short');
    expect(fieldErrors(error)).toEqual({ new_password: '至少 12 个字符' });
  });

  it('prefers the server detail, then the title, and names network failures', () => {
    expect(problemText(new ApiError(parseProblem({ title: 'T', detail: 'D' }, 409)), t)).toBe('D');
    expect(problemText(new ApiError(parseProblem({ title: 'T' }, 409)), t)).toBe('T');
    expect(
      problemText(new ApiError({ title: '', status: 0, code: 'network_error', detail: '' }), t),
    ).toBe('errors.network');
  });
});

describe('filterUsers', () => {
  const base = {
    county_code: null,
    enterprise_id: null,
    enterprise_admin: false,
    must_change_password: false,
  };
  const users: UserRecord[] = [
    {
      ...base,
      id: 1,
      username: 'demo-admin',
      display_name: '系统管理员',
      role: 'admin',
      disabled: false,
    },
    { ...base, id: 2, username: 'zhang', display_name: '张三', role: 'expert', disabled: true },
  ];

  it('filters by keyword, role and status', () => {
    expect(filterUsers(users, { keyword: 'ADMIN' }).map((u) => u.id)).toEqual([1]);
    expect(filterUsers(users, { keyword: '张' }).map((u) => u.id)).toEqual([2]);
    expect(filterUsers(users, { role: 'expert' }).map((u) => u.id)).toEqual([2]);
    expect(filterUsers(users, { status: 'active' }).map((u) => u.id)).toEqual([1]);
    expect(filterUsers(users, { keyword: '', role: '', status: '' })).toHaveLength(2);
  });
});
