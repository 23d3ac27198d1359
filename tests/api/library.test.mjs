// Aggregation and the project library (汇总与入库) over HTTP: five experts score, the organizer
// watches the trimmed mean and the divergence flag as sheets arrive, adds a reviewer where the
// experts disagree, and — once the category is fully scored — moves applications at or above the
// threshold into the library and the others to not_selected with the reason.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { signedIn } from './accounts_support.mjs';
import { inbox, staff } from './review_support.mjs';
import {
  acceptPledge,
  fillOthersOffline,
  fullMarks,
  poolExperts,
  reviewOf,
  scoreAndSubmit,
  underReview,
} from './scoring_support.mjs';
import { startServer } from './support.mjs';

let server;
let experts; // five assigned, the sixth added where the experts disagree
let setup;
let strong; // {application, enterprise}: totals 90, 80, 80, 70, 30 (then 80 from the sixth)
let weak; //   totals 50, 60, 50, 40, 50

before(async () => {
  server = await startServer();
  experts = await poolExperts(server.baseUrl, 6);
  setup = await underReview(server.baseUrl, experts.slice(0, 5), { count: 2 });
  [strong, weak] = setup.applications;
  for (const expert of experts) await acceptPledge(expert.client, setup.batch.id);
});

after(async () => {
  await server?.stop();
});

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const round2 = (value) => Math.round(value * 100) / 100;

async function results(client = setup.organizer) {
  const reply = await client.request('GET', `/api/batches/${setup.batch.id}/review-results?category=1`);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body;
}
const rowOf = (body, application) => body.applications.find((a) => a.application_id === application.application.id);

async function score(expert, target, share) {
  const review = await reviewOf(expert.client, target.application.id);
  const form = await expert.client.request('GET', `/api/reviews/${review.id}`);
  return scoreAndSubmit(expert.client, review.id, fullMarks(form.body, share));
}

test('nothing enters the library while a sheet is missing; the refusal names the applications', async () => {
  const body = await results();
  assert.equal(body.ranking_score, 'trimmed_mean');
  assert.equal(body.threshold, 60);
  const row = rowOf(body, strong);
  assert.deepEqual(
    [row.sheets_submitted, row.sheets_expected, row.trimmed_mean, row.divergent, row.state],
    [0, 5, null, false, 'under_review'],
  );
  assert.equal(body.categories.find((c) => c.category === 1).fully_scored, false);
  const refused = await setup.organizer.request('POST', `/api/batches/${setup.batch.id}/library`, { category: 1 });
  assert.equal(refused.status, 422);
  assert.equal(refused.body.code, 'category_not_fully_scored');
  assert.ok(refused.body.facts.missing.includes(strong.application.number));
  assert.ok(refused.body.facts.missing.includes(weak.application.number));
  const state = await setup.organizer.request('GET', `/api/applications/${strong.application.id}`);
  assert.equal(state.body.state, 'under_review', 'a refusal changes nothing');
});

test('as sheets arrive the organizer sees the trimmed mean and the divergence flag, never who gave what', async () => {
  const shares = [0.9, 0.8, 0.8, 0.7];
  for (let i = 0; i < shares.length; i++) await score(experts[i], strong, shares[i]);
  let row = rowOf(await results(), strong);
  assert.equal(row.sheets_submitted, 4);
  assert.equal(row.trimmed_mean, 80, 'fewer than five sheets: nothing is trimmed');
  assert.equal(row.normalized, null, 'normalized only once the category is complete');
  assert.equal(row.divergent, false);

  await score(experts[4], strong, 0.3);
  const body = await results();
  row = rowOf(body, strong);
  const totals = [90, 80, 80, 70, 30];
  assert.equal(row.sheets_submitted, 5);
  assert.equal(row.trimmed_mean, round2(mean([80, 80, 70])), 'the highest and the lowest are dropped');
  const sd = Math.sqrt(mean(totals.map((t) => (t - mean(totals)) ** 2)));
  assert.equal(row.spread_sd, round2(sd));
  assert.equal(row.divergent, true, `spread ${sd} is above 15`);
  const text = JSON.stringify(body);
  for (const expert of experts) assert.ok(!text.includes(expert.name), 'no expert is named');
  assert.ok(!/expert/.test(Object.keys(row).join(',')));

  const bureau = await staff(server.baseUrl, 'bureau');
  assert.equal(rowOf(await results(bureau), strong).trimmed_mean, row.trimmed_mean);
  assert.equal((await experts[0].client.request('GET', `/api/batches/${setup.batch.id}/review-results`)).status, 403);
});

