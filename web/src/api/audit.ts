import { api } from './client';

export interface AuditRecord {
  id: number;
  /** UTC, ISO 8601. */
  at: string;
  actor: string;
  role: string;
  client_address: string;
  action: string;
  object: string;
  result: string;
  /** Before/after summary: text, or the structured details the server recorded. */
  summary: unknown;
  /** SHA-256 chain value; null until the sealer has reached the record. */
  seal: string | null;
}

/** The summary as one line of text: "key: value; …" for recorded details. */
export function summaryText(summary: unknown): string {
  if (summary === null || summary === undefined) return '';
  if (typeof summary === 'string') return summary;
  if (typeof summary === 'object' && !Array.isArray(summary)) {
    return Object.entries(summary as Record<string, unknown>)
      .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join('; ');
  }
  return JSON.stringify(summary);
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  /** UTC ISO 8601 bounds. */
  from?: string;
  to?: string;
  page: number;
  page_size: number;
}

export interface AuditPage {
  records: AuditRecord[];
  total: number;
}

export function auditQueryString(query: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

export async function listAudit(query: AuditQuery): Promise<AuditPage> {
  const answer = await api.get<AuditPage>(`/api/audit?${auditQueryString(query)}`);
  return { records: answer?.records ?? [], total: answer?.total ?? 0 };
}
