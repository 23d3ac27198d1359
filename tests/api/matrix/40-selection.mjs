// The authorization matrix's part for the budget, selection, publicity, objection, approval and
// disbursement routes (40-selection.json): two batches of their own (a confirmed selection locks
// its batch, and the PostgreSQL database is shared by every test file), the requests with the
// bodies each route needs, and the run and objection ids resolved when a case runs.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { staff } from '../review_support.mjs';
import { freshBatch, libraryApplications, sealedLetter, setBudget } from '../selection_support.mjs';

export const auditedAction = {
  'PUT /api/batches/:id/budget': 'budget.set',
  'POST /api/batches/:id/selection-runs': 'selection.run',
  'PUT /api/selection-runs/:id/adjustments/:application_id': 'selection.adjust',
  'POST /api/selection-runs/:id/confirm': 'selection.confirm',
  'POST /api/batches/:id/publicity': 'publicity.publish',
  'POST /api/public/publicity/:id/objections': 'objection.file',
  'POST /api/objections/:id/decision': 'objection.decide',
};

const WAN = 1_000_000;

// The environment of the server listening on `port` (its database and data directory), read
// from the process under /proc: the matrix runner starts that server without telling its parts.
function serverEnvironmentOf(port) {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let environ;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('serve')) continue;
      environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const env = Object.fromEntries(environ.filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    if (env.IIFUND_LISTEN === `127.0.0.1:${port}`) return env;
  }
  throw new Error(`no iifund server listening on ${port}`);
}

let reader; // the organizer of these fixtures, who reads runs and the library
let draftBatch;
let draftApplication;

async function latestRun(batchId) {
  const reply = await reader.request('GET', `/api/batches/${batchId}/selection`);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body;
}

export async function fixtures(f) {
  const baseUrl = f.observer.baseUrl;
  const env = serverEnvironmentOf(new URL(baseUrl).port);
  reader = await staff(baseUrl, 'organizer');
  const ctx = {
    baseUrl,
    env: { IIFUND_DATA_DIR: env.IIFUND_DATA_DIR, IIFUND_POLICY: env.IIFUND_POLICY },
    dataDir: mkdtempSync(join(tmpdir(), 'iifund-matrix-selection-')),
    organizer: async () => reader,
  };

  // A batch whose list is confirmed and published: locked, open for objections.
  const published = await freshBatch(ctx);
  const [publicized] = await libraryApplications(ctx, published, [{ score: 88, requested_fen: 40 * WAN }]);
  await setBudget(ctx, published, { budget_fen: 1_000 * WAN });
  const run = await reader.request('POST', `/api/batches/${published.id}/selection-runs`, {});
  assert.equal(run.status, 201, JSON.stringify(run.body));
  const confirmed = await reader.request('POST', `/api/selection-runs/${run.body.id}/confirm`, { method: 'rank_order' });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  const publicity = await reader.request('POST', `/api/batches/${published.id}/publicity`, {});
  assert.equal(publicity.status, 201, JSON.stringify(publicity.body));
  const filed = await f.actors.anonymous.request('POST', `/api/public/publicity/${publicity.body.id}/objections`, objectionBody());
  assert.equal(filed.status, 201, JSON.stringify(filed.body));

  // A batch with two library applications and a draft run.
  draftBatch = await freshBatch(ctx);
  const drafted = await libraryApplications(ctx, draftBatch, [
    { score: 90, requested_fen: 30 * WAN },
    { score: 80, requested_fen: 20 * WAN },
  ]);
  draftApplication = drafted[0].application;
  const draftRun = await reader.request('POST', `/api/batches/${draftBatch.id}/selection-runs`, {});
  assert.equal(draftRun.status, 201, JSON.stringify(draftRun.body));

  return {
    objects: {
      sel_batch_draft: draftBatch.id,
      sel_batch_published: published.id,
      sel_run_draft: draftRun.body.id,
      sel_run_published: run.body.id,
      sel_run_unknown: 99_999_999,
      batch_unknown_selection: 99_999_999,
      publicity_open: publicity.body.id,
      publicity_unknown: 99_999_999,
      objection_filed: filed.body.id,
      objection_unknown: 99_999_999,
      sel_app_publicized: publicized.application.id,
      app_unknown_selection: 99_999_999,
    },
  };
}

