// Helpers for the review pipeline's API tests: staff accounts and applications brought to a given
// step over HTTP, the way the people who do the steps would. Every function takes the server's
// base URL (or signed-in clients) and answers plain objects:
//
//   staff(baseUrl, role, {county_code?})        → a new signed-in account of the role (county
//                                                  officers need county_code)
//   countyOfficer(baseUrl, county = '440703')  → the county's officer for this server (made once, reused)
//   organizer(baseUrl)                         → an organizer for this server (made once, reused)
//   verifiedEnterprise(baseUrl, county)        → the signed-in administrator of a new enterprise of the
//                                                  county, verified by its county (client.enterprise)
//   submittedApplication(baseUrl, {county, category, enterprise})
//                                              → {enterprise, application} — submitted, awaiting the county
//   recommendedApplication(baseUrl, {county, category, enterprise})
//                                              → {enterprise, officer, application} — county_recommended
//   formallyPassedApplication(baseUrl, {county, category, enterprise})
//                                              → {enterprise, officer, organizer, application} — formal_check_passed
//   passingChecklist                           → the checklist items a person judges, all true
//   inbox(client)                              → the client's notifications (GET /api/notifications body)
//
// `category` is 1 (the only one with a ready-made complete form here); `enterprise` reuses a
// client from verifiedEnterprise (one live application per category and batch).
import assert from 'node:assert/strict';

import { createUser, registerEnterprise, signedIn, strongPassword, unique } from './accounts_support.mjs';
import { benchmarkForm, createApplication, prepareForSubmission, submit } from './application_support.mjs';

const accounts = new Map();

export async function staff(baseUrl, role, extra = {}) {
  const admin = await signedIn(baseUrl, 'demo-admin', 'demo-admin-2022');
  const username = unique(role);
  const password = strongPassword();
  await createUser(admin, { username, role, password, display_name: `${role} ${username}`, ...extra });
  return signedIn(baseUrl, username, password);
}

async function once(key, make) {
  if (!accounts.has(key)) accounts.set(key, make());
  return accounts.get(key);
}

export const countyOfficer = (baseUrl, county = '440703') =>
  once(`${baseUrl} county ${county}`, () => staff(baseUrl, 'county', { county_code: county }));

export const organizer = (baseUrl) => once(`${baseUrl} organizer`, () => staff(baseUrl, 'organizer'));

export async function verifiedEnterprise(baseUrl, county = '440703') {
  const registered = await registerEnterprise(baseUrl, county);
  const officer = await countyOfficer(baseUrl, county);
  const verified = await officer.request('POST', `/api/enterprises/${registered.enterprise.id}/verify`, {
    note: '营业执照与授权书已核对',
  });
  assert.equal(verified.status, 200, JSON.stringify(verified.body));
  const client = await signedIn(baseUrl, registered.username, registered.password);
  client.enterprise = registered.enterprise;
  return client;
}

export async function submittedApplication(baseUrl, { county = '440703', category = 1, enterprise } = {}) {
  const client = enterprise ?? (await verifiedEnterprise(baseUrl, county));
  const draft = await createApplication(client, category);
  const ready = await prepareForSubmission(client, draft, benchmarkForm(draft, client.enterprise.credit_code));
  const submitted = await submit(client, ready);
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  return { enterprise: client, application: submitted.body };
}

export async function recommendedApplication(baseUrl, options = {}) {
  const { enterprise, application } = await submittedApplication(baseUrl, options);
  const officer = await countyOfficer(baseUrl, options.county ?? '440703');
  const reply = await officer.request('POST', `/api/applications/${application.id}/recommend`, {
    version: application.version,
  });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return { enterprise, officer, application: reply.body };
}

export const passingChecklist = { sealed_scan_matches: true, materials_authentic: true };

export async function formallyPassedApplication(baseUrl, options = {}) {
  const { enterprise, officer, application } = await recommendedApplication(baseUrl, options);
  const checker = await organizer(baseUrl);
  const reply = await checker.request('POST', `/api/applications/${application.id}/formal-check`, {
    version: application.version,
    outcome: 'pass',
    checklist: passingChecklist,
  });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return { enterprise, officer, organizer: checker, application: reply.body };
}

export async function inbox(client) {
  const reply = await client.request('GET', '/api/notifications');
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body;
}
