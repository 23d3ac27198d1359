// Helpers for selection (排序优选), publicity (公示), approval (下达) and disbursement (拨付) tests:
// applications brought over HTTP from a draft into the project library of a batch of their own,
// then selected, publicized and approved the way the organizer and the bureau would.
//
// The PostgreSQL database is shared by every API test file of a run, and a confirmed selection
// locks its batch, so every scenario runs in a fresh batch: `freshBatch` writes a copy of the
// shipped policy with a unique id and runs `iifund demo` on it, which installs its open 【演示】
// twin (with the demo applications the demo data puts in every demo batch: they are scored
// below the library threshold). Objections are sent with their own X-Forwarded-For address (the server trusts the
// loopback proxy), so the per-address limit of one test never counts another's.
//
//   startSelectionServer()        → ctx: a server in test mode with a clock file and a data dir of
//                                   its own, trusting 127.0.0.1 as a proxy; ctx.baseUrl,
//                                   ctx.setClock(ms | null) (null: the wall clock), ctx.stop()
//   freshBatch(ctx, {publicity_days?})
//                                 → a new open batch (GET /api/batches row) with the shipped rules
//   ctx.organizer(), ctx.bureau() → signed-in accounts of the role for this server (made once)
//   libraryApplications(ctx, batch, specs)
//                                 → [{enterprise, application}] in_library, in the order of specs;
//                                   spec = {score (60–100, every expert gives it), requested_fen
//                                   (the computed subsidy: category 1, well under its caps),
//                                   county = '440703'}
//   setBudget(ctx, batch, {budget_fen, category_budgets = {}})
//                                 → the budget (PUT /api/batches/:id/budget from its current version)
//   confirmedSelection(ctx, batch, specs, {budget_fen, category_budgets, method = 'rank_order'})
//                                 → {applications, run}: the library, a run, confirmed
//   publicizedSelection(ctx, batch, specs, options)
//                                 → {applications, run, publicity}: published, open now
//   approvedSelection(ctx, batch, specs, options)
//                                 → {applications, run, publicity, approval}: published 8 days in
//                                   the past (the clock stands back for that one request) and
//                                   approved by the bureau at the wall clock
//   objection(ctx, publicityId, fields = {}, address = fresh)
//                                 → the raw reply of POST /api/public/publicity/:id/objections from
//                                   an anonymous client at `address`, with a complete named body
//                                   (objector, phone, content, a small sealed PDF letter) overridden
//                                   by `fields` (a field set to undefined is left out)
//   freshAddress()                → an address no other test uses
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client, signedIn, unique } from './accounts_support.mjs';
import { benchmarkForm, prepareForSubmission, submit, tinyPdf } from './application_support.mjs';
import { cleanPool } from './expert_support.mjs';
import { countyOfficer, passingChecklist, staff, verifiedEnterprise } from './review_support.mjs';
import { repoRoot, runCli, serverEnvironment, startServer } from './support.mjs';

const at = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
export const DAY = 86_400_000;

export async function startSelectionServer(extraEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'iifund-selection-'));
  const clockFile = join(dataDir, 'now');
  writeFileSync(clockFile, '');
  const env = {
    IIFUND_TEST_MODE: '1',
    IIFUND_TEST_CLOCK_FILE: clockFile,
    IIFUND_DATA_DIR: dataDir,
    IIFUND_TRUSTED_PROXIES: '127.0.0.1',
    ...extraEnv,
  };
  const server = await startServer({ env });
  const roles = new Map();
  const ctx = {
    server,
    baseUrl: server.baseUrl,
    dataDir,
    env,
    setClock(ms) {
      writeFileSync(clockFile, ms === null || ms === undefined ? '' : at(ms));
    },
    role(name) {
      if (!roles.has(name)) roles.set(name, staff(server.baseUrl, name));
      return roles.get(name);
    },
    organizer() {
      return ctx.role('organizer');
    },
    bureau() {
      return ctx.role('bureau');
    },
    stop: () => server.stop(),
  };
  return ctx;
}

