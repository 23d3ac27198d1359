// 预算与排序优选 over HTTP: the batch budget (the policy's until set, audited, locked), selection runs
// with rank order and the optimal selection side by side and explained, downward adjustments with a
// reason, and the confirmation that selects the list and locks it. Every outcome is checked
// against the limits by summing its rows here.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { signedIn } from './accounts_support.mjs';
import { confirmedSelection, freshBatch, libraryApplications, setBudget, startSelectionServer } from './selection_support.mjs';

const WAN = 1_000_000; // 1 万元 in fen

let ctx;
before(async () => {
  ctx = await startSelectionServer();
});
after(async () => {
  await ctx?.stop();
});

// The outcome's own rows, summed here, stay within every limit the run reports and agree with its totals.
function assertWithinLimits(outcome, limits) {
  let total = 0;
  const byCategory = {};
  let funded = 0;
  for (const d of outcome.decisions) {
    assert.ok(d.funded_fen >= 0 && d.funded_fen <= (d.adjusted_fen ?? d.subsidy_fen), `${d.number}: ${d.funded_fen} within its subsidy`);
    assert.equal(d.funded, d.funded_fen > 0);
    assert.equal(typeof d.explanation_zh, 'string');
    assert.ok(d.explanation_zh.length > 5 && d.explanation_en.length > 5);
    if (!d.funded) assert.ok(d.reason, `${d.number} says why it is not funded`);
    total += d.funded_fen;
    byCategory[d.category] = (byCategory[d.category] ?? 0) + d.funded_fen;
    if (d.funded) funded += 1;
  }
  assert.equal(outcome.total_fen, total, 'the reported total is the sum of the rows');
  assert.equal(outcome.funded_count, funded);
  assert.ok(total <= limits.budget_fen, `total ${total} within the budget ${limits.budget_fen}`);
  for (const [category, fen] of Object.entries(limits.category_budget_fen ?? {})) {
    assert.ok((byCategory[category] ?? 0) <= fen, `category ${category} within its budget`);
    assert.equal(outcome.category_total_fen[category] ?? 0, byCategory[category] ?? 0);
  }
}

const decisionOf = (outcome, id) => outcome.decisions.find((d) => d.application_id === id);

