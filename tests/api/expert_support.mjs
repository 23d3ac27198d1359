// Helpers for the expert pool and the assignment (专家库与分配), for any test that needs experts on
// an application. The pool is shared by every test file on PostgreSQL, so every helper makes its
// own experts with unique names and never counts the whole pool.
//
//   poolExpert(client, fields = {})           → the expert record made by `client` (organizer or
//                                                admin) with POST /api/experts; defaults: a unique
//                                                name, fields ['1','2','3','4'], no county (from
//                                                outside the city), a unique employer, max_load 50
//   expertAccount(baseUrl, expert)             → a signed-in client of a new expert account linked
//                                                to `expert` (POST /api/users {role: 'expert',
//                                                expert_id}); client.expert is the record
//   cleanPool(client, n = 5, fields = {})      → n pool experts without any conflict with anybody
//   assignAndConfirm(organizer, batchId, {category, seed, applicationIds})
//                                              → the confirmed run (POST /api/batches/:id/assignment-runs,
//                                                then /confirm); asserts every id of applicationIds is in it
//   reviewersOf(run, applicationId)            → the expert ids the run gives the application
import assert from 'node:assert/strict';

import { creditCode, signedIn, strongPassword, unique } from './accounts_support.mjs';

export async function poolExpert(client, fields = {}) {
  const body = {
    name: `专家 ${unique('x')}`,
    title: '高级工程师',
    employer_name: `外地单位 ${unique('e')}`,
    employer_credit_code: creditCode('440100'),
    county_code: '',
    fields: ['1', '2', '3', '4'],
    declared: [],
    max_load: 50,
    phone: '',
    ...fields,
  };
  const reply = await client.request('POST', '/api/experts', body);
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  return reply.body;
}

export async function expertAccount(baseUrl, expert) {
  const admin = await signedIn(baseUrl, 'demo-admin', 'demo-admin-2022');
  const username = unique('expert');
  const password = strongPassword();
  const reply = await admin.request('POST', '/api/users', {
    username,
    display_name: expert.name,
    role: 'expert',
    password,
    expert_id: expert.id,
  });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  const client = await signedIn(baseUrl, username, password);
  client.expert = expert;
  return client;
}

export async function cleanPool(client, n = 5, fields = {}) {
  const experts = [];
  for (let i = 0; i < n; i++) experts.push(await poolExpert(client, fields));
  return experts;
}

export async function assignAndConfirm(organizer, batchId, { category, seed, applicationIds = [] } = {}) {
  const run = await organizer.request('POST', `/api/batches/${batchId}/assignment-runs`, { category, seed });
  assert.equal(run.status, 201, JSON.stringify(run.body));
  for (const id of applicationIds) {
    assert.ok(run.body.applications.some((a) => a.application_id === id), `application ${id} is in the run`);
  }
  const confirmed = await organizer.request('POST', `/api/assignment-runs/${run.body.id}/confirm`, {});
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  return confirmed.body;
}

export function reviewersOf(run, applicationId) {
  return run.applications.find((a) => a.application_id === applicationId).experts.map((e) => e.expert_id);
}
