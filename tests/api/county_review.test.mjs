// 县区推荐 over HTTP, on whichever database the run uses: the county officer's queue and its text
// filter, recommend / return for revision (with the fields to fix, which the enterprise then reads)
// / decline, the batch recommendation (all or nothing), the sealed recommendation letter and the
// county's counts — and every refusal: wrong role, another county, stale version, missing reason,
// a state that no longer allows it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, signedIn } from './accounts_support.mjs';
import { prepareForSubmission, submit, tinyPdf } from './application_support.mjs';
import {
  countyOfficer,
  inbox,
  organizer,
  recommendedApplication,
  staff,
  submittedApplication,
  verifiedEnterprise,
} from './review_support.mjs';
import { startServer } from './support.mjs';

let server;
let officer;
before(async () => {
  server = await startServer();
  officer = await countyOfficer(server.baseUrl, '440703');
});
after(async () => {
  await server?.stop();
});

const decide = (client, id, action, body) => client.request('POST', `/api/applications/${id}/${action}`, body);
const current = async (client, id) => (await client.request('GET', `/api/applications/${id}`)).body;

async function auditRecords(action) {
  const admin = await signedIn(server.baseUrl, 'demo-admin', 'demo-admin-2022');
  const page = await admin.request('GET', `/api/audit?action=${action}&page_size=200`);
  assert.equal(page.status, 200);
  return page.body.records;
}

describe('the queue', () => {
  test('lists the county’s submitted applications and finds one by enterprise, credit code or number', async () => {
    const { enterprise, application } = await submittedApplication(server.baseUrl);
    const find = async (client, q) => {
      const reply = await client.request('GET', `/api/applications?state=submitted&page_size=200&q=${encodeURIComponent(q)}`);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      return reply.body.applications.map((a) => a.id);
    };
    const nameFragment = enterprise.enterprise.name.split(' ')[1];
    assert.ok((await find(officer, nameFragment)).includes(application.id), 'by a part of the enterprise name');
    assert.deepEqual(await find(officer, enterprise.enterprise.credit_code), [application.id], 'by credit code');
    assert.deepEqual(await find(officer, application.number.toLowerCase()), [application.id], 'by number, any case');
    assert.deepEqual(await find(officer, `${application.number}%`), [], 'a typed % is a letter, not a wildcard');
    assert.ok((await find(officer, '智能工厂')).includes(application.id), 'by project name');
    const neighbour = await countyOfficer(server.baseUrl, '440704');
    assert.deepEqual(await find(neighbour, application.number), [], 'another county does not see it');
  });
});

describe('recommending one application', () => {
  let enterprise;
  let application;
  before(async () => {
    ({ enterprise, application } = await submittedApplication(server.baseUrl));
  });

  test('refused to the wrong role, to another county and on a stale version; nothing changes', async () => {
    const body = { version: application.version };
    assert.equal((await decide(enterprise, application.id, 'recommend', body)).status, 403);
    assert.equal((await decide(await organizer(server.baseUrl), application.id, 'recommend', body)).status, 403);
    assert.equal((await decide(new Client(server.baseUrl), application.id, 'recommend', body)).status, 401);
    const neighbour = await countyOfficer(server.baseUrl, '440704');
    const foreign = await decide(neighbour, application.id, 'recommend', body);
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.code, 'not_found');
    const stale = await decide(officer, application.id, 'recommend', { version: application.version - 1 });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'stale_version');
    assert.equal(stale.body.facts.current_version, application.version);
    const missing = await decide(officer, application.id, 'recommend', {});
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.fields.map((f) => f.field), ['version']);
    assert.equal((await current(officer, application.id)).state, 'submitted');
  });

  test('moves it to the organizer, records who and when, tells the enterprise', async () => {
    const before = await inbox(enterprise);
    const reply = await decide(officer, application.id, 'recommend', { version: application.version });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.state, 'county_recommended');
    assert.equal(reply.body.version, application.version + 1);
    assert.equal(reply.body.next_step, 'wait_formal_check');
    assert.equal(reply.body.review_feedback, null);
    const history = await enterprise.request('GET', `/api/applications/${application.id}/history`);
    const last = history.body.events.at(-1);
    assert.deepEqual([last.action, last.from_state, last.to_state, last.actor_role], [
      'recommend',
      'submitted',
      'county_recommended',
      'county',
    ]);
    const after = await inbox(enterprise);
    assert.equal(after.unread, before.unread + 1);
    const notice = after.notifications[0];
    assert.equal(notice.kind, 'application.recommended');
    assert.equal(notice.object, `application:${application.id}`);
    assert.equal(notice.params.number, application.number);
    assert.equal(notice.read_at, null);
    const audit = await auditRecords('application.recommend');
    assert.ok(audit.some((r) => r.object === `application:${application.id}` && r.actor === officer.username));
    application = reply.body;
  });

  test('cannot be recommended, returned or declined again', async () => {
    for (const action of ['recommend', 'return', 'decline']) {
      const again = await decide(officer, application.id, action, { version: application.version, reason: '再次' });
      assert.equal(again.status, 409, action);
      assert.equal(again.body.code, 'illegal_transition');
      assert.equal(again.body.facts.from, 'county_recommended');
    }
  });
});

