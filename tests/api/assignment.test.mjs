// 专家分配 over HTTP: a preview that avoids every conflict (same employer, declared, same county) and
// says so in its statistics; slot changes refused for a conflicted, fully loaded or repeated
// expert; confirmation (applications under review, experts notified, nothing changes after);
// one more reviewer; an expert's 回避 replaced automatically; and `iifund assign --batch`.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { signedIn } from './accounts_support.mjs';
import { demoBatch } from './application_support.mjs';
import { cleanPool, expertAccount, poolExpert, reviewersOf } from './expert_support.mjs';
import { formallyPassedApplication, inbox, organizer as organizerOf, submittedApplication } from './review_support.mjs';
import { runCli, serverEnvironment, startServer } from './support.mjs';

let server;
let dataDir;
let organizer;
let batch;
before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'iifund-assign-'));
  server = await startServer({ env: { IIFUND_DATA_DIR: dataDir } });
  organizer = await organizerOf(server.baseUrl);
  batch = await demoBatch(organizer);
});
after(async () => {
  await server?.stop();
});

describe('a run from preview to confirmation', () => {
  let application;
  let enterpriseCode;
  let conflicted;
  let full;
  let linked;
  let spare;
  let run;

  before(async () => {
    const passed = await formallyPassedApplication(server.baseUrl, { county: '440703' });
    application = passed.application;
    enterpriseCode = passed.enterprise.enterprise.credit_code;
    const fields = { fields: ['1', 'enterprise_application'] };
    // The closest matches are the conflicted ones: the solver would love to take them.
    conflicted = {
      same_county: await poolExpert(organizer, { ...fields, county_code: '440703' }),
      same_employer: await poolExpert(organizer, { ...fields, employer_credit_code: enterpriseCode }),
      declared: await poolExpert(organizer, { ...fields, declared: [enterpriseCode] }),
    };
    full = await poolExpert(organizer, { ...fields, max_load: 0 });
    spare = await cleanPool(organizer, 6, fields);
    linked = await expertAccount(server.baseUrl, await poolExpert(organizer, { fields: ['4'] }));
  });

  test('the preview gives every application its experts and avoids every conflict', async () => {
    const reply = await organizer.request('POST', `/api/batches/${batch.id}/assignment-runs`, { category: 1, seed: 7 });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    run = reply.body;
    assert.equal(run.state, 'preview');
    assert.equal(run.category, 1);
    const mine = run.applications.find((a) => a.application_id === application.id);
    assert.ok(mine, 'the formally passed application is in the run');
    assert.equal(mine.number, application.number);
    assert.equal(mine.experts.length, 5);
    assert.ok(mine.experts.every((e) => e.name && ['industry', 'category', 'none'].includes(e.match)));
    for (const [reason, expert] of Object.entries(conflicted)) {
      assert.ok(!reviewersOf(run, application.id).includes(expert.id), `no ${reason} expert`);
      assert.ok(run.statistics.conflicts_avoided[reason] >= 1, `${reason} conflicts counted`);
    }
    assert.ok(!reviewersOf(run, application.id).includes(full.id), 'no expert without capacity');
    assert.ok(!run.statistics.shortages.some((s) => s.application_id === application.id));
    assert.equal(run.statistics.applications, run.applications.length);
    assert.ok(run.statistics.industry_matches + run.statistics.category_matches + run.statistics.unmatched >= 5);
    for (const load of run.statistics.loads) assert.ok(load.load <= load.max_load, JSON.stringify(load));
    const seen = await organizer.request('GET', `/api/applications/${application.id}`);
    assert.equal(seen.body.state, 'formal_check_passed', 'a preview changes no application');
    const again = await organizer.request('GET', `/api/assignment-runs/${run.id}`);
    assert.deepEqual(again.body, run);
  });

  test('a slot change to a conflicted, fully loaded or repeated expert is refused', async () => {
    const [first, second] = reviewersOf(run, application.id);
    const change = (add, remove = first) =>
      organizer.request('PUT', `/api/assignment-runs/${run.id}/slots`, {
        application_id: application.id,
        remove_expert_id: remove,
        add_expert_id: add,
      });
    for (const [reason, expert] of Object.entries(conflicted)) {
      const refused = await change(expert.id);
      assert.equal(refused.status, 422, reason);
      assert.equal(refused.body.code, 'expert_conflicted');
      assert.equal(refused.body.facts.reason, reason);
    }
    const loaded = await change(full.id);
    assert.equal(loaded.body.code, 'expert_at_max_load');
    const repeated = await change(second);
    assert.equal(repeated.body.code, 'expert_already_assigned');
    const absent = await change(linked.expert.id, linked.expert.id);
    assert.equal(absent.body.code, 'expert_not_assigned');
    const county = await signedIn(server.baseUrl, 'demo-county', 'demo-county-2022');
    assert.equal((await county.request('GET', `/api/assignment-runs/${run.id}`)).status, 403);
    const unchanged = await organizer.request('GET', `/api/assignment-runs/${run.id}`);
    assert.deepEqual(reviewersOf(unchanged.body, application.id), reviewersOf(run, application.id));
    const swapped = await change(linked.expert.id);
    assert.equal(swapped.status, 200, JSON.stringify(swapped.body));
    run = swapped.body;
    assert.ok(reviewersOf(run, application.id).includes(linked.expert.id));
    assert.ok(!reviewersOf(run, application.id).includes(first));
    const audit = await signedIn(server.baseUrl, 'demo-admin', 'demo-admin-2022');
    const records = await audit.request('GET', '/api/audit?action=assignment.adjust&page_size=5');
    assert.ok(records.body.records.some((r) => r.object === `assignment_run:${run.id}`));
  });

  test('confirming puts the applications under review and tells the experts', async () => {
    const reply = await organizer.request('POST', `/api/assignment-runs/${run.id}/confirm`, {});
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.state, 'confirmed');
    assert.deepEqual(reviewersOf(reply.body, application.id), reviewersOf(run, application.id));
    run = reply.body;
    const seen = await organizer.request('GET', `/api/applications/${application.id}`);
    assert.equal(seen.body.state, 'under_review');
    const history = await organizer.request('GET', `/api/applications/${application.id}/history`);
    const started = history.body.events.find((e) => e.action === 'start_review');
    assert.ok(started, JSON.stringify(history.body.events.map((e) => e.action)));
    assert.equal(started.actor_role, 'organizer');
    const notices = await inbox(linked);
    const assigned = notices.notifications.find((n) => n.kind === 'review.assigned' && n.params.application_id === application.id);
    assert.ok(assigned, 'the linked expert is told');
    assert.equal(assigned.params.number, application.number);
    linked.assignmentId = assigned.params.assignment_id;
    const twice = await organizer.request('POST', `/api/assignment-runs/${run.id}/confirm`, {});
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, 'run_not_preview');
    const late = await organizer.request('PUT', `/api/assignment-runs/${run.id}/slots`, {
      application_id: application.id,
      remove_expert_id: linked.expert.id,
      add_expert_id: spare[0].id,
    });
    assert.equal(late.status, 409);
    assert.equal(late.body.code, 'run_not_preview');
  });

  test('nothing to assign in a batch without waiting applications', async () => {
    const batches = await organizer.request('GET', '/api/batches');
    const shipped = batches.body.batches.find((b) => !b.is_demo);
    const reply = await organizer.request('POST', `/api/batches/${shipped.id}/assignment-runs`, {});
    assert.equal(reply.status, 422);
    assert.equal(reply.body.code, 'nothing_to_assign');
    assert.equal((await organizer.request('POST', '/api/batches/99999999/assignment-runs', {})).status, 404);
    assert.equal((await organizer.request('GET', '/api/assignment-runs/99999999')).status, 404);
  });

  test('the organizer adds one more reviewer, never a conflicted or repeated one', async () => {
    const add = (expertId, id = application.id) =>
      organizer.request('POST', `/api/applications/${id}/reviewers`, { expert_id: expertId });
    const conflict = await add(conflicted.same_employer.id);
    assert.equal(conflict.status, 422);
    assert.equal(conflict.body.facts.reason, 'same_employer');
    assert.equal((await add(linked.expert.id)).body.code, 'expert_already_assigned');
    const extra = spare.find((x) => !reviewersOf(run, application.id).includes(x.id));
    const added = await add(extra.id);
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.assignment.state, 'active');
    const grown = await organizer.request('GET', `/api/assignment-runs/${run.id}`);
    assert.equal(reviewersOf(grown.body, application.id).length, 6);
    const waiting = await submittedApplication(server.baseUrl, { county: '440704' });
    const early = await add(extra.id, waiting.application.id);
    assert.equal(early.status, 409);
    assert.equal(early.body.code, 'application_not_under_review');
  });

  test('an expert declares 回避: released, replaced automatically, the organizer told', async () => {
    const id = linked.assignmentId;
    const noReason = await linked.request('POST', `/api/reviews/${id}/conflict`, { reason: ' ' });
    assert.equal(noReason.status, 422);
    assert.equal(noReason.body.code, 'reason_required');
    const stranger = await expertAccount(server.baseUrl, await poolExpert(organizer));
    assert.equal((await stranger.request('POST', `/api/reviews/${id}/conflict`, { reason: '与企业负责人系亲属' })).status, 404);
    assert.equal((await organizer.request('POST', `/api/reviews/${id}/conflict`, { reason: 'x' })).status, 403);
    const before = (await organizer.request('GET', `/api/assignment-runs/${run.id}`)).body;
    const declared = await linked.request('POST', `/api/reviews/${id}/conflict`, { reason: '与企业负责人系亲属' });
    assert.equal(declared.status, 200, JSON.stringify(declared.body));
    assert.equal(declared.body.state, 'conflict_declared');
    assert.equal(declared.body.reason, '与企业负责人系亲属');
    const after = (await organizer.request('GET', `/api/assignment-runs/${run.id}`)).body;
    const reviewers = reviewersOf(after, application.id);
    assert.equal(reviewers.length, reviewersOf(before, application.id).length, 'the place is filled again');
    assert.ok(!reviewers.includes(linked.expert.id));
    for (const expert of Object.values(conflicted)) assert.ok(!reviewers.includes(expert.id));
    const told = await inbox(organizer);
    assert.ok(told.notifications.some((n) => n.kind === 'review.replaced' && n.params.application_id === application.id));
    const again = await linked.request('POST', `/api/reviews/${id}/conflict`, { reason: '再次' });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'assignment_not_active');
    const back = await organizer.request('POST', `/api/applications/${application.id}/reviewers`, { expert_id: linked.expert.id });
    assert.equal(back.status, 422);
    assert.equal(back.body.facts.reason, 'declared', 'a declared 回避 holds for later additions too');
  });
});

