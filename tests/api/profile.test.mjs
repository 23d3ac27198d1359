// The enterprise profile over HTTP: who sees what (PIPL masking of phones and the bank account),
// saving under optimistic locking, one refusal per bad field with nothing saved, the size class
// and the division hint computed by the server, and who may save at all.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, createUser, creditCode, signedIn, strongPassword, unique } from './accounts_support.mjs';
import { startServer } from './support.mjs';

let server;
let admin;
before(async () => {
  server = await startServer();
  admin = await signedIn(server.baseUrl, 'demo-admin', 'demo-admin-2022');
});
after(async () => {
  await server?.stop();
});

// Registers an enterprise (credit code of `division`, chosen `county`) and signs its
// administrator in.
async function enterprise({ county = '440703', division = county } = {}) {
  const password = strongPassword();
  const username = unique('prof');
  const reply = await new Client(server.baseUrl).request('POST', '/api/enterprises', {
    credit_code: creditCode(division),
    name: `档案测试企业 ${username}`,
    county_code: county,
    contact_name: '王联系',
    contact_phone: '13812341234',
    username,
    password,
  });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  const boss = await signedIn(server.baseUrl, username, password);
  return { id: reply.body.enterprise.id, boss };
}

async function colleagueOf(boss) {
  const username = unique('applicant');
  const made = await boss.request('POST', '/api/users', { username, display_name: '申报员', role: 'enterprise' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.user.enterprise_admin, false);
  return signedIn(server.baseUrl, username, made.body.temporary_password);
}

const goodProfile = () => ({
  industry: 'C39 计算机、通信和其他电子设备制造业',
  clusters: ['electronic_information', 'software_information_services'],
  employees: 120,
  revenue_fen: 50_000_000_00, // 5,000万元 with 120 people: small (medium needs 300 people)
  assets_fen: 30_000_000_00,
  address: '江门市蓬江区建设三路 1 号',
  contacts: [
    { name: '张经理', title: '总经理', phone: '13800001234', email: 'zhang@example.com' },
    { name: '李会计', title: '财务', phone: '0750-3123456', email: '' },
  ],
  bank: { account_name: '档案测试企业', bank_name: '中国工商银行江门分行', account_number: '6222 0210 0112 3456 789' },
});

async function view(client, id) {
  const reply = await client.request('GET', `/api/enterprises/${id}`);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body;
}

async function save(client, id, profile, version) {
  return client.request('PUT', `/api/enterprises/${id}/profile`, { ...profile, version });
}

describe('the enterprise profile', () => {
  let a; // enterprise A in 蓬江区 with a saved profile
  let saved;
  before(async () => {
    a = await enterprise();
    const fresh = await view(a.boss, a.id);
    const reply = await save(a.boss, a.id, goodProfile(), fresh.profile.version);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    saved = reply.body;
  });

  test('a new enterprise has an empty profile, no size yet, and the policy’s clusters to choose from', async () => {
    const { id, boss } = await enterprise();
    const body = await view(boss, id);
    assert.equal(body.profile.industry, '');
    assert.deepEqual(body.profile.contacts, []);
    assert.equal(body.profile.employees, null);
    assert.equal(typeof body.profile.version, 'number');
    assert.equal(body.profile.updated_at, null);
    assert.equal(body.size, null);
    assert.deepEqual(body.division_hint, {
      code_division: '440703',
      matches_county: true,
      in_city: true,
      name_zh: '蓬江区',
      name_en: 'Pengjiang District',
    });
    const ids = body.cluster_options.map((c) => c.id);
    assert.ok(ids.includes('electronic_information'));
    assert.equal(body.cluster_options.length >= 20, true);
  });

  test('saving answers the enterprise with the new version, the size class and everything in full for its staff', async () => {
    assert.equal(saved.profile.industry, 'C39 计算机、通信和其他电子设备制造业');
    assert.deepEqual(saved.profile.clusters, ['electronic_information', 'software_information_services']);
    assert.equal(saved.profile.revenue_fen, 5_000_000_000);
    assert.equal(saved.profile.bank.account_number, '6222021001123456789', 'spaces dropped');
    assert.equal(saved.profile.contacts[0].phone, '13800001234');
    assert.equal(saved.profile.contacts[1].phone, '0750-3123456');
    assert.match(saved.profile.updated_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // 120 people and 5,000万元: small under the 2011 industrial rules (medium needs ≥300 people).
    assert.deepEqual(Object.keys(saved.size).sort(), ['basis', 'class', 'label_en', 'label_zh', 'sme']);
    assert.equal(saved.size.class, 'small');
    assert.equal(saved.size.label_zh, '小型企业');
    assert.equal(saved.size.sme, true);
    const again = await view(a.boss, a.id);
    assert.equal(again.profile.version, saved.profile.version);
    assert.deepEqual(again.profile, saved.profile);
  });

  test('the county officer of its county sees the phones in full and the bank account masked', async () => {
    const county = await signedIn(server.baseUrl, 'demo-county', 'demo-county-2022');
    const body = await view(county, a.id);
    assert.equal(body.profile.contacts[0].phone, '13800001234');
    assert.equal(body.profile.contacts[1].phone, '0750-3123456');
    assert.equal(body.contact_phone, '13812341234');
    assert.equal(body.profile.bank.account_number, '***************6789');
    assert.equal(body.profile.bank.bank_name, '中国工商银行江门分行');
  });

  test('the organizer and the bureau see phones and the bank account masked', async () => {
    for (const [username, password] of [
      ['demo-organizer', 'demo-organizer-2022'],
      ['demo-bureau', 'demo-bureau-2022'],
    ]) {
      const body = await view(await signedIn(server.baseUrl, username, password), a.id);
      assert.equal(body.profile.contacts[0].phone, '138****1234', username);
      assert.equal(body.profile.contacts[1].phone, '075*****3456', username);
      assert.equal(body.contact_phone, '138****1234', username);
      assert.equal(body.profile.bank.account_number, '***************6789', username);
      assert.equal(body.profile.industry, 'C39 计算机、通信和其他电子设备制造业', username);
    }
  });

  test('a county officer of another county does not find it', async () => {
    const username = unique('county-jh');
    const made = await createUser(admin, { username, role: 'county', county_code: '440704' });
    const other = await signedIn(server.baseUrl, username, made.temporary_password);
    assert.equal((await other.request('GET', `/api/enterprises/${a.id}`)).status, 404);
  });

  test('the audit record keeps a summary without phone numbers or the full bank account', async () => {
    const bureau = await signedIn(server.baseUrl, 'demo-bureau', 'demo-bureau-2022');
    const reply = await bureau.request(
      'GET',
      `/api/audit?actor=${encodeURIComponent(a.boss.username)}&action=enterprise.profile_update&page_size=10`,
    );
    assert.equal(reply.status, 200);
    const record = reply.body.records.find((r) => r.object === `enterprise:${a.id}`);
    assert.ok(record, 'an audit record of the save');
    const text = JSON.stringify(record.summary);
    assert.doesNotMatch(text, /13800001234|3123456|6222021001123456789/);
    assert.equal(record.summary.after.bank.account_number_last4, '6789');
    assert.deepEqual(record.summary.after.contacts, ['张经理', '李会计']);
    assert.equal(record.summary.before.industry, '');
  });

  test('a stale version is refused with 409 stale_version and the current version; nothing changes', async () => {
    const { id, boss } = await enterprise();
    const start = (await view(boss, id)).profile.version;
    const first = await save(boss, id, goodProfile(), start);
    assert.equal(first.status, 200);
    const late = await save(boss, id, { ...goodProfile(), industry: '后来者' }, start);
    assert.equal(late.status, 409);
    assert.equal(late.body.code, 'stale_version');
    assert.equal(late.body.facts.current_version, first.body.profile.version);
    assert.match(late.body.detail, /重新加载/);
    assert.equal((await view(boss, id)).profile.industry, goodProfile().industry);
  });

  test('each bad field is refused with 422 naming it, and nothing is saved', async () => {
    const { id, boss } = await enterprise();
    const base = goodProfile();
    const first = await save(boss, id, base, (await view(boss, id)).profile.version);
    assert.equal(first.status, 200);
    const before = await view(boss, id);
    const contact = base.contacts[0];
    const cases = [
      [{ industry: '业'.repeat(101) }, 'industry', 'too_long'],
      [{ clusters: ['space_tourism'] }, 'clusters[0]', 'cluster_unknown'],
      [{ employees: -1 }, 'employees', 'number_range'],
      [{ employees: 10_000_001 }, 'employees', 'number_range'],
      [{ employees: '120' }, 'employees', 'wrong_type'],
      [{ revenue_fen: -100 }, 'revenue_fen', 'amount_range'],
      [{ revenue_fen: 12.5 }, 'revenue_fen', 'wrong_type'],
      [{ assets_fen: -1 }, 'assets_fen', 'amount_range'],
      [{ address: '路'.repeat(201) }, 'address', 'too_long'],
      [{ contacts: [] }, 'contacts', 'contacts_count'],
      [{ contacts: Array(6).fill(contact) }, 'contacts', 'contacts_count'],
      [{ contacts: [{ ...contact, name: '' }] }, 'contacts[0].name', 'required'],
      [{ contacts: [contact, { ...contact, phone: '12800001234' }] }, 'contacts[1].phone', 'phone_mainland'],
      [{ contacts: [{ ...contact, phone: '3123456' }] }, 'contacts[0].phone', 'phone_mainland'],
      [{ contacts: [{ ...contact, email: 'zhang@' }] }, 'contacts[0].email', 'email_format'],
      [{ bank: { ...base.bank, account_name: '' } }, 'bank.account_name', 'required'],
      [{ bank: { ...base.bank, bank_name: '行'.repeat(101) } }, 'bank.bank_name', 'too_long'],
      [{ bank: { ...base.bank, account_number: '1234567' } }, 'bank.account_number', 'bank_account_format'],
      [{ bank: { ...base.bank, account_number: '6222-0210-0112' } }, 'bank.account_number', 'bank_account_format'],
    ];
    for (const [change, field, rule] of cases) {
      const reply = await save(boss, id, { ...base, industry: '不应保存', ...change }, before.profile.version);
      assert.equal(reply.status, 422, `${field}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.code, 'validation_failed');
      assert.deepEqual(
        reply.body.fields.map((f) => [f.field, f.rule]),
        [[field, rule]],
        `${field} alone is named`,
      );
      assert.ok(reply.body.fields[0].message.length > 0, `${field} has a message`);
    }
    const missingVersion = await boss.request('PUT', `/api/enterprises/${id}/profile`, base);
    assert.equal(missingVersion.status, 422);
    assert.deepEqual(missingVersion.body.fields.map((f) => f.field), ['version']);
    const after = await view(boss, id);
    assert.deepEqual(after.profile, before.profile, 'nothing saved');
  });

  test('another enterprise’s staff cannot save it (404) and it stays unchanged', async () => {
    const b = await enterprise({ county: '440704' });
    const current = await view(a.boss, a.id);
    const reply = await save(b.boss, a.id, { ...goodProfile(), industry: '外人' }, current.profile.version);
    assert.equal(reply.status, 404);
    assert.equal((await view(a.boss, a.id)).profile.industry, current.profile.industry);
  });

  test('an applicant of the enterprise (not its administrator) may save it', async () => {
    const applicant = await colleagueOf(a.boss);
    const current = await view(applicant, a.id);
    assert.equal(current.profile.bank.account_number, '6222021001123456789', 'own staff see it in full');
    const reply = await save(applicant, a.id, { ...goodProfile(), employees: 400, revenue_fen: 30_000_000_00 }, current.profile.version);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.profile.version, current.profile.version + 1);
    assert.equal(reply.body.size.class, 'medium');
  });

  test('county, organizer, bureau, expert and admin may not save it (403)', async () => {
    const current = await view(a.boss, a.id);
    for (const role of ['county', 'organizer', 'bureau', 'expert', 'admin']) {
      const client = await signedIn(server.baseUrl, `demo-${role}`, `demo-${role}-2022`);
      const reply = await save(client, a.id, goodProfile(), current.profile.version);
      assert.equal(reply.status, 403, role);
    }
  });

  test('anonymous callers get 401 and a missing CSRF token 403', async () => {
    const anonymous = new Client(server.baseUrl);
    assert.equal((await anonymous.request('GET', `/api/enterprises/${a.id}`)).status, 401);
    assert.equal((await save(anonymous, a.id, goodProfile(), 1)).status, 401);
    const current = await view(a.boss, a.id);
    const noToken = await a.boss.request(
      'PUT',
      `/api/enterprises/${a.id}/profile`,
      { ...goodProfile(), version: current.profile.version },
      { csrf: null },
    );
    assert.equal(noToken.status, 403);
    assert.equal(noToken.body.code, 'csrf_failed');
    assert.equal((await view(a.boss, a.id)).profile.version, current.profile.version);
  });

  test('a credit code registered in another division is hinted, inside or outside the city', async () => {
    const xinhui = await enterprise({ county: '440703', division: '440705' });
    const hint = (await view(xinhui.boss, xinhui.id)).division_hint;
    assert.deepEqual(hint, {
      code_division: '440705',
      matches_county: false,
      in_city: true,
      name_zh: '新会区',
      name_en: 'Xinhui District',
    });
    const shenzhen = await enterprise({ county: '440703', division: '440300' });
    const outside = (await view(shenzhen.boss, shenzhen.id)).division_hint;
    assert.equal(outside.matches_county, false);
    assert.equal(outside.in_city, false);
    assert.equal(outside.name_zh, null);
  });
});
