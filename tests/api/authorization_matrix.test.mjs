// The authorization matrix: every route x every kind of caller x own / foreign object, checked
// against a running server from the hand-written expectations in authorization_matrix.json. It
// fails when the route table (`iifund routes`) has a route the file lacks, checks that each
// audited case left its audit record, and shows once per run that it notices a leak: a server
// started with one scope check switched off (test mode only) must fail the matrix.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { Client, createUser, registerEnterprise, signedIn, strongPassword, unique } from './accounts_support.mjs';
import {
  benchmarkForm,
  createApplication,
  prepareForSubmission,
  putChunk,
  sha256,
  submit,
  tinyPdf,
  uploadFile,
} from './application_support.mjs';
import { repoRoot, runCli, serverEnvironment, startServer } from './support.mjs';

// The core file plus one part per area under matrix/: NN-area.json holds that area's hand-written
// expectations (and its objects), NN-area.mjs may export `fixtures(f)` (answers {objects, owners}
// added to the fixtures, in file-name order, after the core ones), `request(f, route, actor,
// object)` (answers {path, body} for a route it knows, or {status} when it sent the request
// itself, else undefined) and `auditedAction`.
const partsDir = `${repoRoot}/tests/api/matrix`;
const partNames = existsSync(partsDir)
  ? readdirSync(partsDir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => name.replace(/\.json$/, ''))
  : [];
const matrix = JSON.parse(readFileSync(`${repoRoot}/tests/api/authorization_matrix.json`, 'utf8'));
const parts = [];
for (const name of partNames) {
  const expectations = JSON.parse(readFileSync(`${partsDir}/${name}.json`, 'utf8'));
  const behaviour = existsSync(`${partsDir}/${name}.mjs`) ? await import(`${partsDir}/${name}.mjs`) : {};
  matrix.routes.push(...expectations.routes);
  Object.assign(matrix.objects, expectations.objects ?? {});
  parts.push({ name, ...behaviour });
}
const caseCount = matrix.routes.reduce((sum, route) => sum + route.cases.length, 0);

// The runner's knowledge of each route: the action its audit record carries when it succeeds.
const auditedAction = {
  'POST /api/session': 'session.login',
  'DELETE /api/session': 'session.logout',
  'DELETE /api/sessions/:id': 'session.end',
  'POST /api/password': 'password.change',
  'POST /api/enterprises': 'enterprise.register',
  'POST /api/enterprises/:id/verify': 'enterprise.verify',
  'POST /api/enterprises/:id/admin': 'enterprise.transfer_admin',
  'POST /api/users': 'user.add',
  'POST /api/users/:id/disable': 'user.disable',
  'POST /api/users/:id/enable': 'user.enable',
  'POST /api/users/:id/reset-password': 'password.reset',
  'PUT /api/enterprises/:id/profile': 'enterprise.profile_update',
  'POST /api/applications': 'application.create',
  'PUT /api/applications/:id': 'application.save',
  'POST /api/applications/:id/withdraw': 'application.withdraw',
  'POST /api/applications/:id/uploads': 'upload.start',
  'POST /api/uploads/:id/complete': 'upload.complete',
  'DELETE /api/uploads/:id': 'upload.remove',
};
for (const part of parts) Object.assign(auditedAction, part.auditedAction ?? {});

