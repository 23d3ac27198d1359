// 时间安排与站内信 over HTTP, on whichever database the run uses: the organizer sets each stage's
// due time and extends it only with a reason (every extension kept and shown); whoever still has
// work in a stage due within 48 hours finds one reminder in the inbox; the inbox lists, counts and
// marks notices read, each user only their own.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, signedIn } from './accounts_support.mjs';
import {
  countyOfficer,
  inbox,
  organizer,
  recommendedApplication,
  staff,
  submittedApplication,
  verifiedEnterprise,
} from './review_support.mjs';
import { poolExperts, underReview } from './scoring_support.mjs';
import { startServer } from './support.mjs';

let server;
let planner;
let demoBatch;
let closedBatch;
before(async () => {
  server = await startServer();
  planner = await organizer(server.baseUrl);
  const batches = (await planner.request('GET', '/api/batches')).body.batches;
  demoBatch = batches.find((b) => b.is_demo);
  closedBatch = batches.find((b) => !b.is_demo);
});
after(async () => {
  // Leave no stage of the shared demo batch due soon (the PostgreSQL database outlives this file).
  for (const stage of ['county', 'formal_check', 'review']) {
    await planner?.request('PUT', `/api/batches/${demoBatch.id}/schedule/${stage}`, {
      due_at: '2099-12-31T16:00:00Z',
      reason: '测试结束，恢复为远期',
    });
  }
  await server?.stop();
});

const hoursFromNow = (hours) => new Date(Math.floor(Date.now() / 1000) * 1000 + hours * 3600_000).toISOString().replace('.000Z', 'Z');
const schedule = (client, batchId) => client.request('GET', `/api/batches/${batchId}/schedule`);
const setStage = (client, batchId, stage, body) => client.request('PUT', `/api/batches/${batchId}/schedule/${stage}`, body);
const stageOf = (body, stage) => body.stages.find((s) => s.stage === stage);
const reminders = (box) => box.notifications.filter((n) => n.kind === 'deadline.reminder');

async function auditRecords(action) {
  const admin = await signedIn(server.baseUrl, 'demo-admin', 'demo-admin-2022');
  return (await admin.request('GET', `/api/audit?action=${action}&page_size=200`)).body.records;
}

