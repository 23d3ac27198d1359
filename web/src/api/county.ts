// 县区推荐 (docs/review-api.md, "County officers"): the county's queue of submitted applications,
// recommend / return for revision / decline, recommending several at once, the sealed
// recommendation letter (推荐函) and the county's counts by state and category.
import { api, apiRequest } from './client';
import { listAllApplications, type Application } from './applications';

export interface CountyQueueQuery {
  batch_id?: number;
  category?: number;
  state?: string;
  q?: string;
}

/** The county's applications (the server limits them to the officer's county). */
export function listCountyQueue(query: CountyQueueQuery): Promise<Application[]> {
  return listAllApplications(query);
}

export interface TransitionAnswer {
  id?: number;
  state?: string;
  version?: number;
}

export function recommendApplication(id: number, version: number): Promise<TransitionAnswer> {
  return api.post(`/api/applications/${id}/recommend`, { version });
}

export function returnApplication(
  id: number,
  version: number,
  reason: string,
  fields: string[],
): Promise<TransitionAnswer> {
  return api.post(`/api/applications/${id}/return`, { version, reason, fields });
}

export function declineApplication(
  id: number,
  version: number,
  reason: string,
): Promise<TransitionAnswer> {
  return api.post(`/api/applications/${id}/decline`, { version, reason });
}

/** All or nothing: the first refusal names its application in facts.application_id. */
export async function recommendMany(batchId: number, applicationIds: number[]): Promise<number[]> {
  const answer = await api.post<{ recommended?: number[] }>('/api/county/recommendations', {
    batch_id: batchId,
    application_ids: applicationIds,
  });
  return answer?.recommended ?? applicationIds;
}

export interface CountyLetter {
  batch_id: number;
  county_code: string;
  file_name: string;
  size_bytes: number;
  sha256: string;
  uploaded_at: string;
}

export async function listLetters(batchId?: number): Promise<CountyLetter[]> {
  const qs = batchId === undefined ? '' : `?batch_id=${batchId}`;
  const answer = await api.get<{ letters: CountyLetter[] }>(`/api/county/letters${qs}`);
  return answer?.letters ?? [];
}

/** The letter as raw bytes (PDF, JPEG, PNG or OFD, at most 20 MiB); replaces an earlier one. */
export function uploadLetter(batchId: number, file: File): Promise<CountyLetter | undefined> {
  return apiRequest<CountyLetter | undefined>(`/api/county/letters/${batchId}`, {
    method: 'PUT',
    rawBody: file,
    headers: {
      'Content-Type': file.type || 'application/octet-stream',
      'X-File-Name': encodeURIComponent(file.name),
    },
  });
}

export function letterContentUrl(batchId: number, countyCode?: string): string {
  const qs = countyCode ? `?county_code=${encodeURIComponent(countyCode)}` : '';
  return `/api/county/letters/${batchId}/content${qs}`;
}

export interface SummaryCount {
  state: string;
  category: number;
  count: number;
}

export interface CountySummary {
  counts: SummaryCount[];
  total: number;
}

export async function getCountySummary(
  batchId?: number,
  countyCode?: string,
): Promise<CountySummary> {
  const params = new URLSearchParams();
  if (batchId !== undefined) params.set('batch_id', String(batchId));
  if (countyCode) params.set('county_code', countyCode);
  const qs = params.toString();
  const answer = await api.get<CountySummary>(`/api/county/summary${qs ? `?${qs}` : ''}`);
  return { counts: answer?.counts ?? [], total: answer?.total ?? 0 };
}
