// 专家库 (docs/review-api.md, "Expert pool"): the pool, one expert's record, the CSV import
// (dry run first) and the expert's own record and declared conflicts.
import { api } from './client';

export interface Expert {
  id: number;
  name: string;
  title: string;
  employer_name: string;
  employer_credit_code: string | null;
  county_code: string | null;
  fields: string[];
  declared: string[];
  max_load: number;
  active: boolean;
  phone: string | null;
  user_id: number | null;
  username: string | null;
  version: number;
}

export type ExpertInput = Omit<Expert, 'id' | 'user_id' | 'username' | 'version'> & {
  version?: number;
};

export interface ExpertQuery {
  q?: string;
  field?: string;
  active?: boolean;
}

export async function listExperts(query: ExpertQuery = {}): Promise<Expert[]> {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.field) params.set('field', query.field);
  if (query.active !== undefined) params.set('active', query.active ? '1' : '0');
  const qs = params.toString();
  const answer = await api.get<{ experts: Expert[] }>(`/api/experts${qs ? `?${qs}` : ''}`);
  return answer?.experts ?? [];
}

export function createExpert(expert: ExpertInput): Promise<Expert> {
  return api.post<Expert>('/api/experts', expert);
}

export function updateExpert(
  id: number,
  expert: ExpertInput & { version: number },
): Promise<Expert> {
  return api.put<Expert>(`/api/experts/${id}`, expert);
}

export interface ImportRowError {
  row: number;
  field: string;
  rule: string;
  message: string;
}

export interface ImportAnswer {
  rows: number;
  imported: number;
  errors: ImportRowError[];
}

export async function importExperts(csv: string, dryRun: boolean): Promise<ImportAnswer> {
  const answer = await api.post<Partial<ImportAnswer>>('/api/experts/import', {
    csv,
    dry_run: dryRun,
  });
  return {
    rows: answer?.rows ?? 0,
    imported: answer?.imported ?? 0,
    errors: answer?.errors ?? [],
  };
}

export function getMyExpert(): Promise<Expert> {
  return api.get<Expert>('/api/experts/me');
}

export function declareExpertConflict(creditCode: string, reason: string): Promise<unknown> {
  return api.post('/api/experts/me/conflicts', { credit_code: creditCode, reason });
}
