import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, nextTick, type App } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';
import { configureApi, setCsrfToken } from '@/api';
import { routes } from '@/router';
import { useSessionStore } from '@/stores/session';
import type { Application } from '@/api/applications';
import ApplicationEditView from './ApplicationEditView.vue';

type Handler = (init: RequestInit) => Response;
let handlers: Map<string, Handler[]>;
let requests: { key: string; body: unknown }[];
let app: App | undefined;
let host: HTMLElement;

function json(status: number, body: unknown): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

/** Answers `METHOD path` with the next queued handler (the last one repeats). */
function on(key: string, ...answers: Handler[]): void {
  handlers.set(key, answers);
}

function application(extra: Partial<Application> = {}): Application {
  return {
    id: 7,
    number: 'jiangmen-demo-2026-1-000007',
    batch_id: 2,
    category: 1,
    category_name_zh: '工业互联网标杆示范项目',
    enterprise_id: 1,
    enterprise_name: '江门市示范制造有限公司',
    county_code: '440703',
    state: 'draft',
    version: 5,
    editable: true,
    finalized: false,
    finalized_hash: null,
    finalized_at: null,
    submitted_at: null,
    returned_at: null,
    revision: 0,
    deadline: '2026-12-27T16:00:00Z',
    revision_deadline: null,
    form: { project_name: '旧名称', requested_fen: 100000000 },
    computed: {
      eligible_investment_fen: 300000000,
      max_subsidy_fen: 100000000,
      bound_by: 'project_cap',
      rate_bp: 5000,
      cap_fen: 100000000,
    },
    problems: [
      { field: 'form.targets', rule: 'required', message: '请填写绩效目标' },
      { field: 'form.investment_lines', rule: 'required', message: '请填写投资明细' },
      { field: 'form.declarations[0].declared', rule: 'required', message: '请确认申报条件' },
    ],
    warnings: [],
    materials: [],
    next_step: 'fill_form',
    ...extra,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await nextTick();
  }
}

async function mountEdit(): Promise<void> {
  const pinia = createPinia();
  setActivePinia(pinia);
  const session = useSessionStore();
  session.user = {
    id: 3,
    username: 'demo-enterprise',
    display_name: '示范企业管理员',
    role: 'enterprise',
    county_code: null,
    enterprise_id: 1,
    enterprise_admin: true,
    must_change_password: false,
  };
  const router = createRouter({ history: createMemoryHistory(), routes });
  await router.push('/enterprise/applications/7/edit');
  host = document.createElement('div');
  document.body.append(host);
  app = createApp(ApplicationEditView).use(pinia).use(i18n).use(router);
  app.mount(host);
  await settle();
}

function input(name: string): HTMLInputElement {
  const found = host.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (found === null) throw new Error(`no input ${name}`);
  return found;
}

async function type(name: string, value: string): Promise<void> {
  const field = input(name);
  field.value = value;
  field.dispatchEvent(new Event('input'));
  await settle();
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
  localStorage.clear();
  handlers = new Map();
  requests = [];
  // el-table watches its cells with a MutationObserver that happy-dom cannot serve here.
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
      requests.push({
        key,
        body: init.body === undefined ? undefined : JSON.parse(String(init.body)),
      });
      const queue = handlers.get(key);
      if (queue === undefined || queue.length === 0)
        return json(404, { code: 'not_found', title: key });
      const handler = queue.length > 1 ? queue.shift()! : queue[0]!;
      return handler(init);
    }),
  );
  configureApi({ baseUrl: '', locale: () => 'zh-CN' });
  setCsrfToken('t');
  on('GET /api/enterprises/1', () =>
    json(200, {
      id: 1,
      name: '江门市示范制造有限公司',
      credit_code: '91440703MA4UJ0XX0X',
      county_code: '440703',
      verified: true,
    }),
  );
});

