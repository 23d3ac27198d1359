// The walking skeleton's promises, over real HTTP: health, problem+json errors in both
// languages, limits answered with the right status, safe static files, security headers, and a
// server that keeps serving after every bad request.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { expectedDatabase, rawRequest, startServer } from './support.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

async function expectProblem(response, status, code) {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = await response.json();
  assert.equal(body.code, code);
  assert.equal(body.status, status);
  assert.ok(body.title && body.detail, 'a problem carries a title and a detail for the user');
  return body;
}

async function stillServing() {
  const response = await fetch(`${server.baseUrl}/api/health`);
  assert.equal(response.status, 200, 'the server must keep serving after a bad request');
}

describe('health', () => {
  test('reports ok and the database it checked', async () => {
    const response = await fetch(`${server.baseUrl}/api/health`);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.database, expectedDatabase);
    assert.ok(body.schema_version >= 1);
    assert.equal(body.batch, 'jiangmen-2022-batch2');
  });

  test('every answer carries a fresh request id', async () => {
    const first = await fetch(`${server.baseUrl}/api/health`);
    const second = await fetch(`${server.baseUrl}/api/health`);
    assert.match(first.headers.get('x-request-id') ?? '', /^[0-9a-f]{16}$/);
    assert.notEqual(first.headers.get('x-request-id'), second.headers.get('x-request-id'));
  });
});

describe('security headers', () => {
  for (const path of ['/api/health', '/', '/api/no-such-route']) {
    test(`are on ${path}`, async () => {
      const response = await fetch(`${server.baseUrl}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-eval/);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
      if (path.startsWith('/api/')) assert.equal(response.headers.get('cache-control'), 'no-store');
    });
  }
});

describe('errors are problem+json in the reader\'s language', () => {
  test('an unknown API route is 404 in Chinese by default', async () => {
    const body = await expectProblem(await fetch(`${server.baseUrl}/api/no-such-route`), 404, 'not_found');
    assert.match(body.detail, /没有这个地址/);
    assert.equal(body.facts.path, '/api/no-such-route');
  });

  test('and in English when the browser asks for it', async () => {
    const response = await fetch(`${server.baseUrl}/api/no-such-route`, { headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
    const body = await expectProblem(response, 404, 'not_found');
    assert.match(body.detail, /There is no such address/);
  });

  test('a known path with the wrong method is 405', async () => {
    await expectProblem(await fetch(`${server.baseUrl}/api/health`, { method: 'DELETE' }), 405, 'method_not_allowed');
  });

  test('malformed JSON is 400 naming where it broke', async () => {
    const response = await fetch(`${server.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{\n  "username": "a",\n  "password": \n}',
    });
    const body = await expectProblem(response, 400, 'malformed_json');
    assert.equal(body.facts.line, 4);
    assert.match(body.detail, /第 4 行/);
    await stillServing();
  });

  test('a body that is not JSON is 415', async () => {
    const response = await fetch(`${server.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'username=a',
    });
    const body = await expectProblem(response, 415, 'unsupported_media_type');
    assert.equal(body.facts.content_type, 'text/plain');
  });

  test('a refused sign-in is a 401 problem with a message for the user', async () => {
    const response = await fetch(`${server.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: `nobody-${Date.now()}`, password: 'x' }),
    });
    await expectProblem(response, 401, 'login_failed');
  });
});

describe('limits', () => {
  test('a body over the limit is 413 with the limit named', async () => {
    const response = await fetch(`${server.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: `"${'a'.repeat(3 * 1024 * 1024)}"`,
    });
    const body = await expectProblem(response, 413, 'payload_too_large');
    assert.equal(body.facts.limit, 2 * 1024 * 1024);
    await stillServing();
  });

  test('a body above the hard cap closes the connection and nothing else', async () => {
    const reply = await rawRequest(
      server.port,
      'POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n{}',
    );
    assert.ok(reply.status === 0 || reply.status === 413, `got ${reply.status}`);
    await stillServing();
  });

  test('an 80 KB URL is 414 and the server keeps serving', async () => {
    const response = await fetch(`${server.baseUrl}/api/${'a'.repeat(80 * 1024)}`);
    const body = await expectProblem(response, 414, 'uri_too_long');
    assert.equal(body.facts.limit, 8192);
    await stillServing();
  });

  test('an 80 KB path segment on a page route is 414 too', async () => {
    const response = await fetch(`${server.baseUrl}/${'b'.repeat(80 * 1024)}`);
    await expectProblem(response, 414, 'uri_too_long');
    await stillServing();
  });
});

describe('static files', () => {
  test('the web app is served at /', async () => {
    const response = await fetch(`${server.baseUrl}/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await response.text(), /<div id="app">/);
  });

  test('a page path falls back to index.html (history mode)', async () => {
    const response = await fetch(`${server.baseUrl}/enterprise/applications/42`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /<div id="app">/);
  });

  test('a missing asset is 404, not the app', async () => {
    await expectProblem(await fetch(`${server.baseUrl}/assets/no-such-file.js`), 404, 'not_found');
  });

  for (const path of ['/../../etc/passwd', '/assets/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/a%00b', '/..%2f..%2fetc/passwd']) {
    test(`path traversal ${path} is refused`, async () => {
      const reply = await rawRequest(server.port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.equal(reply.status, 400, reply.raw.slice(0, 200));
      assert.doesNotMatch(reply.body, /root:/);
      assert.match(reply.body, /"code":"bad_path"/);
    });
  }
});

describe('batches', () => {
  test('the shipped batch is listed after demo data is loaded', async () => {
    const response = await fetch(`${server.baseUrl}/api/batches`);
    assert.equal(response.status, 200);
    const { batches } = await response.json();
    const codes = batches.map((batch) => batch.code);
    assert.ok(codes.includes('jiangmen-2022-batch2'), `got ${codes}`);
    const shipped = batches.find((batch) => batch.code === 'jiangmen-2022-batch2');
    assert.equal(shipped.closes_at, '2022-11-30T16:00:00Z', 'the window closes at 2022-12-01 00:00 Beijing time');
    const demo = batches.find((batch) => batch.is_demo);
    assert.ok(demo, 'a clearly labelled demo batch is installed');
    assert.match(demo.name_zh, /演示/);
  });
});
