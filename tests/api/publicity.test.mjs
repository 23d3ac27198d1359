// 公示与异议 over HTTP: the confirmed list published for the policy's days and readable without a
// login, named objections with a sniffed letter (anonymous ones refused, five an hour per
// address, only while open — the server clock is moved to stand just before and after the end),
// the organizer's investigation and decisions (an upheld objection removes an entry or lowers
// it, and the totals follow), and the bureau's approval only once the period is over.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, signedIn } from './accounts_support.mjs';
import { tinyPdf } from './application_support.mjs';
import { countyOfficer } from './review_support.mjs';
import {
  DAY,
  confirmedSelection,
  freshAddress,
  freshBatch,
  objection,
  startSelectionServer,
} from './selection_support.mjs';

const WAN = 1_000_000;

let ctx;
before(async () => {
  ctx = await startSelectionServer();
});
after(async () => {
  await ctx?.stop();
});

describe('publishing', () => {
  test('nothing is published before the selection is confirmed', async () => {
    const batch = await freshBatch(ctx);
    const organizer = await ctx.organizer();
    const early = await organizer.request('POST', `/api/batches/${batch.id}/publicity`, {});
    assert.equal(early.status, 409);
    assert.equal(early.body.code, 'selection_not_confirmed');
    assert.equal((await organizer.request('POST', '/api/batches/99999999/publicity', {})).status, 404);
  });
});