afterEach(() => {
  app?.unmount();
  host?.remove();
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

// Mounting the form with its tables takes a few seconds in happy-dom.
describe('ApplicationEditView', { timeout: 30_000 }, () => {
  it('shows the computed subsidy and flags a request above the maximum', async () => {
    on('GET /api/applications/7', () => json(200, application()));
    await mountEdit();
    const summary = host.querySelector('[data-testid="computed-summary"]')?.textContent ?? '';
    expect(summary).toContain('3,000,000.00');
    expect(summary).toContain('1,000,000.00');
    expect(summary).toContain('受单个项目上限（100万元）约束');
    await type('requested', '1200000');
    expect(host.querySelector('[data-testid="requested-over-max"]')).not.toBeNull();
    await type('requested', '1.234');
    // The message itself slides in through a transition that happy-dom does not run.
    const item = input('requested').closest('.el-form-item');
    expect(item?.classList.contains('is-error')).toBe(true);
  });

  it('saves a burst of typing once and opens the dialog on 409 stale_version', async () => {
    on('GET /api/applications/7', () => json(200, application()));
    on('PUT /api/applications/7', () =>
      json(409, {
        status: 409,
        code: 'stale_version',
        title: '申报已被他人修改',
        facts: { current_version: 6, changed: ['investment_lines', 'summary'] },
      }),
    );
    await mountEdit();
    await type('project_name', '新');
    await type('project_name', '新名称');
    await vi.waitFor(
      () => expect(document.body.querySelector('[data-testid="conflict-changed"]')).not.toBeNull(),
      { timeout: 5000 },
    );
    const puts = requests.filter((r) => r.key === 'PUT /api/applications/7');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.body).toMatchObject({ version: 5, form: { project_name: '新名称' } });
    const changed = document.body.querySelector('[data-testid="conflict-changed"]')?.textContent;
    expect(changed).toContain('投资明细与发票');
    expect(changed).toContain('建设内容与目标');
  });

  it('turns the problems into a checklist whose items open their step', async () => {
    on('GET /api/applications/7', () => json(200, application()));
    await mountEdit();
    host.querySelector<HTMLButtonElement>('[data-testid="step-finalize"]')?.click();
    await settle();
    const items = [...host.querySelectorAll<HTMLButtonElement>('[data-testid="problems"] button')];
    expect(items.map((b) => b.textContent?.trim())).toEqual([
      '项目基本信息 · 请填写绩效目标',
      '投资明细与发票 · 请填写投资明细',
      '申报条件声明 · 请确认申报条件',
    ]);
    items[1]!.click();
    await settle();
    expect(host.querySelector('[data-testid="add-line"]')).not.toBeNull();
  });

  it('shows a 422 from 定稿 under the field of its row', async () => {
    const form = {
      project_name: '项目',
      investment_lines: [0, 1, 2].map(() => ({
        type: 'cloud_services',
        description: '',
        supplier: '',
        huawei_cloud: false,
        member_credit_code: null,
        invoice: {
          kind: 'vat' as const,
          code: '4400221130',
          number: '1234567',
          date: '2022-05-01',
          buyer_tax_id: '',
          amount_without_tax_fen: null,
          tax_fen: null,
          amount_with_tax_fen: null,
        },
      })),
    };
    on('GET /api/applications/7', () => json(200, application({ form, problems: [] })));
    on('POST /api/applications/7/finalize', () =>
      json(422, {
        status: 422,
        code: 'validation_failed',
        title: '申报内容不完整',
        fields: [
          { field: 'form.investment_lines[2].supplier', rule: 'required', message: '请填写供应商' },
        ],
      }),
    );
    await mountEdit();
    host.querySelector<HTMLButtonElement>('[data-testid="step-finalize"]')?.click();
    await settle();
    host.querySelector<HTMLButtonElement>('[data-testid="finalize"]')?.click();
    await settle();
    host.querySelector<HTMLButtonElement>('[data-testid="step-investment"]')?.click();
    await settle();
    const third = host.querySelector('[data-testid="line-2"]')?.textContent ?? '';
    expect(third).toContain('请填写供应商');
    expect(host.querySelector('[data-testid="line-1"]')?.textContent).not.toContain('请填写供应商');
    // The client's own rule: an 8-digit VAT number.
    expect(third).toContain('增值税发票号码为 8 位数字');
  });
});