describe('no expert can take over', () => {
  test('a declaration without a replacement is refused and changes nothing', async () => {
    const { application } = await formallyPassedApplication(server.baseUrl, { county: '440781' });
    const linked = await expertAccount(server.baseUrl, await poolExpert(organizer, { fields: ['1'] }));
    await cleanPool(organizer, 5, { fields: ['1'] });
    let run = (await organizer.request('POST', `/api/batches/${batch.id}/assignment-runs`, { category: 1 })).body;
    if (!reviewersOf(run, application.id).includes(linked.expert.id)) {
      const swapped = await organizer.request('PUT', `/api/assignment-runs/${run.id}/slots`, {
        application_id: application.id,
        remove_expert_id: reviewersOf(run, application.id)[0],
        add_expert_id: linked.expert.id,
      });
      assert.equal(swapped.status, 200, JSON.stringify(swapped.body));
      run = swapped.body;
    }
    const confirmed = await organizer.request('POST', `/api/assignment-runs/${run.id}/confirm`, {});
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    const reviewers = reviewersOf(confirmed.body, application.id);
    const notices = await inbox(linked);
    const assignmentId = notices.notifications.find((n) => n.kind === 'review.assigned').params.assignment_id;
    // Everybody else leaves the pool for a moment (and comes back, the pool is shared).
    const others = (await organizer.request('GET', '/api/experts?active=1')).body.experts.filter((x) => !reviewers.includes(x.id));
    const setActive = async (expert, active) => {
      const reply = await organizer.request('PUT', `/api/experts/${expert.id}`, { ...expert, active });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      Object.assign(expert, reply.body);
    };
    try {
      for (const expert of others) await setActive(expert, false);
      const refused = await linked.request('POST', `/api/reviews/${assignmentId}/conflict`, { reason: '与企业负责人系亲属' });
      assert.equal(refused.status, 422, JSON.stringify(refused.body));
      assert.equal(refused.body.code, 'no_replacement');
      assert.equal(refused.body.facts.number, application.number);
    } finally {
      for (const expert of others) await setActive(expert, true);
    }
    const after = (await organizer.request('GET', `/api/assignment-runs/${run.id}`)).body;
    assert.deepEqual(reviewersOf(after, application.id), reviewers, 'the assignment stands as it was');
    const still = await linked.request('POST', `/api/reviews/${assignmentId}/conflict`, { reason: '与企业负责人系亲属' });
    assert.equal(still.status, 200, 'with the pool back, the same declaration succeeds');
  });
});

