import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, nextTick, type App } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import { i18n } from '@/i18n';
import { configureApi, setCsrfToken } from '@/api';
import { useSessionStore } from '@/stores/session';
import ProfileView from './ProfileView.vue';

type FetchArgs = [input: string, init: RequestInit];
let fetchMock: ReturnType<typeof vi.fn<(...args: FetchArgs) => Promise<Response>>>;
let app: App | undefined;
let host: HTMLElement;

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

function enterprise(overrides: Record<string, unknown> = {}) {
  return {
    id: 7,
    credit_code: '91440705MA4WDE010D',
    name: '江门示例科技有限公司',
    county_code: '440703',
    verified: true,
    contact_name: '张经理',
    contact_phone: '13800001234',
    profile: {
      industry: 'C39 电子设备制造业',
      clusters: ['electronic_information'],
      employees: 120,
      revenue_fen: 123456789,
      assets_fen: 10,
      address: '江门市蓬江区',
      contacts: [{ name: '张经理', title: '总经理', phone: '13800001234', email: '' }],
      bank: { account_name: '示例', bank_name: '工商银行', account_number: '6222021001123456789' },
      version: 3,
      updated_at: '2026-11-27T02:00:00Z',
    },
    size: {
      class: 'small',
      label_zh: '小型企业',
      label_en: 'Small',
      sme: true,
      basis: '工信部联企业〔2011〕300号',
    },
    division_hint: {
      code_division: '440705',
      matches_county: false,
      in_city: true,
      name_zh: '新会区',
      name_en: 'Xinhui District',
    },
    cluster_options: [
      {
        id: 'electronic_information',
        group: 'pillar',
        name_zh: '新一代电子信息',
        name_en: 'Electronic information',
      },
    ],
    ...overrides,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await nextTick();
  }
}

async function mountProfile(): Promise<void> {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore().user = {
    id: 1,
    username: 'demo-enterprise',
    display_name: '张经理',
    role: 'enterprise',
    county_code: null,
    enterprise_id: 7,
    enterprise_admin: true,
    must_change_password: false,
  } as never;
  host = document.createElement('div');
  document.body.append(host);
  app = createApp(ProfileView).use(pinia).use(i18n);
  app.mount(host);
  await settle();
}

function input(name: string): HTMLInputElement {
  const found = host.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (found === null) throw new Error(`no input ${name}`);
  return found;
}

function itemOf(name: string): Element {
  const item = input(name).closest('.el-form-item');
  if (item === null) throw new Error(`no form item around ${name}`);
  return item;
}

async function type(name: string, value: string): Promise<void> {
  const field = input(name);
  field.value = value;
  field.dispatchEvent(new Event('input'));
  await nextTick();
}

async function submit(): Promise<void> {
  host.querySelector('form')?.dispatchEvent(new Event('submit'));
  await settle();
}

function sentBody(call: number): Record<string, unknown> {
  const init = fetchMock.mock.calls[call]?.[1];
  return JSON.parse(String(init?.body)) as Record<string, unknown>;
}

beforeEach(() => {
  i18n.global.locale.value = 'zh-CN';
  fetchMock = vi.fn<(...args: FetchArgs) => Promise<Response>>();
  vi.stubGlobal('fetch', fetchMock);
  configureApi({ baseUrl: '', locale: () => 'zh-CN' });
  setCsrfToken('csrf');
});

afterEach(() => {
  app?.unmount();
  host?.remove();
  vi.unstubAllGlobals();
});

