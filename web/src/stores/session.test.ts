import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { api, configureApi, setCsrfToken } from '@/api';
import { useSessionStore } from './session';

type FetchArgs = [input: string, init: RequestInit];
let fetchMock: ReturnType<typeof vi.fn<(...args: FetchArgs) => Promise<Response>>>;

const demoUser = {
  id: 6,
  username: 'demo-admin',
  display_name: '系统管理员',
  role: 'admin',
  county_code: null,
  enterprise_id: null,
  enterprise_admin: false,
  must_change_password: false,
};

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': type },
  });
}

function setCookie(value: string | undefined): void {
  document.cookie =
    value === undefined
      ? 'iifund_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'
      : `iifund_csrf=${value}; path=/`;
}

beforeEach(() => {
  setActivePinia(createPinia());
  fetchMock = vi.fn<(...args: FetchArgs) => Promise<Response>>();
  vi.stubGlobal('fetch', fetchMock);
  configureApi({ baseUrl: '', locale: () => 'zh-CN' });
  setCsrfToken(undefined);
  setCookie(undefined);
});

afterEach(() => {
  vi.unstubAllGlobals();
  setCookie(undefined);
});

describe('session store', () => {
  it('does not ask the server when no session cookie exists (no 401 on a first visit)', async () => {
    const session = useSessionStore();
    await session.restore();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(session.user).toBeNull();
    expect(session.signedIn).toBe(false);
  });

  it('restores the session once when the csrf cookie shows one may exist', async () => {
    setCookie('cookie-token');
    fetchMock.mockResolvedValue(json(200, { user: demoUser, csrf_token: 'tok-1' }));
    const session = useSessionStore();
    await Promise.all([session.restore(), session.restore()]);
    await session.restore();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/session');
    expect(fetchMock.mock.calls[0]?.[1].method).toBe('GET');
    expect(session.user?.username).toBe('demo-admin');
    expect(session.csrfToken).toBe('tok-1');
  });

  it('starts signed out when the server says the session is gone', async () => {
    setCookie('stale');
    fetchMock.mockResolvedValue(
      json(401, { title: '未登录', code: 'not_signed_in' }, 'application/problem+json'),
    );
    const session = useSessionStore();
    await session.restore();
    expect(session.user).toBeNull();
  });

  it('logs in, sends the csrf token from the answer, and logs out', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { user: demoUser, csrf_token: 'tok-2' }));
    const session = useSessionStore();
    const user = await session.login({ username: 'demo-admin', password: 'demo-admin-2022' });
    expect(user.role).toBe('admin');
    expect(session.signedIn).toBe(true);

    fetchMock.mockResolvedValueOnce(json(204, undefined));
    await api.post('/api/users/3/disable');
    expect(
      (fetchMock.mock.calls.at(-1)?.[1].headers as Record<string, string>)['X-CSRF-Token'],
    ).toBe('tok-2');

    fetchMock.mockResolvedValueOnce(json(204, undefined));
    await session.logout();
    const [url, init] = fetchMock.mock.calls.at(-1) ?? [];
    expect(url).toBe('/api/session');
    expect(init?.method).toBe('DELETE');
    expect((init?.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-2');
    expect(session.user).toBeNull();
    expect(session.csrfToken).toBeUndefined();
  });

  it('forgets the user even when logging out fails', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { user: demoUser, csrf_token: 'tok-3' }));
    const session = useSessionStore();
    await session.login({ username: 'demo-admin', password: 'x' });
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await session.logout();
    expect(session.user).toBeNull();
  });

  it('rejects a failed login and stays signed out', async () => {
    fetchMock.mockResolvedValueOnce(
      json(401, { title: '登录失败', code: 'login_failed' }, 'application/problem+json'),
    );
    const session = useSessionStore();
    await expect(session.login({ username: 'a', password: 'b' })).rejects.toMatchObject({
      code: 'login_failed',
    });
    expect(session.user).toBeNull();
  });

  it('clears the forced password change flag', async () => {
    fetchMock.mockResolvedValueOnce(
      json(200, { user: { ...demoUser, must_change_password: true }, csrf_token: 't' }),
    );
    const session = useSessionStore();
    await session.login({ username: 'demo-admin', password: 'x' });
    expect(session.user?.must_change_password).toBe(true);
    session.passwordChanged();
    expect(session.user?.must_change_password).toBe(false);
  });
});
