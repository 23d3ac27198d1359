// 形式审查 over HTTP, on whichever database the run uses: the checklist computed from the frozen
// snapshot, pass / supplement (补正, answered by a resubmission) / fail with the reasons the
// enterprise reads, every refusal (wrong role, stale version, missing reason, unmet checklist,
// a state that no longer allows it), and the random re-check by a second organizer with its
// disagreements.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, signedIn } from './accounts_support.mjs';
import { createApplication, submit, tinyPdf, uploadFile } from './application_support.mjs';
import {
  countyOfficer,
  formallyPassedApplication,
  inbox,
  organizer,
  passingChecklist,
  recommendedApplication,
  staff,
  submittedApplication,
  verifiedEnterprise,
} from './review_support.mjs';
import { startServer } from './support.mjs';

let server;
let checker;
before(async () => {
  server = await startServer();
  checker = await organizer(server.baseUrl);
});
after(async () => {
  await server?.stop();
});

const check = (client, application, body) =>
  client.request('POST', `/api/applications/${application.id}/formal-check`, { version: application.version, ...body });
const sheet = (client, id) => client.request('GET', `/api/applications/${id}/formal-check`);
const current = async (client, id) => (await client.request('GET', `/api/applications/${id}`)).body;

async function auditRecords(action) {
  const admin = await signedIn(server.baseUrl, 'demo-admin', 'demo-admin-2022');
  return (await admin.request('GET', `/api/audit?action=${action}&page_size=200`)).body.records;
}

describe('the checklist', () => {
  test('lists the policy’s materials and declarations and the fund’s rules, computed from the snapshot', async () => {
    const { application } = await recommendedApplication(server.baseUrl);
    const reply = await sheet(checker, application.id);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const items = Object.fromEntries(reply.body.items.map((item) => [item.id, item]));
    for (const material of application.materials.filter((m) => m.required)) {
      const item = items[`material:${material.material_id}`];
      assert.ok(item, `an item for ${material.material_id}`);
      assert.equal(item.ok, true);
      assert.equal(item.automatic, true);
      assert.match(item.label_zh, /申报材料齐全/);
    }
    for (const declaration of application.options.declarations) {
      assert.equal(items[`declaration:${declaration.id}`].ok, true, declaration.id);
    }
    assert.equal(items.amounts_consistent.ok, true);
    assert.equal(items.amounts_consistent.facts.requested_fen, 100_000_000);
    assert.equal(items.amounts_consistent.facts.max_subsidy_fen, 100_000_000);
    assert.equal(items.credit_code_valid.ok, true);
    assert.equal(items.not_duplicate.ok, true);
    assert.deepEqual(items.not_duplicate.facts.applications, []);
    for (const manual of ['sealed_scan_matches', 'materials_authentic']) {
      assert.equal(items[manual].automatic, false);
      assert.equal(items[manual].ok, null, 'a person judges it');
    }
    assert.deepEqual(reply.body.checks, []);
  });

  test('is the organizer’s: other roles are refused, a draft or unknown application is not found', async () => {
    const { enterprise, application } = await recommendedApplication(server.baseUrl);
    assert.equal((await sheet(enterprise, application.id)).status, 403);
    assert.equal((await sheet(await countyOfficer(server.baseUrl), application.id)).status, 403);
    assert.equal((await sheet(await staff(server.baseUrl, 'bureau'), application.id)).status, 403);
    assert.equal((await sheet(new Client(server.baseUrl), application.id)).status, 401);
    assert.equal((await sheet(checker, 99_999_999)).status, 404);
    const draftOwner = await verifiedEnterprise(server.baseUrl);
    const draft = await createApplication(draftOwner, 1);
    assert.equal((await sheet(checker, draft.id)).status, 404);
  });
});