// Applications of both enterprises, each verified by its county: a submitted one and a draft
// each, and a draft of A's for the withdrawal case. Answers {objects, owners}.
async function makeApplications(root, staffOf, entA, entB, a, b) {
  const verify = async (county, enterprise) => {
    const reply = await county.request('POST', `/api/enterprises/${enterprise.id}/verify`, { note: '已核对' });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
  };
  await verify(await staffOf('county', { county_code: '440703' }), a.enterprise);
  await verify(await staffOf('county', { county_code: '440704' }), b.enterprise);
  const submitted = async (client) => {
    const draft = await createApplication(client, 1);
    const ready = await prepareForSubmission(client, draft, benchmarkForm(draft, client.enterprise.credit_code));
    const reply = await submit(client, ready);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    return reply.body.id;
  };
  const objects = {
    app_a_submitted: await submitted(entA),
    app_b_submitted: await submitted(entB),
    app_a_draft: (await createApplication(entA, 2)).id,
    app_b_draft: (await createApplication(entB, 2)).id,
    app_a_withdrawable: (await createApplication(entA, 4)).id,
  };
  const scanOf = async (client, id) => {
    const reply = await client.request('GET', `/api/applications/${id}`);
    return reply.body.materials.find((m) => m.material_id === 'application_form').files[0].upload_id;
  };
  const pending = async (client, applicationId) => {
    const bytes = tinyPdf('pending');
    const reply = await client.request('POST', `/api/applications/${applicationId}/uploads`, {
      material_id: 'sme_declaration',
      file_name: 'pending.pdf',
      size_bytes: bytes.length,
      sha256: sha256(bytes),
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    return reply.body.upload_id;
  };
  const draftFile = await uploadFile(entA, objects.app_a_draft, 'business_licence', '营业执照.pdf', tinyPdf('licence'));
  Object.assign(objects, {
    upload_a_draft: draftFile.upload_id ?? draftFile.id,
    upload_a_submitted: await scanOf(entA, objects.app_a_submitted),
    upload_b_submitted: await scanOf(entB, objects.app_b_submitted),
    upload_a_pending: await pending(entA, objects.app_a_draft),
    upload_b_pending: await pending(entB, objects.app_b_draft),
  });
  const owners = {};
  for (const name of ['app_a_submitted', 'app_a_draft', 'app_a_withdrawable']) owners[name] = entA;
  for (const name of ['app_b_submitted', 'app_b_draft']) owners[name] = entB;
  return { objects, owners };
}

// Accounts and objects for one server: two enterprises in 蓬江区, one in 江海区, one account per role.
async function makeFixtures(baseUrl) {
  const root = await signedIn(baseUrl, 'demo-admin', 'demo-admin-2022');
  const staffOf = async (role, extra = {}) => {
    const username = unique(role);
    const password = strongPassword();
    await createUser(root, { username, role, password, ...extra });
    return signedIn(baseUrl, username, password);
  };
  const a = await registerEnterprise(baseUrl, '440703');
  const a2 = await registerEnterprise(baseUrl, '440703');
  const b = await registerEnterprise(baseUrl, '440704');
  const entA = await signedIn(baseUrl, a.username, a.password);
  const entB = await signedIn(baseUrl, b.username, b.password);
  entA.enterprise = a.enterprise;
  entB.enterprise = b.enterprise;
  const applications = await makeApplications(root, staffOf, entA, entB, a, b);
  const applicant = async (admin) => {
    const username = unique('applicant');
    const password = strongPassword();
    const made = await createUser(admin, { username, role: 'enterprise', password });
    return { id: made.user.id, username, password };
  };
  const staffA = await applicant(entA);
  const victimA = await applicant(entA);
  const victimB = await applicant(entB);
  const probe = { username: unique('probe'), password: strongPassword() };
  const probeMade = await createUser(root, { ...probe, role: 'expert' });
  const fixtures = {
    actors: {
      anonymous: new Client(baseUrl),
      enterprise: entA,
      enterprise_staff: await signedIn(baseUrl, staffA.username, staffA.password),
      county: await staffOf('county', { county_code: '440703' }),
      organizer: await staffOf('organizer'),
      expert: await staffOf('expert'),
      bureau: await staffOf('bureau'),
      admin: await staffOf('admin'),
    },
    objects: {
      enterprise_a: a.enterprise.id,
      enterprise_a2: a2.enterprise.id,
      enterprise_b: b.enterprise.id,
      user_a_victim: victimA.id,
      user_b_victim: victimB.id,
      user_a2_admin: a2.user.id,
      user_b_admin: b.user.id,
      ...applications.objects,
    },
    owners: applications.owners,
    adminOf: { enterprise_a2: a2.user.id, enterprise_b: b.user.id },
    probe: { ...probe, id: probeMade.user.id },
    observer: root,
    staffOf,
  };
  for (const part of parts) {
    if (!part.fixtures) continue;
    const added = await part.fixtures(fixtures);
    Object.assign(fixtures.objects, added?.objects ?? {});
    Object.assign(fixtures.owners, added?.owners ?? {});
  }
  return fixtures;
}

// A fresh session of `client`'s user, and that session's id.
async function freshSession(client) {
  const extra = new Client(client.baseUrl);
  await extra.signIn(client.username, client.password);
  const listed = await extra.request('GET', '/api/sessions');
  return { extra, id: listed.body.sessions.find((s) => s.current).id };
}

// Sends one case; returns the status.
async function runCase(fixtures, route, actorName, objectName) {
  const [method, pattern] = route.split(' ');
  const actor = fixtures.actors[actorName];
  for (const part of parts) {
    const custom = part.request ? await part.request(fixtures, route, actorName, objectName) : undefined;
    if (custom) return custom.status ?? (await actor.request(method, custom.path, custom.body)).status;
  }
  let id = objectName ? fixtures.objects[objectName] : undefined;
  let body;
  let client = actor;
  if (route === 'POST /api/session') {
    // From a fresh session of the actor: a sign-in ends the session its browser carried.
    client = actor.user ? (await freshSession(actor)).extra : new Client(actor.baseUrl);
    body = { username: fixtures.probe.username, password: fixtures.probe.password };
  }
  if (route === 'DELETE /api/session' && actor.user) client = (await freshSession(actor)).extra;
  if (route === 'DELETE /api/sessions/:id') {
    if (objectName === 'own_session' && actor.user) id = (await freshSession(actor)).id;
    else id = (await freshSession({ ...fixtures.probe, baseUrl: actor.baseUrl })).id;
  }
  if (route === 'POST /api/password') body = { current_password: 'not-the-password-at-all', new_password: strongPassword() };
  if (route === 'POST /api/enterprises') {
    const { creditCode } = await import('./accounts_support.mjs');
    body = {
      credit_code: creditCode('440705'),
      name: `矩阵企业 ${unique('m')}`,
      county_code: '440705',
      contact_name: '赵',
      contact_phone: '13900001111',
      username: unique('matrix-reg'),
      password: strongPassword(),
    };
  }
  if (route === 'POST /api/enterprises/:id/verify') body = { note: '营业执照与授权书已核对' };
  if (route === 'POST /api/enterprises/:id/admin') body = { user_id: fixtures.adminOf[objectName] };
  if (route === 'POST /api/users') {
    body = { username: unique('matrix-user'), display_name: '矩阵', role: 'enterprise', enterprise_id: id };
    id = undefined;
  }
  if (route === 'PUT /api/enterprises/:id/profile') {
    const current = await fixtures.actors.enterprise.request('GET', `/api/enterprises/${fixtures.objects.enterprise_a}`);
    body = { contacts: [{ name: '赵', phone: '13900001111' }], version: current.body.profile.version };
  }
  if (route === 'POST /api/applications/:id/uploads') {
    const bytes = tinyPdf(`matrix ${actorName}`);
    return send(client, method, pattern.replace(':id', String(id)), {
      material_id: objectName === 'app_a_submitted' ? 'invoices_and_contracts' : 'business_licence',
      file_name: 'matrix.pdf',
      size_bytes: bytes.length,
      sha256: sha256(bytes),
    });
  }
  if (route === 'PUT /api/uploads/:id/chunks/:index') {
    const response = await putChunk(client, id, 0, tinyPdf('pending'));
    return response.status;
  }
  if (pattern.startsWith('/api/applications')) body = await applicationBody(fixtures, route, objectName, body);
  const path = pattern.replace(':id', String(id));
  return (await client.request(method, path, body)).status;
}

// The body an application route needs, with the version its owner currently sees.
async function applicationBody(fixtures, route, objectName, body) {
  if (route === 'POST /api/applications') {
    const batches = await fixtures.observer.request('GET', '/api/batches');
    return { batch_id: batches.body.batches.find((batch) => batch.is_demo).id, category: 3 };
  }
  if (route === 'POST /api/applications/:id/withdraw') return { reason: '矩阵测试' };
  if (route.startsWith('GET ') || !objectName) return body;
  // A foreign object's owner may have lost its session to an earlier case (a password reset):
  // any well-formed body will do there, since the answer must be 404 whatever it carries.
  const current = await fixtures.owners[objectName].request('GET', `/api/applications/${fixtures.objects[objectName]}`);
  const version = current.status === 200 ? current.body.version : 1;
  if (route === 'PUT /api/applications/:id') return { version, form: current.body?.form ?? {} };
  return { version };
}

async function send(client, method, path, body) {
  return (await client.request(method, path, body)).status;
}

async function newestAuditId(observer) {
  const reply = await observer.request('GET', '/api/audit?page_size=1');
  return reply.body.records[0]?.id ?? 0;
}

// The audit record a case must have left, or null when none is due (reads, 401s, 422s).
function expectedAudit(route, actorName, status) {
  const signedIn = actorName !== 'anonymous';
  if ((status === 403 || status === 404) && signedIn) return 'access.denied';
  if (route === 'POST /api/session') return 'session.login';
  if (route === 'POST /api/password' && status === 422) return 'password.change';
  if (status >= 200 && status < 300 && !route.startsWith('GET ')) return auditedAction[route];
  return null;
}

// Runs every case; returns the mismatches (and the audit misses when `checkAudit`).
async function runMatrix(baseUrl, { checkAudit }) {
  const fixtures = await makeFixtures(baseUrl);
  const mismatches = [];
  const auditMisses = [];
  for (const { route, cases } of matrix.routes) {
    for (const [actorName, objectName, expected] of cases) {
      const before = checkAudit ? await newestAuditId(fixtures.observer) : 0;
      const status = await runCase(fixtures, route, actorName, objectName);
      const label = `${route} as ${actorName}${objectName ? ` on ${objectName}` : ''}`;
      if (status !== expected) mismatches.push(`${label}: expected ${expected}, got ${status}`);
      const action = checkAudit ? expectedAudit(route, actorName, status) : null;
      if (action) {
        const page = await fixtures.observer.request('GET', `/api/audit?action=${action}&page_size=50`);
        if (!page.body.records.some((r) => r.id > before)) auditMisses.push(`${label}: no ${action} record`);
      }
    }
  }
  return { mismatches, auditMisses };
}

function routeTable() {
  const listed = runCli(['routes'], serverEnvironment());
  assert.equal(listed.status, 0, listed.stderr);
  return listed.stdout
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
}

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

test('every route of the route table declares a valid access rule', () => {
  const routes = routeTable();
  assert.ok(routes.length > 5);
  for (const [method, path, access] of routes) {
    assert.ok(access && access !== 'INVALID', `${method} ${path} has no valid access rule`);
    assert.match(access, /^(anyone|signed_in|(enterprise|county|organizer|expert|bureau|admin)(\|(enterprise|county|organizer|expert|bureau|admin))*)$/);
  }
});

test('the matrix file covers every route of the route table, and no route that is gone', () => {
  const table = routeTable().map(([method, path]) => `${method} ${path}`);
  const covered = matrix.routes.map((route) => route.route);
  const missing = table.filter((route) => !covered.includes(route));
  const stale = covered.filter((route) => !table.includes(route));
  assert.deepEqual(missing, [], `routes without expectations in authorization_matrix.json: ${missing.join(', ')}`);
  assert.deepEqual(stale, [], `expectations for routes that do not exist: ${stale.join(', ')}`);
});

test(`authorization matrix: ${caseCount} cases hold, each audited case left its record`, async (t) => {
  const { mismatches, auditMisses } = await runMatrix(server.baseUrl, { checkAudit: true });
  t.diagnostic(`authorization matrix: ${caseCount} cases, ${mismatches.length} mismatches`);
  console.log(`authorization matrix: ${caseCount} cases checked`);
  assert.deepEqual(mismatches, []);
  assert.deepEqual(auditMisses, []);
});

test('the matrix catches a removed scope check (test-only switch: enterprise_read)', async () => {
  const leaky = await startServer({
    env: { IIFUND_TEST_MODE: '1', IIFUND_TEST_DISABLE_SCOPE_CHECK: 'enterprise_read' },
  });
  try {
    assert.match(leaky.log(), /scope check 'enterprise_read' is DISABLED/);
    const { mismatches } = await runMatrix(leaky.baseUrl, { checkAudit: false });
    assert.ok(mismatches.length > 0, 'the matrix must notice the leak');
    for (const mismatch of mismatches) assert.match(mismatch, /^GET \/api\/enterprises\/:id as /);
    assert.ok(mismatches.some((m) => /as enterprise on enterprise_b: expected 404, got 200/.test(m)), mismatches.join('\n'));
  } finally {
    await leaky.stop();
  }
});

test('the scope switch is ignored outside test mode', async () => {
  const guarded = await startServer({ env: { IIFUND_TEST_DISABLE_SCOPE_CHECK: 'enterprise_read' } });
  try {
    assert.match(guarded.log(), /ignored: IIFUND_TEST_MODE is not 1/);
    const b = await registerEnterprise(guarded.baseUrl, '440704');
    const a = await registerEnterprise(guarded.baseUrl, '440703');
    const client = await signedIn(guarded.baseUrl, a.username, a.password);
    assert.equal((await client.request('GET', `/api/enterprises/${b.enterprise.id}`)).status, 404);
  } finally {
    await guarded.stop();
  }
});