describe('a published list, its objections and the end of the period', () => {
  let batch;
  let apps;
  let publicity;
  const anonymous = () => new Client(ctx.baseUrl);
  const specs = [
    { score: 90, requested_fen: 40 * WAN },
    { score: 85, requested_fen: 30 * WAN },
    { score: 80, requested_fen: 20 * WAN, county: '440704' },
  ];
  before(async () => {
    batch = await freshBatch(ctx);
    ({ applications: apps } = await confirmedSelection(ctx, batch, specs, { budget_fen: 1_000 * WAN }));
  });

  test('the list goes public for the policy’s seven days, with its start and end', async () => {
    const organizer = await ctx.organizer();
    const malformed = await organizer.request('POST', `/api/batches/${batch.id}/publicity`, { starts_at: 'tomorrow' });
    assert.equal(malformed.status, 422);
    assert.equal(malformed.body.fields[0].rule, 'instant_syntax');
    const past = await organizer.request('POST', `/api/batches/${batch.id}/publicity`, {
      starts_at: new Date(Date.now() - DAY).toISOString(),
    });
    assert.equal(past.body.fields[0].rule, 'starts_in_past');

    const reply = await organizer.request('POST', `/api/batches/${batch.id}/publicity`, {});
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    publicity = reply.body;
    assert.equal(Date.parse(publicity.ends_at) - Date.parse(publicity.starts_at), 7 * DAY);
    assert.equal(publicity.open, true);
    assert.equal(publicity.count, 3);
    assert.equal(publicity.total_fen, 90 * WAN);
    assert.deepEqual(
      publicity.entries.map((e) => [e.application_id, e.amount_fen, e.category, e.county_code]),
      apps.map((item, i) => [item.application.id, specs[i].requested_fen, 1, specs[i].county ?? '440703']),
    );
    for (const item of apps) {
      const read = await item.enterprise.request('GET', `/api/applications/${item.application.id}`);
      assert.equal(read.body.state, 'publicized');
    }
    const again = await organizer.request('POST', `/api/batches/${batch.id}/publicity`, {});
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'publicity_exists');
  });

  test('anyone reads it without signing in: names, projects, categories, amounts and counties only', async () => {
    const list = await anonymous().request('GET', '/api/public/publicity');
    assert.equal(list.status, 200);
    const listed = list.body.publicities.find((p) => p.id === publicity.id);
    assert.ok(listed, 'listed publicly');
    assert.equal(listed.batch_name_zh, batch.name_zh);
    assert.equal(listed.starts_at, publicity.starts_at);
    assert.equal(listed.ends_at, publicity.ends_at);
    const one = await anonymous().request('GET', `/api/public/publicity/${publicity.id}`);
    assert.equal(one.status, 200);
    assert.deepEqual(Object.keys(one.body.entries[0]).sort(), [
      'amount_fen',
      'application_id',
      'category',
      'county_code',
      'enterprise_name',
      'number',
      'project_name',
    ]);
    assert.equal(one.body.entries[0].enterprise_name, apps[0].enterprise.enterprise.name);
    assert.equal((await anonymous().request('GET', '/api/public/publicity/99999999')).status, 404);
  });

  test('an anonymous objection is refused naming what is missing; the letter must really be a PDF, JPEG, PNG or OFD', async () => {
    const bare = await objection(ctx, publicity.id, {
      objector_name: undefined,
      phone: '',
      letter: undefined,
      content: '有问题',
    });
    assert.equal(bare.status, 422);
    assert.equal(bare.body.code, 'objection_anonymous');
    assert.deepEqual(bare.body.fields.map((f) => [f.field, f.rule]), [
      ['objector_name', 'required'],
      ['phone', 'required'],
      ['letter', 'required'],
    ]);
    assert.match(bare.body.detail, /实名/);
    const english = await new Client(ctx.baseUrl, { headers: { 'Accept-Language': 'en', 'X-Forwarded-For': freshAddress() } }).request(
      'POST',
      `/api/public/publicity/${publicity.id}/objections`,
      { content: 'anonymous' },
    );
    assert.equal(english.body.code, 'objection_anonymous');
    assert.match(english.body.detail, /must be named/);

    const text = await objection(ctx, publicity.id, {
      letter: { file_name: '异议书.pdf', content_base64: Buffer.from('I object, unsigned.').toString('base64') },
    });
    assert.equal(text.status, 422);
    assert.equal(text.body.code, 'validation_failed');
    assert.deepEqual(text.body.fields.map((f) => [f.field, f.rule, f.facts.found]), [['letter', 'content_type_refused', 'text']]);
    const garbled = await objection(ctx, publicity.id, { letter: { file_name: 'a.pdf', content_base64: '!!!not base64!!!' } });
    assert.equal(garbled.body.fields[0].rule, 'base64_invalid');
    const phone = await objection(ctx, publicity.id, { phone: 'call me' });
    assert.equal(phone.body.fields[0].rule, 'phone_format');
    const stranger = await objection(ctx, publicity.id, { application_number: 'NO-SUCH-1' });
    assert.equal(stranger.body.fields[0].rule, 'not_in_publicity');
  });

  test('a named objection with its letter is received, listed for the organizer and the bureau, and its letter downloads', async () => {
    const filed = await objection(ctx, publicity.id, { application_number: apps[1].application.number });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    assert.match(filed.body.reference, new RegExp(`^GS${publicity.id}-\\d{5}$`));
    const organizer = await ctx.organizer();
    const listed = await organizer.request('GET', `/api/batches/${batch.id}/objections`);
    assert.equal(listed.status, 200);
    const mine = listed.body.objections.find((o) => o.id === filed.body.id);
    assert.equal(mine.state, 'received');
    assert.equal(mine.application_id, apps[1].application.id);
    assert.equal(mine.phone, '13712345678');
    assert.equal(mine.letter.content_type, 'application/pdf');
    const bureau = await ctx.bureau();
    const masked = (await bureau.request('GET', `/api/batches/${batch.id}/objections`)).body.objections.find((o) => o.id === filed.body.id);
    assert.equal(masked.phone, '137****5678', 'the bureau sees the phone masked');
    const letter = await fetch(`${ctx.baseUrl}/api/objections/${filed.body.id}/letter`, {
      headers: { Cookie: organizer.cookieHeader() },
    });
    assert.equal(letter.status, 200);
    assert.equal(letter.headers.get('content-type'), 'application/pdf');
    assert.match(letter.headers.get('content-disposition'), /^attachment; filename="GS\d+-\d{5}\.pdf"$/);
    assert.deepEqual(Buffer.from(await letter.arrayBuffer()), tinyPdf('objection letter'));
    const officer = await countyOfficer(ctx.baseUrl);
    assert.equal((await officer.request('GET', `/api/objections/${filed.body.id}/letter`)).status, 403);
    assert.equal((await anonymous().request('GET', `/api/batches/${batch.id}/objections`)).status, 401);
  });

  test('one address files at most five objections an hour (429); another address still may', async () => {
    const address = freshAddress();
    for (let i = 0; i < 5; i++) {
      const reply = await objection(ctx, publicity.id, { content: `第 ${i + 1} 份异议` }, address);
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
    }
    const sixth = await objection(ctx, publicity.id, {}, address);
    assert.equal(sixth.status, 429);
    assert.equal(sixth.body.code, 'objection_rate_limited');
    assert.equal((await objection(ctx, publicity.id, {}, freshAddress())).status, 201);
  });

  test('objections are taken until the last second of the period and refused after it', async () => {
    const ends = Date.parse(publicity.ends_at);
    try {
      ctx.setClock(ends - 60_000);
      const late = await objection(ctx, publicity.id, { content: '最后一分钟提出的异议' });
      assert.equal(late.status, 201, JSON.stringify(late.body));
      const open = await anonymous().request('GET', `/api/public/publicity/${publicity.id}`);
      assert.equal(open.body.open, true);
      ctx.setClock(ends + 1000);
      const closed = await objection(ctx, publicity.id, {});
      assert.equal(closed.status, 409);
      assert.equal(closed.body.code, 'publicity_closed');
      assert.equal(closed.body.facts.ends_at, publicity.ends_at);
      const shut = await anonymous().request('GET', `/api/public/publicity/${publicity.id}`);
      assert.equal(shut.body.open, false);
    } finally {
      ctx.setClock(null);
    }
  });

  test('the organizer investigates; upheld removes an entry or lowers it, and the totals drop', async () => {
    const organizer = await ctx.organizer();
    const all = (await organizer.request('GET', `/api/batches/${batch.id}/objections`)).body.objections;
    const [first, second, ...rest] = all;
    const decide = (id, body) => organizer.request('POST', `/api/objections/${id}/decision`, body);

    const investigating = await decide(first.id, { state: 'investigating', investigation: '已调取发票原件核对' });
    assert.equal(investigating.status, 200, JSON.stringify(investigating.body));
    assert.equal(investigating.body.state, 'investigating');
    const incomplete = await decide(first.id, { state: 'upheld', investigation: '核实' });
    assert.equal(incomplete.status, 422);
    assert.deepEqual(incomplete.body.fields.map((f) => [f.field, f.rule]).sort(), [
      ['change', 'required'],
      ['outcome', 'required'],
    ]);
    const raise = await decide(first.id, {
      state: 'upheld',
      investigation: '核实',
      outcome: '异议部分成立',
      change: 'reduce',
      amount_fen: 40 * WAN,
    });
    assert.equal(raise.status, 422);
    assert.equal(raise.body.code, 'amount_not_lower');

    const removed = await decide(first.id, {
      state: 'upheld',
      investigation: '经核查，该项目发票与其他项目重复使用',
      outcome: '异议成立，取消安排',
      change: 'remove',
    });
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.equal(removed.body.state, 'upheld');
    assert.equal(removed.body.changed_fen, 0);
    const upheldApp = await apps[1].enterprise.request('GET', `/api/applications/${apps[1].application.id}`);
    assert.equal(upheldApp.body.state, 'objection_upheld');
    assert.equal(upheldApp.body.funding.selected_fen, 0);
    const history = await apps[1].enterprise.request('GET', `/api/applications/${apps[1].application.id}/history`);
    const events = history.body.events ?? history.body;
    assert.equal(events.at(-1).reason, '异议成立，取消安排');
    const again = await decide(first.id, { state: 'rejected', investigation: 'x', outcome: 'y' });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'objection_decided');

    const reduced = await decide(second.id, {
      state: 'upheld',
      investigation: '部分投入不属于可补贴范围',
      outcome: '异议部分成立，调减',
      change: 'reduce',
      application_id: apps[0].application.id,
      amount_fen: 35 * WAN,
    });
    assert.equal(reduced.status, 200, JSON.stringify(reduced.body));
    assert.equal(reduced.body.changed_fen, 35 * WAN);

    const shown = await anonymous().request('GET', `/api/public/publicity/${publicity.id}`);
    assert.deepEqual(
      shown.body.entries.map((e) => [e.application_id, e.amount_fen]),
      [
        [apps[0].application.id, 35 * WAN],
        [apps[2].application.id, 20 * WAN],
      ],
    );
    assert.equal(shown.body.total_fen, 55 * WAN, 'the published total drops with the entries');
    const funded = await organizer.request('GET', `/api/batches/${batch.id}/funded`);
    assert.equal(funded.body.totals.selected_fen, 55 * WAN);
    assert.equal(funded.body.totals.selected_fen, funded.body.projects.reduce((sum, p) => sum + p.selected_fen, 0));

    for (const other of rest) {
      const rejected = await decide(other.id, { state: 'rejected', investigation: '经核查无此情况', outcome: '异议不成立' });
      assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
    }
  });

  test('the bureau approves only after the period (422 before), the list as the objections left it', async () => {
    const bureau = await ctx.bureau();
    const early = await bureau.request('POST', `/api/batches/${batch.id}/approval`, {});
    assert.equal(early.status, 422);
    assert.equal(early.body.code, 'publicity_not_over');
    assert.match(early.body.detail, /公示期至/);
    const ends = Date.parse(publicity.ends_at);
    try {
      ctx.setClock(ends + 1000);
      const later = await signedIn(ctx.baseUrl, bureau.username, bureau.password);
      const approved = await later.request('POST', `/api/batches/${batch.id}/approval`, {});
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.deepEqual(approved.body.approved, [apps[0].application.id, apps[2].application.id]);
      assert.equal(approved.body.approved_fen, 55 * WAN);
    } finally {
      ctx.setClock(null);
    }
    const funded = await (await ctx.organizer()).request('GET', `/api/batches/${batch.id}/funded`);
    assert.deepEqual(
      funded.body.projects.map((p) => [p.application_id, p.state, p.approved_fen]),
      [
        [apps[0].application.id, 'approved', 35 * WAN],
        [apps[1].application.id, 'objection_upheld', null],
        [apps[2].application.id, 'approved', 20 * WAN],
      ],
    );
  });
});