describe('passing', () => {
  let enterprise;
  let application;
  before(async () => {
    ({ enterprise, application } = await recommendedApplication(server.baseUrl));
  });

  test('is refused while an item does not hold, naming each', async () => {
    const unjudged = await check(checker, application, { outcome: 'pass' });
    assert.equal(unjudged.status, 422);
    assert.equal(unjudged.body.code, 'checklist_incomplete');
    assert.deepEqual(unjudged.body.fields.map((f) => f.field).sort(), [
      'checklist.materials_authentic',
      'checklist.sealed_scan_matches',
    ]);
    const doubted = await check(checker, application, {
      outcome: 'pass',
      checklist: { ...passingChecklist, amounts_consistent: false },
    });
    assert.equal(doubted.status, 422);
    assert.deepEqual(doubted.body.fields.map((f) => f.field), ['checklist.amounts_consistent']);
    assert.equal((await current(checker, application.id)).state, 'county_recommended');
  });

  test('is refused to other roles, on a stale version and with a malformed body', async () => {
    const body = { outcome: 'pass', checklist: passingChecklist };
    assert.equal((await check(enterprise, application, body)).status, 403);
    assert.equal((await check(await countyOfficer(server.baseUrl), application, body)).status, 403);
    assert.equal((await check(new Client(server.baseUrl), application, body)).status, 401);
    const stale = await checker.request('POST', `/api/applications/${application.id}/formal-check`, {
      ...body,
      version: application.version - 1,
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'stale_version');
    const unknownItem = await check(checker, application, { outcome: 'pass', checklist: { ...passingChecklist, vibes: true } });
    assert.equal(unknownItem.status, 422);
    assert.deepEqual(unknownItem.body.fields.map((f) => [f.field, f.rule]), [['checklist.vibes', 'checklist_item_unknown']]);
    const notBool = await check(checker, application, { outcome: 'pass', checklist: { sealed_scan_matches: 'yes' } });
    assert.equal(notBool.status, 422);
    assert.equal(notBool.body.fields[0].field, 'checklist.sealed_scan_matches');
    const badOutcome = await check(checker, application, { outcome: 'maybe' });
    assert.equal(badOutcome.status, 422);
    assert.equal(badOutcome.body.fields[0].rule, 'outcome_unknown');
  });

  test('moves it on, keeps the checklist, tells the enterprise; then the check is locked', async () => {
    const reply = await check(checker, application, { outcome: 'pass', checklist: passingChecklist });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.state, 'formal_check_passed');
    assert.equal((await inbox(enterprise)).notifications[0].kind, 'application.formal_check_passed');
    const history = await enterprise.request('GET', `/api/applications/${application.id}/history`);
    const event = history.body.events.at(-1);
    assert.deepEqual([event.action, event.actor_role], ['pass_formal_check', 'organizer']);
    assert.equal(event.details.checklist.sealed_scan_matches, true);
    const after = await sheet(checker, application.id);
    assert.equal(after.body.checks.length, 1);
    const [first] = after.body.checks;
    assert.deepEqual([first.round, first.outcome, first.revision], ['first', 'pass', 1]);
    assert.equal(first.checked_by, checker.user.id);
    assert.ok(Object.values(first.checklist).every((ok) => ok === true));
    assert.ok((await auditRecords('application.pass_formal_check')).some((r) => r.object === `application:${application.id}`));
    const again = await check(checker, reply.body, { outcome: 'fail', reason: '复查' });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'illegal_transition');
  });

  test('is not possible before the county has recommended it', async () => {
    const { application: waiting } = await submittedApplication(server.baseUrl);
    const early = await check(checker, waiting, { outcome: 'pass', checklist: passingChecklist });
    assert.equal(early.status, 409);
    assert.equal(early.body.code, 'illegal_transition');
    assert.equal(early.body.facts.from, 'submitted');
  });
});

