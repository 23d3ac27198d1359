// The applicant's journey over HTTP, on whichever database the run uses: a draft per category,
// the live numbers and their reason, every validation rule named, one application per category,
// stale saves, finalizing, submission (idempotent, deadline, verification, invoice claims),
// withdrawal, snapshots and history, and who may see what.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { signedIn } from './accounts_support.mjs';
import {
  benchmarkForm,
  createApplication,
  creditCode,
  declarationsOf,
  demoBatch,
  enterpriseClient,
  freshInvoice,
  line,
  prepareForSubmission,
  save,
  submit,
} from './application_support.mjs';
import { repoRoot, startServer } from './support.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const rulesAt = (problems, field) => problems.filter((p) => p.field === field).map((p) => p.rule);

describe('a category-1 application from draft to submission', () => {
  let client;
  let application;

  before(async () => {
    client = await enterpriseClient(server.baseUrl);
    application = await createApplication(client, 1);
  });

  test('a new draft has a number, the policy choices and a list of what is missing', () => {
    assert.equal(application.state, 'draft');
    assert.equal(application.category_name_zh, '工业互联网标杆示范项目');
    assert.match(application.number, /-1-\d{6}$/);
    assert.equal(application.editable, true);
    assert.equal(application.next_step, 'fill_form');
    assert.ok(application.options.directions.some((d) => d.id === 'enterprise_application'));
    assert.ok(application.options.investment_types.every((t) => t.id !== 'training_services'), 'only eligible types');
    assert.deepEqual(rulesAt(application.problems, 'form.project_name'), ['required']);
    assert.deepEqual(rulesAt(application.problems, 'form.targets'), ['targets_required']);
    assert.deepEqual(rulesAt(application.problems, 'form.investment_lines'), ['lines_required']);
    assert.equal(application.form.contact.phone, '13812341234', 'the contact comes from the registration');
  });

  test('a second category-1 application is refused, naming the first', async () => {
    const batch = await demoBatch(client);
    const second = await client.request('POST', '/api/applications', { batch_id: batch.id, category: 1 });
    assert.equal(second.status, 409);
    assert.equal(second.body.code, 'application_exists');
    assert.ok(second.body.detail.includes(application.number), second.body.detail);
  });

  test('saving computes the numbers live and explains the binding rule', async () => {
    const form = benchmarkForm(application, client.enterprise.credit_code, [300_000_000, 100_000_000], 120_000_000);
    const saved = await save(client, application, form);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.version, application.version + 1);
    const c = saved.body.computed;
    assert.equal(c.eligible_investment_fen, 400_000_000, '3,000,000 + 1,000,000 yuan with tax');
    assert.equal(c.rate_limit_fen, 200_000_000, '50 %');
    assert.equal(c.max_subsidy_fen, 100_000_000, 'the per-project cap of 1,000,000 yuan');
    assert.equal(c.max_bound_by, 'project_cap');
    assert.equal(c.requested_within_max, false);
    assert.match(c.explanation_zh, /单个项目上限 1,000,000\.00 元/);
    assert.deepEqual(rulesAt(saved.body.problems, 'form.requested_fen'), ['requested_above_maximum']);
    application = saved.body;
  });

  test('a stale save answers 409, says which sections differ, and changes nothing', async () => {
    const stale = await client.request('PUT', `/api/applications/${application.id}`, {
      version: application.version - 1,
      form: { ...application.form, project_name: '别人的修改' },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'stale_version');
    assert.deepEqual(stale.body.facts.changed, ['project_name']);
    assert.equal(typeof stale.body.facts.updated_by_name, 'string', 'the dialog names who saved last');
    const current = await client.request('GET', `/api/applications/${application.id}`);
    assert.equal(current.body.version, application.version);
    assert.equal(current.body.form.project_name, application.form.project_name);
  });

  test('finalizing lists every missing field first, then fixes the form and its hash', async () => {
    const refused = await client.request('POST', `/api/applications/${application.id}/finalize`, {
      version: application.version,
    });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.code, 'validation_failed');
    assert.deepEqual(
      refused.body.fields.map((f) => f.rule),
      ['requested_above_maximum'],
    );
    assert.match(refused.body.fields[0].message, /1,000,000\.00/);
    const fixed = await save(client, application, { ...application.form, requested_fen: 100_000_000 });
    assert.equal(fixed.status, 200);
    assert.deepEqual(fixed.body.problems, []);
    assert.equal(fixed.body.computed.bound_by, 'project_cap', 'asking for exactly the cap names the cap');
    const finalized = await client.request('POST', `/api/applications/${application.id}/finalize`, {
      version: fixed.body.version,
    });
    assert.equal(finalized.status, 200);
    assert.match(finalized.body.finalized_hash, /^[0-9a-f]{64}$/);
    assert.equal(finalized.body.next_step, 'upload_sealed_scan');
    application = finalized.body;
  });

  test('editing un-finalizes; saving the same form again keeps it final', async () => {
    const same = await save(client, application, application.form);
    assert.equal(same.body.finalized, true);
    const edited = await save(client, same.body, { ...application.form, summary: `${application.form.summary}（修订）` });
    assert.equal(edited.body.finalized, false);
    assert.equal(edited.body.next_step, 'finalize');
    application = edited.body;
  });

  test('submission needs the finalized form, its sealed scan and the materials; then it freezes a snapshot', async () => {
    const early = await submit(client, application);
    assert.equal(early.status, 422);
    assert.equal(early.body.code, 'form_not_finalized');
    const ready = await prepareForSubmission(client, application, application.form);
    const submitted = await submit(client, ready);
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    assert.equal(submitted.body.state, 'submitted');
    assert.equal(submitted.body.revision, 1);
    assert.equal(submitted.body.editable, false);
    const again = await submit(client, ready);
    assert.equal(again.status, 200, 'retrying the same submit answers the same result');
    assert.equal(again.body.revision, 1);
    assert.equal(again.body.submitted_at, submitted.body.submitted_at);
    const snapshot = await client.request('GET', `/api/applications/${application.id}/snapshot`);
    assert.equal(snapshot.status, 200);
    assert.equal(snapshot.body.form_hash, submitted.body.finalized_hash);
    assert.equal(snapshot.body.computed.amount_fen, 100_000_000);
    assert.ok(snapshot.body.materials.some((m) => m.material_id === 'application_form'));
    const history = await client.request('GET', `/api/applications/${application.id}/history`);
    assert.deepEqual(
      history.body.events.map((e) => e.action),
      ['create', 'submit'],
    );
    const edit = await save(client, submitted.body, submitted.body.form);
    assert.equal(edit.status, 409);
    assert.equal(edit.body.code, 'application_not_editable');
    application = submitted.body;
  });

  test('the application document (申报书) is a PDF whose Chinese text extracts, with the form hash', async () => {
    const reply = await fetch(`${server.baseUrl}/api/applications/${application.id}/document.pdf`, {
      headers: { Cookie: client.cookieHeader() },
    });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('content-type'), 'application/pdf');
    assert.match(reply.headers.get('content-disposition'), /^attachment; filename=".+\.pdf"$/);
    const pdf = Buffer.from(await reply.arrayBuffer());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const dir = join(repoRoot, 'build/must-show');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'application-category-1.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, '');
    for (const expected of [
      application.number,
      client.enterprise.name.replace(/\s+/g, ''),
      client.enterprise.credit_code,
      '智能工厂工业互联网标杆示范',
      '工业互联网标杆示范项目',
      '1,000,000.00',
      '盖章',
    ]) {
      assert.ok(flat.includes(expected), `the PDF shows ${expected}`);
    }
    assert.ok(flat.includes(application.finalized_hash.slice(0, 16)), 'the finalized form hash is printed');
    assert.ok(!flat.includes('未定稿'), 'a finalized form carries no draft watermark');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(dir, 'application-category-1')]);
    assert.ok(statSync(join(dir, 'application-category-1-1.png')).size > 10_000, 'page 1 rendered to PNG');
  });

  test('the county officer of its county sees it once submitted; others do not', async () => {
    const county = await signedIn(server.baseUrl, 'demo-county', 'demo-county-2022');
    const seen = await county.request('GET', `/api/applications/${application.id}`);
    assert.equal(seen.status, 200);
    const list = await county.request('GET', `/api/applications?state=submitted&page_size=200`);
    assert.ok(list.body.applications.some((a) => a.id === application.id));
    const stranger = await enterpriseClient(server.baseUrl);
    assert.equal((await stranger.request('GET', `/api/applications/${application.id}`)).status, 404);
    assert.equal((await stranger.request('GET', `/api/applications/${application.id}/history`)).status, 404);
    const organizer = await signedIn(server.baseUrl, 'demo-organizer', 'demo-organizer-2022');
    const forOrganizer = await organizer.request('GET', `/api/applications/${application.id}`);
    assert.equal(forOrganizer.status, 200);
    assert.equal(forOrganizer.body.form.contact.phone, '138****8000', 'personal data masked for the organizer');
    const expert = await signedIn(server.baseUrl, 'demo-expert', 'demo-expert-2022');
    assert.equal((await expert.request('GET', `/api/applications/${application.id}`)).status, 403);
  });
});

