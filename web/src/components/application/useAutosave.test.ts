import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, nextTick, ref, type App } from 'vue';
import { saveApplication, type Application } from '@/api/applications';
import { configureApi, setCsrfToken } from '@/api';
import { findBackup, useAutosave } from './useAutosave';

type Draft = { project_name: string; requested: string };

let fetchMock: ReturnType<typeof vi.fn<(input: string, init: RequestInit) => Promise<Response>>>;
let app: App | undefined;

function answer(version: number, extra: Partial<Application> = {}): Application {
  return {
    id: 7,
    number: 'jiangmen-demo-2026-1-000007',
    version,
    editable: true,
    state: 'draft',
    form: {},
    computed: null,
    problems: [],
    warnings: [],
    materials: [],
    ...extra,
  } as unknown as Application;
}

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

function mountAutosave(initialVersion = 3) {
  const draft = ref<Draft>({ project_name: '', requested: '' });
  const saved: Application[] = [];
  let api!: ReturnType<typeof useAutosave<Draft>>;
  const Host = defineComponent({
    setup() {
      api = useAutosave<Draft>({
        id: () => 7,
        draft,
        toForm: (d) => ({ project_name: d.project_name }),
        save: saveApplication,
        onSaved: (a) => saved.push(a),
      });
      api.reset(answer(initialVersion));
      return () => null;
    },
  });
  app = createApp(Host);
  app.mount(document.createElement('div'));
  return { draft, saved, autosave: api };
}

const puts = () => fetchMock.mock.calls.filter(([, init]) => init.method === 'PUT');

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
  configureApi({ baseUrl: '', locale: () => 'zh-CN' });
  setCsrfToken('csrf-1');
});

afterEach(() => {
  app?.unmount();
  app = undefined;
  vi.useRealTimers();
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
});

describe('useAutosave', () => {
  it('sends one PUT {version, form} per burst of edits, 1.5 s after the last one', async () => {
    fetchMock.mockResolvedValue(json(200, answer(4)));
    const { draft, autosave, saved } = mountAutosave();
    for (const name of ['工', '工业', '工业互联网']) {
      draft.value.project_name = name;
      await nextTick();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(puts()).toHaveLength(0);
    expect(autosave.status.value).toBe('dirty');
    await vi.advanceTimersByTimeAsync(1500);
    expect(puts()).toHaveLength(1);
    const [url, init] = puts()[0]!;
    expect(url).toBe('/api/applications/7');
    expect(JSON.parse(String(init.body))).toEqual({
      version: 3,
      form: { project_name: '工业互联网' },
    });
    expect((init.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-1');
    expect(autosave.status.value).toBe('saved');
    expect(autosave.savedAt.value).not.toBeNull();
    expect(saved).toHaveLength(1);
    expect(findBackup(7)).toBeNull();

    // The next burst carries the version the server answered.
    draft.value.project_name = '工业互联网标杆';
    await nextTick();
    await vi.advanceTimersByTimeAsync(1600);
    expect(puts()).toHaveLength(2);
    expect(JSON.parse(String(puts()[1]![1].body)).version).toBe(4);
  });

  it('keeps the edits in localStorage until the server has them', async () => {
    fetchMock.mockResolvedValue(json(200, answer(4)));
    const { draft } = mountAutosave();
    draft.value.project_name = '未保存的名称';
    await nextTick();
    expect(findBackup<Draft>(7)?.draft.project_name).toBe('未保存的名称');
    expect(findBackup<Draft>(7)?.version).toBe(3);
    expect(localStorage.getItem('iifund.application.7.v3')).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1500);
    expect(findBackup(7)).toBeNull();
  });

  it('retries after a network error without losing the input', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    fetchMock.mockResolvedValue(json(200, answer(4)));
    const { draft, autosave } = mountAutosave();
    draft.value.project_name = '断网时输入';
    await nextTick();
    await vi.advanceTimersByTimeAsync(1500);
    expect(autosave.status.value).toBe('retrying');
    expect(draft.value.project_name).toBe('断网时输入');
    expect(findBackup<Draft>(7)?.draft.project_name).toBe('断网时输入');
    await vi.advanceTimersByTimeAsync(5000);
    expect(puts()).toHaveLength(2);
    expect(autosave.status.value).toBe('saved');
  });

  it('opens the conflict on 409 stale_version and "keep mine" saves over their version', async () => {
    fetchMock.mockResolvedValueOnce(
      json(
        409,
        {
          status: 409,
          code: 'stale_version',
          title: '申报已被他人修改',
          facts: {
            current_version: 9,
            changed: ['investment_lines', 'summary'],
            updated_by: '王会计',
          },
        },
        'application/problem+json',
      ),
    );
    fetchMock.mockResolvedValue(json(200, answer(10)));
    const { draft, autosave } = mountAutosave();
    draft.value.project_name = '我的修改';
    await nextTick();
    await vi.advanceTimersByTimeAsync(1500);
    expect(autosave.status.value).toBe('conflict');
    expect(autosave.conflict.value).toEqual({
      current_version: 9,
      changed: ['investment_lines', 'summary'],
      updated_by: '王会计',
    });
    // No more saves while the person decides.
    draft.value.project_name = '我的修改2';
    await nextTick();
    await vi.advanceTimersByTimeAsync(5000);
    expect(puts()).toHaveLength(1);

    await autosave.keepMine();
    expect(puts()).toHaveLength(2);
    expect(JSON.parse(String(puts()[1]![1].body))).toEqual({
      version: 9,
      form: { project_name: '我的修改2' },
    });
    expect(autosave.conflict.value).toBeNull();
    expect(autosave.status.value).toBe('saved');
  });

  it('shows a 422 under the fields and flush() reports an unsaved form', async () => {
    fetchMock.mockResolvedValue(
      json(
        422,
        {
          status: 422,
          code: 'validation_failed',
          title: '输入有误',
          fields: [
            { field: 'form.investment_lines[2].invoice.number', rule: 'type', message: '应为文本' },
          ],
        },
        'application/problem+json',
      ),
    );
    const { draft, autosave } = mountAutosave();
    draft.value.project_name = 'x';
    await nextTick();
    expect(await autosave.flush()).toBe(false);
    expect(autosave.status.value).toBe('invalid');
    expect(autosave.fieldErrors.value).toEqual({
      'form.investment_lines[2].invoice.number': '应为文本',
    });
  });
});
