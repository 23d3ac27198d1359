// Helpers for the expert workspace and library tests: pool experts with their own accounts, and
// applications under review assigned to exactly the experts a test names, built over HTTP the way
// the organizer does it (run the assignment, swap the slots it chose for others, confirm).
//
//   poolExperts(baseUrl, count, {county})   → [{id, name, client}] — pool records with linked, signed-in
//                                             expert accounts (county 恩平 440785 unless given)
//   underReview(baseUrl, experts, {count, county})
//                                           → {organizer, batch, applications: [{application, enterprise}]}
//                                             — formally passed applications of new enterprises (蓬江区 unless given),
//                                             each assigned to exactly `experts` (five) and confirmed
//   acceptPledge(client, batchId)           → the accepted pledge
//   reviewOf(client, applicationId)         → the caller's review (assignment) of the application
//   fullMarks(review, share)                → {criterion: share × its maximum}
//   fillOthersOffline(organizer, batchId, category, skip)
//                                           → enters and submits, as the organizer from an offline
//                                             meeting, every other sheet of the category still open
//                                             (the demo data's applications share the category)
import assert from 'node:assert/strict';

import { createUser, creditCode, signedIn, strongPassword, unique } from './accounts_support.mjs';
import { demoBatch } from './application_support.mjs';
import { formallyPassedApplication, organizer as organizerOf } from './review_support.mjs';

export async function poolExperts(baseUrl, count, { county = '440785', fields = ['1', '2', '3', '4'] } = {}) {
  const admin = await signedIn(baseUrl, 'demo-admin', 'demo-admin-2022');
  const organizer = await organizerOf(baseUrl);
  const experts = [];
  for (let i = 0; i < count; i++) {
    const name = `评审专家${unique('x').slice(-6)}`;
    const made = await organizer.request('POST', '/api/experts', {
      name,
      title: '高级工程师',
      employer_name: `${name}所在研究院`,
      employer_credit_code: creditCode('440100'),
      county_code: county,
      fields,
      declared: [],
      max_load: 100,
      phone: '13900002222',
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const username = unique('expert');
    const password = strongPassword();
    await createUser(admin, { username, password, role: 'expert', expert_id: made.body.id, display_name: name });
    experts.push({ id: made.body.id, name, client: await signedIn(baseUrl, username, password) });
  }
  return experts;
}

// The run's slots of `application` changed so that exactly `wanted` review it.
async function assignExactly(organizer, run, applicationId, wanted) {
  const planned = run.applications.find((a) => a.application_id === applicationId);
  assert.ok(planned, `application ${applicationId} is in the run`);
  const current = planned.experts.map((e) => e.expert_id);
  const removals = current.filter((id) => !wanted.includes(id));
  const additions = wanted.filter((id) => !current.includes(id));
  assert.equal(removals.length, additions.length);
  for (let i = 0; i < removals.length; i++) {
    const reply = await organizer.request('PUT', `/api/assignment-runs/${run.id}/slots`, {
      application_id: applicationId,
      remove_expert_id: removals[i],
      add_expert_id: additions[i],
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
  }
}

export async function underReview(baseUrl, experts, { count = 1, county = '440703' } = {}) {
  const organizer = await organizerOf(baseUrl);
  const batch = await demoBatch(organizer);
  const applications = [];
  for (let i = 0; i < count; i++) applications.push(await formallyPassedApplication(baseUrl, { county }));
  const run = await organizer.request('POST', `/api/batches/${batch.id}/assignment-runs`, { category: 1, seed: 7 });
  assert.equal(run.status, 201, JSON.stringify(run.body));
  const wanted = experts.map((e) => e.id);
  for (const { application } of applications) await assignExactly(organizer, run.body, application.id, wanted);
  const confirmed = await organizer.request('POST', `/api/assignment-runs/${run.body.id}/confirm`, {});
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  return { organizer, batch, applications };
}

export async function acceptPledge(client, batchId) {
  const pledge = await client.request('GET', `/api/pledges/${batchId}`);
  assert.equal(pledge.status, 200, JSON.stringify(pledge.body));
  const accepted = await client.request('POST', `/api/pledges/${batchId}`, { pledge_hash: pledge.body.pledge_hash });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  return accepted.body;
}

export async function reviewOf(client, applicationId) {
  const list = await client.request('GET', '/api/reviews');
  assert.equal(list.status, 200, JSON.stringify(list.body));
  const review = list.body.reviews.find((r) => r.application_id === applicationId);
  assert.ok(review, `a review of application ${applicationId} is listed`);
  return review;
}

export function fullMarks(review, share) {
  return Object.fromEntries(review.criteria.map((c) => [c.id, Math.round(c.max_score * share * 2) / 2]));
}

// Saves and submits `scores` (with a comment on every criterion) on review `id`; answers the submitted review.
export async function scoreAndSubmit(client, id, scores, extra = {}) {
  const current = await client.request('GET', `/api/reviews/${id}`);
  assert.equal(current.status, 200, JSON.stringify(current.body));
  const comments = Object.fromEntries(Object.keys(scores).map((k) => [k, '已核对材料，意见如实填写。']));
  const saved = await client.request('PUT', `/api/reviews/${id}/scores`, {
    version: current.body.version,
    scores,
    comments,
    overall_comment: '综合意见。',
    ...extra,
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const submitted = await client.request('POST', `/api/reviews/${id}/submit`, { version: saved.body.version });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  return submitted.body;
}

export async function fillOthersOffline(organizer, batchId, category, skip = []) {
  const list = await organizer.request('GET', `/api/reviews?batch_id=${batchId}`);
  assert.equal(list.status, 200, JSON.stringify(list.body));
  for (const review of list.body.reviews) {
    if (review.category !== category || review.state === 'submitted') continue;
    if (review.application_state !== 'under_review' || skip.includes(review.application_id)) continue;
    const full = await organizer.request('GET', `/api/reviews/${review.id}`);
    await scoreAndSubmit(organizer, review.id, fullMarks(full.body, 0.8), { offline_note: '线下评审会录入' });
  }
}
