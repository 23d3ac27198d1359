// Accounts over HTTP: sign-in and its cookies, one generic refusal, throttling behind a trusted
// proxy, CSRF, sign-out, password change and forced change, registration that names each bad
// field, county verification and administrator transfer, masking, and the audit records all of
// that leaves (sealed by the server's background sealer).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Client, createUser, creditCode, registerEnterprise, signedIn, strongPassword, unique } from './accounts_support.mjs';
import { runCli, serverEnvironment, startServer } from './support.mjs';

let server;
let admin;
before(async () => {
  server = await startServer();
  admin = await signedIn(server.baseUrl, 'demo-admin', 'demo-admin-2022');
});
after(async () => {
  await server?.stop();
});

const anonymous = () => new Client(server.baseUrl);

async function auditOf(actor, action) {
  const bureau = await signedIn(server.baseUrl, 'demo-bureau', 'demo-bureau-2022');
  const reply = await bureau.request('GET', `/api/audit?actor=${encodeURIComponent(actor)}&action=${action}&page_size=100`);
  assert.equal(reply.status, 200);
  return reply.body.records;
}

describe('sign-in', () => {
  test('a good sign-in answers the user and sets HttpOnly, SameSite=Strict cookies', async () => {
    const client = anonymous();
    const reply = await client.request('POST', '/api/session', { username: 'demo-county', password: 'demo-county-2022' });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.user.username, 'demo-county');
    assert.equal(reply.body.user.role, 'county');
    assert.equal(reply.body.user.county_code, '440703');
    assert.equal(reply.body.user.must_change_password, false, 'labelled demo accounts are excepted');
    const cookies = reply.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('iifund_session='));
    const csrf = cookies.find((c) => c.startsWith('iifund_csrf='));
    assert.match(session, /^iifund_session=[A-Za-z0-9_-]{43}; /, '256-bit token, base64url');
    assert.match(session, /; HttpOnly/);
    assert.match(session, /; SameSite=Strict/);
    assert.match(session, /; Path=\//);
    assert.doesNotMatch(session, /Secure/, 'plain HTTP without a trusted proxy');
    assert.doesNotMatch(csrf, /HttpOnly/, 'the web app reads the CSRF cookie');
    assert.equal(csrf.split(';')[0], `iifund_csrf=${reply.body.csrf_token}`);
    const current = await client.request('GET', '/api/session');
    assert.equal(current.status, 200);
    assert.equal(current.body.user.username, 'demo-county');
    assert.equal(current.body.csrf_token, reply.body.csrf_token);
  });

  test('signing in again from the same browser ends the older session', async () => {
    const client = await signedIn(server.baseUrl, 'demo-bureau', 'demo-bureau-2022');
    const older = { ...client.cookies };
    await client.signIn('demo-bureau', 'demo-bureau-2022');
    const replay = new Client(server.baseUrl);
    replay.cookies = older;
    assert.equal((await replay.request('GET', '/api/session')).status, 401);
    assert.equal((await client.request('GET', '/api/session')).status, 200);
  });

  test('a wrong password and an unknown user get the same answer', async () => {
    const { username } = await registerEnterprise(server.baseUrl);
    const wrong = await anonymous().request('POST', '/api/session', { username, password: 'not-the-password' });
    const unknown = await anonymous().request('POST', '/api/session', { username: unique('ghost'), password: 'x' });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.body.code, 'login_failed');
    assert.equal(unknown.body.code, 'login_failed');
    assert.equal(wrong.body.detail, unknown.body.detail);
    assert.equal(wrong.body.title, unknown.body.title);
    assert.equal(wrong.headers.getSetCookie().length, 0);
  });

  test('a disabled account gets the same answer too', async () => {
    const username = unique('to-disable');
    const password = strongPassword();
    const made = await createUser(admin, { username, role: 'expert', password });
    assert.equal((await admin.request('POST', `/api/users/${made.user.id}/disable`)).status, 204);
    const refused = await anonymous().request('POST', '/api/session', { username, password });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'login_failed');
  });

  test('without a session the API says not_signed_in', async () => {
    const reply = await anonymous().request('GET', '/api/session');
    assert.equal(reply.status, 401);
    assert.equal(reply.body.code, 'not_signed_in');
  });

  test('the forwarded address is ignored from a peer that is not a trusted proxy', async () => {
    const username = unique('spoofer');
    await anonymous().request('POST', '/api/session', { username, password: 'x' }, { headers: { 'X-Forwarded-For': '198.51.100.77' } });
    const records = await auditOf(username, 'session.login');
    assert.equal(records[0]?.client_address, '127.0.0.1');
  });
});