describe('the schedule', () => {
  test('every signed-in role reads the three stages; nobody anonymous; an unknown batch is not found', async () => {
    const readers = [
      planner,
      await countyOfficer(server.baseUrl),
      await verifiedEnterprise(server.baseUrl),
      await staff(server.baseUrl, 'expert'),
      await staff(server.baseUrl, 'bureau'),
      await staff(server.baseUrl, 'admin'),
    ];
    for (const reader of readers) {
      const reply = await schedule(reader, closedBatch.id);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      assert.deepEqual(reply.body.stages.map((s) => s.stage), ['county', 'formal_check', 'review']);
    }
    assert.equal((await schedule(new Client(server.baseUrl), closedBatch.id)).status, 401);
    assert.equal((await schedule(planner, 999999)).status, 404);
  });

  test('the organizer sets a due time; changing it is an extension that needs a reason and is kept', async () => {
    const before = stageOf((await schedule(planner, closedBatch.id)).body, 'county');
    const first = '2022-12-15T18:00:00+08:00';
    const set = await setStage(planner, closedBatch.id, 'county', { due_at: first, reason: before.due_at ? '初次设定' : '' });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(stageOf(set.body, 'county').due_at, '2022-12-15T10:00:00Z', 'stored and answered in UTC');
    const extensionsBefore = stageOf(set.body, 'county').extensions.length;
    if (!before.due_at) {
      assert.equal(extensionsBefore, 0, 'the first due time is not an extension');
      assert.ok((await auditRecords('schedule.set')).some((r) => r.object === `batch:${closedBatch.id}`));
    }

    const unreasoned = await setStage(planner, closedBatch.id, 'county', { due_at: '2022-12-20T18:00:00+08:00' });
    assert.equal(unreasoned.status, 422);
    assert.equal(unreasoned.body.code, 'reason_required');
    assert.deepEqual(unreasoned.body.fields.map((f) => f.field), ['reason']);

    const reason = '部分县区推荐材料需补充盖章';
    const extended = await setStage(planner, closedBatch.id, 'county', { due_at: '2022-12-20T18:00:00+08:00', reason });
    assert.equal(extended.status, 200, JSON.stringify(extended.body));
    const county = stageOf(extended.body, 'county');
    assert.equal(county.due_at, '2022-12-20T10:00:00Z');
    assert.equal(county.extensions.length, extensionsBefore + 1);
    const last = county.extensions.at(-1);
    assert.deepEqual([last.previous_due_at, last.new_due_at, last.reason], ['2022-12-15T10:00:00Z', '2022-12-20T10:00:00Z', reason]);
    assert.equal(last.by, planner.user.display_name);
    assert.ok(last.at);
    assert.ok((await auditRecords('schedule.extend')).some((r) => r.object === `batch:${closedBatch.id}`));

    const same = await setStage(planner, closedBatch.id, 'county', { due_at: '2022-12-20T10:00:00Z' });
    assert.equal(same.status, 200, 'the same due time again changes nothing');
    assert.equal(stageOf(same.body, 'county').extensions.length, extensionsBefore + 1);

    const forEnterprise = await schedule(await verifiedEnterprise(server.baseUrl), closedBatch.id);
    assert.equal(stageOf(forEnterprise.body, 'county').extensions.at(-1).by, 'organizer', 'staff names stay inside');
  });

  test('refuses a malformed due time, an unknown stage or batch, and every role but the organizer', async () => {
    for (const due_at of ['tomorrow', '2022-12-20 18:00', '2022-12-20T18:00:00']) {
      const bad = await setStage(planner, closedBatch.id, 'review', { due_at, reason: 'x' });
      assert.equal(bad.status, 422, due_at);
      assert.deepEqual(bad.body.fields.map((f) => [f.field, f.rule]), [['due_at', 'instant_syntax']]);
    }
    const missing = await setStage(planner, closedBatch.id, 'review', { reason: 'x' });
    assert.deepEqual(missing.body.fields.map((f) => [f.field, f.rule]), [['due_at', 'required']]);
    assert.equal((await setStage(planner, closedBatch.id, 'library', { due_at: hoursFromNow(5) })).status, 404);
    assert.equal((await setStage(planner, 999999, 'county', { due_at: hoursFromNow(5) })).status, 404);
    const body = { due_at: hoursFromNow(5), reason: '越权' };
    for (const role of ['county', 'bureau', 'admin', 'expert']) {
      const other = role === 'county' ? await countyOfficer(server.baseUrl) : await staff(server.baseUrl, role);
      assert.equal((await setStage(other, closedBatch.id, 'county', body)).status, 403, role);
    }
    assert.equal((await setStage(await verifiedEnterprise(server.baseUrl), closedBatch.id, 'county', body)).status, 403);
    assert.equal((await setStage(new Client(server.baseUrl), closedBatch.id, 'county', body)).status, 401);
  });
});

describe('deadline reminders', () => {
  test('reach the county officer with submitted work before the county stage is due, once per due time', async () => {
    const busy = await countyOfficer(server.baseUrl, '440783');
    const idle = await countyOfficer(server.baseUrl, '440784');
    await submittedApplication(server.baseUrl, { county: '440783' });
    const far = await setStage(planner, demoBatch.id, 'county', { due_at: hoursFromNow(24 * 7), reason: '先定远期' });
    assert.equal(far.status, 200);
    assert.deepEqual(reminders(await inbox(busy)), [], 'nothing a week ahead');

    const soon = hoursFromNow(24);
    assert.equal((await setStage(planner, demoBatch.id, 'county', { due_at: soon, reason: '提前截止' })).status, 200);
    const box = await inbox(busy);
    const [reminder, ...more] = reminders(box);
    assert.deepEqual(more, []);
    assert.equal(reminder.object, `batch:${demoBatch.id}`);
    const summary = (await busy.request('GET', `/api/county/summary?batch_id=${demoBatch.id}`)).body;
    const waiting = summary.counts.filter((c) => c.state === 'submitted').reduce((sum, c) => sum + c.count, 0);
    assert.ok(waiting >= 1);
    assert.deepEqual([reminder.params.stage, reminder.params.due_at, reminder.params.open], ['county', soon, waiting]);
    assert.match(reminder.params.due_at_beijing, /\+08:00$/);
    assert.equal((await busy.request('GET', '/api/notifications/unread-count')).body.unread, box.unread);
    assert.equal(reminders(await inbox(busy)).length, 1, 'reading again adds none');
    assert.deepEqual(reminders(await inbox(idle)), [], 'no work, no reminder');
    assert.deepEqual(reminders(await inbox(await verifiedEnterprise(server.baseUrl))), []);

    const moved = hoursFromNow(30);
    assert.equal((await setStage(planner, demoBatch.id, 'county', { due_at: moved, reason: '再调整' })).status, 200);
    const again = reminders(await inbox(busy));
    assert.deepEqual(again.map((r) => r.params.due_at), [moved, soon], 'a new due time is reminded anew');
  });

  test('reach the organizer while applications wait for the formal check', async () => {
    await recommendedApplication(server.baseUrl);
    const fresh = await staff(server.baseUrl, 'organizer');
    const due = hoursFromNow(40);
    assert.equal((await setStage(planner, demoBatch.id, 'formal_check', { due_at: due, reason: '形式审查截止' })).status, 200);
    const [reminder] = reminders(await inbox(fresh));
    assert.equal(reminder.params.stage, 'formal_check');
    assert.ok(reminder.params.open >= 1);
    const county = await countyOfficer(server.baseUrl, '440784');
    assert.ok(reminders(await inbox(county)).every((r) => r.params.stage !== 'formal_check'), 'not the county’s stage');
  });
});

