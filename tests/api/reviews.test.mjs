// The expert workspace (专家评审) over HTTP: the pledge before anything is shown, the scoring form
// from the category's criteria, drafts with their version, ranges and required comments, the lock
// after submit and the organizer's reopen, offline entry named in the audit, nobody seeing another
// expert's sheet, the enterprise never learning who reviewed it, the materials ZIP and the printed
// 评分表.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { signedIn } from './accounts_support.mjs';
import { inbox, staff } from './review_support.mjs';
import { acceptPledge, fullMarks, poolExperts, reviewOf, scoreAndSubmit, underReview } from './scoring_support.mjs';
import { startServer } from './support.mjs';
import { download, unzip } from './xlsx_reading.mjs';

let server;
let experts; // five assigned, the sixth in the pool but not assigned
let outsider;
let setup; // {organizer, batch, applications: [{application, enterprise}]}
let application;
let enterprise;
let reviewId; // experts[0]'s review of `application`

before(async () => {
  server = await startServer();
  const pool = await poolExperts(server.baseUrl, 6);
  experts = pool.slice(0, 5);
  outsider = pool[5];
  setup = await underReview(server.baseUrl, experts);
  ({ application, enterprise } = setup.applications[0]);
});

after(async () => {
  await server?.stop();
});

const fieldsOf = (reply) => (reply.body.fields ?? []).map((f) => `${f.field}:${f.rule}`).sort();

test('an expert sees no application of a batch before accepting its pledge, then only its own', async () => {
  const client = experts[0].client;
  const before = await client.request('GET', '/api/reviews');
  assert.equal(before.status, 200, JSON.stringify(before.body));
  assert.equal(before.body.pledge_required, true);
  assert.deepEqual(before.body.reviews, []);
  assert.ok(before.body.batches.some((b) => b.batch_id === setup.batch.id));

  const organizerList = await setup.organizer.request('GET', `/api/reviews?batch_id=${setup.batch.id}`);
  reviewId = organizerList.body.reviews.find(
    (r) => r.application_id === application.id && r.expert.id === experts[0].id,
  ).id;
  const early = await client.request('GET', `/api/reviews/${reviewId}`);
  assert.equal(early.status, 403);
  assert.equal(early.body.code, 'pledge_required');
  assert.equal((await download(client, `/api/applications/${application.id}/materials.zip`)).status, 404);
  assert.equal((await client.request('GET', `/api/applications/${application.id}/snapshot`)).status, 404);

  const pledge = await client.request('GET', `/api/pledges/${setup.batch.id}`);
  assert.equal(pledge.status, 200);
  for (const word of ['保密', '公正', '回避']) assert.match(pledge.body.text_zh, new RegExp(word));
  assert.match(pledge.body.text_en, /Confidentiality/);
  assert.match(pledge.body.pledge_hash, /^[0-9a-f]{64}$/);
  assert.equal(pledge.body.accepted_at, null);
  const wrong = await client.request('POST', `/api/pledges/${setup.batch.id}`, { pledge_hash: '0'.repeat(64) });
  assert.equal(wrong.status, 409);
  assert.equal(wrong.body.code, 'pledge_changed');
  const accepted = await acceptPledge(client, setup.batch.id);
  assert.ok(accepted.accepted_at);
  const again = await client.request('POST', `/api/pledges/${setup.batch.id}`, { pledge_hash: pledge.body.pledge_hash });
  assert.equal(again.body.accepted_at, accepted.accepted_at, 'accepting twice keeps the first acceptance');

  // The same run may also have given this expert applications of the demo data.
  const listed = await client.request('GET', '/api/reviews');
  assert.equal(listed.body.pledge_required, false);
  const mine = listed.body.reviews.filter((r) => r.application_id === application.id);
  assert.deepEqual(
    mine.map((r) => [r.id, r.number, r.state, r.due_at]),
    [[reviewId, application.number, 'pending', null]],
  );
  assert.ok(listed.body.reviews.every((r) => r.expert === undefined), 'an expert is not told who else reviews');
  const snapshot = await client.request('GET', `/api/applications/${application.id}/snapshot`);
  assert.equal(snapshot.status, 200, 'the assigned expert reads the frozen snapshot');
  assert.equal(snapshot.body.form.project_name, application.form.project_name);

  await acceptPledge(outsider.client, setup.batch.id);
  const outsiders = await outsider.client.request('GET', '/api/reviews');
  assert.ok(
    outsiders.body.reviews.every((r) => r.application_id !== application.id),
    'a pool expert without the assignment does not see it',
  );
  assert.equal((await outsider.client.request('GET', `/api/reviews/${reviewId}`)).status, 404);
  assert.equal((await download(outsider.client, `/api/applications/${application.id}/materials.zip`)).status, 404);
  assert.equal((await outsider.client.request('GET', `/api/applications/${application.id}/snapshot`)).status, 404);
  for (const expert of experts.slice(1)) await acceptPledge(expert.client, setup.batch.id);
});