describe('drafts stay private and every rule is named', () => {
  test('a draft is invisible to the county officer and the organizer', async () => {
    const client = await enterpriseClient(server.baseUrl);
    const draft = await createApplication(client, 1);
    const county = await signedIn(server.baseUrl, 'demo-county', 'demo-county-2022');
    assert.equal((await county.request('GET', `/api/applications/${draft.id}`)).status, 404);
    const organizer = await signedIn(server.baseUrl, 'demo-organizer', 'demo-organizer-2022');
    assert.equal((await organizer.request('GET', `/api/applications/${draft.id}`)).status, 404);
  });

  test('malformed shapes are refused with the path of each, and nothing is saved', async () => {
    const client = await enterpriseClient(server.baseUrl);
    const draft = await createApplication(client, 1);
    const reply = await save(client, draft, {
      project_name: 42,
      requested_fen: -5,
      investment_lines: [{ invoice: { amount_with_tax_fen: 'lots' } }],
      summary: '很'.repeat(5001),
    });
    assert.equal(reply.status, 422);
    assert.equal(reply.body.code, 'form_invalid');
    const byField = Object.fromEntries(reply.body.fields.map((f) => [f.field, f.rule]));
    assert.deepEqual(byField, {
      'form.project_name': 'form_type',
      'form.requested_fen': 'form_amount_range',
      'form.investment_lines[0].invoice.amount_with_tax_fen': 'form_type',
      'form.summary': 'form_too_long',
    });
    assert.ok(reply.body.fields.every((f) => f.message && !/[a-z_]{12,}/.test(f.message)), 'messages in words');
    const after = await client.request('GET', `/api/applications/${draft.id}`);
    assert.equal(after.body.version, draft.version);
  });

  test('each completeness rule is reported at its field, in Chinese and in English', async () => {
    const client = await enterpriseClient(server.baseUrl);
    const draft = await createApplication(client, 1);
    const other = creditCode('440704');
    const form = {
      project_name: '项目',
      direction: 'no_such_direction',
      summary: '概况',
      start_date: '2022-02-30',
      end_date: '2021-01-01',
      contact: { name: '张三', phone: '12345' },
      requested_fen: 1,
      targets: [{ indicator: '', baseline: '1', target: '2', unit: '%' }],
      investment_lines: [
        line('training_services', { ...freshInvoice('vat', client.enterprise.credit_code, 1000), code: '123' }),
        line('equipment', { ...freshInvoice('fully_digital', other, 1000), code: '4400221130' }),
        line('no_such_type', { ...freshInvoice('vat', client.enterprise.credit_code, 1000), number: '1' }),
        line('equipment', { ...freshInvoice('vat', client.enterprise.credit_code, 1000), tax_fen: 1 }),
      ],
      declarations: [{ id: 'registered_in_city', declared: true }, { id: 'made_up', declared: true }],
    };
    form.investment_lines.push(line('equipment', form.investment_lines[3].invoice));
    const saved = await save(client, draft, form);
    assert.equal(saved.status, 200, 'a draft with wrong content still saves');
    const rules = (field) => rulesAt(saved.body.problems, field);
    assert.ok(saved.body.problems.every((p) => p.message && p.message !== p.rule), 'each problem is worded');
    assert.deepEqual(rules('form.direction'), ['direction_unknown']);
    assert.deepEqual(rules('form.start_date'), ['date_syntax']);
    assert.deepEqual(rules('form.contact.phone'), ['phone_syntax']);
    assert.deepEqual(rules('form.targets[0].indicator'), ['required']);
    assert.deepEqual(rules('form.investment_lines[0].type'), ['investment_type_not_eligible']);
    assert.deepEqual(rules('form.investment_lines[0].invoice.code'), ['invoice_code_digits']);
    assert.deepEqual(rules('form.investment_lines[1].invoice.code'), ['invoice_digital_has_code']);
    assert.deepEqual(rules('form.investment_lines[1].invoice.buyer_tax_id'), ['invoice_buyer_mismatch']);
    assert.deepEqual(rules('form.investment_lines[2].type'), ['investment_type_unknown']);
    assert.deepEqual(rules('form.investment_lines[2].invoice.number'), ['invoice_number_digits']);
    assert.deepEqual(rules('form.investment_lines[3].invoice.amount_with_tax_fen'), ['invoice_amount_sum']);
    assert.deepEqual(rules('form.investment_lines[4].invoice.number'), ['invoice_listed_twice']);
    assert.deepEqual(rules('form.declarations.sound_finance'), ['declaration_required']);
    assert.deepEqual(rules('form.declarations[1].id'), ['declaration_unknown']);
    assert.deepEqual(rules('form.requested_fen'), ['requested_above_maximum']);
    const english = await client.request('POST', `/api/applications/${draft.id}/finalize`, { version: saved.body.version }, {
      headers: { 'Accept-Language': 'en' },
    });
    assert.equal(english.status, 422);
    const buyer = english.body.fields.find((f) => f.rule === 'invoice_buyer_mismatch');
    assert.match(buyer.message, new RegExp(client.enterprise.credit_code));
    const chinese = await client.request('POST', `/api/applications/${draft.id}/finalize`, { version: saved.body.version });
    assert.match(chinese.body.fields.find((f) => f.rule === 'date_syntax').message, /年-月-日/);
  });
});

