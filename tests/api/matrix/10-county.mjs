// The authorization matrix's part for the county review, formal check, schedule and inbox routes
// (10-county.json): the objects those cases act on, and the requests that need a current version,
// a raw file body or a per-actor object.
import assert from 'node:assert/strict';

import { tinyPdf } from '../application_support.mjs';
import {
  passingChecklist,
  recommendedApplication,
  staff,
  submittedApplication,
} from '../review_support.mjs';

export const auditedAction = {
  'POST /api/applications/:id/recommend': 'application.recommend',
  'POST /api/applications/:id/return': 'application.return_for_revision',
  'POST /api/applications/:id/decline': 'application.decline',
  'POST /api/county/recommendations': 'application.recommend',
  'PUT /api/county/letters/:batch_id': 'county.letter_upload',
  'POST /api/applications/:id/formal-check': 'application.pass_formal_check',
  'POST /api/batches/:id/formal-recheck/sample': 'formal_check.sample',
  'POST /api/applications/:id/formal-recheck': 'formal_check.recheck',
  'PUT /api/batches/:id/schedule/:stage': 'schedule.extend',
};

// Sends a raw file to the letter route as `client`, with its cookies and CSRF token.
function putLetter(client, batchId, label) {
  const headers = { 'Content-Type': 'application/pdf', 'X-File-Name': encodeURIComponent(`${label}推荐函.pdf`) };
  if (Object.keys(client.cookies).length) headers.Cookie = client.cookieHeader();
  if (client.csrf) headers['X-CSRF-Token'] = client.csrf;
  return fetch(`${client.baseUrl}/api/county/letters/${batchId}`, { method: 'PUT', headers, body: tinyPdf(label) });
}

let reader;  // an organizer of this server's fixtures, who reads current versions
let letterCounty;

export async function fixtures(f) {
  const baseUrl = f.observer.baseUrl;
  const batches = (await f.observer.request('GET', '/api/batches')).body.batches;
  const demo = batches.find((b) => b.is_demo);
  const closed = batches.find((b) => !b.is_demo);
  const pengjiang = await f.staffOf('county', { county_code: '440703' });
  const jianghai = await f.staffOf('county', { county_code: '440704' });
  reader = await staff(baseUrl, 'organizer');

  const submitted = async () => (await submittedApplication(baseUrl, { county: '440703' })).application.id;
  const objects = {
    county_app_recommend: await submitted(),
    county_app_return: await submitted(),
    county_app_decline: await submitted(),
    county_app_batch: await submitted(),
    formal_app_check: (await recommendedApplication(baseUrl, { county: '440703' })).application.id,
    app_unknown: 99_999_999,
    batch_demo: demo.id,
    batch_closed: closed.id,
    batch_unknown: 999_999,
  };

  // A first check by another organizer, then a draw of every candidate: the matrix organizer re-checks.
  const { application: rechecked } = await recommendedApplication(baseUrl, { county: '440703' });
  const passed = await reader.request('POST', `/api/applications/${rechecked.id}/formal-check`, {
    version: rechecked.version,
    outcome: 'pass',
    checklist: passingChecklist,
  });
  assert.equal(passed.status, 200, JSON.stringify(passed.body));
  const drawn = await reader.request('POST', `/api/batches/${demo.id}/formal-recheck/sample`, { share_percent: 100 });
  assert.ok(drawn.body.sampled.includes(rechecked.id), JSON.stringify(drawn.body));
  objects.formal_app_recheck = rechecked.id;

  // Both counties' letters exist before the cases run.
  for (const [officer, label] of [[pengjiang, '蓬江区'], [jianghai, '江海区']]) {
    const reply = await putLetter(officer, demo.id, label);
    assert.ok([200, 201].includes(reply.status), await reply.text());
  }
  letterCounty = { letter_own: [demo.id, '440703'], letter_foreign: [demo.id, '440704'], letter_none: [closed.id, '440703'] };

  // The closed batch's review stage is set, so the organizer's case extends it.
  const set = await reader.request('PUT', `/api/batches/${closed.id}/schedule/review`, {
    due_at: '2030-01-01T00:00:00Z',
    reason: '矩阵测试预设',
  });
  assert.equal(set.status, 200, JSON.stringify(set.body));

  // Enterprise A's users are told of a return (its submitted application then goes back to the
  // county as it was); another enterprise's user has a notice of its own.
  const appA = f.objects.app_a_submitted;
  const beforeReturn = (await reader.request('GET', `/api/applications/${appA}`)).body;
  const returned = await pengjiang.request('POST', `/api/applications/${appA}/return`, {
    version: beforeReturn.version,
    reason: '矩阵测试：请核对',
  });
  assert.equal(returned.status, 200, JSON.stringify(returned.body));
  const resubmitted = await f.actors.enterprise.request('POST', `/api/applications/${appA}/submit`, {
    version: returned.body.version,
  });
  assert.equal(resubmitted.status, 200, JSON.stringify(resubmitted.body));
  const other = await recommendedApplication(baseUrl, { county: '440704' });
  const theirs = (await other.enterprise.request('GET', '/api/notifications')).body.notifications[0];
  objects.foreign_notification = theirs.id;
  return { objects };
}