function objectionBody() {
  return {
    objector_name: '矩阵异议人',
    phone: '13712345678',
    content: '矩阵测试：对公示项目提出异议。',
    letter: sealedLetter(),
  };
}

export async function request(f, route, actorName, objectName) {
  const id = objectName ? f.objects[objectName] : undefined;
  // The draft batch's run changes as the organizer's cases run it again and confirm it.
  const runId = async () => (objectName === 'sel_run_draft' ? (await latestRun(draftBatch.id)).id : id);
  switch (route) {
    case 'GET /api/batches/:id/budget':
      return { path: `/api/batches/${id}/budget` };
    case 'PUT /api/batches/:id/budget': {
      const current = await reader.request('GET', `/api/batches/${id}/budget`);
      return {
        path: `/api/batches/${id}/budget`,
        body: { budget_fen: 1_000 * WAN, category_budgets: {}, version: current.body?.version ?? 0 },
      };
    }
    case 'POST /api/batches/:id/selection-runs':
      return { path: `/api/batches/${id}/selection-runs`, body: {} };
    case 'GET /api/batches/:id/selection':
      return { path: `/api/batches/${id}/selection` };
    case 'GET /api/selection-runs/:id':
      return { path: `/api/selection-runs/${await runId()}` };
    case 'PUT /api/selection-runs/:id/adjustments/:application_id': {
      const run = objectName === 'sel_run_unknown' ? id : (await latestRun(draftBatch.id)).id;
      const application = objectName === 'app_b_submitted' ? id : draftApplication.id;
      return {
        path: `/api/selection-runs/${run}/adjustments/${application}`,
        body: { amount_fen: 25 * WAN, reason: '矩阵测试：核减' },
      };
    }
    case 'POST /api/selection-runs/:id/confirm':
      return { path: `/api/selection-runs/${await runId()}/confirm`, body: { method: 'rank_order' } };
    case 'POST /api/batches/:id/publicity':
      return { path: `/api/batches/${id}/publicity`, body: {} };
    case 'GET /api/public/publicity':
      return { path: '/api/public/publicity' };
    case 'GET /api/public/publicity/:id':
      return { path: `/api/public/publicity/${id}` };
    case 'POST /api/public/publicity/:id/objections':
      // One complete objection from the anonymous actor (five an hour per address); a signed-in
      // caller's unnamed one is refused on its fields, which shows the route is open to it.
      return {
        path: `/api/public/publicity/${id}/objections`,
        body: actorName === 'anonymous' ? objectionBody() : { content: '矩阵测试' },
      };
    case 'GET /api/batches/:id/objections':
      return { path: `/api/batches/${id}/objections` };
    case 'GET /api/objections/:id/letter':
      return { path: `/api/objections/${id}/letter` };
    case 'POST /api/objections/:id/decision':
      return { path: `/api/objections/${id}/decision`, body: { state: 'investigating', investigation: '矩阵测试：调查中' } };
    case 'POST /api/batches/:id/approval':
      return { path: `/api/batches/${id}/approval`, body: {} };
    case 'GET /api/batches/:id/funded':
      return { path: `/api/batches/${id}/funded` };
    case 'POST /api/applications/:id/disbursements':
      return { path: `/api/applications/${id}/disbursements`, body: { amount_fen: 1 * WAN, paid_on: '2023-03-01' } };
    case 'GET /api/applications/:id/disbursements':
      return { path: `/api/applications/${id}/disbursements` };
    default:
      return undefined;
  }
}
