import { ApiError, parseProblem } from './problem';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, for raw bytes (an upload chunk); set its Content-Type in `headers`. */
  rawBody?: Blob | ArrayBuffer | Uint8Array;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

interface ClientSettings {
  /** Where /api lives; '' means the page's own origin. */
  baseUrl: string;
  /** The current interface language, sent as Accept-Language. */
  locale: () => string;
  /** The CSRF token for unsafe methods (see csrfToken below). */
  csrfToken: () => string;
  /** Called when a request other than the login itself is answered 401 (session gone). */
  onUnauthorized: (path: string) => void;
}

const CSRF_COOKIE = 'iifund_csrf';
let explicitCsrfToken: string | undefined;

/** Remembers the CSRF token the server handed out (e.g. in the session answer). */
export function setCsrfToken(token: string | undefined): void {
  explicitCsrfToken = token;
}

/** Whether the browser holds the readable half of a session (the `iifund_csrf` cookie). */
export function hasCsrfCookie(): boolean {
  return csrfTokenFromCookie() !== '';
}

function csrfTokenFromCookie(): string {
  if (typeof document === 'undefined') return '';
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return '';
}

const settings: ClientSettings = {
  baseUrl: '',
  locale: () => 'zh-CN',
  csrfToken: () => explicitCsrfToken ?? csrfTokenFromCookie(),
  onUnauthorized: () => {},
};

export function configureApi(next: Partial<ClientSettings>): void {
  Object.assign(settings, next);
}

const unsafeMethods: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isJson(contentType: string | null): boolean {
  if (contentType === null) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Calls the iifund JSON API. Resolves with the parsed body of a 2xx answer (undefined for an
 * empty one) and rejects with ApiError for anything else, including network failures
 * (status 0, code "network_error"). Callers that expect an error status catch ApiError.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': settings.locale(),
    ...options.headers,
  };
  if (unsafeMethods.has(method)) {
    headers['X-CSRF-Token'] = settings.csrfToken();
  }
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (options.rawBody !== undefined) init.body = options.rawBody as BodyInit;
  if (options.signal !== undefined) init.signal = options.signal;

  let response: Response;
  try {
    response = await fetch(settings.baseUrl + path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      title: 'Network error',
      status: 0,
      code: 'network_error',
      detail: cause instanceof Error ? cause.message : String(cause),
    });
  }

  const contentType = response.headers.get('Content-Type');
  if (response.ok) {
    if (response.status === 204 || !isJson(contentType)) {
      return undefined as T;
    }
    return (await readJson(response)) as T;
  }
  const body = isJson(contentType) ? await readJson(response) : undefined;
  if (response.status === 401 && path !== '/api/session') settings.onUnauthorized(path);
  throw new ApiError(parseProblem(body, response.status, response.statusText));
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'DELETE' }),
};