test('the scoring form is the category policy: criteria, weights, maxima and the comment threshold', async () => {
  const reply = await experts[0].client.request('GET', `/api/reviews/${reviewId}`);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  const review = reply.body;
  assert.deepEqual(
    review.criteria.map((c) => c.id),
    ['implementation_basis', 'technical_advancement', 'measurable_results', 'demonstration_value', 'investment_soundness'],
  );
  assert.equal(review.criteria.reduce((sum, c) => sum + c.weight, 0), 100);
  assert.equal(review.criteria[0].name_zh, '实施基础');
  assert.equal(review.criteria[0].max_score, 20);
  assert.equal(review.comment_below, 0.6);
  assert.equal(review.state, 'pending');
  assert.equal(review.version, 0);
  assert.equal(review.application.number, application.number);
  assert.equal(review.application.enterprise_name, enterprise.enterprise.name);
  assert.equal(review.expert, undefined);
});

test('a draft saves with its version; a score out of range, a stranger criterion or a stale version is refused', async () => {
  const client = experts[0].client;
  const bad = await client.request('PUT', `/api/reviews/${reviewId}/scores`, {
    version: 0,
    scores: { implementation_basis: 21, technical_advancement: -1, measurable_results: 'high', luck: 5 },
  });
  assert.equal(bad.status, 422);
  assert.deepEqual(fieldsOf(bad), [
    'scores.implementation_basis:score_range',
    'scores.luck:criterion_unknown',
    'scores.measurable_results:wrong_type',
    'scores.technical_advancement:score_range',
  ]);
  const range = bad.body.fields.find((f) => f.field === 'scores.implementation_basis');
  assert.equal(range.facts.max, 20);
  assert.match(range.message, /0.*20/);
  assert.equal((await client.request('GET', `/api/reviews/${reviewId}`)).body.version, 0, 'nothing was saved');

  const draft = await client.request('PUT', `/api/reviews/${reviewId}/scores`, {
    version: 0,
    scores: { implementation_basis: 18, technical_advancement: 22.5 },
    comments: { technical_advancement: '技术路线清晰' },
  });
  assert.equal(draft.status, 200, JSON.stringify(draft.body));
  assert.equal(draft.body.state, 'draft');
  assert.equal(draft.body.version, 1);
  assert.deepEqual(draft.body.scores, { implementation_basis: 18, technical_advancement: 22.5 });
  assert.equal(draft.body.entered_by_role, 'expert');
  const stale = await client.request('PUT', `/api/reviews/${reviewId}/scores`, { version: 0, scores: {} });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.code, 'stale_version');
  assert.equal(stale.body.facts.current_version, 1);
});

