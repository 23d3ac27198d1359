// The expert workspace and library part of the authorization matrix: two applications under
// review (one in the county actor's 蓬江区 with the expert assigned, one in 江海区 without it), the
// expert a pool member with a linked account who accepted the demo batch's pledge. The requests of
// the 'expert' actor are sent from that account; bodies carry the version the sheet has now.
import assert from 'node:assert/strict';

import { acceptPledge, fullMarks, poolExperts, underReview } from '../scoring_support.mjs';

export const auditedAction = {
  'POST /api/pledges/:batch_id': 'review.pledge',
  'PUT /api/reviews/:id/scores': 'review.save',
  'POST /api/reviews/:id/submit': 'review.submit',
  'POST /api/reviews/:id/reopen': 'review.reopen',
};

const routes = new Set([
  'GET /api/pledges/:batch_id',
  'POST /api/pledges/:batch_id',
  'GET /api/reviews',
  'GET /api/reviews/:id',
  'PUT /api/reviews/:id/scores',
  'POST /api/reviews/:id/submit',
  'POST /api/reviews/:id/reopen',
  'GET /api/experts/me/score-sheet.pdf',
  'GET /api/experts/:id/score-sheet.pdf',
  'GET /api/applications/:id/materials.zip',
  'GET /api/batches/:id/review-results',
  'GET /api/batches/:id/library',
  'POST /api/batches/:id/library',
]);

let reviewer; // the 'expert' actor of these routes
let demoBatchId;

export async function fixtures(f) {
  const baseUrl = f.actors.organizer.baseUrl;
  const experts = await poolExperts(baseUrl, 6);
  reviewer = experts[0].client;
  const own = await underReview(baseUrl, experts.slice(0, 5));
  const foreign = await underReview(baseUrl, experts.slice(1, 6), { county: '440704' });
  demoBatchId = own.batch.id;
  for (const expert of experts) await acceptPledge(expert.client, demoBatchId);
  const batches = await f.observer.request('GET', '/api/batches');
  const other = batches.body.batches.find((b) => !b.is_demo);
  assert.ok(other, 'the policy batch is installed beside the demo batch');
  const reviewsOf = async (applicationId) => {
    const list = await own.organizer.request('GET', `/api/reviews?batch_id=${demoBatchId}`);
    return list.body.reviews.filter((r) => r.application_id === applicationId);
  };
  const ownApplication = own.applications[0].application.id;
  const foreignApplication = foreign.applications[0].application.id;
  return {
    objects: {
      batch_demo: demoBatchId,
      batch_2022: other.id,
      review_own: (await reviewsOf(ownApplication)).find((r) => r.expert.id === experts[0].id).id,
      review_foreign: (await reviewsOf(foreignApplication)).find((r) => r.expert.id === experts[1].id).id,
      app_review_own: ownApplication,
      app_review_foreign: foreignApplication,
      expert_own: experts[0].id,
      expert_other: experts[1].id,
      expert_unlinked: 999999999,
    },
    owners: {},
  };
}

// The sheet's current version as `client` sees it (0 for a foreign one it cannot see).
async function versionOf(client, id) {
  const reply = await client.request('GET', `/api/reviews/${id}`);
  return reply.status === 200 ? reply.body.version : 0;
}

async function scoresBody(f, actorName, client, id) {
  const version = await versionOf(client, id);
  const body = { version, scores: { implementation_basis: 16 }, comments: {}, overall_comment: '' };
  if (actorName === 'organizer') body.offline_note = '矩阵：线下评审会录入';
  return body;
}

// Saves a complete sheet first (so that submitting can succeed), then answers the submit body.
async function submitBody(f, actorName, client, id) {
  const form = await client.request('GET', `/api/reviews/${id}`);
  if (form.status !== 200) return { version: 0 };
  if (form.body.state === 'submitted') return { version: form.body.version };
  const scores = fullMarks(form.body, 0.8);
  const saved = await client.request('PUT', `/api/reviews/${id}/scores`, {
    version: form.body.version,
    scores,
    comments: {},
    overall_comment: '矩阵',
    ...(actorName === 'organizer' ? { offline_note: '矩阵：线下评审会录入' } : {}),
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  return { version: saved.body.version };
}

export async function request(f, route, actorName, objectName) {
  if (!routes.has(route)) return undefined;
  const [method, pattern] = route.split(' ');
  const client = actorName === 'expert' ? reviewer : f.actors[actorName];
  const id = objectName ? f.objects[objectName] : undefined;
  let path = pattern.replace(/:(batch_id|id)/, String(id));
  let body;
  if (pattern.endsWith('score-sheet.pdf')) path += `?batch_id=${demoBatchId}`;
  if (route === 'POST /api/pledges/:batch_id') {
    const pledge = await reviewer.request('GET', path);
    body = { pledge_hash: pledge.body?.pledge_hash ?? '' };
  }
  if (route === 'PUT /api/reviews/:id/scores') body = await scoresBody(f, actorName, client, id);
  if (route === 'POST /api/reviews/:id/submit') body = await submitBody(f, actorName, client, id);
  if (route === 'POST /api/reviews/:id/reopen') body = { reason: '矩阵：请复核' };
  if (route === 'POST /api/batches/:id/library') body = { category: 1 };
  const reply = await client.request(method, path, body);
  return { status: reply.status };
}