// A copy of the shipped policy under a unique id, installed with its open demo twin.
export async function freshBatch(ctx, { publicity_days } = {}) {
  const id = unique('h5').toLowerCase().replace(/[^a-z0-9-]/g, '-');
  let text = readFileSync(join(repoRoot, 'policies/jiangmen-2022-batch2.toml'), 'utf8');
  text = text.replace(/^id = "jiangmen-2022-batch2"$/m, `id = "${id}"`);
  if (publicity_days) text = text.replace(/^publicity_days = \d+/m, `publicity_days = ${publicity_days}`);
  const file = join(ctx.dataDir, `${id}.toml`);
  writeFileSync(file, text);
  const installed = runCli(['demo'], serverEnvironment({ ...ctx.env, IIFUND_POLICY: file }));
  assert.equal(installed.status, 0, installed.stderr);
  const reply = await new Client(ctx.baseUrl).request('GET', '/api/batches');
  const batch = reply.body.batches.find((b) => b.code === `demo-${id}`);
  assert.ok(batch, `batch demo-${id} installed`);
  return batch;
}

// Drafts, fills, finalizes and submits a category-1 application of a new enterprise in `batch`.
async function submittedIn(ctx, batch, { requested_fen, county = '440703' }) {
  const enterprise = await verifiedEnterprise(ctx.baseUrl, county);
  const created = await enterprise.request('POST', '/api/applications', { batch_id: batch.id, category: 1 });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const form = benchmarkForm(created.body, enterprise.enterprise.credit_code, undefined, requested_fen);
  const ready = await prepareForSubmission(enterprise, created.body, form);
  const submitted = await submit(enterprise, ready);
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  assert.equal(submitted.body.computed.amount_fen, requested_fen, "the computed subsidy is the amount requested");
  return { enterprise, application: submitted.body };
}

