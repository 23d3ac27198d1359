import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, h, nextTick, type App } from 'vue';
import { createPinia } from 'pinia';
import { i18n } from '@/i18n';
import type { ReviewSheet } from '@/api/review';
import ScoreSheetForm from './ScoreSheetForm.vue';

let app: App | undefined;
let host: HTMLElement;
let requests: { key: string; body: unknown }[];

function json(status: number, body: unknown): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

const sheet: ReviewSheet = {
  id: 5,
  application: {
    id: 12,
    number: 'JM-1-0012',
    project_name: '注塑车间改造',
    category: 1,
    enterprise_name: '江门示范制造',
  },
  criteria: [
    { id: 'basis', name_zh: '实施基础', name_en: 'Basis', weight: 40, max_score: 20 },
    { id: 'results', name_zh: '成效', name_en: 'Results', weight: 60, max_score: 30 },
  ],
  comment_below: 0.6,
  scores: { basis: 10, results: 27 },
  comments: {},
  overall_comment: '',
  state: 'draft',
  version: 3,
  submitted_at: null,
  entered_by_role: 'expert',
};

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await nextTick();
  }
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
  requests = [];
  vi.stubGlobal(
    'MutationObserver',
    class {
      observe(): void {}
      disconnect(): void {}
      takeRecords(): [] {
        return [];
      }
    },
  );
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const key = `${init.method ?? 'GET'} ${url}`;
      requests.push({ key, body: init.body ? JSON.parse(String(init.body)) : undefined });
      if (key === 'GET /api/reviews/5') return json(200, sheet);
      if (key === 'PUT /api/reviews/5/scores')
        return json(422, {
          code: 'validation_failed',
          title: '评分不正确',
          fields: [
            { field: 'scores.results', rule: 'score_range', message: '得分应在 0 到 30 之间' },
          ],
        });
      return json(404, { code: 'not_found', title: key });
    }),
  );
});

afterEach(() => {
  app?.unmount();
  host?.remove();
  vi.unstubAllGlobals();
});

async function mount(offline = false): Promise<void> {
  host = document.createElement('div');
  document.body.append(host);
  app = createApp({ render: () => h(ScoreSheetForm, { reviewId: 5, offline }) })
    .use(createPinia())
    .use(i18n);
  app.mount(host);
  await settle();
}

describe('ScoreSheetForm', () => {
  it('shows the criteria, the running total and the materials links', async () => {
    await mount();
    const text = host.textContent ?? '';
    expect(text).toContain('实施基础');
    expect(text).toContain('0 – 30');
    // 40 × 10/20 + 60 × 27/30 = 20 + 54
    expect(host.querySelector('[data-testid="sheet-total"]')?.textContent).toContain('74.00');
    expect(host.querySelector('[data-testid="materials-zip"]')?.getAttribute('href')).toBe(
      '/api/applications/12/materials.zip',
    );
  });

  it('asks for a comment below 60 % before sending anything', async () => {
    await mount();
    host.querySelector<HTMLButtonElement>('[data-testid="submit-sheet"]')?.click();
    await settle();
    expect(host.querySelector('[data-testid="comment-error-basis"]')?.textContent).toContain('60%');
    expect(host.querySelector('[data-testid="comment-error-results"]')).toBeNull();
    expect(requests.filter((r) => r.key !== 'GET /api/reviews/5')).toEqual([]);
  });

  it('puts the server refusal of a score next to its criterion', async () => {
    await mount();
    host.querySelector<HTMLButtonElement>('[data-testid="save-draft"]')?.click();
    await settle();
    const saved = requests.find((r) => r.key === 'PUT /api/reviews/5/scores');
    expect(saved?.body).toMatchObject({ version: 3, scores: { basis: 10, results: 27 } });
    expect(host.querySelector('[data-testid="score-error-results"]')?.textContent).toContain(
      '得分应在 0 到 30 之间',
    );
  });

  it('needs a note before the organizer saves an offline entry', async () => {
    await mount(true);
    host.querySelector<HTMLButtonElement>('[data-testid="save-draft"]')?.click();
    await settle();
    expect(host.querySelector('[data-testid="sheet-problem"]')?.textContent).toContain('代录说明');
    expect(requests.some((r) => r.key === 'PUT /api/reviews/5/scores')).toBe(false);
    expect(host.querySelector('[data-testid="declare-conflict"]')).toBeNull();
  });
});