describe('the other three categories', () => {
  test('category 3: each member computed on its own, the cluster capped at 5,000,000 yuan', async () => {
    const client = await enterpriseClient(server.baseUrl);
    const draft = await createApplication(client, 3);
    const members = Array.from({ length: 11 }, (_, i) => ({
      credit_code: creditCode(i % 2 ? '440704' : '440705'),
      name: `成员企业${i + 1}`,
      county_code: i % 2 ? '440704' : '440705',
    }));
    const form = {
      project_name: '电子信息产业集群数字化转型试点',
      summary: '集群内企业上云用数。',
      start_date: '2022-01-01',
      end_date: '2023-12-31',
      contact: { name: '陈会长', phone: '0750-3201234' },
      requested_fen: 500_000_000,
      cluster: {
        cluster_id: 'electronic_information',
        lead: { name: '江门市电子信息行业协会', credit_code: client.enterprise.credit_code, kind: 'association' },
        members,
      },
      investment_lines: members.map((m) =>
        line('equipment', freshInvoice('vat', m.credit_code, 100_000_000), { member_credit_code: m.credit_code }),
      ),
      declarations: declarationsOf(draft),
    };
    const saved = await save(client, draft, form);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const c = saved.body.computed;
    assert.equal(c.members.length, 11);
    assert.ok(c.members.every((m) => m.before_cluster_cap_fen === 50_000_000), 'each at its 500,000-yuan cap');
    assert.equal(c.cluster.members_total_fen, 550_000_000);
    assert.equal(c.cluster.total_fen, 500_000_000);
    assert.equal(c.cluster.scaled, true);
    assert.equal(c.max_bound_by, 'cluster_cap');
    assert.equal(c.members.reduce((sum, m) => sum + m.amount_fen, 0), 500_000_000, 'shared out to the fen');
    assert.deepEqual(saved.body.problems, []);
    const stranger = { ...form, investment_lines: [...form.investment_lines] };
    stranger.investment_lines[0] = { ...stranger.investment_lines[0], member_credit_code: creditCode('440703') };
    const wrong = await save(client, saved.body, stranger);
    assert.deepEqual(rulesAt(wrong.body.problems, 'form.investment_lines[0].member_credit_code'), ['member_unknown']);
  });

  test('category 4: the >= 10 events and >= 500 trainees check, live', async () => {
    const client = await enterpriseClient(server.baseUrl);
    const draft = await createApplication(client, 4);
    const events = (n, each) =>
      Array.from({ length: n }, (_, i) => ({
        date: `2022-12-${String(i + 1).padStart(2, '0')}`,
        topic: `工业互联网实务第${i + 1}讲`,
        venue: '江门市工业互联网创新中心',
        audience: '制造企业技术骨干',
        planned_trainees: each,
      }));
    const form = {
      project_name: '工业互联网人才培训',
      summary: '面向制造企业开展系列培训。',
      start_date: '2022-12-01',
      end_date: '2023-03-31',
      contact: { name: '周老师', phone: '13900139000' },
      requested_fen: 80_000_000,
      training_events: events(9, 50),
      investment_lines: [line('training_services', freshInvoice('vat', client.enterprise.credit_code, 90_000_000))],
      declarations: declarationsOf(draft),
    };
    const short = await save(client, draft, form);
    assert.deepEqual(short.body.computed.training, { events: 9, trainees: 450, min_events: 10, min_trainees: 500, ok: false });
    assert.deepEqual(rulesAt(short.body.problems, 'form.training_events').sort(), [
      'trainees_below_minimum',
      'training_events_below_minimum',
    ]);
    assert.equal(short.body.computed.max_subsidy_fen, 0);
    const enough = await save(client, short.body, { ...form, training_events: events(10, 50) });
    assert.equal(enough.body.computed.training.ok, true);
    assert.equal(enough.body.computed.max_subsidy_fen, 100_000_000, 'the 1,000,000-yuan cap, no rate');
    assert.equal(enough.body.computed.amount_fen, 80_000_000);
    assert.equal(enough.body.computed.bound_by, 'requested');
    assert.deepEqual(enough.body.problems, []);
  });

  test('category 2: a large enterprise is refused with the size reason', async () => {
    const client = await enterpriseClient(server.baseUrl);
    const mine = await client.request('GET', `/api/enterprises/${client.enterprise.id}`);
    const profile = {
      ...(mine.body.profile ?? {}),
      industry: 'C38 电气机械和器材制造业',
      employees: 5000,
      revenue_fen: 500_000_000_000,
      assets_fen: 400_000_000_000,
      address: '江门市蓬江区',
      contacts: [{ name: '王联系', phone: '13812341234' }],
      version: mine.body.profile?.version ?? mine.body.version,
    };
    const saved = await client.request('PUT', `/api/enterprises/${client.enterprise.id}/profile`, profile);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const batch = await demoBatch(client);
    const refused = await client.request('POST', '/api/applications', { batch_id: batch.id, category: 2 });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.code, 'not_sme');
    assert.match(refused.body.detail, /大型企业/);
  });
});

