// The authorization matrix's part for the acceptance, training check-in and portal routes
// (50-acceptance.json): approved category-4 applications of enterprises A and B in a batch of
// their own, an event of each held today, portal pages, and the bodies each route needs.
//
// The matrix server has no test clock, so the publicity cannot run its seven days: it is published
// now and its period moved 8 days back in the server's database (sqlite3 or psql) before the
// bureau approves — the one step here that does not go through the API.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { approvedApplications, beijingDate } from '../acceptance_support.mjs';
import { tinyPdf } from '../application_support.mjs';
import { staff } from '../review_support.mjs';
import { freshBatch } from '../selection_support.mjs';

export const auditedAction = {
  'PUT /api/applications/:id/acceptance': 'acceptance.save',
  'POST /api/applications/:id/acceptance/submit': 'acceptance.submit',
  'POST /api/applications/:id/acceptance/conclusion': 'acceptance.conclude',
  'POST /api/applications/:id/training-events': 'training.event_add',
  'PUT /api/training-events/:id/checkin': 'training.checkin_open',
  'POST /api/public/checkin/:token': 'training.checkin',
  'POST /api/portal/pages': 'portal.create',
  'PUT /api/portal/pages/:id': 'portal.update',
  'PUT /api/portal/pages/:id/file': 'portal.file',
  'DELETE /api/portal/pages/:id': 'portal.delete',
};

const UNKNOWN = 99_999_999;

// The environment of the server listening on `port`, read from the process under /proc: the
// matrix runner starts that server without telling its parts.
function serverEnvironmentOf(port) {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let environ;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('serve')) continue;
      environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const env = Object.fromEntries(
      environ.filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    if (env.IIFUND_LISTEN === `127.0.0.1:${port}`) return env;
  }
  throw new Error(`no iifund server listening on ${port}`);
}

// Moves the batch's publicity period 8 days back, in the server's own database.
function publicityEndedInDatabase(env, batchId) {
  const stamp = (days) => new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const statement = `UPDATE publicities SET starts_at = '${stamp(8)}', ends_at = '${stamp(1)}' WHERE batch_id = ${Number(batchId)}`;
  const url = env.IIFUND_DATABASE_URL ?? '';
  const result = url.startsWith('postgresql://')
    ? spawnSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', url.slice('postgresql://'.length), '-c', statement], { encoding: 'utf8' })
    : spawnSync('sqlite3', [join(env.IIFUND_DATA_DIR, 'iifund.db'), statement], { encoding: 'utf8' });
  assert.equal(result.status, 0, `moving the publicity back: ${result.stderr}`);
}

let organizer; // the organizer of these fixtures
let phoneCounter = 0;