describe('returning for revision', () => {
  let enterprise;
  let application;
  before(async () => {
    ({ enterprise, application } = await submittedApplication(server.baseUrl));
  });

  test('needs a reason and well-formed fields', async () => {
    const blank = await decide(officer, application.id, 'return', { version: application.version, reason: '  ' });
    assert.equal(blank.status, 422);
    assert.equal(blank.body.code, 'reason_required');
    assert.deepEqual(blank.body.fields.map((f) => f.field), ['reason']);
    const badFields = await decide(officer, application.id, 'return', {
      version: application.version,
      reason: '请补充',
      fields: 'form.project_name',
    });
    assert.equal(badFields.status, 422);
    assert.equal(badFields.body.fields[0].field, 'fields');
    const emptyPath = await decide(officer, application.id, 'return', {
      version: application.version,
      reason: '请补充',
      fields: ['form.summary', ''],
    });
    assert.equal(emptyPath.status, 422);
    assert.equal(emptyPath.body.fields[0].field, 'fields[1]');
    assert.equal(emptyPath.body.fields[0].rule, 'field_path_invalid');
    assert.equal((await current(officer, application.id)).state, 'submitted');
  });

  test('hands it back with the reason and the fields, which the enterprise reads and can fix', async () => {
    const reason = '项目概况过于简略，请补充建设内容';
    const fields = ['form.summary', 'materials.business_licence'];
    const reply = await decide(officer, application.id, 'return', { version: application.version, reason, fields });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.state, 'returned');
    assert.ok(reply.body.returned_at, 'the revision window starts');
    assert.ok(reply.body.revision_deadline);
    const seen = await current(enterprise, application.id);
    assert.equal(seen.editable, true);
    assert.deepEqual(seen.review_feedback.fields, fields);
    assert.equal(seen.review_feedback.action, 'return_for_revision');
    assert.equal(seen.review_feedback.reason, reason);
    assert.equal(seen.review_feedback.role, 'county');
    assert.ok(!JSON.stringify(seen.review_feedback).includes(officer.username), 'the officer is not named');
    const notice = (await inbox(enterprise)).notifications[0];
    assert.equal(notice.kind, 'application.returned');
    assert.equal(notice.params.reason, reason);
    const history = await enterprise.request('GET', `/api/applications/${application.id}/history`);
    const event = history.body.events.at(-1);
    assert.equal(event.action, 'return_for_revision');
    assert.deepEqual(event.details.fields, fields);
    assert.ok((await auditRecords('application.return_for_revision')).some((r) => r.object === `application:${application.id}`));

    const revised = { ...seen.form, summary: `${seen.form.summary}建设内容包括设备联网、数据中台与应用开发。` };
    const ready = await prepareForSubmission(enterprise, seen, revised);
    const resubmitted = await submit(enterprise, ready);
    assert.equal(resubmitted.status, 200, JSON.stringify(resubmitted.body));
    assert.equal(resubmitted.body.state, 'submitted');
    assert.equal(resubmitted.body.revision, 2);
    assert.equal(resubmitted.body.review_feedback, null, 'the feedback is answered');
    const recommended = await decide(officer, application.id, 'recommend', { version: resubmitted.body.version });
    assert.equal(recommended.status, 200);
    assert.equal(recommended.body.state, 'county_recommended');
  });
});

describe('declining', () => {
  test('needs a reason, is final, and the enterprise reads why', async () => {
    const { enterprise, application } = await submittedApplication(server.baseUrl);
    const bare = await decide(officer, application.id, 'decline', { version: application.version });
    assert.equal(bare.status, 422);
    assert.equal(bare.body.code, 'reason_required');
    const reason = '项目不属于本专项支持方向';
    const reply = await decide(officer, application.id, 'decline', { version: application.version, reason });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.state, 'county_declined');
    assert.equal(reply.body.next_step, 'closed');
    const seen = await current(enterprise, application.id);
    assert.deepEqual([seen.review_feedback.action, seen.review_feedback.reason], ['decline', reason]);
    assert.equal((await inbox(enterprise)).notifications[0].kind, 'application.declined');
    const later = await decide(officer, application.id, 'recommend', { version: reply.body.version });
    assert.equal(later.status, 409);
    assert.equal(later.body.code, 'illegal_transition');
    const withdraw = await enterprise.request('POST', `/api/applications/${application.id}/withdraw`, {});
    assert.equal(withdraw.status, 409, 'a declined application is closed');
  });
});