async function currentVersion(id) {
  const reply = await reader.request('GET', `/api/applications/${id}`);
  return reply.status === 200 ? reply.body.version : 1;
}

export async function request(f, route, actorName, objectName) {
  const actor = f.actors[actorName];
  const id = objectName ? f.objects[objectName] : undefined;
  switch (route) {
    case 'POST /api/applications/:id/recommend':
      return { path: `/api/applications/${id}/recommend`, body: { version: await currentVersion(id) } };
    case 'POST /api/applications/:id/return':
      return {
        path: `/api/applications/${id}/return`,
        body: { version: await currentVersion(id), reason: '请补充项目概况', fields: ['form.summary'] },
      };
    case 'POST /api/applications/:id/decline':
      return { path: `/api/applications/${id}/decline`, body: { version: await currentVersion(id), reason: '不符合条件' } };
    case 'POST /api/county/recommendations':
      return { path: '/api/county/recommendations', body: { batch_id: f.objects.batch_demo, application_ids: [id] } };
    case 'PUT /api/county/letters/:batch_id':
      return { status: (await putLetter(actor, id, `矩阵 ${actorName}`)).status };
    case 'GET /api/county/letters/:batch_id/content': {
      const [batchId, county] = letterCounty[objectName];
      return { path: `/api/county/letters/${batchId}/content?county_code=${county}` };
    }
    case 'GET /api/county/summary':
      return { path: `/api/county/summary?batch_id=${f.objects.batch_demo}` };
    case 'POST /api/applications/:id/formal-check':
      return {
        path: `/api/applications/${id}/formal-check`,
        body: { version: await currentVersion(id), outcome: 'pass', checklist: passingChecklist },
      };
    case 'POST /api/batches/:id/formal-recheck/sample':
      return { path: `/api/batches/${id}/formal-recheck/sample`, body: { share_percent: 100 } };
    case 'POST /api/applications/:id/formal-recheck':
      return { path: `/api/applications/${id}/formal-recheck`, body: { outcome: 'pass', checklist: passingChecklist } };
    case 'PUT /api/batches/:id/schedule/:stage': {
      const minute = String(Math.floor(Math.random() * 60)).padStart(2, '0');
      return {
        path: `/api/batches/${id}/schedule/review`,
        body: { due_at: `2031-0${1 + Math.floor(Math.random() * 9)}-15T08:${minute}:00Z`, reason: '矩阵测试延期' },
      };
    }
    case 'POST /api/notifications/:id/read': {
      let target = id;
      if (objectName === 'own_notification') {
        const box = await actor.request('GET', '/api/notifications');
        target = box.body?.notifications?.[0]?.id ?? 99_999_999;
      }
      return { path: `/api/notifications/${target}/read`, body: {} };
    }
    case 'POST /api/notifications/read-all':
      return { path: '/api/notifications/read-all', body: {} };
    default:
      return undefined;
  }
}