// Complete forms of the other categories, each submitted the whole way.
function completeForm(category, draft, client) {
  const code = client.enterprise.credit_code;
  const base = {
    project_name: `第${category}类申报项目`,
    summary: '项目建设内容与预期成效。',
    start_date: '2022-03-01',
    end_date: '2023-02-28',
    contact: { name: '刘工', phone: '13700137000' },
    declarations: declarationsOf(draft),
  };
  if (category === 2) {
    return {
      ...base,
      direction: 'production_control',
      requested_fen: 40_000_000,
      investment_lines: [line('cloud_services', freshInvoice('fully_digital', code, 50_000_000))],
    };
  }
  if (category === 3) {
    const members = [
      { credit_code: code, name: '牵头企业', county_code: '440703' },
      { credit_code: creditCode('440781'), name: '成员企业', county_code: '440781' },
    ];
    return {
      ...base,
      requested_fen: 60_000_000,
      cluster: { cluster_id: 'electronic_information', lead: { name: '牵头企业', credit_code: code, kind: 'enterprise' }, members },
      investment_lines: members.map((m) =>
        line('industrial_internet', freshInvoice('vat', m.credit_code, 50_000_000), { member_credit_code: m.credit_code }),
      ),
    };
  }
  return {
    ...base,
    requested_fen: 100_000_000,
    training_events: Array.from({ length: 10 }, (_, i) => ({
      date: `2023-01-${String(i + 10).padStart(2, '0')}`,
      topic: `专题${i + 1}`,
      venue: '江门',
      audience: '企业骨干',
      planned_trainees: 55,
    })),
    investment_lines: [line('training_services', freshInvoice('vat', code, 150_000_000))],
  };
}