describe('recommending several at once', () => {
  test('is all or nothing, names the application that stopped it, then recommends them all', async () => {
    const first = await submittedApplication(server.baseUrl);
    const second = await submittedApplication(server.baseUrl);
    const foreign = await submittedApplication(server.baseUrl, { county: '440704' });
    const { application: done } = await recommendedApplication(server.baseUrl);
    const batchId = first.application.batch_id;
    const ids = [first.application.id, second.application.id];
    const send = (body) => officer.request('POST', '/api/county/recommendations', body);

    const withForeign = await send({ batch_id: batchId, application_ids: [...ids, foreign.application.id] });
    assert.equal(withForeign.status, 404);
    assert.equal(withForeign.body.facts.application_id, foreign.application.id);
    const withDone = await send({ batch_id: batchId, application_ids: [...ids, done.id] });
    assert.equal(withDone.status, 409);
    assert.equal(withDone.body.code, 'illegal_transition');
    assert.equal(withDone.body.facts.application_id, done.id);
    const batches = await officer.request('GET', '/api/batches');
    const otherBatch = batches.body.batches.find((b) => b.id !== batchId);
    const wrongBatch = await send({ batch_id: otherBatch.id, application_ids: ids });
    assert.equal(wrongBatch.status, 422);
    assert.equal(wrongBatch.body.code, 'application_not_in_batch');
    assert.equal(wrongBatch.body.facts.application_id, ids[0]);
    const empty = await send({ batch_id: batchId, application_ids: [] });
    assert.equal(empty.status, 422);
    for (const id of ids) assert.equal((await current(officer, id)).state, 'submitted', 'nothing was recommended');

    const organizerTry = await (await organizer(server.baseUrl)).request('POST', '/api/county/recommendations', {
      batch_id: batchId,
      application_ids: ids,
    });
    assert.equal(organizerTry.status, 403);

    const reply = await send({ batch_id: batchId, application_ids: [...ids, ids[0]] });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.deepEqual(reply.body.recommended, ids);
    for (const { enterprise, application } of [first, second]) {
      assert.equal((await current(officer, application.id)).state, 'county_recommended');
      assert.equal((await inbox(enterprise)).notifications[0].kind, 'application.recommended');
    }
  });
});

