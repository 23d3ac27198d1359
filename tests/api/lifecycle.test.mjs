// Starting and stopping: configuration errors are one line and exit 2; SIGTERM stops the server
// cleanly, and requests racing the stop get whole answers, never a torn one.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { join } from 'node:path';

import { repoRoot, runCli, serverEnvironment, startServer } from './support.mjs';

test('an unknown option is a one-line error and exit code 2', () => {
  const result = runCli(['serve', '--no-such-option'], serverEnvironment());
  assert.equal(result.status, 2);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /--no-such-option/);
});

test('a bad configuration value names the variable and exits 2', () => {
  const result = runCli(['migrate'], serverEnvironment({ IIFUND_LISTEN: 'not-a-port' }));
  assert.equal(result.status, 2);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /IIFUND_LISTEN/);
});

test('the server refuses to start on an invalid policy, naming file, line and rule', () => {
  const broken = join(repoRoot, 'tests/policies/broken-jiangmen-2022-batch2.toml');
  const result = runCli(['serve'], serverEnvironment({ IIFUND_POLICY: broken, IIFUND_LISTEN: '127.0.0.1:1' }));
  assert.equal(result.status, 1);
  assert.match(result.stderr, /broken-jiangmen-2022-batch2\.toml:\d+: weights_sum_100/);
});

test('migrate twice applies nothing the second time', () => {
  const env = serverEnvironment();
  const first = runCli(['migrate'], env);
  const second = runCli(['migrate'], env);
  assert.equal(first.status, 0, first.stderr);
  assert.equal(second.status, 0, second.stderr);
  // On a fresh SQLite file the first run applies the schema; on the shared PostgreSQL database an
  // earlier test may have done it. Either way the second run applies nothing and agrees.
  if (!process.env.IIFUND_API_DATABASE_URL) assert.match(first.stderr + first.stdout, /migration 1 applied/);
  assert.doesNotMatch(second.stderr + second.stdout, /applied:/);
  const version = (output) => output.match(/schema version (\d+)/)?.[1];
  assert.ok(version(first.stdout));
  assert.equal(version(second.stdout), version(first.stdout));
});

test('SIGTERM finishes in-flight requests and exits 0', async () => {
  const server = await startServer({ loadDemo: false });
  const inFlight = Array.from({ length: 40 }, () =>
    fetch(`${server.baseUrl}/api/health`).then(
      async (response) => ({ status: response.status, body: await response.text() }),
      () => ({ status: 0, body: '' }),
    ),
  );
  const exit = server.stop();
  const answers = await Promise.all(inFlight);
  const { code, signal } = await exit;
  assert.equal(signal, null);
  assert.equal(code, 0);
  for (const answer of answers) {
    if (answer.status === 200) assert.equal(JSON.parse(answer.body).status, 'ok');
    else if (answer.status !== 0) assert.equal(answer.status, 503);
  }
  assert.match(server.log(), /stopped \(0 requests unfinished\)/);
});
