import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, h, nextTick, type App } from 'vue';
import { i18n } from '@/i18n';
import { configureApi, setCsrfToken } from '@/api/client';
import type { UploadedFile } from '@/api/uploads';
import MaterialUpload from './MaterialUpload.vue';

type FetchArgs = [input: string, init: RequestInit];
let fetchMock: ReturnType<typeof vi.fn<(...args: FetchArgs) => Promise<Response>>>;
let app: App | undefined;
let host: HTMLElement;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await nextTick();
  }
}

const licence: UploadedFile = {
  upload_id: 41,
  file_name: '营业执照.pdf',
  size_bytes: 2.5 * 1024 * 1024,
  content_type: 'application/pdf',
  sha256: 'a'.repeat(64),
  completed_at: '2026-01-05T08:00:00Z',
};

function mount(props: { files?: UploadedFile[]; editable?: boolean; required?: boolean } = {}) {
  const changed = vi.fn();
  host = document.createElement('div');
  document.body.append(host);
  app = createApp({
    render: () =>
      h(MaterialUpload, {
        applicationId: 7,
        materialId: 'business_licence',
        materialName: '营业执照',
        files: props.files ?? [],
        editable: props.editable ?? true,
        required: props.required ?? false,
        onChanged: changed,
      }),
  }).use(i18n);
  app.mount(host);
  return { changed };
}

async function pick(file: File): Promise<void> {
  const input = host.querySelector<HTMLInputElement>('[data-testid="file-input"]');
  if (input === null) throw new Error('no file input');
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change'));
  await settle();
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
  fetchMock = vi.fn<(...args: FetchArgs) => Promise<Response>>();
  vi.stubGlobal('fetch', fetchMock);
  configureApi({ baseUrl: '', locale: () => 'zh-CN' });
  setCsrfToken('csrf-1');
});

afterEach(() => {
  app?.unmount();
  host?.remove();
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
});

describe('MaterialUpload', () => {
  it('shows the material, its required mark and its files with size, type and a download link', async () => {
    mount({ files: [licence], required: true });
    await settle();
    expect(host.textContent).toContain('营业执照');
    expect(host.querySelector('[data-testid="required-mark"]')?.textContent?.trim()).toBe('必传');
    const row = host.querySelector('[data-testid="uploaded-file"]');
    expect(row?.textContent).toContain('2.5 MB');
    expect(row?.textContent).toContain('PDF');
    expect(row?.querySelector('a')?.getAttribute('href')).toBe('/api/uploads/41/content');
    expect(host.querySelector('[data-testid="delete-file"]')).not.toBeNull();
  });

  it('offers neither picker nor delete when the application is not editable', async () => {
    mount({ files: [licence], editable: false });
    await settle();
    expect(host.querySelector('[data-testid="file-input"]')).toBeNull();
    expect(host.querySelector('[data-testid="delete-file"]')).toBeNull();
  });

  it('uploads a picked file in chunks and says the list changed', async () => {
    const calls: string[] = [];
    fetchMock.mockImplementation((url, init) => {
      calls.push(`${init.method} ${url}`);
      if (url.endsWith('/uploads'))
        return Promise.resolve(
          json(201, {
            upload_id: 5,
            chunk_bytes: 1048576,
            chunk_count: 1,
            received: [],
            state: 'uploading',
          }),
        );
      if (url.includes('/chunks/'))
        return Promise.resolve(json(200, { upload_id: 5, received: [0] }));
      return Promise.resolve(json(200, { ...licence, upload_id: 5 }));
    });
    const { changed } = mount();
    await settle();
    await pick(new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])], 'scan.pdf'));
    await vi.waitFor(() => expect(changed).toHaveBeenCalledTimes(1));
    expect(calls).toEqual([
      'POST /api/applications/7/uploads',
      'PUT /api/uploads/5/chunks/0',
      'POST /api/uploads/5/complete',
    ]);
    expect(host.querySelector('[data-testid="upload-job"]')).toBeNull();
  });

  it("shows the server's reason when a file is refused, and lets the user try again", async () => {
    fetchMock.mockImplementation((url) => {
      if (url.endsWith('/uploads'))
        return Promise.resolve(
          json(201, { upload_id: 5, chunk_bytes: 1048576, chunk_count: 1, received: [] }),
        );
      if (url.includes('/chunks/'))
        return Promise.resolve(json(200, { upload_id: 5, received: [0] }));
      return Promise.resolve(
        json(422, {
          status: 422,
          code: 'content_type_refused',
          title: '文件类型不被接受',
          detail: '文件声称是 pdf，但内容实为 text。请上传 PDF、JPEG、PNG 或 OFD 文件。',
          fields: [
            {
              field: 'file',
              rule: 'content_type_refused',
              message: '文件声称是 pdf，但内容实为 text。请上传 PDF、JPEG、PNG 或 OFD 文件。',
            },
          ],
        }),
      );
    });
    const { changed } = mount();
    await settle();
    await pick(new File(['not a pdf'], 'fake.pdf'));
    await vi.waitFor(() =>
      expect(host.querySelector('[data-testid="upload-problem"]')).not.toBeNull(),
    );
    expect(host.querySelector('[data-testid="upload-problem"]')?.textContent).toContain(
      '内容实为 text',
    );
    expect(host.querySelector('[data-testid="resume"]')).not.toBeNull();
    expect(changed).not.toHaveBeenCalled();
  });

  it('explains a file that is too large in the chosen language without sending it', async () => {
    i18n.global.locale.value = 'en';
    mount();
    await settle();
    const big = new File([new Uint8Array(4)], 'huge.pdf');
    Object.defineProperty(big, 'size', { value: 21 * 1024 * 1024 });
    await pick(big);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(host.querySelector('[data-testid="upload-problem"]')?.textContent).toContain(
      'larger than 20 MB',
    );
  });
});