describe('a supplement request (补正)', () => {
  test('needs a reason, shows the enterprise what to supply, and a resubmission returns it to the check', async () => {
    const { enterprise, application } = await recommendedApplication(server.baseUrl);
    const bare = await check(checker, application, { outcome: 'supplement', fields: ['materials.invoices_and_contracts'] });
    assert.equal(bare.status, 422);
    assert.equal(bare.body.code, 'reason_required');
    assert.deepEqual(bare.body.fields.map((f) => f.field), ['reason']);
    const reason = '发票扫描件不清晰，请重新上传';
    const reply = await check(checker, application, {
      outcome: 'supplement',
      reason,
      fields: ['materials.invoices_and_contracts'],
      checklist: { materials_authentic: false },
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.state, 'supplement_requested');
    const seen = await current(enterprise, application.id);
    assert.equal(seen.editable, true);
    assert.deepEqual(seen.review_feedback, {
      action: 'request_supplement',
      role: 'organizer',
      reason,
      fields: ['materials.invoices_and_contracts'],
      at: seen.review_feedback.at,
    });
    assert.ok(seen.revision_deadline, 'the revision window runs');
    const notice = (await inbox(enterprise)).notifications[0];
    assert.equal(notice.kind, 'application.supplement_requested');
    assert.equal(notice.params.reason, reason);

    await uploadFile(enterprise, application.id, 'invoices_and_contracts', '发票（清晰版）.pdf', tinyPdf('clear invoices'));
    const ready = await current(enterprise, application.id);
    const resubmitted = await submit(enterprise, ready);
    assert.equal(resubmitted.status, 200, JSON.stringify(resubmitted.body));
    assert.equal(resubmitted.body.state, 'county_recommended', 'straight back to the formal check');
    assert.equal(resubmitted.body.revision, 2);
    assert.equal(resubmitted.body.review_feedback, null);
    const passed = await check(checker, resubmitted.body, { outcome: 'pass', checklist: passingChecklist });
    assert.equal(passed.status, 200, JSON.stringify(passed.body));
    const checks = (await sheet(checker, application.id)).body.checks;
    assert.deepEqual(checks.map((c) => [c.outcome, c.revision]), [['supplement', 1], ['pass', 2]]);
    assert.equal(checks[0].checklist.materials_authentic, false);
  });
});

describe('failing', () => {
  test('needs a reason, is final, and the enterprise reads why', async () => {
    const { enterprise, application } = await recommendedApplication(server.baseUrl);
    const bare = await check(checker, application, { outcome: 'fail', reason: ' ' });
    assert.equal(bare.status, 422);
    assert.equal(bare.body.code, 'reason_required');
    const reason = '申报主体不符合申报条件';
    const reply = await check(checker, application, { outcome: 'fail', reason });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.state, 'formal_check_failed');
    assert.equal(reply.body.next_step, 'closed');
    const seen = await current(enterprise, application.id);
    assert.deepEqual([seen.review_feedback.action, seen.review_feedback.reason], ['fail_formal_check', reason]);
    assert.equal((await inbox(enterprise)).notifications[0].kind, 'application.formal_check_failed');
    const later = await check(checker, reply.body, { outcome: 'pass', checklist: passingChecklist });
    assert.equal(later.status, 409);
    assert.ok((await auditRecords('application.fail_formal_check')).some((r) => r.object === `application:${application.id}`));
  });
});