describe('the sealed recommendation letter (推荐函)', () => {
  let batchId;
  const putLetter = (client, id, bytes, name = '蓬江区推荐函（盖章）.pdf') => {
    const headers = { 'Content-Type': 'application/pdf', 'X-File-Name': encodeURIComponent(name) };
    if (Object.keys(client.cookies).length) headers.Cookie = client.cookieHeader();
    if (client.csrf) headers['X-CSRF-Token'] = client.csrf;
    return fetch(`${client.baseUrl}/api/county/letters/${id}`, { method: 'PUT', headers, body: bytes });
  };
  const download = (client, path) =>
    fetch(`${client.baseUrl}${path}`, { headers: client.cookies ? { Cookie: client.cookieHeader() } : {} });

  before(async () => {
    const batches = await officer.request('GET', '/api/batches');
    batchId = batches.body.batches.find((b) => b.is_demo).id;
  });

  test('is uploaded as a file, replaced by a newer one, and listed', async () => {
    const first = await putLetter(officer, batchId, tinyPdf('letter one'));
    assert.ok([200, 201].includes(first.status), await first.text());
    const newer = tinyPdf('letter two, signed');
    const replaced = await putLetter(officer, batchId, newer);
    assert.equal(replaced.status, 200, 'a second upload replaces the first');
    const body = await replaced.json();
    assert.equal(body.county_code, '440703');
    assert.equal(body.file_name, '蓬江区推荐函（盖章）.pdf');
    assert.equal(body.size_bytes, newer.length);
    assert.equal(body.content_type, 'application/pdf');
    const listed = await officer.request('GET', `/api/county/letters?batch_id=${batchId}`);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.letters.map((l) => [l.county_code, l.size_bytes]), [['440703', newer.length]]);
    const audit = await auditRecords('county.letter_upload');
    assert.ok(audit.some((r) => r.actor === officer.username && r.object === `batch:${batchId}`));
  });

  test('is downloaded by its county, the organizer and the bureau, and by nobody else', async () => {
    const own = await download(officer, `/api/county/letters/${batchId}/content?county_code=440704`);
    assert.equal(own.status, 200, 'the county parameter is ignored for an officer');
    assert.match(own.headers.get('content-disposition'), /^attachment; filename=".*"; filename\*=UTF-8''%E8%93%AC/);
    assert.equal(Buffer.from(await own.arrayBuffer()).toString('latin1'), tinyPdf('letter two, signed').toString('latin1'));
    const checker = await organizer(server.baseUrl);
    const forOrganizer = await download(checker, `/api/county/letters/${batchId}/content?county_code=440703`);
    assert.equal(forOrganizer.status, 200);
    assert.equal(forOrganizer.headers.get('content-type'), 'application/pdf');
    const unnamed = await checker.request('GET', `/api/county/letters/${batchId}/content`);
    assert.equal(unnamed.status, 422, 'the organizer names the county');
    const bureau = await staff(server.baseUrl, 'bureau');
    const all = await bureau.request('GET', `/api/county/letters?batch_id=${batchId}`);
    assert.ok(all.body.letters.some((l) => l.county_code === '440703'));
    const neighbour = await countyOfficer(server.baseUrl, '440781');
    const none = await download(neighbour, `/api/county/letters/${batchId}/content?county_code=440703`);
    assert.equal(none.status, 404, 'another county reads only its own (none yet)');
    const listedForNeighbour = await neighbour.request('GET', `/api/county/letters?batch_id=${batchId}`);
    assert.deepEqual(listedForNeighbour.body.letters, []);
    const enterprise = await verifiedEnterprise(server.baseUrl);
    assert.equal((await download(enterprise, `/api/county/letters/${batchId}/content?county_code=440703`)).status, 403);
    assert.equal((await putLetter(enterprise, batchId, tinyPdf())).status, 403);
    assert.equal((await putLetter(checker, batchId, tinyPdf())).status, 403);
  });

  test('must be a PDF, JPEG, PNG or OFD by its bytes, at most 20 MiB, for a known batch', async () => {
    const text = await putLetter(officer, batchId, Buffer.from('这不是PDF文件，只是文字。'));
    assert.equal(text.status, 415);
    const problem = await text.json();
    assert.equal(problem.code, 'file_type_not_allowed');
    assert.equal(problem.facts.claimed, 'pdf');
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
    tinyPdf().copy(big);
    const tooBig = await putLetter(officer, batchId, big);
    assert.equal(tooBig.status, 413);
    const unknownBatch = await putLetter(officer, 999999, tinyPdf());
    assert.equal(unknownBatch.status, 404);
    const nameless = await putLetter(officer, batchId, tinyPdf(), '');
    assert.equal(nameless.status, 422);
    const kept = await officer.request('GET', `/api/county/letters?batch_id=${batchId}`);
    assert.equal(kept.body.letters[0].size_bytes, tinyPdf('letter two, signed').length, 'the refused uploads changed nothing');
  });
});

describe('the county’s counts', () => {
  test('by state and category, of the county’s submitted applications only', async () => {
    const county = '440785';
    const enping = await countyOfficer(server.baseUrl, county);
    const { application } = await submittedApplication(server.baseUrl, { county });
    await submittedApplication(server.baseUrl, { county });
    const draftOwner = await verifiedEnterprise(server.baseUrl, county);
    await draftOwner.request('POST', '/api/applications', { batch_id: application.batch_id, category: 1 });
    const summary = await enping.request('GET', `/api/county/summary?batch_id=${application.batch_id}`);
    assert.equal(summary.status, 200, JSON.stringify(summary.body));
    const submitted = summary.body.counts.find((c) => c.state === 'submitted' && c.category === 1);
    assert.ok(submitted.count >= 2);
    assert.ok(summary.body.counts.every((c) => c.state !== 'draft'), 'drafts are the enterprise’s business');
    assert.equal(summary.body.total, summary.body.counts.reduce((sum, c) => sum + c.count, 0));
    await decide(enping, application.id, 'recommend', { version: application.version });
    const after = await enping.request('GET', `/api/county/summary?batch_id=${application.batch_id}`);
    const recommended = after.body.counts.find((c) => c.state === 'county_recommended' && c.category === 1);
    assert.ok(recommended.count >= 1);
    assert.equal(after.body.total, summary.body.total);
    const pengjiang = await officer.request('GET', `/api/county/summary?batch_id=${application.batch_id}&county_code=${county}`);
    assert.notDeepEqual(pengjiang.body, after.body, 'an officer sees its own county whatever it asks');
    const forOrganizer = await (await organizer(server.baseUrl)).request(
      'GET',
      `/api/county/summary?batch_id=${application.batch_id}&county_code=${county}`,
    );
    assert.deepEqual(forOrganizer.body, after.body);
    const enterprise = await verifiedEnterprise(server.baseUrl);
    assert.equal((await enterprise.request('GET', '/api/county/summary')).status, 403);
    assert.equal((await enping.request('GET', '/api/county/summary?batch_id=999999')).status, 404);
  });
});