describe('every category can be submitted', () => {
  for (const [category, amount, boundBy] of [
    [2, 40_000_000, 'rate'],
    [3, 60_000_000, 'requested'],
    [4, 100_000_000, 'project_cap'],
  ]) {
    test(`category ${category}: complete form, finalize, materials, submit`, async () => {
      const client = await enterpriseClient(server.baseUrl);
      const draft = await createApplication(client, category);
      const ready = await prepareForSubmission(client, draft, completeForm(category, draft, client));
      assert.equal(ready.computed.amount_fen, amount);
      assert.equal(ready.computed.bound_by, boundBy);
      const submitted = await submit(client, ready);
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      assert.equal(submitted.body.state, 'submitted');
      const snapshot = await client.request('GET', `/api/applications/${draft.id}/snapshot`);
      assert.equal(snapshot.body.computed.amount_fen, amount);
    });
  }
});

test('an enterprise joins at most one cluster application per batch', async () => {
  const shared = { credit_code: creditCode('440785'), name: '两边都报的成员', county_code: '440785' };
  const submitCluster = async () => {
    const client = await enterpriseClient(server.baseUrl);
    const draft = await createApplication(client, 3);
    const form = completeForm(3, draft, client);
    form.cluster.members.push(shared);
    form.investment_lines.push(
      line('equipment', freshInvoice('vat', shared.credit_code, 10_000_000), { member_credit_code: shared.credit_code }),
    );
    form.requested_fen = 60_000_000;
    const ready = await prepareForSubmission(client, draft, form);
    return submit(client, ready);
  };
  assert.equal((await submitCluster()).status, 200);
  const second = await submitCluster();
  assert.equal(second.status, 409);
  assert.equal(second.body.code, 'cluster_member_taken');
  assert.deepEqual(second.body.fields.map((f) => f.field), ['form.cluster.members[2].credit_code']);
});