test('submitting needs every criterion and a comment below 60 % of the maximum; then the sheet is locked', async () => {
  const client = experts[0].client;
  const partial = await client.request('POST', `/api/reviews/${reviewId}/submit`, { version: 1 });
  assert.equal(partial.status, 422);
  assert.equal(partial.body.code, 'review_incomplete');
  assert.deepEqual(fieldsOf(partial), [
    'scores.demonstration_value:required',
    'scores.investment_soundness:required',
    'scores.measurable_results:required',
  ]);
  const low = await client.request('PUT', `/api/reviews/${reviewId}/scores`, {
    version: 1,
    scores: {
      implementation_basis: 11.5, // below 12 = 60 % of 20
      technical_advancement: 22.5,
      measurable_results: 26,
      demonstration_value: 12,
      investment_soundness: 8,
    },
    comments: { technical_advancement: '技术路线清晰' },
    overall_comment: '基础薄弱，其余尚可。',
  });
  assert.equal(low.status, 200, JSON.stringify(low.body));
  const uncommented = await client.request('POST', `/api/reviews/${reviewId}/submit`, { version: 2 });
  assert.equal(uncommented.status, 422);
  assert.deepEqual(fieldsOf(uncommented), ['comments.implementation_basis:comment_required']);

  const commented = await client.request('PUT', `/api/reviews/${reviewId}/scores`, {
    version: 2,
    scores: low.body.scores,
    comments: { ...low.body.comments, implementation_basis: '设备联网率低，基础薄弱' },
    overall_comment: low.body.overall_comment,
  });
  const submitted = await client.request('POST', `/api/reviews/${reviewId}/submit`, { version: commented.body.version });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  assert.equal(submitted.body.state, 'submitted');
  assert.equal(submitted.body.total, 80);
  assert.ok(submitted.body.submitted_at);

  const locked = await client.request('PUT', `/api/reviews/${reviewId}/scores`, {
    version: submitted.body.version,
    scores: { implementation_basis: 20 },
  });
  assert.equal(locked.status, 409);
  assert.equal(locked.body.code, 'review_locked');
  const twice = await client.request('POST', `/api/reviews/${reviewId}/submit`, { version: submitted.body.version });
  assert.equal(twice.status, 409);
  assert.equal(twice.body.code, 'review_locked');
  const listed = await client.request('GET', '/api/reviews?state=submitted');
  assert.deepEqual(listed.body.reviews.map((r) => [r.id, r.total]), [[reviewId, 80]]);
  const pending = await client.request('GET', '/api/reviews?state=pending');
  assert.ok(pending.body.reviews.every((r) => r.state === 'pending' && r.id !== reviewId));
});

test('an expert never reaches another expert’s sheet; the organizer lists every sheet with its expert', async () => {
  const other = experts[1].client;
  for (const [method, path, body] of [
    ['GET', `/api/reviews/${reviewId}`],
    ['PUT', `/api/reviews/${reviewId}/scores`, { version: 3, scores: {} }],
    ['POST', `/api/reviews/${reviewId}/submit`, { version: 3 }],
  ]) {
    assert.equal((await other.request(method, path, body)).status, 404, `${method} ${path}`);
  }
  const own = await other.request('GET', '/api/reviews');
  assert.ok(own.body.reviews.every((r) => r.id !== reviewId));
  assert.ok(!JSON.stringify(own.body).includes(experts[0].name));
  const all = await setup.organizer.request('GET', `/api/reviews?batch_id=${setup.batch.id}`);
  const ofApplication = all.body.reviews.filter((r) => r.application_id === application.id);
  assert.deepEqual(ofApplication.map((r) => r.expert.name).sort(), experts.map((e) => e.name).sort());
  assert.equal(ofApplication.find((r) => r.id === reviewId).state, 'submitted');
  const bureau = await staff(server.baseUrl, 'bureau');
  assert.equal((await bureau.request('GET', '/api/reviews')).status, 403);
  assert.equal((await enterprise.request('GET', '/api/reviews')).status, 403);
});

