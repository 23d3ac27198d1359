// 申报材料上传 (docs/applications-api.md, "Materials (uploads)"): a file goes up in 1 MiB chunks,
// each with its SHA-256; starting the same file again resumes it; `complete` checks the whole
// file and what its bytes are (PDF, JPEG, PNG, OFD).
import { apiRequest, api } from './client';

/** A complete file of a material, as GET /api/applications/:id lists it. */
export interface UploadedFile {
  upload_id: number;
  file_name: string;
  size_bytes: number;
  content_type: string | null;
  sha256: string;
  completed_at: string | null;
  material_id?: string;
  state?: 'uploading' | 'complete' | 'removed';
}

/** An upload in progress: what the server has of it. */
export interface UploadStatus {
  upload_id: number;
  material_id: string;
  file_name: string;
  size_bytes: number;
  sha256: string;
  state: 'uploading' | 'complete' | 'removed';
  chunk_bytes: number;
  chunk_count: number;
  received: number[];
}

export interface UploadStart {
  material_id: string;
  file_name: string;
  size_bytes: number;
  sha256: string;
}

/** The limits the server enforces (also checked before sending, to fail early). */
export const CHUNK_BYTES = 1024 * 1024;
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const ACCEPTED_TYPES =
  '.pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png,application/ofd';

/** 201 a new upload, 200 the unfinished upload of the same file (with the chunks it has). */
export function startUpload(applicationId: number, start: UploadStart, signal?: AbortSignal) {
  return api.post<UploadStatus>(
    `/api/applications/${applicationId}/uploads`,
    start,
    signal ? { signal } : {},
  );
}

export function putChunk(
  uploadId: number,
  index: number,
  bytes: ArrayBuffer,
  sha256: string,
  signal?: AbortSignal,
) {
  return apiRequest<UploadStatus>(`/api/uploads/${uploadId}/chunks/${index}`, {
    method: 'PUT',
    rawBody: bytes,
    headers: { 'Content-Type': 'application/octet-stream', 'X-Chunk-SHA256': sha256 },
    ...(signal ? { signal } : {}),
  });
}

export function completeUpload(uploadId: number, signal?: AbortSignal) {
  return api.post<UploadedFile>(
    `/api/uploads/${uploadId}/complete`,
    undefined,
    signal ? { signal } : {},
  );
}

export function getUpload(uploadId: number) {
  return api.get<UploadStatus>(`/api/uploads/${uploadId}`);
}

export function deleteUpload(uploadId: number) {
  return api.delete<void>(`/api/uploads/${uploadId}`);
}

/** Where the browser downloads a file (served as an attachment, never shown inline). */
export function uploadContentUrl(uploadId: number): string {
  return `/api/uploads/${uploadId}/content`;
}
