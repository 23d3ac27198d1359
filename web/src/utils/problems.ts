import { isApiError } from '@/api/problem';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** The sentence to show for a failed request: the server's detail (already translated), else
 *  its title, else a message of our own. */
export function problemText(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t('errors.unexpected', { status: '?' });
  const { problem } = error;
  if (problem.status === 0) return t('errors.network');
  return problem.detail || problem.title || t('errors.unexpected', { status: problem.status });
}

/** The server's per-field messages (422 `fields`), keyed by field name; empty for other errors. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiError(error)) return out;
  for (const field of error.problem.fields ?? []) {
    if (out[field.field] === undefined) out[field.field] = field.message || field.code || '';
  }
  return out;
}

/** The seconds to wait from a 429 login_throttled answer (facts.retry_after_seconds). */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (!isApiError(error)) return undefined;
  const extra = error.problem.extra ?? {};
  const facts = extra.facts;
  const raw =
    (typeof facts === 'object' && facts !== null
      ? (facts as Record<string, unknown>).retry_after_seconds
      : undefined) ?? extra.retry_after_seconds;
  const seconds = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}
