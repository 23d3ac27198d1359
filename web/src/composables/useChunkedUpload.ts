// Sends one file in 1 MiB chunks: hashes the file and each chunk with WebCrypto, starts (or
// resumes: chunks the server already has are skipped), sends the chunks one after another,
// retrying a failed one with growing pauses, then asks the server to complete it. Progress is
// 0–100; cancel() stops between or during chunks and resume() carries on where it stopped.
import { ref, shallowRef } from 'vue';
import { ApiError, isApiError } from '@/api/problem';
import {
  CHUNK_BYTES,
  MAX_FILE_BYTES,
  completeUpload,
  putChunk,
  startUpload,
  type UploadedFile,
} from '@/api/uploads';

export type UploadState =
  'idle' | 'hashing' | 'uploading' | 'completing' | 'done' | 'failed' | 'cancelled';

export interface ChunkedUploadOptions {
  applicationId: number;
  materialId: string;
  /** Attempts after the first for one chunk (default 3). */
  retries?: number;
  /** The first pause before a retry, doubled each time (default 500 ms). */
  backoffMs?: number;
  /** Waits `ms` (tests pass an instant one). */
  sleep?: (ms: number) => Promise<void>;
}

/** Lower-case hex SHA-256. WebCrypto has no incremental digest; files are ≤ 20 MiB, so the
 *  whole file is hashed from one ArrayBuffer. */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

// Worth another try: the network, the server's own trouble, or bytes damaged on the way.
function retryable(error: unknown): boolean {
  if (!isApiError(error)) return false;
  return (
    error.status === 0 ||
    error.status >= 500 ||
    error.status === 429 ||
    error.code === 'chunk_hash_mismatch'
  );
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function useChunkedUpload(options: ChunkedUploadOptions) {
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 500;
  const sleep = options.sleep ?? defaultSleep;

  const state = ref<UploadState>('idle');
  const progress = ref(0);
  const error = shallowRef<ApiError | null>(null);
  const file = shallowRef<File | null>(null);
  const uploadId = ref<number | null>(null);
  const result = shallowRef<UploadedFile | null>(null);
  let controller: AbortController | null = null;

  async function sendChunk(id: number, index: number, bytes: ArrayBuffer, signal: AbortSignal) {
    const hash = await sha256Hex(bytes);
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await putChunk(id, index, bytes, hash, signal);
      } catch (failure) {
        if (signal.aborted || !retryable(failure) || attempt >= retries) throw failure;
        await sleep(backoffMs * 2 ** attempt);
        if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
      }
    }
  }

  async function run(chosen: File, signal: AbortSignal): Promise<UploadedFile> {
    state.value = 'hashing';
    const whole = await chosen.arrayBuffer();
    const started = await startUpload(
      options.applicationId,
      {
        material_id: options.materialId,
        file_name: chosen.name,
        size_bytes: chosen.size,
        sha256: await sha256Hex(whole),
      },
      signal,
    );
    uploadId.value = started.upload_id;
    const chunkBytes = started.chunk_bytes || CHUNK_BYTES;
    const count = started.chunk_count || Math.ceil(chosen.size / chunkBytes);
    const received = new Set(started.received);
    const report = () => {
      // The last percent belongs to `complete`, which checks the whole file.
      progress.value = Math.min(99, Math.floor((received.size / count) * 100));
    };
    report();
    state.value = 'uploading';
    const stopIfCancelled = () => {
      if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
    };
    for (let index = 0; index < count; index += 1) {
      if (received.has(index)) continue;
      stopIfCancelled();
      const bytes = whole.slice(
        index * chunkBytes,
        Math.min(chosen.size, (index + 1) * chunkBytes),
      );
      const answer = await sendChunk(started.upload_id, index, bytes, signal);
      for (const got of answer?.received ?? [index]) received.add(got);
      report();
    }
    stopIfCancelled();
    state.value = 'completing';
    return completeUpload(started.upload_id, signal);
  }

  /** Uploads `chosen` (or resumes it, when the server holds part of it). */
  async function upload(chosen: File): Promise<UploadedFile | null> {
    controller?.abort();
    const own = new AbortController();
    controller = own;
    file.value = chosen;
    error.value = null;
    result.value = null;
    progress.value = 0;
    if (chosen.size > MAX_FILE_BYTES) {
      state.value = 'failed';
      error.value = new ApiError({
        title: '',
        status: 413,
        code: 'file_too_large',
        detail: '',
        extra: { facts: { size_bytes: chosen.size, limit_mib: MAX_FILE_BYTES / CHUNK_BYTES } },
      });
      return null;
    }
    try {
      const done = await run(chosen, own.signal);
      result.value = done;
      progress.value = 100;
      state.value = 'done';
      return done;
    } catch (failure) {
      if (own.signal.aborted || isAbort(failure)) {
        state.value = 'cancelled';
      } else {
        state.value = 'failed';
        error.value = isApiError(failure)
          ? failure
          : new ApiError({ title: '', status: 0, code: 'upload_failed', detail: String(failure) });
      }
      return null;
    } finally {
      if (controller === own) controller = null;
    }
  }

  /** Stops sending; the chunks already sent stay on the server for resume(). */
  function cancel(): void {
    controller?.abort();
    if (state.value !== 'done' && state.value !== 'idle') state.value = 'cancelled';
  }

  /** Carries on with the same file after a cancel or a failure. */
  function resume(): Promise<UploadedFile | null> {
    if (file.value === null) return Promise.resolve(null);
    return upload(file.value);
  }

  return { state, progress, error, file, uploadId, result, upload, cancel, resume };
}
