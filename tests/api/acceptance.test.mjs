// 验收: an approved project's actual investment and targets against the plan, evidence files, the
// enterprise's submission and the organizer's conclusion; who may read and write it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client } from './accounts_support.mjs';
import { sha256, tinyPdf, uploadFile } from './application_support.mjs';
import { approvedApplications } from './acceptance_support.mjs';
import { countyOfficer, inbox, staff, submittedApplication } from './review_support.mjs';
import { freshBatch, startSelectionServer } from './selection_support.mjs';

let ctx;
let benchmark; // {enterprise, application}: category 1, 蓬江区
let other; // category 1, 江海区
let talent; // category 4
let submitted; // a submitted application that was never approved

before(async () => {
  ctx = await startSelectionServer();
  const batch = await freshBatch(ctx);
  [benchmark, other, talent] = await approvedApplications(ctx, batch, [
    { category: 1, score: 90 },
    { category: 1, score: 85, county: '440704' },
    { category: 4, score: 80 },
  ]);
  submitted = await submittedApplication(ctx.baseUrl);
});

after(async () => {
  await ctx?.stop();
});

const path = (item, rest = '') => `/api/applications/${item.application.id}/acceptance${rest}`;
const fieldsOf = (body) => Object.fromEntries(body.fields.map((f) => [f.field, f.rule]));

test('an approved project starts its acceptance from the plan: investment and targets, no actuals yet', async () => {
  const reply = await benchmark.enterprise.request('GET', path(benchmark));
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  assert.equal(reply.body.state, 'draft');
  assert.equal(reply.body.version, 0);
  assert.equal(reply.body.actual_investment_fen, null);
  assert.equal(reply.body.planned_investment_fen, 400_000_000, 'both invoices, with tax');
  assert.deepEqual(reply.body.targets, [{ id: 1, name: '设备联网率', baseline: '40', planned: '90', unit: '%', actual: '' }]);
  assert.deepEqual(reply.body.evidence, []);
  assert.equal(reply.body.training, undefined, 'only talent-training projects count events');
});

test('the enterprise, its county, the organizer and the bureau read it; nobody else learns it exists', async () => {
  const id = benchmark.application.id;
  const county = await countyOfficer(ctx.baseUrl, '440703');
  const otherCounty = await countyOfficer(ctx.baseUrl, '440704');
  assert.equal((await county.request('GET', path(benchmark))).status, 200);
  assert.equal((await otherCounty.request('GET', path(benchmark))).status, 404);
  assert.equal((await (await ctx.organizer()).request('GET', path(benchmark))).status, 200);
  assert.equal((await (await ctx.bureau()).request('GET', path(benchmark))).status, 200);
  assert.equal((await other.enterprise.request('GET', path(benchmark))).status, 404);
  assert.equal((await other.enterprise.request('PUT', path(benchmark), { version: 0 })).status, 404);
  const expert = await staff(ctx.baseUrl, 'expert');
  assert.equal((await expert.request('GET', path(benchmark))).status, 403);
  assert.equal((await new Client(ctx.baseUrl).request('GET', path(benchmark))).status, 401);
  assert.equal((await county.request('PUT', path(benchmark), { version: 0 })).status, 403);
  assert.equal((await benchmark.enterprise.request('GET', `/api/applications/99999999/acceptance`)).status, 404);

  const early = await submitted.enterprise.request('GET', path(submitted));
  assert.equal(early.status, 409);
  assert.equal(early.body.code, 'acceptance_not_open');
  assert.equal(early.body.facts.state, 'submitted');
  assert.ok(id > 0);
});

test('saving checks each field and the version; submitting needs every actual; then it is frozen', async () => {
  const client = benchmark.enterprise;
  const bad = await client.request('PUT', path(benchmark), {
    version: 0,
    actual_investment_fen: -5,
    targets: [{ id: 7, actual: '95' }],
    report: '',
  });
  assert.equal(bad.status, 422);
  assert.deepEqual(fieldsOf(bad.body), { actual_investment_fen: 'amount_range', 'targets[0].id': 'target_unknown' });

  const first = await client.request('PUT', path(benchmark), { version: 0, targets: [{ id: 1, actual: '93' }], report: '已完成设备联网。' });
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.version, 1);
  assert.equal(first.body.targets[0].actual, '93');
  const stale = await client.request('PUT', path(benchmark), { version: 0, report: '另一份' });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.code, 'stale_version');
  assert.equal(stale.body.facts.current_version, 1);

  const incomplete = await client.request('POST', path(benchmark, '/submit'), { version: 1 });
  assert.equal(incomplete.status, 422);
  assert.equal(incomplete.body.code, 'acceptance_incomplete');
  assert.deepEqual(fieldsOf(incomplete.body), { actual_investment_fen: 'required' });

  // Evidence (验收佐证) goes through the upload routes while the acceptance is a draft.
  const evidence = await uploadFile(client, benchmark.application.id, 'acceptance_evidence', '验收报告.pdf', tinyPdf('evidence'));
  const saved = await client.request('PUT', path(benchmark), {
    version: 1,
    actual_investment_fen: 380_000_000,
    targets: [{ id: 1, actual: '93' }],
    report: '项目已按计划实施。',
  });
  assert.equal(saved.status, 200);
  assert.equal(saved.body.evidence.length, 1);
  assert.equal(saved.body.evidence[0].file_name, '验收报告.pdf');
  assert.equal(saved.body.evidence[0].upload_id, evidence.upload_id ?? evidence.id);

  const done = await client.request('POST', path(benchmark, '/submit'), { version: 2 });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.state, 'submitted');
  assert.equal(done.body.actual_investment_fen, 380_000_000);

  const late = await client.request('PUT', path(benchmark), { version: 3, report: '补充' });
  assert.equal(late.status, 409);
  assert.equal(late.body.code, 'acceptance_not_editable');
  const bytes = tinyPdf('late evidence');
  const lateFile = await client.request('POST', `/api/applications/${benchmark.application.id}/uploads`, {
    material_id: 'acceptance_evidence',
    file_name: 'late.pdf',
    size_bytes: bytes.length,
    sha256: sha256(bytes),
  });
  assert.equal(lateFile.status, 409);
  assert.equal(lateFile.body.code, 'acceptance_not_editable');
});

