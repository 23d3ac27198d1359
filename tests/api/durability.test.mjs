// Nothing acknowledged is lost: a chunk the server answered 200 for, and a submission it answered
// 200 for, are there after the server is killed with SIGKILL (no chance to flush or drain) and
// started again on the same database.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import {
  CHUNK,
  benchmarkForm,
  createApplication,
  enterpriseClient,
  prepareForSubmission,
  putChunk,
  sha256,
  submit,
  tinyPdf,
} from './application_support.mjs';
import { startServer } from './support.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'iifund-durable-'));
let server;
after(async () => {
  await server?.stop();
});

async function killAndRestart(client) {
  server.child.kill('SIGKILL');
  const { signal } = await server.exited;
  assert.equal(signal, 'SIGKILL');
  server = await startServer({ env: { IIFUND_DATA_DIR: dataDir } });
  client.baseUrl = server.baseUrl;
}

test('an acknowledged chunk and an acknowledged submission survive SIGKILL', async () => {
  server = await startServer({ env: { IIFUND_DATA_DIR: dataDir } });
  const client = await enterpriseClient(server.baseUrl);
  const draft = await createApplication(client, 1);
  const ready = await prepareForSubmission(client, draft, benchmarkForm(draft, client.enterprise.credit_code));

  // A 1.5 MiB PDF in two chunks: the first acknowledged, then the server dies.
  const big = Buffer.concat([tinyPdf('big').subarray(0, 9), Buffer.alloc(CHUNK + CHUNK / 2, 0x20), tinyPdf('end')]);
  const start = await client.request('POST', `/api/applications/${draft.id}/uploads`, {
    material_id: 'implementation_plan',
    file_name: '实施方案.pdf',
    size_bytes: big.length,
    sha256: sha256(big),
  });
  assert.equal(start.status, 201, JSON.stringify(start.body));
  assert.equal((await putChunk(client, start.body.upload_id, 0, big.subarray(0, CHUNK))).status, 200);
  await killAndRestart(client);

  const resumed = await client.request('GET', `/api/uploads/${start.body.upload_id}`);
  assert.equal(resumed.status, 200, 'the session survived too: it lives in the database');
  assert.deepEqual(resumed.body.received, [0]);
  assert.equal((await putChunk(client, start.body.upload_id, 1, big.subarray(CHUNK))).status, 200);
  const done = await client.request('POST', `/api/uploads/${start.body.upload_id}/complete`, {});
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.sha256, sha256(big));

  const current = await client.request('GET', `/api/applications/${draft.id}`);
  const submitted = await submit(client, current.body);
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  await killAndRestart(client);

  const after = await client.request('GET', `/api/applications/${draft.id}`);
  assert.equal(after.body.state, 'submitted');
  assert.equal(after.body.finalized_hash, ready.finalized_hash);
  const snapshot = await client.request('GET', `/api/applications/${draft.id}/snapshot`);
  assert.equal(snapshot.body.revision, 1);
  const file = await fetch(`${client.baseUrl}/api/uploads/${start.body.upload_id}/content`, {
    headers: { Cookie: client.cookieHeader() },
  });
  assert.equal(sha256(Buffer.from(await file.arrayBuffer())), sha256(big), 'the file comes back byte for byte');
});
