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
  summary: string;
  seal: string;
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
