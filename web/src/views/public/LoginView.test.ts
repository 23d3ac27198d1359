import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, nextTick, type App } from 'vue';
import { createPinia } from 'pinia';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { i18n } from '@/i18n';
import { configureApi, setCsrfToken } from '@/api';
import { routes } from '@/router';
import LoginView from './LoginView.vue';

type FetchArgs = [input: string, init: RequestInit];
let fetchMock: ReturnType<typeof vi.fn<(...args: FetchArgs) => Promise<Response>>>;
let app: App | undefined;
let host: HTMLElement;
let router: Router;

function problem(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await nextTick();
  }
}

async function mountLogin(): Promise<void> {
  router = createRouter({ history: createMemoryHistory(), routes });
  await router.push('/login');
  host = document.createElement('div');
  document.body.append(host);
  app = createApp(LoginView).use(createPinia()).use(i18n).use(router);
  app.mount(host);
  await settle();
}

async function submit(username: string, password: string): Promise<void> {
  for (const [name, value] of [
    ['username', username],
    ['password', password],
  ] as const) {
    const input = host.querySelector<HTMLInputElement>(`input[name="${name}"]`);
    if (input === null) throw new Error(`no ${name} input`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  await nextTick();
  host.querySelector('form')?.dispatchEvent(new Event('submit'));
  await settle();
}

function alertText(): string {
  return host.querySelector('[data-testid="login-problem"]')?.textContent?.trim() ?? '';
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
  fetchMock = vi.fn<(...args: FetchArgs) => Promise<Response>>();
  vi.stubGlobal('fetch', fetchMock);
  configureApi({ baseUrl: '', locale: () => 'zh-CN' });
  setCsrfToken(undefined);
});

afterEach(() => {
  app?.unmount();
  host?.remove();
  vi.unstubAllGlobals();
});

describe('LoginView', () => {
  it('shows one generic message for a 401, whatever the server says', async () => {
    fetchMock.mockResolvedValueOnce(
      problem(401, { code: 'login_failed', title: '登录失败', detail: 'no such user' }),
    );
    await mountLogin();
    await submit('nobody', 'whatever-password');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(alertText()).toBe('用户名或密码不正确。');
  });

  it('says how many seconds to wait when throttled', async () => {
    fetchMock.mockResolvedValueOnce(
      problem(429, {
        code: 'login_throttled',
        title: '登录受限',
        facts: { retry_after_seconds: 42 },
      }),
    );
    await mountLogin();
    await submit('demo-county', 'wrong-password');
    expect(alertText()).toBe('登录失败次数过多，请在 42 秒后重试。');
  });

  it('goes to the role workspace, or first to the password change', async () => {
    const user = {
      id: 2,
      username: 'demo-county',
      display_name: '蓬江区',
      role: 'county',
      county_code: '440703',
      enterprise_id: null,
      enterprise_admin: false,
      must_change_password: false,
    };
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ user, csrf_token: 't' }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    await mountLogin();
    await submit('demo-county', 'demo-county-2022');
    // The workspace is a lazily loaded page: wait for its chunk.
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/county'), {
      timeout: 10_000,
    });

    app?.unmount();
    host.remove();
    fetchMock.mockResolvedValueOnce(
      new Response(
        JSON.stringify({ user: { ...user, must_change_password: true }, csrf_token: 't' }),
        {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
    await mountLogin();
    await submit('demo-county', 'initial-password-1');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('change-password'), {
      timeout: 10_000,
    });
  });
});