describe('who may submit, and when', () => {
  test('an unverified enterprise may draft but not submit', async () => {
    const client = await enterpriseClient(server.baseUrl, { verify: false });
    const draft = await createApplication(client, 1);
    const ready = await prepareForSubmission(client, draft, benchmarkForm(draft, client.enterprise.credit_code));
    const refused = await submit(client, ready);
    assert.equal(refused.status, 422);
    assert.equal(refused.body.code, 'enterprise_unverified');
    const after = await client.request('GET', `/api/applications/${draft.id}`);
    assert.equal(after.body.state, 'draft');
  });

  test('an invoice is claimed at submission: a draft is warned, another submission refused without saying whose', async () => {
    const first = await enterpriseClient(server.baseUrl);
    const second = await enterpriseClient(server.baseUrl);
    const a = await createApplication(first, 1);
    const b = await createApplication(second, 1);
    const formA = benchmarkForm(a, first.enterprise.credit_code);
    const shared = formA.investment_lines[0].invoice;
    const formB = benchmarkForm(b, second.enterprise.credit_code);
    formB.investment_lines[0] = line('industrial_internet', { ...shared, buyer_tax_id: second.enterprise.credit_code });
    const readyA = await prepareForSubmission(first, a, formA);
    const readyB = await prepareForSubmission(second, b, formB);
    assert.deepEqual(rulesAt(readyB.warnings, 'form.investment_lines[0].invoice.number'), ['invoice_in_other_application']);
    assert.equal((await submit(first, readyA)).status, 200);
    const warned = await second.request('GET', `/api/applications/${b.id}`);
    assert.deepEqual(rulesAt(warned.body.warnings, 'form.investment_lines[0].invoice.number'), ['invoice_claimed']);
    const refused = await submit(second, readyB);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'invoice_claimed');
    assert.deepEqual(refused.body.fields.map((f) => f.field), ['form.investment_lines[0].invoice.number']);
    assert.ok(!JSON.stringify(refused.body).includes(a.number), 'the other application is not revealed');
    assert.ok(!JSON.stringify(refused.body).includes(first.enterprise.name));
    const withdrawn = await first.request('POST', `/api/applications/${a.id}/withdraw`, { reason: '项目调整' });
    assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
    assert.equal(withdrawn.body.state, 'withdrawn');
    const now = await submit(second, readyB);
    assert.equal(now.status, 200, 'the withdrawn application released its claim');
    const again = await createApplication(first, 1);
    assert.notEqual(again.id, a.id, 'a withdrawn application frees its category');
  });
});

