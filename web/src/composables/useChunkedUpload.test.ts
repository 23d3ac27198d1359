import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { configureApi, setCsrfToken } from '@/api/client';
import { sha256Hex, useChunkedUpload } from './useChunkedUpload';

const MiB = 1024 * 1024;
type FetchArgs = [input: string, init: RequestInit];

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A fake of the server's upload routes, checking each chunk's hash like the real one. */
class FakeServer {
  chunks = new Map<number, Uint8Array>();
  size = 0;
  sha = '';
  puts: number[] = [];
  failNext: { index: number; status: number; times: number } | null = null;
  headers: Record<string, string>[] = [];

  handle = async (url: string, init: RequestInit): Promise<Response> => {
    this.headers.push(init.headers as Record<string, string>);
    if (url.endsWith('/uploads') && init.method === 'POST') {
      const start = JSON.parse(init.body as string) as { size_bytes: number; sha256: string };
      const resumed = this.size === start.size_bytes && this.sha === start.sha256;
      this.size = start.size_bytes;
      this.sha = start.sha256;
      return json(resumed ? 200 : 201, this.status());
    }
    const chunk = url.match(/\/chunks\/(\d+)$/);
    if (chunk && init.method === 'PUT') {
      const index = Number(chunk[1]);
      this.puts.push(index);
      if (this.failNext && this.failNext.index === index && this.failNext.times > 0) {
        this.failNext.times -= 1;
        return json(this.failNext.status, {
          code: 'internal_error',
          title: '服务器错误',
          status: this.failNext.status,
        });
      }
      const bytes = new Uint8Array(init.body as ArrayBuffer);
      const declared = (init.headers as Record<string, string>)['X-Chunk-SHA256'];
      if (hex(bytes) !== declared)
        return json(422, { code: 'chunk_hash_mismatch', title: '分片传输损坏', status: 422 });
      this.chunks.set(index, bytes);
      return json(200, this.status());
    }
    if (url.endsWith('/complete')) {
      return json(200, {
        upload_id: 9,
        file_name: 'a.pdf',
        size_bytes: this.size,
        sha256: this.sha,
        content_type: 'application/pdf',
        completed_at: '2026-01-05T08:00:00Z',
      });
    }
    return json(404, { code: 'not_found', title: 'Not found', status: 404 });
  };

  status() {
    return {
      upload_id: 9,
      material_id: 'application_form',
      file_name: 'a.pdf',
      size_bytes: this.size,
      sha256: this.sha,
      state: 'uploading',
      chunk_bytes: MiB,
      chunk_count: Math.ceil(this.size / MiB),
      received: [...this.chunks.keys()].sort((a, b) => a - b),
    };
  }

  joined(): Uint8Array {
    const out = new Uint8Array(this.size);
    for (const [index, bytes] of this.chunks) out.set(bytes, index * MiB);
    return out;
  }
}

function fileOf(size: number, name = 'a.pdf'): { file: File; bytes: Uint8Array } {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * 31 + (i >> 11)) & 0xff;
  return { file: new File([bytes], name, { type: 'application/pdf' }), bytes };
}

let server: FakeServer;
const noWait = vi.fn((ms: number) => Promise.resolve(void ms));

beforeEach(() => {
  server = new FakeServer();
  vi.stubGlobal(
    'fetch',
    vi.fn<(...args: FetchArgs) => Promise<Response>>((url, init) => server.handle(url, init)),
  );
  configureApi({ baseUrl: '', locale: () => 'zh-CN' });
  setCsrfToken('csrf-1');
  noWait.mockClear();
});

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
});

