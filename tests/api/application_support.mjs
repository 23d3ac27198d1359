// Fixtures for the applicant's journey: a verified enterprise of its own, complete forms for each
// category, chunked uploads, and the whole way from a draft to a submitted application.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { Client, creditCode, registerEnterprise, signedIn } from './accounts_support.mjs';

export const CHUNK = 1024 * 1024;

// A small but well-formed PDF (header, one empty page, trailer, %%EOF).
export function tinyPdf(label = 'iifund test') {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    `% ${label}`,
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.from(body, 'latin1');
}

export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

// Registers an enterprise in `county`, has the demo county officer of 440703 verify it (when
// asked and when it is in that county), and signs its administrator in.
export async function enterpriseClient(baseUrl, { county = '440703', verify = true } = {}) {
  const registered = await registerEnterprise(baseUrl, county);
  if (verify) {
    const officer = await signedIn(baseUrl, 'demo-county', 'demo-county-2022');
    const verified = await officer.request('POST', `/api/enterprises/${registered.enterprise.id}/verify`, {
      note: '营业执照与授权书已核对',
    });
    assert.equal(verified.status, 200, JSON.stringify(verified.body));
  }
  const client = await signedIn(baseUrl, registered.username, registered.password);
  client.enterprise = registered.enterprise;
  return client;
}

export async function demoBatch(client) {
  const reply = await client.request('GET', '/api/batches');
  assert.equal(reply.status, 200);
  const batch = reply.body.batches.find((b) => b.is_demo);
  assert.ok(batch, 'the demo data installs an open demo batch');
  return batch;
}

export async function createApplication(client, category) {
  const batch = await demoBatch(client);
  const reply = await client.request('POST', '/api/applications', { batch_id: batch.id, category });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  return reply.body;
}

let invoiceCounter = Math.floor(Math.random() * 1e6);
// A fresh invoice number of the right kind, never used by another test.
export function freshInvoice(kind, buyer, withTaxFen) {
  invoiceCounter += 1;
  const tax = Math.floor(withTaxFen * 0.06);
  const base = {
    date: '2022-06-15',
    buyer_tax_id: buyer,
    amount_without_tax_fen: withTaxFen - tax,
    tax_fen: tax,
    amount_with_tax_fen: withTaxFen,
  };
  if (kind === 'vat') {
    return { ...base, kind, code: '4400221130', number: String(10_000_000 + (invoiceCounter % 89_999_999)) };
  }
  const number = `22442000000${String(invoiceCounter).padStart(9, '0')}`;
  return { ...base, kind, code: '', number };
}

export function line(type, invoice, extra = {}) {
  return { type, description: '工业互联网平台建设', supplier: '华为云计算技术有限公司', huawei_cloud: true, invoice, ...extra };
}

export function declarationsOf(application) {
  return application.options.declarations.map((d) => ({ id: d.id, declared: true }));
}

// A complete category-1 form: two invoices (a VAT invoice and a 数电票) worth `amounts` fen.
export function benchmarkForm(application, buyer, amounts = [300_000_000, 100_000_000], requested = null) {
  return {
    project_name: '智能工厂工业互联网标杆示范',
    direction: 'enterprise_application',
    summary: '建设覆盖设计、生产、仓储的工业互联网平台，实现设备联网与数据贯通。',
    start_date: '2022-01-01',
    end_date: '2023-06-30',
    contact: { name: '李经理', phone: '13800138000' },
    requested_fen: requested ?? 100_000_000,
    targets: [{ indicator: '设备联网率', baseline: '40', target: '90', unit: '%' }],
    investment_lines: [
      line('industrial_internet', freshInvoice('vat', buyer, amounts[0])),
      line('cloud_services', freshInvoice('fully_digital', buyer, amounts[1])),
    ],
    declarations: declarationsOf(application),
  };
}

export async function save(client, application, form) {
  return client.request('PUT', `/api/applications/${application.id}`, { version: application.version, form });
}

// Sends one chunk as raw bytes with its SHA-256, as the browser does; answers the fetch response.
export function putChunk(client, uploadId, index, chunk) {
  const headers = { 'Content-Type': 'application/octet-stream', 'X-Chunk-SHA256': sha256(chunk) };
  if (Object.keys(client.cookies).length) headers.Cookie = client.cookieHeader();
  if (client.csrf) headers['X-CSRF-Token'] = client.csrf;
  return fetch(`${client.baseUrl}/api/uploads/${uploadId}/chunks/${index}`, { method: 'PUT', headers, body: chunk });
}

// Uploads `bytes` in 1 MiB chunks; answers the completed upload's reply.
export async function uploadFile(client, applicationId, materialId, fileName, bytes) {
  const start = await client.request('POST', `/api/applications/${applicationId}/uploads`, {
    material_id: materialId,
    file_name: fileName,
    size_bytes: bytes.length,
    sha256: sha256(bytes),
  });
  assert.ok(start.status === 201 || start.status === 200, JSON.stringify(start.body));
  const uploadId = start.body.upload_id;
  for (let index = 0; index * CHUNK < bytes.length; index++) {
    if ((start.body.received ?? []).includes(index)) continue;
    const chunk = bytes.subarray(index * CHUNK, Math.min(bytes.length, (index + 1) * CHUNK));
    const response = await putChunk(client, uploadId, index, chunk);
    assert.equal(response.status, 200, await response.text());
  }
  const done = await client.request('POST', `/api/uploads/${uploadId}/complete`, {});
  assert.equal(done.status, 200, JSON.stringify(done.body));
  return done.body;
}

// Every required material but the sealed scan (which must follow finalizing).
export async function uploadMaterials(client, application) {
  for (const material of application.materials.filter((m) => m.required && m.material_id !== 'application_form')) {
    await uploadFile(client, application.id, material.material_id, `${material.material_id}.pdf`, tinyPdf(material.material_id));
  }
}

// Saves `form`, finalizes, uploads the sealed scan and the materials; answers the application
// ready to submit.
export async function prepareForSubmission(client, application, form) {
  const saved = await save(client, application, form);
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.deepEqual(saved.body.problems, [], 'the form is complete');
  const finalized = await client.request('POST', `/api/applications/${application.id}/finalize`, {
    version: saved.body.version,
  });
  assert.equal(finalized.status, 200, JSON.stringify(finalized.body));
  await uploadFile(client, application.id, 'application_form', '申报书盖章扫描件.pdf', tinyPdf('sealed'));
  await uploadMaterials(client, finalized.body);
  const ready = await client.request('GET', `/api/applications/${application.id}`);
  assert.equal(ready.body.next_step, 'submit', JSON.stringify(ready.body.missing_materials));
  return ready.body;
}

export async function submit(client, application) {
  return client.request('POST', `/api/applications/${application.id}/submit`, { version: application.version });
}

export { Client, creditCode };