describe('iifund assign --batch', () => {
  test('previews, then confirms as the command-line operator, printing the statistics', async () => {
    const { application } = await formallyPassedApplication(server.baseUrl, { county: '440785' });
    const env = serverEnvironment({ IIFUND_DATA_DIR: dataDir });
    const preview = runCli(['assign', '--batch', batch.code, '--category', '1', '--preview'], env);
    assert.equal(preview.status, 0, preview.stdout + preview.stderr);
    assert.match(preview.stdout, /assignment run \d+ \(batch .*, category 1\): preview/);
    assert.match(preview.stdout, /conflicts avoided/);
    assert.ok(preview.stdout.includes(application.number));
    const waiting = await organizer.request('GET', `/api/applications/${application.id}`);
    assert.equal(waiting.body.state, 'formal_check_passed');
    const confirmed = runCli(['assign', '--batch', String(batch.id), '--category', '1', '--seed', '3'], env);
    assert.equal(confirmed.status, 0, confirmed.stdout + confirmed.stderr);
    assert.match(confirmed.stdout, /: confirmed\n/);
    assert.match(confirmed.stdout, /shortages: none/);
    const started = await organizer.request('GET', `/api/applications/${application.id}`);
    assert.equal(started.body.state, 'under_review');
    const nothing = runCli(['assign', '--batch', batch.code, '--category', '1'], env);
    assert.equal(nothing.status, 1);
    assert.match(nothing.stderr, /nothing_to_assign/);
    const unknown = runCli(['assign', '--batch', 'no-such-batch'], env);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /not_found/);
  });
});