// Every sheet of the batch's category-1 reviews entered offline by the organizer: each expert
// gives the application `score` of 100 (the same share of every criterion's maximum). The demo
// applications `iifund demo` puts in every demo batch get 50, below the library threshold, so
// only the test's own applications enter the library.
const BELOW_LIBRARY = 50;
async function scoreAll(organizer, batch, scores) {
  const listed = await organizer.request('GET', `/api/reviews?batch_id=${batch.id}`);
  assert.equal(listed.status, 200, JSON.stringify(listed.body));
  for (const review of listed.body.reviews) {
    const share = (scores.get(review.application_id) ?? BELOW_LIBRARY) / 100;
    const sheet = await organizer.request('GET', `/api/reviews/${review.id}`);
    assert.equal(sheet.status, 200, JSON.stringify(sheet.body));
    const values = Object.fromEntries(sheet.body.criteria.map((c) => [c.id, c.max_score * share]));
    const comments = share < 0.6 ? Object.fromEntries(sheet.body.criteria.map((c) => [c.id, '不足'])) : {};
    const saved = await organizer.request('PUT', `/api/reviews/${review.id}/scores`, {
      version: sheet.body.version,
      scores: values,
      comments,
      overall_comment: '同意',
      offline_note: '专家纸质评分表录入',
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const done = await organizer.request('POST', `/api/reviews/${review.id}/submit`, {
      version: saved.body.version,
      offline_note: '专家纸质评分表录入',
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
  }
}

export async function libraryApplications(ctx, batch, specs) {
  const organizer = await ctx.organizer();
  const made = [];
  for (const spec of specs) made.push(await submittedIn(ctx, batch, spec));
  for (const [i, item] of made.entries()) {
    const officer = await countyOfficer(ctx.baseUrl, specs[i].county ?? '440703');
    const recommended = await officer.request('POST', `/api/applications/${item.application.id}/recommend`, {
      version: item.application.version,
    });
    assert.equal(recommended.status, 200, JSON.stringify(recommended.body));
    const passed = await organizer.request('POST', `/api/applications/${item.application.id}/formal-check`, {
      version: recommended.body.version,
      outcome: 'pass',
      checklist: passingChecklist,
    });
    assert.equal(passed.status, 200, JSON.stringify(passed.body));
  }
  await cleanPool(organizer, 5);
  const run = await organizer.request('POST', `/api/batches/${batch.id}/assignment-runs`, { category: 1 });
  assert.equal(run.status, 201, JSON.stringify(run.body));
  const confirmed = await organizer.request('POST', `/api/assignment-runs/${run.body.id}/confirm`, {});
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  await scoreAll(organizer, batch, new Map(made.map((item, i) => [item.application.id, specs[i].score])));
  const library = await organizer.request('POST', `/api/batches/${batch.id}/library`, { category: 1 });
  assert.equal(library.status, 200, JSON.stringify(library.body));
  for (const item of made) {
    const reply = await item.enterprise.request('GET', `/api/applications/${item.application.id}`);
    assert.equal(reply.body.state, 'in_library', `${item.application.number} is in the library`);
    item.application = reply.body;
  }
  return made;
}

export async function setBudget(ctx, batch, { budget_fen, category_budgets = {} }) {
  const organizer = await ctx.organizer();
  const current = await organizer.request('GET', `/api/batches/${batch.id}/budget`);
  assert.equal(current.status, 200, JSON.stringify(current.body));
  const reply = await organizer.request('PUT', `/api/batches/${batch.id}/budget`, {
    budget_fen,
    category_budgets,
    version: current.body.version,
  });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body;
}

export async function confirmedSelection(ctx, batch, specs, { budget_fen, category_budgets, method = 'rank_order' } = {}) {
  const applications = await libraryApplications(ctx, batch, specs);
  if (budget_fen) await setBudget(ctx, batch, { budget_fen, category_budgets });
  const organizer = await ctx.organizer();
  const run = await organizer.request('POST', `/api/batches/${batch.id}/selection-runs`, {});
  assert.equal(run.status, 201, JSON.stringify(run.body));
  const confirmed = await organizer.request('POST', `/api/selection-runs/${run.body.id}/confirm`, { method });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  return { applications, run: confirmed.body };
}

export async function publicizedSelection(ctx, batch, specs, options = {}) {
  const selected = await confirmedSelection(ctx, batch, specs, options);
  const organizer = await ctx.organizer();
  const published = await organizer.request('POST', `/api/batches/${batch.id}/publicity`, {});
  assert.equal(published.status, 201, JSON.stringify(published.body));
  return { ...selected, publicity: published.body };
}

export async function approvedSelection(ctx, batch, specs, options = {}) {
  const selected = await confirmedSelection(ctx, batch, specs, options);
  // The publicity ran its course: published 8 days ago, from a session of that day.
  const organizer = await ctx.organizer();
  ctx.setClock(Date.now() - 8 * DAY);
  let published;
  try {
    const past = await signedIn(ctx.baseUrl, organizer.username, organizer.password);
    published = await past.request('POST', `/api/batches/${batch.id}/publicity`, {});
  } finally {
    ctx.setClock(null);
  }
  assert.equal(published.status, 201, JSON.stringify(published.body));
  const bureau = await ctx.bureau();
  const approval = await bureau.request('POST', `/api/batches/${batch.id}/approval`, {});
  assert.equal(approval.status, 200, JSON.stringify(approval.body));
  return { ...selected, publicity: published.body, approval: approval.body };
}

let addressCounter = Math.floor(Math.random() * 250);
export function freshAddress() {
  addressCounter += 1;
  return `10.${(addressCounter >> 8) & 255}.${addressCounter & 255}.${1 + Math.floor(Math.random() * 250)}`;
}

export const sealedLetter = () => ({
  file_name: '异议书（签名盖章）.pdf',
  content_base64: tinyPdf('objection letter').toString('base64'),
});

export async function objection(ctx, publicityId, fields = {}, address = freshAddress()) {
  const body = {
    objector_name: '陈异议',
    objector_organization: '江门市某某制造有限公司',
    phone: '13712345678',
    address: '江门市蓬江区某路 1 号',
    content: '该项目的投资发票存在重复使用的情况，请核查。',
    letter: sealedLetter(),
    ...fields,
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  const client = new Client(ctx.baseUrl, { headers: { 'X-Forwarded-For': address } });
  return client.request('POST', `/api/public/publicity/${publicityId}/objections`, body);
}
