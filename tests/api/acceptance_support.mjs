// Helpers for the acceptance (验收) and training check-in tests: approved applications of category 1
// (benchmark, with a performance target) and category 4 (talent training), brought over HTTP from
// a draft through the county, the formal check, the experts, the library, selection, a publicity
// that ran its course, and the bureau's approval — in a batch of their own (selection_support.mjs).
//
//   approvedApplications(ctx, batch, specs)
//       → [{enterprise, application}] approved, in the order of specs; spec = {category: 1 | 4,
//         score = 85, county = '440703', enterprise?: a verified enterprise client to apply with};
//         ctx as startSelectionServer's, or {baseUrl, env, dataDir, organizer(), bureau(),
//         endPublicity(batch)} for a server without a test clock
//   talentForm(draft, creditCode)  → a complete category-4 form (10 planned events of 55 people)
//   beijingDate(ms = Date.now())   → "YYYY-MM-DD" of that instant in Beijing time
import assert from 'node:assert/strict';

import { signedIn } from './accounts_support.mjs';
import { benchmarkForm, declarationsOf, freshInvoice, line, prepareForSubmission, submit } from './application_support.mjs';
import { cleanPool } from './expert_support.mjs';
import { countyOfficer, passingChecklist, verifiedEnterprise } from './review_support.mjs';
import { DAY } from './selection_support.mjs';

export const beijingDate = (ms = Date.now()) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

export function talentForm(draft, code) {
  return {
    project_name: '工业互联网人才培养计划',
    summary: '面向企业家和信息化骨干开展工业互联网专题培训。',
    start_date: '2022-03-01',
    end_date: '2023-02-28',
    contact: { name: '刘工', phone: '13700137000' },
    declarations: declarationsOf(draft),
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

async function submittedIn(ctx, batch, spec) {
  const enterprise = spec.enterprise ?? (await verifiedEnterprise(ctx.baseUrl, spec.county ?? '440703'));
  const created = await enterprise.request('POST', '/api/applications', { batch_id: batch.id, category: spec.category });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const code = enterprise.enterprise.credit_code;
  const form = spec.category === 4 ? talentForm(created.body, code) : benchmarkForm(created.body, code, undefined, 40_000_000);
  const ready = await prepareForSubmission(enterprise, created.body, form);
  const submitted = await submit(enterprise, ready);
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  return { enterprise, application: submitted.body };
}

// Each expert gives each application `score` of 100 (the same share of every criterion); the
// batch's other applications (`iifund demo` puts its own in every demo batch) get 50, below the
// library's threshold, so that each category is complete.
async function scoreAll(organizer, batch, scores) {
  const listed = await organizer.request('GET', `/api/reviews?batch_id=${batch.id}`);
  assert.equal(listed.status, 200, JSON.stringify(listed.body));
  for (const review of listed.body.reviews) {
    if (review.state === 'submitted') continue;
    const share = (scores.get(review.application_id) ?? 50) / 100;
    const sheet = await organizer.request('GET', `/api/reviews/${review.id}`);
    assert.equal(sheet.status, 200, JSON.stringify(sheet.body));
    const values = Object.fromEntries(sheet.body.criteria.map((c) => [c.id, c.max_score * share]));
    const saved = await organizer.request('PUT', `/api/reviews/${review.id}/scores`, {
      version: sheet.body.version,
      scores: values,
      comments: share < 0.6 ? Object.fromEntries(sheet.body.criteria.map((c) => [c.id, '未达要求'])) : {},
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

// The publicity ran its course: published 8 days ago, from a session of that day (a server with a
// test clock), or published now and moved back by ctx.endPublicity(batch) (a server without one).
async function endedPublicity(ctx, batch, organizer) {
  if (ctx.endPublicity) {
    const published = await organizer.request('POST', `/api/batches/${batch.id}/publicity`, {});
    assert.equal(published.status, 201, JSON.stringify(published.body));
    await ctx.endPublicity(batch);
    return;
  }
  ctx.setClock(Date.now() - 8 * DAY);
  let published;
  try {
    const past = await signedIn(ctx.baseUrl, organizer.username, organizer.password);
    published = await past.request('POST', `/api/batches/${batch.id}/publicity`, {});
  } finally {
    ctx.setClock(null);
  }
  assert.equal(published.status, 201, JSON.stringify(published.body));
}

export async function approvedApplications(ctx, batch, specs) {
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
  const categories = [...new Set(specs.map((spec) => spec.category))];
  for (const category of categories) {
    const run = await organizer.request('POST', `/api/batches/${batch.id}/assignment-runs`, { category });
    assert.equal(run.status, 201, JSON.stringify(run.body));
    const confirmed = await organizer.request('POST', `/api/assignment-runs/${run.body.id}/confirm`, {});
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  }
  await scoreAll(organizer, batch, new Map(made.map((item, i) => [item.application.id, specs[i].score ?? 85])));
  for (const category of categories) {
    const library = await organizer.request('POST', `/api/batches/${batch.id}/library`, { category });
    assert.equal(library.status, 200, JSON.stringify(library.body));
  }
  const run = await organizer.request('POST', `/api/batches/${batch.id}/selection-runs`, {});
  assert.equal(run.status, 201, JSON.stringify(run.body));
  const confirmed = await organizer.request('POST', `/api/selection-runs/${run.body.id}/confirm`, { method: 'rank_order' });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  await endedPublicity(ctx, batch, organizer);
  const bureau = await ctx.bureau();
  const approval = await bureau.request('POST', `/api/batches/${batch.id}/approval`, {});
  assert.equal(approval.status, 200, JSON.stringify(approval.body));
  for (const item of made) {
    const reply = await item.enterprise.request('GET', `/api/applications/${item.application.id}`);
    assert.equal(reply.body.state, 'approved', `${item.application.number} is approved`);
    item.application = reply.body;
  }
  return made;
}