describe('ProfileView', () => {
  it('shows the registration, the figures in yuan, the size class and the division warning', async () => {
    fetchMock.mockResolvedValueOnce(json(200, enterprise()));
    await mountProfile();
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/enterprises/7');
    expect(host.textContent).toContain('91440705MA4WDE010D');
    expect(input('revenue_yuan').value).toBe('1234567.89');
    expect(input('assets_yuan').value).toBe('0.10');
    expect(input('bank.account_number').value).toBe('6222021001123456789');
    expect(host.querySelector('[data-testid="profile-size"]')?.textContent).toContain(
      '小型企业（中小企业）',
    );
    expect(host.querySelector('[data-testid="profile-division-warning"]')?.textContent).toContain(
      '信用代码登记地为新会区，与所选区县蓬江区不一致',
    );
  });

  it('shows no division warning when the code matches the county', async () => {
    fetchMock.mockResolvedValueOnce(
      json(
        200,
        enterprise({
          division_hint: {
            code_division: '440703',
            matches_county: true,
            in_city: true,
            name_zh: '蓬江区',
            name_en: 'Pengjiang District',
          },
        }),
      ),
    );
    await mountProfile();
    expect(host.querySelector('[data-testid="profile-division-warning"]')).toBeNull();
  });

  it('sends the yuan as exact fen with the version it loaded', async () => {
    fetchMock.mockResolvedValueOnce(json(200, enterprise()));
    await mountProfile();
    await type('revenue_yuan', '0.29');
    await type('assets_yuan', '');
    fetchMock.mockResolvedValueOnce(
      json(200, enterprise({ profile: { ...enterprise().profile, version: 4 } })),
    );
    await submit();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(fetchMock.mock.calls[1]?.[0]).toBe('/api/enterprises/7/profile');
    expect(fetchMock.mock.calls[1]?.[1].method).toBe('PUT');
    const body = sentBody(1);
    expect(body.revenue_fen).toBe(29);
    expect(body.assets_fen).toBeNull();
    expect(body.version).toBe(3);
  });

  it('refuses an amount with three decimals before sending', async () => {
    fetchMock.mockResolvedValueOnce(json(200, enterprise()));
    await mountProfile();
    await type('revenue_yuan', '1.234');
    await submit();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(itemOf('revenue_yuan').classList.contains('is-error')).toBe(true);
    expect(itemOf('assets_yuan').classList.contains('is-error')).toBe(false);
  });

  it('shows the server’s field messages under the matching inputs', async () => {
    fetchMock.mockResolvedValueOnce(json(200, enterprise()));
    await mountProfile();
    fetchMock.mockResolvedValueOnce(
      json(
        422,
        {
          status: 422,
          code: 'validation_failed',
          title: '填写有误',
          detail: '有 3 处填写不符合要求，请按提示修改。',
          fields: [
            { field: 'contacts[0].phone', rule: 'phone_mainland', message: '电话号码不对' },
            { field: 'bank.account_number', rule: 'bank_account_format', message: '账号不对' },
            { field: 'clusters[1]', rule: 'cluster_unknown', message: '集群不对' },
          ],
        },
        'application/problem+json',
      ),
    );
    await submit();
    // happy-dom does not run Element Plus's message transition: the item is marked in error.
    expect(itemOf('contacts.0.phone').classList.contains('is-error')).toBe(true);
    expect(itemOf('bank.account_number').classList.contains('is-error')).toBe(true);
    expect(itemOf('contacts.0.name').classList.contains('is-error')).toBe(false);
    expect(itemOf('address').classList.contains('is-error')).toBe(false);
    const clusters = host
      .querySelector('[data-testid="profile-clusters"]')
      ?.closest('.el-form-item');
    expect(clusters?.classList.contains('is-error')).toBe(true);
    expect(host.querySelector('[data-testid="profile-save-problem"]')?.textContent).toContain(
      '有 3 处填写不符合要求',
    );
  });

  it('says someone else saved first and reloads on 409', async () => {
    fetchMock.mockResolvedValueOnce(json(200, enterprise()));
    await mountProfile();
    await type('address', '我的修改');
    fetchMock.mockResolvedValueOnce(
      json(
        409,
        {
          status: 409,
          code: 'stale_version',
          title: '已被他人更新',
          facts: { current_version: 4 },
        },
        'application/problem+json',
      ),
    );
    fetchMock.mockResolvedValueOnce(
      json(
        200,
        enterprise({ profile: { ...enterprise().profile, address: '别人的地址', version: 4 } }),
      ),
    );
    await submit();
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(host.querySelector('[data-testid="profile-save-problem"]')?.textContent).toContain(
      '已有其他人保存',
    );
    expect(input('address').value).toBe('别人的地址');
  });
});