describe('deadline reminders of the review stage', () => {
  test('reach each expert with a score sheet still open, and no expert without one', async () => {
    const experts = await poolExperts(server.baseUrl, 6);
    const assigned = experts.slice(0, 5);
    const { batch } = await underReview(server.baseUrl, assigned);
    const due = hoursFromNow(36);
    assert.equal((await setStage(planner, batch.id, 'review', { due_at: due, reason: '评审截止' })).status, 200);
    const reviewReminders = async (client) => reminders(await inbox(client)).filter((r) => r.params.stage === 'review');
    for (const expert of assigned) {
      const [reminder, ...more] = await reviewReminders(expert.client);
      assert.ok(reminder, `expert ${expert.name} is reminded`);
      assert.deepEqual(more, []);
      assert.equal(reminder.params.due_at, due);
      assert.ok(reminder.params.open >= 1);
      assert.equal((await reviewReminders(expert.client)).length, 1, 'reading again adds none');
    }
    assert.deepEqual(await reviewReminders(experts[5].client), [], 'no sheet, no reminder');
  });
});

describe('the inbox', () => {
  let enterprise;
  before(async () => {
    const made = await recommendedApplication(server.baseUrl);
    enterprise = made.enterprise;
  });

  test('counts unread notices, marks one or all read, and touches only the reader’s own', async () => {
    const box = await inbox(enterprise);
    assert.ok(box.unread >= 1);
    const notice = box.notifications.find((n) => n.kind === 'application.recommended');
    assert.ok(notice);
    assert.equal(notice.read_at, null);

    const stranger = await verifiedEnterprise(server.baseUrl);
    const foreign = await stranger.request('POST', `/api/notifications/${notice.id}/read`, {});
    assert.equal(foreign.status, 404, 'another user’s notice does not exist for them');
    assert.equal((await stranger.request('POST', '/api/notifications/99999999/read', {})).status, 404);
    assert.equal((await new Client(server.baseUrl).request('POST', `/api/notifications/${notice.id}/read`, {})).status, 401);
    assert.equal((await inbox(enterprise)).unread, box.unread, 'nothing was marked');

    const read = await enterprise.request('POST', `/api/notifications/${notice.id}/read`, {});
    assert.equal(read.status, 200);
    assert.equal(read.body.unread, box.unread - 1);
    const again = await enterprise.request('POST', `/api/notifications/${notice.id}/read`, {});
    assert.equal(again.body.unread, box.unread - 1, 'reading twice is reading once');
    const listed = await inbox(enterprise);
    assert.ok(listed.notifications.find((n) => n.id === notice.id).read_at);
    const unreadOnly = await enterprise.request('GET', '/api/notifications?unread=1');
    assert.ok(unreadOnly.body.notifications.every((n) => n.read_at === null));
    assert.ok(!unreadOnly.body.notifications.some((n) => n.id === notice.id));

    const all = await enterprise.request('POST', '/api/notifications/read-all', {});
    assert.equal(all.status, 200);
    assert.equal(all.body.unread, 0);
    assert.equal((await enterprise.request('GET', '/api/notifications/unread-count')).body.unread, 0);
    assert.equal((await enterprise.request('GET', '/api/notifications?page=2')).body.notifications.length, 0);
    assert.equal((await enterprise.request('GET', '/api/notifications?page=x')).status, 422);
  });

  test('is closed to anonymous callers', async () => {
    const anonymous = new Client(server.baseUrl);
    assert.equal((await anonymous.request('GET', '/api/notifications')).status, 401);
    assert.equal((await anonymous.request('GET', '/api/notifications/unread-count')).status, 401);
    assert.equal((await anonymous.request('POST', '/api/notifications/read-all', {})).status, 401);
  });
});
