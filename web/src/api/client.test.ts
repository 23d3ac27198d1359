import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiRequest, api, configureApi, setCsrfToken } from './client';
import { ApiError } from './problem';
import { getHealth, isHealthy } from './health';
import { logIn } from './session';

type FetchArgs = [input: string, init: RequestInit];

function respond(status: number, body: unknown, contentType = 'application/json'): Response {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(status === 204 ? null : text, {
    status,
    headers: { 'Content-Type': contentType },
  });
}

let fetchMock: ReturnType<typeof vi.fn<(...args: FetchArgs) => Promise<Response>>>;

function lastCall(): { url: string; init: RequestInit; headers: Record<string, string> } {
  const call = fetchMock.mock.calls.at(-1);
  if (call === undefined) throw new Error('fetch was not called');
  const [url, init] = call;
  return { url, init, headers: init.headers as Record<string, string> };
}

beforeEach(() => {
  fetchMock = vi.fn<(...args: FetchArgs) => Promise<Response>>();
  vi.stubGlobal('fetch', fetchMock);
  configureApi({ baseUrl: '', locale: () => 'zh-CN' });
  setCsrfToken(undefined);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('apiRequest', () => {
  it('sends JSON with the current language and returns the parsed body', async () => {
    configureApi({ locale: () => 'en' });
    fetchMock.mockResolvedValueOnce(respond(200, { id: 7 }));
    const result = await api.post<{ id: number }>('/api/things', { name: '样例' });
    expect(result).toEqual({ id: 7 });
    const { url, init, headers } = lastCall();
    expect(url).toBe('/api/things');
    expect(init.method).toBe('POST');
    expect(init.body).toBe(JSON.stringify({ name: '样例' }));
    expect(headers['Content-Type']).toBe('application/json');
    expect(headers['Accept-Language']).toBe('en');
    expect(headers.Accept).toContain('application/problem+json');
  });

  it('sends the CSRF token on unsafe methods only', async () => {
    setCsrfToken('tok-123');
    fetchMock.mockImplementation(() => Promise.resolve(respond(200, {})));
    await api.get('/api/a');
    expect(lastCall().headers['X-CSRF-Token']).toBeUndefined();
    await api.delete('/api/a');
    expect(lastCall().headers['X-CSRF-Token']).toBe('tok-123');
  });

  it('falls back to the CSRF cookie', async () => {
    document.cookie = 'iifund_csrf=from-cookie';
    fetchMock.mockImplementation(() => Promise.resolve(respond(200, {})));
    await api.post('/api/a', {});
    expect(lastCall().headers['X-CSRF-Token']).toBe('from-cookie');
    document.cookie = 'iifund_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  it('turns application/problem+json into an ApiError', async () => {
    fetchMock.mockResolvedValueOnce(
      respond(
        501,
        { title: '尚未实现', status: 501, code: 'not_implemented', detail: '登录功能即将开放' },
        'application/problem+json; charset=utf-8',
      ),
    );
    const error = await apiRequest('/api/session', { method: 'POST', body: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem).toEqual({
      title: '尚未实现',
      status: 501,
      code: 'not_implemented',
      detail: '登录功能即将开放',
    });
  });

  it('makes an ApiError out of a non-JSON error answer', async () => {
    fetchMock.mockResolvedValueOnce(respond(502, '<html>bad gateway</html>', 'text/html'));
    const error = (await api.get('/api/x').catch((e: unknown) => e)) as ApiError;
    expect(error.problem.status).toBe(502);
    expect(error.problem.code).toBe('http_502');
  });

  it('reports a network failure as status 0', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const error = (await api.get('/api/x').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.problem).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('resolves undefined for 204 and for malformed JSON bodies', async () => {
    fetchMock.mockResolvedValueOnce(respond(204, undefined));
    await expect(api.delete('/api/x')).resolves.toBeUndefined();
    fetchMock.mockResolvedValueOnce(respond(200, '{not json'));
    await expect(api.get('/api/x')).resolves.toBeUndefined();
  });
});

describe('endpoints', () => {
  it('GET /api/health is healthy when status is ok', async () => {
    fetchMock.mockResolvedValueOnce(respond(200, { status: 'ok', database: 'ok' }));
    const health = await getHealth();
    expect(lastCall().url).toBe('/api/health');
    expect(isHealthy(health)).toBe(true);
    expect(isHealthy({ status: 'degraded' })).toBe(false);
    expect(isHealthy(undefined)).toBe(false);
  });

  it('logIn posts the credentials to /api/session', async () => {
    fetchMock.mockResolvedValueOnce(respond(200, { username: 'demo', role: 'enterprise' }));
    await logIn({ username: 'demo', password: 'secret' });
    const { url, init } = lastCall();
    expect(url).toBe('/api/session');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual({ username: 'demo', password: 'secret' });
  });
});
