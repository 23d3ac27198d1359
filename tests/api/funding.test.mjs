// 下达与拨付 over HTTP: the bureau's approval of a publicized list, the funded list with its totals,
// payments never above the approved amount in sum (the exact remainder is accepted), and what the
// enterprise and its county see of its funding.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { approvedSelection, freshBatch, startSelectionServer } from './selection_support.mjs';
import { countyOfficer, verifiedEnterprise } from './review_support.mjs';

const WAN = 1_000_000;

let ctx;
before(async () => {
  ctx = await startSelectionServer();
});
after(async () => {
  await ctx?.stop();
});

describe('approval', () => {
  test('nothing to approve before the list is published', async () => {
    const batch = await freshBatch(ctx);
    const bureau = await ctx.bureau();
    const reply = await bureau.request('POST', `/api/batches/${batch.id}/approval`, {});
    assert.equal(reply.status, 409);
    assert.equal(reply.body.code, 'not_publicized');
    const organizer = await ctx.organizer();
    assert.equal((await organizer.request('POST', `/api/batches/${batch.id}/approval`, {})).status, 403);
  });
});

describe('an approved list and its payments', () => {
  let batch;
  let result;
  let a;
  let b;
  let c;
  const specs = [
    { score: 90, requested_fen: 40 * WAN },
    { score: 80, requested_fen: 20 * WAN },
    { score: 70, requested_fen: 30 * WAN },
  ];
  before(async () => {
    batch = await freshBatch(ctx);
    result = await approvedSelection(ctx, batch, specs, { budget_fen: 60 * WAN });
    [a, b, c] = result.applications;
  });

  test('the bureau approved every publicized project at its funded amount, once', async () => {
    assert.deepEqual(result.approval.approved, [a.application.id, b.application.id]);
    assert.equal(result.approval.approved_fen, 60 * WAN);
    const bureau = await ctx.bureau();
    const twice = await bureau.request('POST', `/api/batches/${batch.id}/approval`, {});
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, 'already_approved');
    const funded = await bureau.request('GET', `/api/batches/${batch.id}/funded`);
    assert.equal(funded.status, 200);
    assert.deepEqual(
      funded.body.projects.map((p) => [p.application_id, p.state, p.selected_fen, p.approved_fen, p.disbursed_fen]),
      [
        [a.application.id, 'approved', 40 * WAN, 40 * WAN, 0],
        [b.application.id, 'approved', 20 * WAN, 20 * WAN, 0],
      ],
    );
    assert.deepEqual(funded.body.totals, { selected_fen: 60 * WAN, approved_fen: 60 * WAN, disbursed_fen: 0 });
    const view = await a.enterprise.request('GET', `/api/applications/${a.application.id}`);
    assert.equal(view.body.state, 'approved');
    assert.deepEqual(view.body.funding, { selected_fen: 40 * WAN, approved_fen: 40 * WAN, disbursed_fen: 0 });
  });

  test('payments never sum above the approved amount; the exact remainder is accepted', async () => {
    const organizer = await ctx.organizer();
    const pay = (id, body) => organizer.request('POST', `/api/applications/${id}/disbursements`, body);
    const invalid = await pay(a.application.id, { amount_fen: 0, paid_on: '2023-02-30' });
    assert.equal(invalid.status, 422);
    assert.deepEqual(invalid.body.fields.map((f) => [f.field, f.rule]), [
      ['amount_fen', 'amount_positive'],
      ['paid_on', 'date_syntax'],
    ]);
    const over = await pay(a.application.id, { amount_fen: 40 * WAN + 1, paid_on: '2023-03-01', voucher: '记-001' });
    assert.equal(over.status, 422);
    assert.equal(over.body.code, 'over_approved');
    assert.equal(over.body.facts.approved_fen, 40 * WAN);
    assert.equal(over.body.facts.disbursed_fen, 0);

    const first = await pay(a.application.id, { amount_fen: 15 * WAN, paid_on: '2023-03-01', voucher: '记-001', note: '首期' });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.disbursed_fen, 15 * WAN);
    assert.equal(first.body.remaining_fen, 25 * WAN);
    const tooMuch = await pay(a.application.id, { amount_fen: 25 * WAN + 1, paid_on: '2023-06-01' });
    assert.equal(tooMuch.status, 422);
    assert.equal(tooMuch.body.facts.disbursed_fen, 15 * WAN);
    assert.equal(tooMuch.body.facts.remaining_fen, 25 * WAN);
    const rest = await pay(a.application.id, { amount_fen: 25 * WAN, paid_on: '2023-06-01', voucher: '记-002', note: '尾款' });
    assert.equal(rest.status, 201, JSON.stringify(rest.body));
    assert.equal(rest.body.disbursed_fen, 40 * WAN);
    assert.equal(rest.body.remaining_fen, 0);
    const beyond = await pay(a.application.id, { amount_fen: 1, paid_on: '2023-07-01' });
    assert.equal(beyond.status, 422);
    assert.equal(beyond.body.code, 'over_approved');

    const notFunded = await pay(c.application.id, { amount_fen: 1, paid_on: '2023-07-01' });
    assert.equal(notFunded.status, 409);
    assert.equal(notFunded.body.code, 'not_approved');
    assert.equal((await pay(99999999, { amount_fen: 1, paid_on: '2023-07-01' })).status, 404);

    const funded = await organizer.request('GET', `/api/batches/${batch.id}/funded`);
    assert.equal(funded.body.totals.disbursed_fen, 40 * WAN);
    assert.equal(funded.body.totals.disbursed_fen, funded.body.projects.reduce((sum, p) => sum + p.disbursed_fen, 0));
    const audit = await (await ctx.bureau()).request('GET', '/api/audit?action=funding.disburse&page_size=50');
    assert.ok(audit.body.records.filter((r) => r.object === `application:${a.application.id}`).length >= 2);
  });

  test('the enterprise sees its funding and payments; its county too; nobody else', async () => {
    const view = await a.enterprise.request('GET', `/api/applications/${a.application.id}`);
    assert.deepEqual(view.body.funding, { selected_fen: 40 * WAN, approved_fen: 40 * WAN, disbursed_fen: 40 * WAN });
    const own = await a.enterprise.request('GET', `/api/applications/${a.application.id}/disbursements`);
    assert.equal(own.status, 200);
    assert.equal(own.body.approved_fen, 40 * WAN);
    assert.deepEqual(own.body.payments.map((p) => [p.amount_fen, p.paid_on, p.voucher]), [
      [15 * WAN, '2023-03-01', '记-001'],
      [25 * WAN, '2023-06-01', '记-002'],
    ]);
    const none = await b.enterprise.request('GET', `/api/applications/${b.application.id}/disbursements`);
    assert.deepEqual([none.body.approved_fen, none.body.disbursed_fen, none.body.payments], [20 * WAN, 0, []]);
    assert.equal((await b.enterprise.request('GET', `/api/applications/${a.application.id}/disbursements`)).status, 404);
    const county = await countyOfficer(ctx.baseUrl, '440703');
    assert.equal((await county.request('GET', `/api/applications/${a.application.id}/disbursements`)).status, 200);
    const elsewhere = await countyOfficer(ctx.baseUrl, '440704');
    assert.equal((await elsewhere.request('GET', `/api/applications/${a.application.id}/disbursements`)).status, 404);
    const stranger = await verifiedEnterprise(ctx.baseUrl, '440703');
    assert.equal((await stranger.request('GET', `/api/applications/${a.application.id}/disbursements`)).status, 404);
    assert.equal((await stranger.request('POST', `/api/applications/${a.application.id}/disbursements`, { amount_fen: 1 })).status, 403);
  });
});
