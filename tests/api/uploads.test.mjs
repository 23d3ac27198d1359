// 申报材料上传 over HTTP: a file goes up in 1 MiB chunks with SHA-256s, resumes after an
// interruption, comes back byte for byte with a safe download header, and is refused when it is
// too large, damaged, not what it claims, someone else's, or on an application no longer editable.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { Client, createUser, registerEnterprise, signedIn, strongPassword, unique } from './accounts_support.mjs';
import { startServer } from './support.mjs';

const MiB = 1024 * 1024;
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

// Binary content with NUL bytes throughout, framed as the kind of file it claims to be.
function pdfOfSize(size) {
  const head = Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1');
  const tail = Buffer.from('\ntrailer <<>>\n%%EOF\n', 'latin1');
  const body = randomBytes(size - head.length - tail.length);
  for (let i = 0; i < body.length; i += 997) body[i] = 0;
  return Buffer.concat([head, body, tail]);
}
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(3000)]);
const jpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(5000), Buffer.from([0xff, 0xd9])]);

// Sends one chunk as raw bytes (Client.request speaks JSON only).
async function putChunk(client, uploadId, index, bytes, { hash = sha256(bytes), type = 'application/octet-stream' } = {}) {
  const response = await fetch(`${client.baseUrl}/api/uploads/${uploadId}/chunks/${index}`, {
    method: 'PUT',
    headers: {
      Cookie: client.cookieHeader(),
      'X-CSRF-Token': client.csrf,
      'Content-Type': type,
      'X-Chunk-SHA256': hash,
    },
    body: bytes,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function download(client, uploadId) {
  const response = await fetch(`${client.baseUrl}/api/uploads/${uploadId}/content`, {
    headers: client.cookies && Object.keys(client.cookies).length ? { Cookie: client.cookieHeader() } : {},
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const startUpload = (client, applicationId, file, { name = '申报书.pdf', material = 'application_form' } = {}) =>
  client.request('POST', `/api/applications/${applicationId}/uploads`, {
    material_id: material,
    file_name: name,
    size_bytes: file.length,
    sha256: sha256(file),
  });

// Starts, sends every chunk and completes; answers the completion.
async function uploadWhole(client, applicationId, file, options) {
  const started = await startUpload(client, applicationId, file, options);
  assert.equal(started.status, 201, JSON.stringify(started.body));
  for (let index = 0; index * MiB < file.length; index++) {
    const put = await putChunk(client, started.body.upload_id, index, file.subarray(index * MiB, (index + 1) * MiB));
    assert.equal(put.status, 200, JSON.stringify(put.body));
  }
  return client.request('POST', `/api/uploads/${started.body.upload_id}/complete`);
}

// Sets an application's state in the database itself: submitting needs the whole applicant
// journey (form, finalize, sealed scan, materials), which is not what these tests are about.
function setApplicationState(dataDir, applicationId, state) {
  const sql = `UPDATE applications SET state = '${state}', submitted_at = '2026-01-01T00:00:00Z' WHERE id = ${Number(applicationId)}`;
  const url = process.env.IIFUND_API_DATABASE_URL;
  const run = url?.startsWith('postgresql://')
    ? spawnSync('psql', [url.slice('postgresql://'.length), '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' })
    : spawnSync('sqlite3', [join(dataDir, 'iifund.db'), sql], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
}

let server;
let dataDir;
let owner; // staff of a verified enterprise in 蓬江区 (440703)
let stranger; // another enterprise's administrator
let county; // demo-county, 蓬江区
let otherCounty; // a county officer of 江海区
let applicationId;
let batchId;

async function verifiedEnterprise() {
  const registered = await registerEnterprise(server.baseUrl, '440703');
  const countyOfficer = await signedIn(server.baseUrl, 'demo-county', 'demo-county-2022');
  const verified = await countyOfficer.request('POST', `/api/enterprises/${registered.enterprise.id}/verify`, {
    note: '营业执照已核对',
  });
  assert.equal(verified.status, 200, JSON.stringify(verified.body));
  return signedIn(server.baseUrl, registered.username, registered.password);
}

async function newApplication(client, category) {
  const created = await client.request('POST', '/api/applications', { batch_id: batchId, category });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.id;
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'iifund-uploads-'));
  server = await startServer({ env: { IIFUND_DATA_DIR: dataDir } });
  const batches = await new Client(server.baseUrl).request('GET', '/api/batches');
  batchId = batches.body.batches.find((batch) => batch.is_demo).id;
  owner = await verifiedEnterprise();
  const foreign = await registerEnterprise(server.baseUrl, '440703');
  stranger = await signedIn(server.baseUrl, foreign.username, foreign.password);
  county = await signedIn(server.baseUrl, 'demo-county', 'demo-county-2022');
  const admin = await signedIn(server.baseUrl, 'demo-admin', 'demo-admin-2022');
  const username = unique('county-jianghai');
  const password = strongPassword();
  await createUser(admin, { username, role: 'county', county_code: '440704', password });
  otherCounty = await signedIn(server.baseUrl, username, password);
  applicationId = await newApplication(owner, 1);
});

after(async () => {
  await server?.stop();
});

test('a 2.5 MiB PDF goes up in three chunks and comes back byte for byte', async () => {
  const file = pdfOfSize(Math.floor(2.5 * MiB));
  const started = await startUpload(owner, applicationId, file);
  assert.equal(started.status, 201, JSON.stringify(started.body));
  assert.equal(started.body.chunk_bytes, MiB);
  assert.equal(started.body.chunk_count, 3);
  assert.deepEqual(started.body.received, []);
  const id = started.body.upload_id;
  for (const index of [0, 1, 2]) {
    const put = await putChunk(owner, id, index, file.subarray(index * MiB, (index + 1) * MiB));
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.ok(put.body.received.includes(index));
  }
  const completed = await owner.request('POST', `/api/uploads/${id}/complete`);
  assert.equal(completed.status, 200, JSON.stringify(completed.body));
  assert.equal(completed.body.content_type, 'application/pdf');
  assert.equal(completed.body.sha256, sha256(file));
  assert.equal(completed.body.size_bytes, file.length);
  assert.match(completed.body.completed_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

  const status = await owner.request('GET', `/api/uploads/${id}`);
  assert.equal(status.status, 200);
  assert.equal(status.body.state, 'complete');

  const got = await download(owner, id);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'application/pdf');
  assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
  assert.match(got.headers.get('cache-control'), /no-store/);
  const disposition = got.headers.get('content-disposition');
  assert.match(disposition, /^attachment;/);
  assert.match(disposition, /filename\*=UTF-8''%E7%94%B3%E6%8A%A5%E4%B9%A6\.pdf/);
  assert.match(disposition, /filename="___\.pdf"/);
  assert.ok(got.bytes.equals(file), 'the exact bytes come back');

  const application = await owner.request('GET', `/api/applications/${applicationId}`);
  assert.equal(application.status, 200);
  const material = application.body.materials.find((m) => m.material_id === 'application_form');
  const listed = material.files.find((f) => f.upload_id === id);
  assert.equal(listed?.sha256, sha256(file), 'the application lists the file');
  assert.equal(listed.content_type, 'application/pdf');
});

test('starting the same file again resumes with the chunks the server has', async () => {
  const file = pdfOfSize(Math.floor(2.5 * MiB));
  const first = await startUpload(owner, applicationId, file, { material: 'implementation_plan' });
  assert.equal(first.status, 201);
  assert.equal((await putChunk(owner, first.body.upload_id, 0, file.subarray(0, MiB))).status, 200);
  const again = await startUpload(owner, applicationId, file, { material: 'implementation_plan' });
  assert.equal(again.status, 200, JSON.stringify(again.body));
  assert.equal(again.body.upload_id, first.body.upload_id);
  assert.deepEqual(again.body.received, [0]);
  const repeated = await putChunk(owner, first.body.upload_id, 0, file.subarray(0, MiB));
  assert.equal(repeated.status, 200, 're-sending a chunk is idempotent');
  assert.deepEqual(repeated.body.received, [0]);
  const early = await owner.request('POST', `/api/uploads/${first.body.upload_id}/complete`);
  assert.equal(early.status, 422);
  assert.equal(early.body.code, 'chunks_missing');
  assert.deepEqual(early.body.facts.missing, [1, 2]);
});

test('a chunk that does not match its SHA-256 is refused and not stored', async () => {
  const file = pdfOfSize(Math.floor(1.5 * MiB));
  const started = await startUpload(owner, applicationId, file, { material: 'performance_targets' });
  const put = await putChunk(owner, started.body.upload_id, 0, file.subarray(0, MiB), { hash: sha256('other') });
  assert.equal(put.status, 422);
  assert.equal(put.body.code, 'chunk_hash_mismatch');
  assert.equal(put.body.fields[0].field, 'X-Chunk-SHA256');
  assert.ok(put.body.fields[0].message.length > 0);
  const status = await owner.request('GET', `/api/uploads/${started.body.upload_id}`);
  assert.deepEqual(status.body.received, []);
});

test('a chunk over 1 MiB answers 413, and a chunk must be sent as octet-stream', async () => {
  const file = pdfOfSize(3 * MiB);
  const started = await startUpload(owner, applicationId, file, { material: 'credit_commitment' });
  const oversized = await putChunk(owner, started.body.upload_id, 0, file.subarray(0, MiB + 1));
  assert.equal(oversized.status, 413);
  assert.equal(oversized.body.code, 'chunk_too_large');
  const asJson = await putChunk(owner, started.body.upload_id, 0, file.subarray(0, MiB), { type: 'application/json' });
  assert.equal(asJson.status, 415);
});

test('a file over 20 MiB is refused at start with 413', async () => {
  const reply = await owner.request('POST', `/api/applications/${applicationId}/uploads`, {
    material_id: 'business_licence',
    file_name: '营业执照.pdf',
    size_bytes: 20 * MiB + 1,
    sha256: 'a'.repeat(64),
  });
  assert.equal(reply.status, 413);
  assert.equal(reply.body.code, 'file_too_large');
  assert.equal(reply.body.fields[0].field, 'size_bytes');
  assert.match(reply.body.detail, /20 MiB/);
});

test('start names every bad field', async () => {
  const reply = await owner.request('POST', `/api/applications/${applicationId}/uploads`, {
    material_id: 'no_such_material',
    file_name: '',
    size_bytes: 0,
    sha256: 'xyz',
  });
  assert.equal(reply.status, 422);
  assert.equal(reply.body.code, 'validation_failed');
  assert.deepEqual(
    reply.body.fields.map((f) => `${f.field}:${f.rule}`),
    ['material_id:material_unknown', 'file_name:required', 'size_bytes:file_empty', 'sha256:sha256_format'],
  );
});

test('a hostile file name is stored cleaned and downloads under the clean name', async () => {
  const completed = await uploadWhole(owner, applicationId, pdfOfSize(4000), {
    name: '../../etc/passwd.pdf',
    material: 'invoices_and_contracts',
  });
  assert.equal(completed.status, 200, JSON.stringify(completed.body));
  assert.equal(completed.body.file_name, 'passwd.pdf');
  const got = await download(owner, completed.body.upload_id);
  assert.match(got.headers.get('content-disposition'), /filename="passwd\.pdf"; filename\*=UTF-8''passwd\.pdf$/);
});

test('text called a PDF is refused at completion, naming what it claimed and what it is', async () => {
  const completed = await uploadWhole(owner, applicationId, Buffer.from('这不是 PDF，只是一段文字。\n'.repeat(20)), {
    name: '盖章件.pdf',
  });
  assert.equal(completed.status, 422);
  assert.equal(completed.body.code, 'content_type_refused');
  assert.deepEqual(completed.body.facts, { claimed: 'pdf', found: 'text' });
  assert.match(completed.body.detail, /PDF/);
  assert.match(completed.body.title, /[\u4e00-\u9fff]/, 'Chinese first');
});

test('a PNG and a JPEG are accepted as images', async () => {
  const pngDone = await uploadWhole(owner, applicationId, png(), { name: '营业执照.png', material: 'business_licence' });
  assert.equal(pngDone.status, 200, JSON.stringify(pngDone.body));
  assert.equal(pngDone.body.content_type, 'image/png');
  const jpegDone = await uploadWhole(owner, applicationId, jpeg(), { name: '照片.jpg', material: 'business_licence' });
  assert.equal(jpegDone.status, 200, JSON.stringify(jpegDone.body));
  assert.equal(jpegDone.body.content_type, 'image/jpeg');
  const got = await download(owner, jpegDone.body.upload_id);
  assert.equal(got.headers.get('content-type'), 'image/jpeg');
});

test("another enterprise's upload answers 404 to every route", async () => {
  const completed = await uploadWhole(owner, applicationId, png(), { name: 'a.png', material: 'business_licence' });
  const id = completed.body.upload_id;
  assert.equal((await stranger.request('GET', `/api/uploads/${id}`)).status, 404);
  assert.equal((await download(stranger, id)).status, 404);
  assert.equal((await putChunk(stranger, id, 0, png())).status, 404);
  assert.equal((await stranger.request('POST', `/api/uploads/${id}/complete`)).status, 404);
  assert.equal((await stranger.request('DELETE', `/api/uploads/${id}`)).status, 404);
  assert.equal((await startUpload(stranger, applicationId, png(), { name: 'x.png' })).status, 404);
  assert.equal((await county.request('GET', `/api/uploads/${id}`)).status, 404, 'a draft is the enterprise’s own');
  assert.equal((await new Client(server.baseUrl).request('GET', `/api/uploads/${id}`)).status, 401);
});

test('a removed file is gone', async () => {
  const completed = await uploadWhole(owner, applicationId, png(), { name: 'b.png', material: 'business_licence' });
  const id = completed.body.upload_id;
  const removed = await owner.request('DELETE', `/api/uploads/${id}`);
  assert.equal(removed.status, 204);
  assert.equal((await owner.request('GET', `/api/uploads/${id}`)).status, 404);
  assert.equal((await download(owner, id)).status, 404);
  assert.equal((await owner.request('DELETE', `/api/uploads/${id}`)).status, 404);
  const application = await owner.request('GET', `/api/applications/${applicationId}`);
  const files = application.body.materials.flatMap((m) => m.files);
  assert.ok(!files.some((f) => f.upload_id === id), 'the application no longer lists it');
});

test('a submitted application takes no files; its county reads them, another county does not', async () => {
  const submittedId = await newApplication(owner, 4);
  const done = await uploadWhole(owner, submittedId, pdfOfSize(6000), { name: '培训方案.pdf', material: 'application_form' });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  const pending = await startUpload(owner, submittedId, pdfOfSize(2 * MiB), { material: 'application_form' });
  assert.equal(pending.status, 201);
  setApplicationState(dataDir, submittedId, 'submitted');

  const refused = await startUpload(owner, submittedId, png(), { name: 'late.png' });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.code, 'application_not_editable');
  assert.equal((await putChunk(owner, pending.body.upload_id, 0, pdfOfSize(MiB))).status, 409);
  assert.equal((await owner.request('POST', `/api/uploads/${pending.body.upload_id}/complete`)).status, 409);
  assert.equal((await owner.request('DELETE', `/api/uploads/${done.body.upload_id}`)).status, 409);

  const id = done.body.upload_id;
  assert.equal((await download(owner, id)).status, 200, 'the enterprise still reads its own');
  assert.equal((await download(county, id)).status, 200, 'the county of the application reads it');
  assert.equal((await county.request('GET', `/api/uploads/${id}`)).status, 200);
  assert.equal((await download(otherCounty, id)).status, 404);
  const organizer = await signedIn(server.baseUrl, 'demo-organizer', 'demo-organizer-2022');
  assert.equal((await download(organizer, id)).status, 200);
  const expert = await signedIn(server.baseUrl, 'demo-expert', 'demo-expert-2022');
  assert.equal((await download(expert, id)).status, 403);
});