describe('the deadline, by the server clock', () => {
  let clocked;
  let clockFile;
  let clockDir;
  const at = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  // Stands in for the county's 退回 (issue 7 builds it): the application returned at `returnedAt`.
  const returnApplication = (id, returnedAt) => {
    const sql = `UPDATE applications SET state = 'returned', returned_at = '${returnedAt}' WHERE id = ${Number(id)}`;
    const url = process.env.IIFUND_API_DATABASE_URL;
    const run = url?.startsWith('postgresql://')
      ? spawnSync('psql', [url.slice('postgresql://'.length), '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' })
      : spawnSync('sqlite3', [join(clockDir, 'iifund.db'), sql], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  };
  before(async () => {
    clockDir = mkdtempSync(join(tmpdir(), 'iifund-clock-'));
    clockFile = join(clockDir, 'now');
    writeFileSync(clockFile, '');
    clocked = await startServer({
      env: { IIFUND_TEST_MODE: '1', IIFUND_TEST_CLOCK_FILE: clockFile, IIFUND_DATA_DIR: clockDir },
    });
  });
  after(async () => {
    await clocked?.stop();
  });

  test('a submission one minute before the deadline lands; one a second after is refused and the draft kept', async () => {
    const early = await enterpriseClient(clocked.baseUrl);
    const late = await enterpriseClient(clocked.baseUrl);
    const batch = await demoBatch(early);
    const closes = Date.parse(batch.closes_at);
    const a = await createApplication(early, 1);
    const b = await createApplication(late, 1);
    const readyA = await prepareForSubmission(early, a, benchmarkForm(a, early.enterprise.credit_code));
    const readyB = await prepareForSubmission(late, b, benchmarkForm(b, late.enterprise.credit_code));

    writeFileSync(clockFile, new Date(closes - 60_000).toISOString().replace(/\.\d+Z$/, 'Z'));
    await early.signIn(early.username, early.password);
    assert.equal((await submit(early, readyA)).status, 200);

    writeFileSync(clockFile, new Date(closes + 1000).toISOString().replace(/\.\d+Z$/, 'Z'));
    await late.signIn(late.username, late.password);
    const refused = await submit(late, readyB);
    assert.equal(refused.status, 422);
    assert.equal(refused.body.code, 'deadline_passed');
    assert.match(refused.body.detail, /北京时间/);
    assert.match(refused.body.detail, /草稿已保留/);
    const kept = await late.request('GET', `/api/applications/${b.id}`);
    assert.equal(kept.body.state, 'draft');
    assert.equal(kept.body.form.project_name, readyB.form.project_name);
    const created = await late.request('POST', '/api/applications', { batch_id: batch.id, category: 4 });
    assert.equal(created.status, 422, 'no new drafts after the deadline either');
    assert.equal(created.body.code, 'deadline_passed');
  });

  test('a returned application may be resubmitted after the deadline within the revision window, as a new snapshot', async () => {
    writeFileSync(clockFile, '');
    const inTime = await enterpriseClient(clocked.baseUrl);
    const tooLate = await enterpriseClient(clocked.baseUrl);
    const closes = Date.parse((await demoBatch(inTime)).closes_at);
    const submitOne = async (client) => {
      const draft = await createApplication(client, 1);
      const ready = await prepareForSubmission(client, draft, benchmarkForm(draft, client.enterprise.credit_code));
      const reply = await submit(client, ready);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      return reply.body;
    };
    const a = await submitOne(inTime);
    const b = await submitOne(tooLate);
    returnApplication(a.id, at(closes - 86_400_000));
    returnApplication(b.id, at(closes - 6 * 86_400_000));

    writeFileSync(clockFile, at(closes + 2 * 86_400_000));
    await inTime.signIn(inTime.username, inTime.password);
    const returned = await inTime.request('GET', `/api/applications/${a.id}`);
    assert.equal(returned.body.editable, true, 'returning reopens editing');
    assert.ok(returned.body.revision_deadline, 'the revision window is shown');
    const edited = await save(inTime, returned.body, { ...returned.body.form, summary: '按区县意见补充了实施计划。' });
    assert.equal(edited.body.finalized, false, 'the edit un-finalizes');
    const ready = await prepareForSubmission(inTime, edited.body, edited.body.form);
    const resubmitted = await submit(inTime, ready);
    assert.equal(resubmitted.status, 200, JSON.stringify(resubmitted.body));
    assert.equal(resubmitted.body.state, 'submitted');
    assert.equal(resubmitted.body.revision, 2);
    const snapshot = await inTime.request('GET', `/api/applications/${a.id}/snapshot`);
    assert.equal(snapshot.body.revision, 2);
    assert.equal(snapshot.body.form.summary, '按区县意见补充了实施计划。');
    assert.notEqual(snapshot.body.form_hash, a.finalized_hash);
    const history = await inTime.request('GET', `/api/applications/${a.id}/history`);
    assert.deepEqual(
      history.body.events.map((e) => e.action),
      ['create', 'submit', 'resubmit'],
    );

    await tooLate.signIn(tooLate.username, tooLate.password);
    const stale = await tooLate.request('GET', `/api/applications/${b.id}`);
    const refused = await submit(tooLate, stale.body);
    assert.equal(refused.status, 422);
    assert.equal(refused.body.code, 'revision_window_closed');
  });
});
