// `iifund audit verify` on the demo database, and after a stored row is altered by hand. Always
// on a throwaway SQLite file (edited with the sqlite3 CLI), so the shared PostgreSQL database of
// the API run is never tampered with; the store tests alter rows on both backends.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

import { runCli, serverEnvironment } from './support.mjs';

function sqliteEnvironment() {
  const env = serverEnvironment();
  env.IIFUND_DATABASE_URL = `sqlite3://db=${join(env.IIFUND_DATA_DIR, 'iifund.db')}`;
  return env;
}

function sql(env, statement) {
  const result = spawnSync('sqlite3', [join(env.IIFUND_DATA_DIR, 'iifund.db'), statement], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

test('audit verify exits 0 on a fresh demo database', () => {
  const env = sqliteEnvironment();
  assert.equal(runCli(['demo'], env).status, 0);
  const verified = runCli(['audit', 'verify'], env);
  assert.equal(verified.status, 0, verified.stderr);
  assert.match(verified.stdout, /audit chain intact/);
});

test('audit verify names the record altered by hand and exits non-zero', () => {
  const env = sqliteEnvironment();
  assert.equal(runCli(['demo'], env).status, 0);
  for (const name of ['cli-officer-1', 'cli-officer-2']) {
    const added = runCli(['user', 'add', '--username', name, '--display-name', name, '--role', 'county', '--county', '440704'], env);
    assert.equal(added.status, 0, added.stderr);
    assert.match(added.stdout, /temporary password/);
  }
  const sealed = runCli(['audit', 'seal'], env);
  assert.equal(sealed.status, 0, sealed.stderr);
  assert.match(sealed.stdout, /sealed [1-9]\d* audit records/);
  const intact = runCli(['audit', 'verify'], env);
  assert.equal(intact.status, 0, intact.stderr);
  assert.match(intact.stdout, /intact: [3-9]\d* sealed/);

  const target = sql(env, "SELECT id FROM audit_log WHERE action = 'user.add' ORDER BY id LIMIT 1");
  sql(env, `UPDATE audit_log SET actor = 'someone-else' WHERE id = ${target}`);
  const broken = runCli(['audit', 'verify'], env);
  assert.notEqual(broken.status, 0);
  assert.match(broken.stderr, new RegExp(`BROKEN at record ${target}\\b`));
});

test('the command line audits its own account changes as "cli"', () => {
  const env = sqliteEnvironment();
  assert.equal(runCli(['demo'], env).status, 0);
  assert.equal(runCli(['user', 'add', '--username', 'cli-bureau', '--display-name', 'B', '--role', 'bureau'], env).status, 0);
  assert.equal(runCli(['user', 'disable', 'cli-bureau'], env).status, 0);
  const reset = runCli(['user', 'reset-password', 'cli-bureau'], env);
  assert.equal(reset.status, 0);
  assert.match(reset.stdout, /temporary password for cli-bureau/);
  const rows = sql(env, "SELECT action || ' ' || actor FROM audit_log WHERE object LIKE 'user:%' ORDER BY id");
  assert.deepEqual(rows.split('\n'), ['user.add cli', 'user.disable cli', 'password.reset cli']);
  const refused = runCli(['user', 'add', '--username', 'x', '--display-name', 'x', '--role', 'king'], env);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /role: role_unknown/);
});