export async function fixtures(f) {
  const baseUrl = f.observer.baseUrl;
  const env = serverEnvironmentOf(new URL(baseUrl).port);
  organizer = await staff(baseUrl, 'organizer');
  const bureau = await staff(baseUrl, 'bureau');
  const ctx = {
    baseUrl,
    env: { IIFUND_DATA_DIR: env.IIFUND_DATA_DIR, IIFUND_POLICY: env.IIFUND_POLICY },
    dataDir: mkdtempSync(join(tmpdir(), 'iifund-matrix-acceptance-')),
    organizer: async () => organizer,
    bureau: async () => bureau,
    endPublicity: async (batch) => publicityEndedInDatabase(env, batch.id),
  };
  const entA = f.actors.enterprise;
  const entB = f.owners.app_b_submitted;
  const batch = await freshBatch(ctx);
  const [a, b] = await approvedApplications(ctx, batch, [
    { category: 4, score: 90, enterprise: entA, county: '440703' },
    { category: 4, score: 85, enterprise: entB, county: '440704' },
  ]);
  const event = async (client, application) => {
    const reply = await client.request('POST', `/api/applications/${application.id}/training-events`, {
      title: '矩阵培训',
      held_on: beijingDate(),
      location: '江门',
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    return reply.body;
  };
  const eventA = await event(entA, a.application);
  const eventB = await event(entB, b.application);

  const page = async (fields) => {
    const reply = await organizer.request('POST', '/api/portal/pages', {
      kind: 'template',
      slug: `matrix-${Math.random().toString(36).slice(2, 10)}`,
      title_zh: '矩阵页面',
      ...fields,
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    return reply.body;
  };
  const published = await page({ published: true });
  const withFile = await organizer.request('PUT', `/api/portal/pages/${published.id}/file`, {
    file_name: '模板.pdf',
    content_base64: tinyPdf('matrix template').toString('base64'),
    version: published.version,
  });
  assert.equal(withFile.status, 200, JSON.stringify(withFile.body));
  const draft = await page({});
  const edited = await page({});
  const doomed = await page({});

  return {
    objects: {
      acc_app_a: a.application.id,
      acc_app_b: b.application.id,
      acc_app_unknown: UNKNOWN,
      acc_event_a: eventA.id,
      acc_event_b: eventB.id,
      acc_event_unknown: UNKNOWN,
      acc_token_a: eventA.token,
      acc_token_unknown: 'no-such-token-at-all',
      portal_slug_published: published.slug,
      portal_slug_draft: draft.slug,
      portal_slug_unknown: 'no-such-page',
      portal_page_edit: edited.id,
      portal_page_delete: doomed.id,
      portal_page_unknown: UNKNOWN,
    },
    owners: { acc_app_a: entA, acc_app_b: entB },
  };
}

// The acceptance's version as its owner sees it now (0 before the first save).
async function acceptanceVersion(f, objectName) {
  const owner = f.owners[objectName];
  if (!owner) return 0;
  const reply = await owner.request('GET', `/api/applications/${f.objects[objectName]}/acceptance`);
  return reply.status === 200 ? reply.body.version : 0;
}

async function pageVersion(id) {
  const reply = await organizer.request('GET', '/api/portal/pages');
  return reply.body?.pages?.find((p) => p.id === id)?.version ?? 1;
}

export async function request(f, route, actorName, objectName) {
  const id = objectName ? f.objects[objectName] : undefined;
  switch (route) {
    case 'GET /api/applications/:id/acceptance':
      return { path: `/api/applications/${id}/acceptance` };
    case 'PUT /api/applications/:id/acceptance':
      return {
        path: `/api/applications/${id}/acceptance`,
        body: { version: await acceptanceVersion(f, objectName), actual_investment_fen: 150_000_000, report: '矩阵测试' },
      };
    case 'POST /api/applications/:id/acceptance/submit':
      return { path: `/api/applications/${id}/acceptance/submit`, body: { version: await acceptanceVersion(f, objectName) } };
    case 'POST /api/applications/:id/acceptance/conclusion':
      return { path: `/api/applications/${id}/acceptance/conclusion`, body: { conclusion: 'passed', note: '矩阵测试' } };
    case 'POST /api/applications/:id/training-events':
      return {
        path: `/api/applications/${id}/training-events`,
        body: { title: '矩阵培训', held_on: beijingDate(), location: '江门' },
      };
    case 'GET /api/applications/:id/training-events':
      return { path: `/api/applications/${id}/training-events` };
    case 'PUT /api/training-events/:id/checkin':
      return { path: `/api/training-events/${id}/checkin`, body: { open: true } };
    case 'GET /api/training-events/:id/checkins':
      return { path: `/api/training-events/${id}/checkins` };
    case 'GET /api/training-events/:id/qr.png':
      return { path: `/api/training-events/${id}/qr.png` };
    case 'GET /api/public/checkin/:token':
      return { path: `/api/public/checkin/${id}` };
    case 'POST /api/public/checkin/:token':
      phoneCounter += 1;
      return {
        path: `/api/public/checkin/${id}`,
        body: { name: `学员${actorName}`, phone: `1380000${String(1000 + phoneCounter).slice(-4)}`, employer: '矩阵' },
      };
    case 'GET /api/public/pages':
      return { path: '/api/public/pages' };
    case 'GET /api/public/pages/:slug':
      return { path: `/api/public/pages/${id}` };
    case 'GET /api/public/pages/:slug/file':
      return { path: `/api/public/pages/${id}/file` };
    case 'GET /api/portal/pages':
      return { path: '/api/portal/pages' };
    case 'POST /api/portal/pages':
      return {
        path: '/api/portal/pages',
        body: { kind: 'announcement', slug: `matrix-new-${actorName}-${Math.random().toString(36).slice(2, 8)}`, title_zh: '矩阵公告' },
      };
    case 'PUT /api/portal/pages/:id':
      return { path: `/api/portal/pages/${id}`, body: { title_zh: '矩阵修改', version: await pageVersion(id) } };
    case 'PUT /api/portal/pages/:id/file':
      return {
        path: `/api/portal/pages/${id}/file`,
        body: { file_name: '模板.pdf', content_base64: tinyPdf('matrix').toString('base64'), version: await pageVersion(id) },
      };
    case 'DELETE /api/portal/pages/:id':
      return { path: `/api/portal/pages/${id}` };
    default:
      return undefined;
  }
}