describe('the batch budget', () => {
  let batch;
  before(async () => {
    batch = await freshBatch(ctx);
  });

  test("until set it is the policy's; the bureau reads it; the organizer sets it with field-by-field refusals", async () => {
    const organizer = await ctx.organizer();
    const bureau = await ctx.bureau();
    const initial = await bureau.request('GET', `/api/batches/${batch.id}/budget`);
    assert.equal(initial.status, 200, JSON.stringify(initial.body));
    assert.equal(initial.body.source, 'policy');
    assert.equal(initial.body.budget_fen, 2_000 * WAN, 'the policy default: 2,000 万元');
    assert.equal(initial.body.version, 0);

    const refused = await organizer.request('PUT', `/api/batches/${batch.id}/budget`, {
      budget_fen: -5,
      category_budgets: { 9: 100, 1: 0 },
      version: 0,
    });
    assert.equal(refused.status, 422);
    const rules = Object.fromEntries(refused.body.fields.map((f) => [f.field, f.rule]));
    assert.deepEqual(rules, {
      budget_fen: 'amount_positive',
      'category_budgets.9': 'category_unknown',
      'category_budgets.1': 'amount_positive',
    });
    const above = await organizer.request('PUT', `/api/batches/${batch.id}/budget`, {
      budget_fen: 100 * WAN,
      category_budgets: { 1: 80 * WAN, 2: 30 * WAN },
      version: 0,
    });
    assert.equal(above.status, 422);
    assert.equal(above.body.fields[0].rule, 'category_budgets_above_budget');
    assert.equal(above.body.fields[0].facts.sum_fen, 110 * WAN);

    const set = await organizer.request('PUT', `/api/batches/${batch.id}/budget`, {
      budget_fen: 500 * WAN,
      category_budgets: { 1: 200 * WAN },
      version: 0,
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual(
      { source: set.body.source, budget_fen: set.body.budget_fen, category_budgets: set.body.category_budgets, version: set.body.version },
      { source: 'set', budget_fen: 500 * WAN, category_budgets: { 1: 200 * WAN }, version: 1 },
    );
    const stale = await organizer.request('PUT', `/api/batches/${batch.id}/budget`, { budget_fen: 400 * WAN, version: 0 });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'stale_version');

    const audit = await bureau.request('GET', '/api/audit?action=budget.set&page_size=50');
    const record = audit.body.records.find((r) => r.object === `batch:${batch.id}`);
    assert.ok(record, 'budget.set audited');
    const details = record.summary;
    assert.equal(details.before.budget_fen, 2_000 * WAN);
    assert.equal(details.before.source, 'policy');
    assert.equal(details.after.budget_fen, 500 * WAN);
  });

  test('an empty library has nothing to select (422 library_empty); unknown batches 404', async () => {
    const organizer = await ctx.organizer();
    const empty = await organizer.request('POST', `/api/batches/${batch.id}/selection-runs`, {});
    assert.equal(empty.status, 422);
    assert.equal(empty.body.code, 'library_empty');
    assert.equal((await organizer.request('GET', '/api/batches/99999999/budget')).status, 404);
    assert.equal((await organizer.request('POST', '/api/batches/99999999/selection-runs', {})).status, 404);
    assert.equal((await organizer.request('GET', `/api/batches/${batch.id}/selection`)).status, 404);
  });
});

describe('rank order against the optimal selection, adjusted and confirmed', () => {
  let batch;
  let apps;
  let run;
  // A knapsack rank order gets wrong: within 100 万元, A then D fit in rank order (160 points),
  // while B and C together fill the budget and score 165.
  const specs = [
    { score: 90, requested_fen: 60 * WAN },
    { score: 85, requested_fen: 50 * WAN },
    { score: 80, requested_fen: 50 * WAN },
    { score: 70, requested_fen: 30 * WAN },
  ];
  before(async () => {
    batch = await freshBatch(ctx);
    apps = await libraryApplications(ctx, batch, specs);
    await setBudget(ctx, batch, { budget_fen: 100 * WAN });
  });

  test('both methods are shown with totals, per-application explanations and the difference', async () => {
    const organizer = await ctx.organizer();
    const [a, b, c, d] = apps.map((item) => item.application.id);
    const reply = await organizer.request('POST', `/api/batches/${batch.id}/selection-runs`, { time_limit_seconds: 5 });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    run = reply.body;
    assert.equal(run.state, 'draft');
    assert.equal(run.limits.budget_fen, 100 * WAN);
    assertWithinLimits(run.rank_order, run.limits);
    assertWithinLimits(run.optimal, run.limits);

    assert.deepEqual(run.rank_order.decisions.map((x) => x.application_id), [a, b, c, d], 'rank order is by score');
    assert.deepEqual(run.rank_order.decisions.map((x) => x.funded_fen), [60 * WAN, 0, 0, 30 * WAN]);
    assert.equal(run.rank_order.total_fen, 90 * WAN);
    const skipped = decisionOf(run.rank_order, b);
    assert.equal(skipped.reason, 'budget');
    assert.equal(skipped.room_fen, 10 * WAN, 'the room the budget has left once the list is made');
    assert.match(skipped.explanation_zh, /批次预算仅余 100,000\.00 元，不足其补贴额 500,000\.00 元/);
    assert.match(skipped.explanation_en, /batch budget had 100,000\.00 yuan left, less than its subsidy of 500,000\.00 yuan/);
    assert.match(decisionOf(run.rank_order, a).explanation_zh, /^安排 600,000\.00 元/);
    assert.equal(decisionOf(run.rank_order, a).bound_by, 'requested');

    assert.deepEqual(run.optimal.decisions.filter((x) => x.funded).map((x) => x.application_id), [b, c]);
    assert.equal(run.optimal.total_fen, 100 * WAN);
    assert.ok(run.optimal.score_sum >= run.rank_order.score_sum, 'the optimal selection is never worse');
    assert.equal(run.optimal.proven_optimal, true);
    assert.equal(run.optimal.gap, 0);

    assert.deepEqual(run.comparison.only_rank_order, [a, d]);
    assert.deepEqual(run.comparison.only_optimal, [b, c]);
    assert.equal(run.comparison.total_difference_fen, 10 * WAN);
    assert.ok(Math.abs(run.comparison.score_difference - 5) < 0.01, String(run.comparison.score_difference));
    assert.match(run.comparison.explanation_zh, /最优组合/);

    const bureau = await ctx.bureau();
    const read = await bureau.request('GET', `/api/selection-runs/${run.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.body.rank_order, run.rank_order);
    const latest = await bureau.request('GET', `/api/batches/${batch.id}/selection`);
    assert.equal(latest.body.id, run.id, 'the latest run while none is confirmed');
  });

  test('an amount may only go down, with a reason; 0 takes the project out; both outcomes follow', async () => {
    const organizer = await ctx.organizer();
    const [a, b, c, d] = apps.map((item) => item.application.id);
    const path = (id) => `/api/selection-runs/${run.id}/adjustments/${id}`;
    const same = await organizer.request('PUT', path(a), { amount_fen: 60 * WAN, reason: '核减' });
    assert.equal(same.status, 422);
    assert.equal(same.body.code, 'amount_not_lower');
    const higher = await organizer.request('PUT', path(a), { amount_fen: 70 * WAN, reason: '核增' });
    assert.equal(higher.body.code, 'amount_not_lower');
    const unexplained = await organizer.request('PUT', path(a), { amount_fen: 50 * WAN });
    assert.equal(unexplained.status, 422);
    assert.deepEqual(unexplained.body.fields.map((f) => [f.field, f.rule]), [['reason', 'required']]);
    const stranger = await organizer.request('PUT', `/api/selection-runs/${run.id}/adjustments/99999999`, {
      amount_fen: 1,
      reason: '核减',
    });
    assert.equal(stranger.status, 404);

    const lowered = await organizer.request('PUT', path(a), { amount_fen: 50 * WAN, reason: '部分发票与项目无关，核减' });
    assert.equal(lowered.status, 200, JSON.stringify(lowered.body));
    assertWithinLimits(lowered.body.rank_order, lowered.body.limits);
    assert.deepEqual(lowered.body.rank_order.decisions.map((x) => x.funded_fen), [50 * WAN, 50 * WAN, 0, 0]);
    assert.equal(decisionOf(lowered.body.rank_order, a).adjusted_fen, 50 * WAN);
    assert.match(decisionOf(lowered.body.rank_order, a).explanation_zh, /调减至 500,000\.00 元（理由：部分发票与项目无关，核减）/);

    const out = await organizer.request('PUT', path(c), { amount_fen: 0, reason: '项目已获省级资金支持' });
    assert.equal(out.status, 200, JSON.stringify(out.body));
    for (const outcome of [out.body.rank_order, out.body.optimal]) {
      assertWithinLimits(outcome, out.body.limits);
      assert.equal(decisionOf(outcome, c).reason, 'organizer_adjusted');
      assert.equal(decisionOf(outcome, c).funded_fen, 0);
    }
    assert.deepEqual(out.body.optimal.decisions.filter((x) => x.funded).map((x) => x.application_id), [a, b]);
    assert.deepEqual(
      out.body.adjustments.map((x) => [x.application_id, x.amount_fen]),
      [[a, 50 * WAN], [c, 0]].sort((x, y) => x[0] - y[0]),
    );
    run = out.body;
    assert.ok(d);
  });

  test('confirming selects the funded list, declines the rest with the reason, and locks everything', async () => {
    const organizer = await ctx.organizer();
    const [a, b, c, d] = apps.map((item) => item.application.id);
    const unknown = await organizer.request('POST', `/api/selection-runs/${run.id}/confirm`, { method: 'greedy' });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.fields[0].rule, 'method_unknown');
    const confirmed = await organizer.request('POST', `/api/selection-runs/${run.id}/confirm`, { method: 'optimal' });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.state, 'confirmed');
    assert.equal(confirmed.body.chosen_method, 'optimal');

    const states = {};
    for (const item of apps) {
      const reply = await item.enterprise.request('GET', `/api/applications/${item.application.id}`);
      states[item.application.id] = reply.body;
    }
    assert.equal(states[a].state, 'selected');
    assert.equal(states[b].state, 'selected');
    assert.equal(states[c].state, 'not_selected');
    assert.equal(states[d].state, 'not_selected');
    assert.deepEqual(states[a].funding, { selected_fen: 50 * WAN, approved_fen: null, disbursed_fen: 0 });
    assert.equal(states[d].funding ?? null, null, 'no funding block for an application never selected');
    const history = await apps[3].enterprise.request('GET', `/api/applications/${d}/history`);
    const last = history.body.events ? history.body.events.at(-1) : history.body.at(-1);
    assert.equal(last.to_state, 'not_selected');
    assert.match(last.reason, /未安排/);

    const funded = await organizer.request('GET', `/api/batches/${batch.id}/funded`);
    assert.equal(funded.status, 200);
    assert.deepEqual(funded.body.projects.map((p) => [p.application_id, p.selected_fen]), [[a, 50 * WAN], [b, 50 * WAN]]);
    assert.equal(funded.body.totals.selected_fen, 100 * WAN);

    const selection = await organizer.request('GET', `/api/batches/${batch.id}/selection`);
    assert.equal(selection.body.id, run.id, 'the confirmed run');

    const again = await organizer.request('POST', `/api/batches/${batch.id}/selection-runs`, {});
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'selection_locked');
    const adjust = await organizer.request('PUT', `/api/selection-runs/${run.id}/adjustments/${b}`, {
      amount_fen: 1,
      reason: '再调',
    });
    assert.equal(adjust.status, 409);
    assert.equal(adjust.body.code, 'run_not_draft');
    const budget = await organizer.request('GET', `/api/batches/${batch.id}/budget`);
    const rebudget = await organizer.request('PUT', `/api/batches/${batch.id}/budget`, {
      budget_fen: 900 * WAN,
      version: budget.body.version,
    });
    assert.equal(rebudget.status, 409);
    assert.equal(rebudget.body.code, 'selection_locked');
    const twice = await organizer.request('POST', `/api/selection-runs/${run.id}/confirm`, { method: 'rank_order' });
    assert.equal(twice.status, 409);

    const audit = await organizer.request('GET', `/api/batches/${batch.id}/selection`);
    assert.equal(audit.body.state, 'confirmed');
  });
});

describe('a category budget binds within the batch budget', () => {
  test('the second project of category 1 waits for the category, the third still fits', async () => {
    const batch = await freshBatch(ctx);
    const specs = [
      { score: 90, requested_fen: 30 * WAN },
      { score: 85, requested_fen: 30 * WAN },
      { score: 80, requested_fen: 20 * WAN },
    ];
    const { applications, run } = await confirmedSelection(ctx, batch, specs, {
      budget_fen: 200 * WAN,
      category_budgets: { 1: 50 * WAN },
    });
    const [first, second, third] = applications.map((item) => item.application.id);
    for (const outcome of [run.rank_order, run.optimal]) {
      assertWithinLimits(outcome, run.limits);
      assert.deepEqual(outcome.decisions.map((x) => x.funded_fen), [30 * WAN, 0, 20 * WAN]);
    }
    const waiting = decisionOf(run.rank_order, second);
    assert.equal(waiting.reason, 'category_budget');
    assert.equal(waiting.limit_key, '1');
    assert.equal(waiting.room_fen, 0, 'the category budget is spent once the list is made');
    assert.match(waiting.explanation_zh, /第1类（工业互联网标杆示范项目）预算仅余 0\.00 元，不足其补贴额 300,000\.00 元/);
    assert.equal(run.rank_order.category_total_fen['1'], 50 * WAN);
    assert.ok(first && third);
  });
});

describe('who may do what', () => {
  test('only the organizer runs, adjusts and confirms; the bureau reads; others are refused', async () => {
    const batch = await freshBatch(ctx);
    const bureau = await ctx.bureau();
    assert.equal((await bureau.request('POST', `/api/batches/${batch.id}/selection-runs`, {})).status, 403);
    assert.equal((await bureau.request('PUT', `/api/batches/${batch.id}/budget`, { budget_fen: 1, version: 0 })).status, 403);
    const enterprise = await signedIn(ctx.baseUrl, 'demo-enterprise', 'demo-enterprise-2022');
    assert.equal((await enterprise.request('GET', `/api/batches/${batch.id}/budget`)).status, 403);
  });
});