test('the organizer reopens a submitted sheet with a reason and the expert is told', async () => {
  const expert = experts[0].client;
  assert.equal((await expert.request('POST', `/api/reviews/${reviewId}/reopen`, { reason: '请复核' })).status, 403);
  const reasonless = await setup.organizer.request('POST', `/api/reviews/${reviewId}/reopen`, { reason: ' ' });
  assert.equal(reasonless.status, 422);
  assert.deepEqual(fieldsOf(reasonless), ['reason:required']);
  const reopened = await setup.organizer.request('POST', `/api/reviews/${reviewId}/reopen`, {
    reason: '实施基础得分与意见不符，请复核',
  });
  assert.equal(reopened.status, 200, JSON.stringify(reopened.body));
  assert.equal(reopened.body.state, 'draft');
  assert.equal(reopened.body.reopened_reason, '实施基础得分与意见不符，请复核');
  assert.equal(reopened.body.total, null);
  const notices = await inbox(expert);
  const notice = notices.notifications.find((n) => n.kind === 'review.reopened');
  assert.ok(notice, JSON.stringify(notices));
  assert.equal(notice.params.reason, '实施基础得分与意见不符，请复核');
  assert.equal(notice.params.number, application.number);
  const notSubmitted = await setup.organizer.request('POST', `/api/reviews/${reviewId}/reopen`, { reason: '再次' });
  assert.equal(notSubmitted.status, 409);
  assert.equal(notSubmitted.body.code, 'review_not_submitted');

  const sheet = await expert.request('GET', `/api/reviews/${reviewId}`);
  const resubmitted = await scoreAndSubmit(expert, reviewId, { ...sheet.body.scores, implementation_basis: 14 });
  assert.equal(resubmitted.total, 82.5);
});

test('the organizer enters an offline meeting’s sheet on an expert’s behalf, with a note, named in the audit', async () => {
  const review = await reviewOf(experts[1].client, application.id);
  const noNote = await setup.organizer.request('PUT', `/api/reviews/${review.id}/scores`, {
    version: 0,
    scores: { implementation_basis: 16 },
  });
  assert.equal(noNote.status, 422);
  assert.deepEqual(fieldsOf(noNote), ['offline_note:required']);
  const form = await setup.organizer.request('GET', `/api/reviews/${review.id}`);
  assert.equal(form.body.expert.name, experts[1].name);
  const submitted = await scoreAndSubmit(setup.organizer, review.id, fullMarks(form.body, 0.8), {
    offline_note: '2022-12-19 线下评审会，纸质评分表已存档',
  });
  assert.equal(submitted.entered_by_role, 'organizer');
  assert.equal(submitted.offline_note, '2022-12-19 线下评审会，纸质评分表已存档');
  assert.equal(submitted.total, 80);
  const seen = await experts[1].client.request('GET', `/api/reviews/${review.id}`);
  assert.equal(seen.body.state, 'submitted');
  assert.equal(seen.body.entered_by_role, 'organizer');

  const admin = await signedIn(server.baseUrl, 'demo-admin', 'demo-admin-2022');
  const audit = await admin.request('GET', '/api/audit?action=review.submit&page_size=50');
  const record = audit.body.records.find((r) => r.object === `review:${review.id}`);
  assert.ok(record, JSON.stringify(audit.body));
  assert.equal(record.role, 'organizer');
  assert.equal(record.actor, setup.organizer.username);
  assert.equal(record.summary.expert_name, experts[1].name);
  assert.match(record.summary.offline_note, /线下评审会/);
});

test('the enterprise never learns who reviewed it: not in its application, its history or its inbox', async () => {
  const view = await enterprise.request('GET', `/api/applications/${application.id}`);
  assert.equal(view.status, 200);
  assert.equal(view.body.state, 'under_review');
  const history = await enterprise.request('GET', `/api/applications/${application.id}/history`);
  assert.equal(history.status, 200);
  const notices = await inbox(enterprise);
  const seen = JSON.stringify([view.body, history.body, notices]);
  for (const expert of experts) {
    assert.ok(!seen.includes(expert.name), `${expert.name} shows to the enterprise`);
    assert.ok(!seen.includes(expert.client.username), `${expert.client.username} shows to the enterprise`);
  }
  const events = history.body.events ?? history.body;
  assert.ok(events.every((e) => e.actor_role !== 'expert'));
  // The start of the review may say how many experts review it, never which.
  assert.ok(!/"(expert_id|expert_ids|expert_name|reviewers)"/.test(JSON.stringify(history.body)), JSON.stringify(history.body));
  for (const expert of experts) assert.ok(!JSON.stringify(history.body).includes(`"expert_id":${expert.id}`));
  for (const path of [`/api/reviews/${reviewId}`, '/api/reviews', `/api/applications/${application.id}/materials.zip`]) {
    assert.equal((await enterprise.request('GET', path)).status, 403, path);
  }
});