describe('the random re-check by a second organizer', () => {
  let batchId;
  let agreed;
  let disputed;
  let second;

  before(async () => {
    agreed = (await formallyPassedApplication(server.baseUrl)).application;
    disputed = (await formallyPassedApplication(server.baseUrl)).application;
    batchId = agreed.batch_id;
    second = await staff(server.baseUrl, 'organizer');
  });

  const draw = (client, body) => client.request('POST', `/api/batches/${batchId}/formal-recheck/sample`, body);
  const recheck = (client, id, body) => client.request('POST', `/api/applications/${id}/formal-recheck`, body);

  test('draws a share of the checked applications; a bad share, another role or an unknown batch is refused', async () => {
    for (const share of [0, 101, '50', undefined]) {
      const refused = await draw(checker, { share_percent: share });
      assert.equal(refused.status, 422, `share ${share}`);
      assert.equal(refused.body.fields[0].field, 'share_percent');
    }
    assert.equal((await draw(await countyOfficer(server.baseUrl), { share_percent: 100 })).status, 403);
    assert.equal((await draw(await staff(server.baseUrl, 'bureau'), { share_percent: 100 })).status, 403);
    const unknown = await checker.request('POST', '/api/batches/999999/formal-recheck/sample', { share_percent: 10 });
    assert.equal(unknown.status, 404);
    const unsampled = await recheck(second, agreed.id, { outcome: 'pass', checklist: passingChecklist });
    assert.equal(unsampled.status, 404, 'only a sampled application is re-checked');

    const all = await draw(checker, { share_percent: 100, seed: 7 });
    assert.equal(all.status, 200, JSON.stringify(all.body));
    assert.ok(all.body.sampled.includes(agreed.id) && all.body.sampled.includes(disputed.id));
    assert.equal(all.body.sampled.length, all.body.candidates);
    assert.equal(all.body.seed, '7');
    const nothingLeft = await draw(checker, { share_percent: 100 });
    assert.deepEqual(nothingLeft.body.sampled, [], 'an application is sampled once');
    const another = await formallyPassedApplication(server.baseUrl);
    const small = await draw(checker, { share_percent: 1 });
    assert.deepEqual(small.body.sampled, [another.application.id], 'a small share still draws at least one');
    assert.ok((await auditRecords('formal_check.sample')).some((r) => r.object === `batch:${batchId}`));
  });

  test('must be made by someone other than the first checker, once, with a reason unless it passes', async () => {
    const same = await recheck(checker, agreed.id, { outcome: 'pass', checklist: passingChecklist });
    assert.equal(same.status, 403);
    assert.equal(same.body.code, 'same_checker');
    const county = await recheck(await countyOfficer(server.baseUrl), agreed.id, { outcome: 'pass' });
    assert.equal(county.status, 403);
    const unreasoned = await recheck(second, disputed.id, { outcome: 'fail' });
    assert.equal(unreasoned.status, 422);
    assert.equal(unreasoned.body.code, 'reason_required');

    const agree = await recheck(second, agreed.id, { outcome: 'pass', checklist: passingChecklist });
    assert.equal(agree.status, 201, JSON.stringify(agree.body));
    assert.deepEqual([agree.body.round, agree.body.outcome], ['recheck', 'pass']);
    const differ = await recheck(second, disputed.id, {
      outcome: 'supplement',
      reason: '盖章扫描件与定稿版本不一致',
      checklist: { sealed_scan_matches: false, materials_authentic: true },
    });
    assert.equal(differ.status, 201, JSON.stringify(differ.body));
    const twice = await recheck(second, agreed.id, { outcome: 'pass', checklist: passingChecklist });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, 'recheck_done');
    assert.equal((await current(checker, disputed.id)).state, 'formal_check_passed', 'a re-check changes no state');
    assert.ok((await auditRecords('formal_check.recheck')).some((r) => r.object === `application:${disputed.id}`));
  });

  test('lists the sample with both looks and counts the disagreements, for the organizer and the bureau', async () => {
    const reply = await checker.request('GET', `/api/batches/${batchId}/formal-recheck`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const byId = Object.fromEntries(reply.body.sampled.map((entry) => [entry.application_id, entry]));
    assert.equal(byId[agreed.id].agree, true);
    assert.equal(byId[agreed.id].number, agreed.number);
    assert.equal(byId[disputed.id].agree, false);
    assert.equal(byId[disputed.id].first.outcome, 'pass');
    assert.equal(byId[disputed.id].recheck.outcome, 'supplement');
    assert.equal(byId[disputed.id].recheck.checklist.sealed_scan_matches, false);
    const pending = reply.body.sampled.find((entry) => entry.recheck === null);
    assert.equal(pending.agree, null, 'not re-checked yet');
    assert.equal(reply.body.disagreements, reply.body.sampled.filter((entry) => entry.agree === false).length);
    assert.ok(reply.body.disagreements >= 1);
    const bureau = await staff(server.baseUrl, 'bureau');
    assert.deepEqual((await bureau.request('GET', `/api/batches/${batchId}/formal-recheck`)).body, reply.body);
    assert.equal((await (await countyOfficer(server.baseUrl)).request('GET', `/api/batches/${batchId}/formal-recheck`)).status, 403);
    assert.equal((await checker.request('GET', '/api/batches/999999/formal-recheck')).status, 404);
  });
});
