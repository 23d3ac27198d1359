// The authorization matrix's part for the expert pool and assignment routes (20-experts.json): the
// pool expert, a confirmed run with the matrix's expert actor assigned (the actor becomes an expert
// account linked to a pool record), and the requests that need a current version, a fresh preview
// or a clean expert chosen at the time of the case.
import assert from 'node:assert/strict';

import { creditCode, unique } from '../accounts_support.mjs';
import { cleanPool, expertAccount, poolExpert, reviewersOf } from '../expert_support.mjs';
import { formallyPassedApplication, inbox, staff } from '../review_support.mjs';

export const auditedAction = {
  'POST /api/experts': 'expert.add',
  'PUT /api/experts/:id': 'expert.update',
  'POST /api/experts/import': 'expert.import',
  'POST /api/experts/me/conflicts': 'expert.declare_conflict',
  'POST /api/batches/:id/assignment-runs': 'assignment.run',
  'PUT /api/assignment-runs/:id/slots': 'assignment.adjust',
  'POST /api/assignment-runs/:id/confirm': 'assignment.confirm',
  'POST /api/applications/:id/reviewers': 'assignment.add_reviewer',
  'POST /api/reviews/:id/conflict': 'review.declare_conflict',
};

let keeper;  // an organizer of this server's fixtures: reads versions, makes previews
let batchId;
let clean = [];

async function newPreview() {
  const run = await keeper.request('POST', `/api/batches/${batchId}/assignment-runs`, { category: 1 });
  assert.equal(run.status, 201, JSON.stringify(run.body));
  return run.body;
}

// An expert of the clean pool not yet on the application.
function freeExpert(run, applicationId) {
  const taken = reviewersOf(run, applicationId);
  return clean.find((x) => !taken.includes(x.id));
}

// The assignment id of `client` on the application, from its review.assigned notice.
async function assignmentOf(client, applicationId) {
  const notices = await inbox(client);
  const notice = notices.notifications.find((n) => n.kind === 'review.assigned' && n.params.application_id === applicationId);
  assert.ok(notice, 'the expert was told of its assignment');
  return notice.params.assignment_id;
}

export async function fixtures(f) {
  const baseUrl = f.observer.baseUrl;
  batchId = (await f.observer.request('GET', '/api/batches')).body.batches.find((b) => b.is_demo).id;
  keeper = await staff(baseUrl, 'organizer');
  clean = await cleanPool(keeper, 8, { fields: ['1'] });
  // The matrix's expert actor: an account linked to its pool record; a second one to be foreign.
  f.actors.expert = await expertAccount(baseUrl, await poolExpert(keeper, { fields: ['1'] }));
  const other = await expertAccount(baseUrl, await poolExpert(keeper, { fields: ['1'] }));

  const { application } = await formallyPassedApplication(baseUrl, { county: '440703' });
  let run = await newPreview();
  const ours = [f.actors.expert.expert.id, other.expert.id];
  for (const client of [f.actors.expert, other]) {
    if (reviewersOf(run, application.id).includes(client.expert.id)) continue;
    const swapped = await keeper.request('PUT', `/api/assignment-runs/${run.id}/slots`, {
      application_id: application.id,
      remove_expert_id: reviewersOf(run, application.id).find((id) => !ours.includes(id)),
      add_expert_id: client.expert.id,
    });
    assert.equal(swapped.status, 200, JSON.stringify(swapped.body));
    run = swapped.body;
  }
  const confirmed = await keeper.request('POST', `/api/assignment-runs/${run.id}/confirm`, {});
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  return {
    objects: {
      pool_expert: (await poolExpert(keeper)).id,
      expert_unknown: 99_999_999,
      assign_batch: batchId,
      batch_unknown_assign: 999_999,
      assign_run: run.id,
      preview_run: run.id,
      run_unknown: 99_999_999,
      assigned_app: application.id,
      assign_app_unknown: 99_999_999,
      own_review: await assignmentOf(f.actors.expert, application.id),
      foreign_review: await assignmentOf(other, application.id),
      review_unknown: 99_999_999,
    },
  };
}

export async function request(f, route, actorName, objectName) {
  const id = objectName ? f.objects[objectName] : undefined;
  const organizerCase = actorName === 'organizer';
  switch (route) {
    case 'POST /api/experts':
      return { path: '/api/experts', body: { name: `矩阵专家 ${unique('m')}`, fields: ['1'], max_load: 5 } };
    case 'POST /api/experts/import':
      return { path: '/api/experts/import', body: { csv: `姓名,专业领域\n矩阵导入 ${unique('m')},2\n` } };
    case 'POST /api/experts/me/conflicts':
      return { path: '/api/experts/me/conflicts', body: { credit_code: creditCode('440781'), reason: '矩阵回避' } };
    case 'PUT /api/experts/:id': {
      const pool = (await keeper.request('GET', '/api/experts')).body.experts;
      const current = pool.find((x) => x.id === id) ?? { name: '无', fields: ['1'], version: 1 };
      return { path: `/api/experts/${id}`, body: { ...current, title: `职称 ${actorName}` } };
    }
    case 'POST /api/batches/:id/assignment-runs':
      if (organizerCase && objectName === 'assign_batch') await formallyPassedApplication(f.observer.baseUrl, { county: '440704' });
      return { path: `/api/batches/${id}/assignment-runs`, body: { category: 1 } };
    case 'PUT /api/assignment-runs/:id/slots': {
      if (!organizerCase || objectName !== 'preview_run') {
        return { path: `/api/assignment-runs/${id}/slots`, body: { application_id: 1, remove_expert_id: 1, add_expert_id: 2 } };
      }
      const run = await newPreview();
      const application = run.applications[0];
      return {
        path: `/api/assignment-runs/${run.id}/slots`,
        body: {
          application_id: application.application_id,
          remove_expert_id: application.experts[0].expert_id,
          add_expert_id: freeExpert(run, application.application_id).id,
        },
      };
    }
    case 'POST /api/assignment-runs/:id/confirm':
      if (organizerCase && objectName === 'preview_run') return { path: `/api/assignment-runs/${(await newPreview()).id}/confirm`, body: {} };
      return { path: `/api/assignment-runs/${id}/confirm`, body: {} };
    case 'POST /api/applications/:id/reviewers': {
      let expertId = clean[0].id;
      if (organizerCase && objectName === 'assigned_app') {
        const run = (await keeper.request('GET', `/api/assignment-runs/${f.objects.assign_run}`)).body;
        expertId = freeExpert(run, id).id;
      }
      return { path: `/api/applications/${id}/reviewers`, body: { expert_id: expertId } };
    }
    case 'POST /api/reviews/:id/conflict':
      return { path: `/api/reviews/${id}/conflict`, body: { reason: '矩阵回避：与企业负责人系亲属' } };
    default:
      return undefined;
  }
}