test('the materials ZIP holds the 申报书 and every complete material of the snapshot, for those who may read it', async () => {
  const reply = await download(experts[2].client, `/api/applications/${application.id}/materials.zip`);
  assert.equal(reply.status, 200);
  assert.equal(reply.headers.get('content-type'), 'application/zip');
  assert.match(reply.headers.get('content-disposition'), new RegExp(`${application.number}-materials\\.zip`));
  const entries = unzip(reply.bytes);
  const names = Object.keys(entries);
  const pdfName = `申报书-${application.number}.pdf`;
  assert.ok(names.includes(pdfName), names.join(', '));
  assert.equal(entries[pdfName].subarray(0, 5).toString('latin1'), '%PDF-');
  const snapshot = await setup.organizer.request('GET', `/api/applications/${application.id}/snapshot`);
  assert.equal(names.length, snapshot.body.materials.length + 1, names.join(', '));
  for (const material of snapshot.body.materials) {
    const entry = names.find((n) => n.endsWith(`/${material.file_name}`));
    assert.ok(entry, `${material.file_name} in ${names.join(', ')}`);
    assert.equal(entries[entry].length, material.size_bytes);
  }
  assert.ok(names.some((n) => n.startsWith('营业执照/')), names.join(', '));

  const english = await fetch(`${server.baseUrl}/api/applications/${application.id}/materials.zip`, {
    headers: { Cookie: setup.organizer.cookieHeader(), 'Accept-Language': 'en' },
  });
  const englishNames = Object.keys(unzip(Buffer.from(await english.arrayBuffer())));
  assert.ok(englishNames.includes(`application-${application.number}.pdf`), englishNames.join(', '));

  const county = await staff(server.baseUrl, 'county', { county_code: '440703' });
  const otherCounty = await staff(server.baseUrl, 'county', { county_code: '440704' });
  const bureau = await staff(server.baseUrl, 'bureau');
  assert.equal((await download(county, `/api/applications/${application.id}/materials.zip`)).status, 200);
  assert.equal((await download(bureau, `/api/applications/${application.id}/materials.zip`)).status, 200);
  assert.equal((await download(otherCounty, `/api/applications/${application.id}/materials.zip`)).status, 404);
  assert.equal((await download(outsider.client, `/api/applications/${application.id}/materials.zip`)).status, 404);
});

function pdfText(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'iifund-score-sheet-'));
  const path = join(dir, 'sheet.pdf');
  writeFileSync(path, bytes);
  const result = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

test('the printed score sheet lists the expert’s submitted sheets with totals, comments and a signature line', async () => {
  const own = await download(experts[0].client, `/api/experts/me/score-sheet.pdf?batch_id=${setup.batch.id}`);
  assert.equal(own.status, 200);
  assert.equal(own.headers.get('content-type'), 'application/pdf');
  const text = pdfText(own.bytes);
  for (const expected of ['评审专家评分表', experts[0].name, application.number, '实施基础', '82.5', '已核对材料', '评审专家（签名）']) {
    assert.ok(text.includes(expected), `${expected} in:\n${text}`);
  }
  assert.match(text, /第 ?1 ?页 ?共 ?1 ?页/);

  const byOrganizer = await download(
    setup.organizer,
    `/api/experts/${experts[1].id}/score-sheet.pdf?batch_id=${setup.batch.id}`,
  );
  assert.equal(byOrganizer.status, 200);
  const organizerText = pdfText(byOrganizer.bytes);
  assert.ok(organizerText.includes(experts[1].name));
  assert.ok(organizerText.includes('线下评审会'), organizerText);

  const nothing = await experts[2].client.request('GET', `/api/experts/me/score-sheet.pdf?batch_id=${setup.batch.id}`);
  assert.equal(nothing.status, 409);
  assert.equal(nothing.body.code, 'no_submitted_sheets');
  const noBatch = await experts[0].client.request('GET', '/api/experts/me/score-sheet.pdf');
  assert.equal(noBatch.status, 422);
  assert.deepEqual(fieldsOf(noBatch), ['batch_id:required']);
  const foreign = await experts[0].client.request(
    'GET',
    `/api/experts/${experts[1].id}/score-sheet.pdf?batch_id=${setup.batch.id}`,
  );
  assert.equal(foreign.status, 403);
});