test('evidence needs an approved application of the uploader\'s own enterprise', async () => {
  const bytes = tinyPdf('evidence');
  const start = (client, item) =>
    client.request('POST', `/api/applications/${item.application.id}/uploads`, {
      material_id: 'acceptance_evidence',
      file_name: 'evidence.pdf',
      size_bytes: bytes.length,
      sha256: sha256(bytes),
    });
  const early = await start(submitted.enterprise, submitted);
  assert.equal(early.status, 409);
  assert.equal(early.body.code, 'acceptance_not_open');
  assert.equal((await start(benchmark.enterprise, other)).status, 404);
  const own = await start(other.enterprise, other);
  assert.equal(own.status, 201, JSON.stringify(own.body));
  assert.equal((await other.enterprise.request('DELETE', `/api/uploads/${own.body.upload_id}`)).status, 204);
});

test('the organizer concludes a submitted acceptance, with a reason when it fails; the enterprise is told', async () => {
  const organizer = await ctx.organizer();
  const notYet = await organizer.request('POST', path(other, '/conclusion'), { conclusion: 'passed', note: '' });
  assert.equal(notYet.status, 409);
  assert.equal(notYet.body.code, 'acceptance_not_submitted');
  assert.equal(notYet.body.facts.state, 'draft');

  const unknown = await organizer.request('POST', path(benchmark, '/conclusion'), { conclusion: 'maybe' });
  assert.deepEqual(fieldsOf(unknown.body), { conclusion: 'conclusion_unknown' });
  const noReason = await organizer.request('POST', path(benchmark, '/conclusion'), { conclusion: 'failed', note: ' ' });
  assert.deepEqual(fieldsOf(noReason.body), { note: 'reason_required' });
  assert.equal((await benchmark.enterprise.request('POST', path(benchmark, '/conclusion'), { conclusion: 'passed' })).status, 403);

  const passed = await organizer.request('POST', path(benchmark, '/conclusion'), { conclusion: 'passed', note: '指标全部达成。' });
  assert.equal(passed.status, 200, JSON.stringify(passed.body));
  assert.equal(passed.body.state, 'passed');
  assert.equal(passed.body.conclusion, '指标全部达成。');
  assert.ok(passed.body.concluded_at);
  const again = await organizer.request('POST', path(benchmark, '/conclusion'), { conclusion: 'failed', note: '改判' });
  assert.equal(again.status, 409);
  assert.equal(again.body.facts.state, 'passed');

  const notices = await inbox(benchmark.enterprise);
  const notice = notices.notifications.find((n) => n.kind === 'acceptance.concluded');
  assert.ok(notice, JSON.stringify(notices));
  assert.equal(notice.params.conclusion, 'passed');
  assert.equal(notice.params.number, benchmark.application.number);
  const bureau = await ctx.bureau();
  const audit = await bureau.request('GET', '/api/audit?action=acceptance.conclude&page_size=5');
  assert.ok(audit.body.records.some((r) => r.object === `acceptance:${benchmark.application.id}`));
});

test('a talent-training project shows its events and trainees against the policy\'s minimums', async () => {
  const reply = await talent.enterprise.request('GET', path(talent));
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  assert.deepEqual(reply.body.targets, []);
  assert.deepEqual(reply.body.training, {
    events: 0,
    events_held: 0,
    trainees: 0,
    min_events: 10,
    min_trainees: 500,
    planned_events: 10,
    planned_trainees: 550,
    ok: false,
  });
  const noEvents = await talent.enterprise.request('POST', `/api/applications/${benchmark.application.id}/training-events`, {
    title: '不属于本企业',
    held_on: '2023-01-10',
  });
  assert.equal(noEvents.status, 404);
});