test('a reviewer added after the divergence flag is expected too; his sheet joins the trimmed mean', async () => {
  const added = await setup.organizer.request('POST', `/api/applications/${strong.application.id}/reviewers`, {
    expert_id: experts[5].id,
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  let row = rowOf(await results(), strong);
  assert.deepEqual([row.sheets_submitted, row.sheets_expected], [5, 6]);
  await score(experts[5], strong, 0.8);
  row = rowOf(await results(), strong);
  assert.deepEqual([row.sheets_submitted, row.sheets_expected], [6, 6]);
  assert.equal(row.trimmed_mean, round2(mean([80, 80, 70, 80])));
});

test('once the category is fully scored, the library takes those at or above the threshold and not the others', async () => {
  for (const [i, share] of [0.5, 0.6, 0.5, 0.4, 0.5].entries()) await score(experts[i], weak, share);
  let missing = await setup.organizer.request('POST', `/api/batches/${setup.batch.id}/library`, { category: 1 });
  if (missing.status === 422) {
    // The demo data's category-1 applications share the batch: their sheets come from an offline meeting.
    assert.equal(missing.body.code, 'category_not_fully_scored');
    assert.ok(!missing.body.facts.missing.includes(strong.application.number));
    await fillOthersOffline(setup.organizer, setup.batch.id, 1, [strong.application.id, weak.application.id]);
  }
  const complete = await results();
  assert.equal(complete.categories.find((c) => c.category === 1).fully_scored, true);
  assert.equal(rowOf(complete, strong).normalized !== null, true, 'normalized once the category is complete');

  const bureau = await staff(server.baseUrl, 'bureau');
  assert.equal((await bureau.request('POST', `/api/batches/${setup.batch.id}/library`, { category: 1 })).status, 403);
  const noCategory = await setup.organizer.request('POST', `/api/batches/${setup.batch.id}/library`, {});
  assert.equal(noCategory.status, 422);

  const decided = await setup.organizer.request('POST', `/api/batches/${setup.batch.id}/library`, { category: 1 });
  assert.equal(decided.status, 200, JSON.stringify(decided.body));
  assert.equal(decided.body.threshold, 60);
  const entered = decided.body.in_library.map((a) => a.application_id);
  const missed = decided.body.not_selected.map((a) => a.application_id);
  assert.ok(entered.includes(strong.application.id));
  assert.ok(missed.includes(weak.application.id));
  assert.equal(decided.body.not_selected.find((a) => a.application_id === weak.application.id).ranking_score, 50);

  const strongView = await strong.enterprise.request('GET', `/api/applications/${strong.application.id}`);
  const weakView = await weak.enterprise.request('GET', `/api/applications/${weak.application.id}`);
  assert.equal(strongView.body.state, 'in_library');
  assert.equal(weakView.body.state, 'not_selected');
  const history = await weak.enterprise.request('GET', `/api/applications/${weak.application.id}/history`);
  const events = history.body.events;
  assert.deepEqual(
    events.slice(-2).map((e) => [e.action, e.from_state, e.to_state]),
    [
      ['finish_review', 'under_review', 'reviewed'],
      ['below_threshold', 'reviewed', 'not_selected'],
    ],
  );
  const last = events.at(-1);
  assert.equal(last.reason, '评审得分低于入库分数线');
  assert.equal(last.details.score, 50);
  assert.equal(last.details.threshold, 60);
  assert.equal(last.actor_role, 'organizer');
  assert.ok((await inbox(weak.enterprise)).notifications.some((n) => n.kind === 'application.not_selected'));
  assert.ok((await inbox(strong.enterprise)).notifications.some((n) => n.kind === 'application.in_library'));

  const admin = await signedIn(server.baseUrl, 'demo-admin', 'demo-admin-2022');
  for (const action of ['application.finish_review', 'application.enter_library', 'application.below_threshold']) {
    const audit = await admin.request('GET', `/api/audit?action=${action}&page_size=50`);
    assert.ok(audit.body.records.some((r) => r.object === `application:${[strong, weak][action.endsWith('threshold') ? 1 : 0].application.id}`), action);
  }
});

test('the library lists its applications by ranking score; the decision is final for the sheets', async () => {
  const reply = await setup.organizer.request('GET', `/api/batches/${setup.batch.id}/library?category=1`);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  const rows = reply.body.applications;
  const row = rows.find((a) => a.application_id === strong.application.id);
  assert.ok(row);
  assert.equal(row.trimmed_mean, 77.5);
  assert.equal(row.ranking_score, 77.5);
  assert.equal(row.state, 'in_library');
  assert.equal(row.requested_fen, strong.application.requested_fen ?? row.requested_fen);
  assert.ok(rows.every((a) => a.ranking_score >= 60));
  assert.ok(!rows.some((a) => a.application_id === weak.application.id));
  const scores = rows.map((a) => a.ranking_score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  assert.deepEqual(rows.map((a) => a.rank), rows.map((_, i) => i + 1));

  const bureau = await staff(server.baseUrl, 'bureau');
  assert.equal((await bureau.request('GET', `/api/batches/${setup.batch.id}/library`)).status, 200);
  const county = await staff(server.baseUrl, 'county', { county_code: '440703' });
  assert.equal((await county.request('GET', `/api/batches/${setup.batch.id}/library`)).status, 403);

  const again = await setup.organizer.request('POST', `/api/batches/${setup.batch.id}/library`, { category: 1 });
  assert.equal(again.status, 422);
  assert.equal(again.body.code, 'nothing_under_review');
  const review = await reviewOf(experts[0].client, strong.application.id);
  const closed = await experts[0].client.request('PUT', `/api/reviews/${review.id}/scores`, { version: 1, scores: {} });
  assert.equal(closed.status, 409);
  assert.ok(['review_closed', 'review_locked'].includes(closed.body.code), closed.body.code);
  const reopen = await setup.organizer.request('POST', `/api/reviews/${review.id}/reopen`, { reason: '复核' });
  assert.equal(reopen.status, 409);
  assert.equal(reopen.body.code, 'review_closed');
});