describe('useChunkedUpload', () => {
  it('hashes like the server does', async () => {
    const { bytes } = fileOf(3000);
    expect(await sha256Hex(bytes.buffer as ArrayBuffer)).toBe(hex(bytes));
  });

  it('sends a 2.5 MiB file as three chunks with their SHA-256s and completes it', async () => {
    const { file, bytes } = fileOf(Math.floor(2.5 * MiB));
    const upload = useChunkedUpload({
      applicationId: 7,
      materialId: 'application_form',
      sleep: noWait,
    });
    const done = await upload.upload(file);
    expect(upload.state.value).toBe('done');
    expect(upload.progress.value).toBe(100);
    expect(done?.content_type).toBe('application/pdf');
    expect(server.puts).toEqual([0, 1, 2]);
    expect(server.sha).toBe(hex(bytes));
    expect(hex(server.joined())).toBe(hex(bytes));
    const chunkHeaders = server.headers.find(
      (h) => h['Content-Type'] === 'application/octet-stream',
    );
    expect(chunkHeaders?.['X-CSRF-Token']).toBe('csrf-1');
  });

  it('skips the chunks the server already has', async () => {
    const { file, bytes } = fileOf(Math.floor(2.5 * MiB));
    server.size = file.size;
    server.sha = hex(bytes);
    server.chunks.set(0, bytes.slice(0, MiB));
    const upload = useChunkedUpload({
      applicationId: 7,
      materialId: 'application_form',
      sleep: noWait,
    });
    await upload.upload(file);
    expect(server.puts).toEqual([1, 2]);
    expect(upload.state.value).toBe('done');
  });

  it('retries a failed chunk with growing pauses', async () => {
    const { file } = fileOf(Math.floor(1.5 * MiB));
    server.failNext = { index: 1, status: 503, times: 2 };
    const upload = useChunkedUpload({
      applicationId: 7,
      materialId: 'm',
      sleep: noWait,
      backoffMs: 100,
    });
    await upload.upload(file);
    expect(upload.state.value).toBe('done');
    expect(server.puts).toEqual([0, 1, 1, 1]);
    expect(noWait.mock.calls.map(([ms]) => ms)).toEqual([100, 200]);
  });

  it('gives up after the retries and keeps the problem', async () => {
    const { file } = fileOf(Math.floor(1.5 * MiB));
    server.failNext = { index: 1, status: 500, times: 10 };
    const upload = useChunkedUpload({
      applicationId: 7,
      materialId: 'm',
      sleep: noWait,
      retries: 2,
    });
    expect(await upload.upload(file)).toBeNull();
    expect(upload.state.value).toBe('failed');
    expect(upload.error.value?.status).toBe(500);
    expect(server.puts).toEqual([0, 1, 1, 1]);
    expect(upload.progress.value).toBe(50);
  });

  it('does not retry a refusal', async () => {
    const { file } = fileOf(1000);
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          json(409, {
            code: 'application_not_editable',
            title: '不可编辑',
            detail: '已提交',
            status: 409,
          }),
        ),
      ),
    );
    const upload = useChunkedUpload({ applicationId: 7, materialId: 'm', sleep: noWait });
    await upload.upload(file);
    expect(upload.state.value).toBe('failed');
    expect(upload.error.value?.code).toBe('application_not_editable');
    expect(noWait).not.toHaveBeenCalled();
  });

  it('refuses a file over 20 MiB before hashing or sending anything', async () => {
    const big = new File([new Uint8Array(8)], 'big.pdf');
    Object.defineProperty(big, 'size', { value: 20 * MiB + 1 });
    const upload = useChunkedUpload({ applicationId: 7, materialId: 'm', sleep: noWait });
    await upload.upload(big);
    expect(upload.state.value).toBe('failed');
    expect(upload.error.value?.code).toBe('file_too_large');
    expect(server.headers).toEqual([]);
  });

  it('can be cancelled and resumed where it stopped', async () => {
    const { file, bytes } = fileOf(Math.floor(2.5 * MiB));
    const upload = useChunkedUpload({ applicationId: 7, materialId: 'm', sleep: noWait });
    const original = server.handle;
    server.handle = async (url, init) => {
      const answer = await original(url, init);
      if (/\/chunks\/0$/.test(url)) upload.cancel();
      return answer;
    };
    await upload.upload(file);
    expect(upload.state.value).toBe('cancelled');
    expect(server.puts).toEqual([0]);
    server.handle = original;
    await upload.resume();
    expect(upload.state.value).toBe('done');
    expect(server.puts).toEqual([0, 1, 2]);
    expect(hex(server.joined())).toBe(hex(bytes));
  });
});