describe('behind a trusted proxy', () => {
  let proxied;
  before(async () => {
    proxied = await startServer({ env: { IIFUND_TRUSTED_PROXIES: '127.0.0.1' } });
  });
  after(async () => {
    await proxied?.stop();
  });

  test('failed sign-ins are throttled per account with a retry time', async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 200) + 20}`;
    const client = new Client(proxied.baseUrl, { headers: { 'X-Forwarded-For': `${address}, 127.0.0.1` } });
    const { username, password } = await registerEnterprise(proxied.baseUrl);
    for (let i = 0; i < 3; i++) {
      assert.equal((await client.request('POST', '/api/session', { username, password: 'wrong-wrong' })).status, 401);
    }
    const throttled = await client.request('POST', '/api/session', { username, password });
    assert.equal(throttled.status, 429);
    assert.equal(throttled.body.code, 'login_throttled');
    assert.ok(throttled.body.facts.retry_after_seconds >= 1);
    assert.equal(throttled.headers.get('retry-after'), String(throttled.body.facts.retry_after_seconds));
    await new Promise((r) => setTimeout(r, 1100 * throttled.body.facts.retry_after_seconds));
    assert.equal((await client.request('POST', '/api/session', { username, password })).status, 200);
    const root = await signedIn(proxied.baseUrl, 'demo-bureau', 'demo-bureau-2022');
    const audit = await root.request('GET', `/api/audit?actor=${username}&action=session.login&page_size=10`);
    const results = audit.body.records.map((r) => r.result);
    assert.deepEqual(results, ['ok', 'throttled', 'failed', 'failed', 'failed']);
    assert.ok(audit.body.records.every((r) => r.client_address === address), 'the client behind the proxy');
  });

  test('a trusted proxy that is not an IP address is a one-line error, exit 2', () => {
    const result = runCli(['migrate'], serverEnvironment({ IIFUND_TRUSTED_PROXIES: 'proxy.example' }));
    assert.equal(result.status, 2);
    assert.match(result.stderr.trim(), /^iifund: IIFUND_TRUSTED_PROXIES: .*proxy\.example/);
  });

  test('cookies are Secure when the proxy says the request came over TLS', async () => {
    const client = new Client(proxied.baseUrl, { headers: { 'X-Forwarded-Proto': 'https' } });
    const reply = await client.request('POST', '/api/session', { username: 'demo-expert', password: 'demo-expert-2022' });
    assert.equal(reply.status, 200);
    for (const cookie of reply.headers.getSetCookie()) assert.match(cookie, /; Secure/);
  });
});

describe('CSRF', () => {
  const body = () => ({ username: unique('csrf'), display_name: 'CSRF', role: 'organizer' });

  test('a state-changing request without the token is refused', async () => {
    const reply = await admin.request('POST', '/api/users', body(), { csrf: null });
    assert.equal(reply.status, 403);
    assert.equal(reply.body.code, 'csrf_failed');
  });

  test('a wrong token is refused', async () => {
    const reply = await admin.request('POST', '/api/users', body(), { csrf: 'x'.repeat(43) });
    assert.equal(reply.status, 403);
    assert.equal(reply.body.code, 'csrf_failed');
  });

  test('another session’s token is refused', async () => {
    const other = await signedIn(server.baseUrl, 'demo-admin', 'demo-admin-2022');
    const reply = await admin.request('POST', '/api/users', body(), { csrf: other.csrf });
    assert.equal(reply.status, 403);
  });

  test('the session’s own token is accepted', async () => {
    const reply = await admin.request('POST', '/api/users', body());
    assert.equal(reply.status, 201);
    assert.match(reply.body.temporary_password, /^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
  });

  test('refusals are audited as denied', async () => {
    const records = await auditOf('demo-admin', 'access.denied');
    assert.ok(records.some((r) => r.summary.code === 'csrf_failed' && r.object === 'POST /api/users'));
  });
});

describe('sessions and passwords', () => {
  test('logout ends the session and clears the cookies', async () => {
    const client = await signedIn(server.baseUrl, 'demo-organizer', 'demo-organizer-2022');
    const kept = { ...client.cookies };
    const reply = await client.request('DELETE', '/api/session');
    assert.equal(reply.status, 204);
    assert.ok(reply.headers.getSetCookie().every((c) => /Max-Age=0/.test(c)));
    const replay = new Client(server.baseUrl);
    replay.cookies = kept;
    assert.equal((await replay.request('GET', '/api/session')).status, 401, 'the old cookie no longer works');
  });

  test('a user lists and ends its own sessions, not others’', async () => {
    const { username, password } = await registerEnterprise(server.baseUrl);
    const laptop = await signedIn(server.baseUrl, username, password);
    const phone = await signedIn(server.baseUrl, username, password);
    const listed = await laptop.request('GET', '/api/sessions');
    assert.equal(listed.body.sessions.length, 2);
    const other = listed.body.sessions.find((s) => !s.current);
    assert.ok(other.created_at && other.last_seen_at && other.client_address);
    const stranger = await signedIn(server.baseUrl, 'demo-expert', 'demo-expert-2022');
    assert.equal((await stranger.request('DELETE', `/api/sessions/${other.id}`)).status, 404);
    assert.equal((await laptop.request('DELETE', `/api/sessions/${other.id}`)).status, 204);
    assert.equal((await phone.request('GET', '/api/session')).status, 401);
  });

  test('changing the password ends the other sessions and keeps this one', async () => {
    const { username, password } = await registerEnterprise(server.baseUrl);
    const here = await signedIn(server.baseUrl, username, password);
    const there = await signedIn(server.baseUrl, username, password);
    const fresh = strongPassword();
    const changed = await here.request('POST', '/api/password', { current_password: password, new_password: fresh });
    assert.equal(changed.status, 204);
    assert.equal((await here.request('GET', '/api/session')).status, 200);
    assert.equal((await there.request('GET', '/api/session')).status, 401);
    await signedIn(server.baseUrl, username, fresh);
  });

  test('password rules answer per field', async () => {
    const { username, password } = await registerEnterprise(server.baseUrl);
    const client = await signedIn(server.baseUrl, username, password);
    const cases = [
      [{ current_password: password, new_password: 'short' }, 'new_password', 'password_too_short'],
      [{ current_password: password, new_password: 'x'.repeat(129) }, 'new_password', 'password_too_long'],
      [{ current_password: password, new_password: 'abcdefghijkl' }, 'new_password', 'password_dictionary'],
      [{ current_password: 'not-it-at-all', new_password: strongPassword() }, 'current_password', 'password_wrong'],
    ];
    for (const [body, field, rule] of cases) {
      const reply = await client.request('POST', '/api/password', body);
      assert.equal(reply.status, 422, rule);
      assert.deepEqual(reply.body.fields.map((f) => [f.field, f.rule]), [[field, rule]]);
      assert.ok(reply.body.fields[0].message.length > 0);
    }
    const english = await client.request('POST', '/api/password', cases[0][0], { headers: { 'Accept-Language': 'en' } });
    assert.match(english.body.fields[0].message, /at least 12 characters/);
  });

  test('a handed-over password must be changed before anything else', async () => {
    const username = unique('new-organizer');
    const made = await admin.request('POST', '/api/users', { username, display_name: '新同事', role: 'organizer' });
    assert.equal(made.status, 201);
    const client = new Client(server.baseUrl);
    const reply = await client.signIn(username, made.body.temporary_password);
    assert.equal(reply.body.user.must_change_password, true);
    const blocked = await client.request('GET', '/api/enterprises/1');
    assert.equal(blocked.status, 403);
    assert.equal(blocked.body.code, 'password_change_required');
    const changed = await client.request('POST', '/api/password', {
      current_password: made.body.temporary_password,
      new_password: strongPassword(),
    });
    assert.equal(changed.status, 204);
    assert.equal((await client.request('GET', '/api/session')).body.user.must_change_password, false);
  });
});

describe('registration', () => {
  test('each bad field is named with its rule', async () => {
    const reply = await anonymous().request('POST', '/api/enterprises', {
      credit_code: '91440703MA4WDE01XX',
      name: '',
      county_code: '110101',
      contact_name: '王',
      contact_phone: '12ab',
      username: 'a',
      password: 'short',
    });
    assert.equal(reply.status, 422);
    const rules = Object.fromEntries(reply.body.fields.map((f) => [f.field, f.rule]));
    assert.match(rules.credit_code, /^uscc_/);
    assert.equal(rules.name, 'required');
    assert.equal(rules.county_code, 'county_unknown');
    assert.equal(rules.contact_phone, 'phone_format');
    assert.equal(rules.username, 'username_format');
    assert.equal(rules.password, 'password_too_short');
    assert.equal(rules.contact_name, undefined);
    assert.ok(reply.body.fields.every((f) => f.message));
  });

  test('the credit code rules come from the domain (check character named)', async () => {
    const good = creditCode('440703');
    const last = good.at(-1) === '0' ? '1' : '0';
    const reply = await anonymous().request('POST', '/api/enterprises', {
      credit_code: good.slice(0, 17) + last,
      name: '校验位测试',
      county_code: '440703',
      contact_name: '王',
      contact_phone: '13800001234',
      username: unique('check'),
      password: strongPassword(),
    });
    assert.equal(reply.status, 422);
    assert.deepEqual(reply.body.fields.map((f) => f.rule), ['uscc_check_character']);
  });

  test('a new enterprise is unverified, its registrant its administrator; duplicates are 409', async () => {
    const first = await registerEnterprise(server.baseUrl);
    assert.equal(first.enterprise.verified, false);
    assert.equal(first.user.enterprise_admin, true);
    assert.equal(first.user.must_change_password, false);
    const again = await anonymous().request('POST', '/api/enterprises', {
      credit_code: first.enterprise.credit_code,
      name: '重复',
      county_code: '440703',
      contact_name: '王',
      contact_phone: '13800001234',
      username: unique('dup'),
      password: strongPassword(),
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'enterprise_exists');
    const taken = await anonymous().request('POST', '/api/enterprises', {
      credit_code: creditCode('440703'),
      name: '重名',
      county_code: '440703',
      contact_name: '王',
      contact_phone: '13800001234',
      username: first.username,
      password: strongPassword(),
    });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.code, 'username_taken');
  });
});

describe('county officer and enterprise administrator', () => {
  test('verify, add a colleague, transfer the administrator role, reset its password', async () => {
    const registered = await registerEnterprise(server.baseUrl, '440703');
    const county = await signedIn(server.baseUrl, 'demo-county', 'demo-county-2022');
    const queue = await county.request('GET', '/api/county/enterprises?verified=false');
    assert.ok(queue.body.enterprises.some((e) => e.id === registered.enterprise.id));
    assert.ok(queue.body.enterprises.every((e) => e.county_code === '440703' && !e.verified));
    const queued = queue.body.enterprises.find((e) => e.id === registered.enterprise.id);
    assert.equal(queued.admin_username, registered.username, 'the officer sees who administers it');
    assert.deepEqual(queued.staff.map((u) => u.id), [registered.user.id]);
    const verified = await county.request('POST', `/api/enterprises/${registered.enterprise.id}/verify`, { note: '执照、授权书已核' });
    assert.equal(verified.status, 200);
    assert.equal(verified.body.verified, true);

    const boss = await signedIn(server.baseUrl, registered.username, registered.password);
    const colleague = await boss.request('POST', '/api/users', { username: unique('colleague'), display_name: '同事', role: 'enterprise' });
    assert.equal(colleague.status, 201);
    assert.equal(colleague.body.user.enterprise_id, registered.enterprise.id);
    const notAllowed = await boss.request('POST', '/api/users', { username: unique('x'), display_name: 'x', role: 'bureau' });
    assert.equal(notAllowed.status, 422);
    assert.equal(notAllowed.body.fields[0].rule, 'role_not_allowed');
    const staff = await boss.request('GET', '/api/users');
    assert.deepEqual(staff.body.users.map((u) => u.enterprise_id), [registered.enterprise.id, registered.enterprise.id]);

    const moved = await county.request('POST', `/api/enterprises/${registered.enterprise.id}/admin`, { user_id: colleague.body.user.id });
    assert.equal(moved.status, 204);
    const after = await admin.request('GET', '/api/users');
    const byId = Object.fromEntries(after.body.users.map((u) => [u.id, u]));
    assert.equal(byId[colleague.body.user.id].enterprise_admin, true);
    assert.equal(byId[registered.user.id].enterprise_admin, false);

    const reset = await county.request('POST', `/api/users/${colleague.body.user.id}/reset-password`);
    assert.equal(reset.status, 200);
    const newBoss = new Client(server.baseUrl);
    const signIn = await newBoss.signIn(colleague.body.user.username, reset.body.temporary_password);
    assert.equal(signIn.body.user.must_change_password, true);
    assert.equal(signIn.body.user.enterprise_admin, true);
    const notAnAdmin = await county.request('POST', `/api/users/${registered.user.id}/reset-password`);
    assert.equal(notAnAdmin.status, 404, 'a county officer resets enterprise administrators only');

    const records = await auditOf('demo-county', 'enterprise.');
    const actions = records.map((r) => r.action);
    assert.ok(actions.includes('enterprise.verify'));
    assert.ok(actions.includes('enterprise.transfer_admin'));
    const transfer = records.find((r) => r.action === 'enterprise.transfer_admin');
    assert.equal(transfer.summary.before.administrator, registered.username);
    assert.equal(transfer.summary.after.administrator, colleague.body.user.username);
  });

  test('the contact phone is masked for roles that do not need it', async () => {
    const registered = await registerEnterprise(server.baseUrl, '440703');
    const path = `/api/enterprises/${registered.enterprise.id}`;
    const organizer = await signedIn(server.baseUrl, 'demo-organizer', 'demo-organizer-2022');
    const county = await signedIn(server.baseUrl, 'demo-county', 'demo-county-2022');
    assert.equal((await organizer.request('GET', path)).body.contact_phone, '138****1234');
    assert.equal((await county.request('GET', path)).body.contact_phone, '13812341234');
  });

  test('the demo enterprise account administers a verified demo enterprise in 蓬江区', async () => {
    const demo = await signedIn(server.baseUrl, 'demo-enterprise', 'demo-enterprise-2022');
    assert.equal(demo.user.enterprise_admin, true);
    const enterprise = await demo.request('GET', `/api/enterprises/${demo.user.enterprise_id}`);
    assert.equal(enterprise.body.verified, true);
    assert.match(enterprise.body.credit_code, /^91440703[0-9A-Z]{10}$/);
    assert.match(enterprise.body.name, /【演示】/);
    const county = await signedIn(server.baseUrl, 'demo-county', 'demo-county-2022');
    const queue = await county.request('GET', '/api/county/enterprises?verified=false');
    assert.ok(queue.body.enterprises.some((e) => e.is_demo && /【演示】/.test(e.name)), 'an unverified demo enterprise');
  });
});

describe('audit', () => {
  test('records carry actor, role, address, result and a summary without secrets, and get sealed', async () => {
    const username = unique('audited');
    const password = strongPassword();
    await createUser(admin, { username, role: 'bureau', password });
    await signedIn(server.baseUrl, username, password);
    const bureau = await signedIn(server.baseUrl, 'demo-bureau', 'demo-bureau-2022');
    const page = await bureau.request('GET', `/api/audit?actor=${username}&page_size=20`);
    const actions = page.body.records.map((r) => r.action).sort();
    assert.deepEqual(actions, ['password.change', 'session.login']);
    // The background sealer runs every second; allow a slow machine a few rounds.
    let added;
    let record;
    for (let round = 0; round < 50 && !record?.seal; round++) {
      if (round > 0) await new Promise((r) => setTimeout(r, 200));
      added = await bureau.request('GET', '/api/audit?action=user.add&page_size=50');
      record = added.body.records.find((r) => r.summary.after?.username === username);
    }
    assert.equal(record.actor, 'demo-admin');
    assert.equal(record.role, 'admin');
    assert.equal(record.client_address, '127.0.0.1');
    assert.equal(record.result, 'ok');
    assert.match(record.seal ?? '', /^[0-9a-f]{64}$/, 'the background sealer chained it');
    const everything = JSON.stringify(page.body) + JSON.stringify(added.body);
    assert.ok(!everything.includes(password), 'no password in the audit log');
  });

  test('the viewer pages and filters by time', async () => {
    const bureau = await signedIn(server.baseUrl, 'demo-bureau', 'demo-bureau-2022');
    const first = await bureau.request('GET', '/api/audit?page=1&page_size=2');
    const second = await bureau.request('GET', '/api/audit?page=2&page_size=2');
    assert.equal(first.body.records.length, 2);
    assert.ok(first.body.total >= 4);
    assert.ok(second.body.records[0].id < first.body.records[1].id);
    const future = await bureau.request('GET', '/api/audit?from=2999-01-01T00:00:00Z');
    assert.equal(future.body.total, 0);
    const bad = await bureau.request('GET', '/api/audit?page_size=0');
    assert.equal(bad.status, 422);
    assert.equal(bad.body.fields[0].field, 'page_size');
  });
});
