// 统计与导出: the numbers behind the dashboards add up to the applications themselves, a county
// officer sees only its county, and an exported workbook — read back by this test's own ZIP and
// XML reader — has Chinese headers, a frozen filtered header, masked phones, and totals equal to
// the sum of its rows and to the API's figures.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client, createUser, registerEnterprise, signedIn, strongPassword, unique } from './accounts_support.mjs';
import { benchmarkForm, createApplication, demoBatch, prepareForSubmission, submit } from './application_support.mjs';
import { startServer } from './support.mjs';
import { download, fenOf, readXlsx } from './xlsx_reading.mjs';

let server;
let organizer;
let countyOfficer;
let batch;
const submitted = [];
let before_; // the demo data's own figures, before this file adds its applications
let beforeCounty;

async function submittedApplication(baseUrl, county, verifier, requestedShare) {
  const registered = await registerEnterprise(baseUrl, county);
  const verified = await verifier.request('POST', `/api/enterprises/${registered.enterprise.id}/verify`, { note: '已核对' });
  assert.equal(verified.status, 200, JSON.stringify(verified.body));
  const client = await signedIn(baseUrl, registered.username, registered.password);
  client.enterprise = registered.enterprise;
  const draft = await createApplication(client, 1);
  const form = benchmarkForm(draft, registered.enterprise.credit_code, [300_000_000, 100_000_000], requestedShare);
  const ready = await prepareForSubmission(client, draft, form);
  const reply = await submit(client, ready);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return { client, application: reply.body };
}

before(async () => {
  server = await startServer();
  const admin = await signedIn(server.baseUrl, 'demo-admin', 'demo-admin-2022');
  const staff = async (role, extra = {}) => {
    const username = unique(role);
    const password = strongPassword();
    await createUser(admin, { username, role, password, ...extra });
    return signedIn(server.baseUrl, username, password);
  };
  organizer = await staff('organizer');
  countyOfficer = await signedIn(server.baseUrl, 'demo-county', 'demo-county-2022');
  const jianghai = await staff('county', { county_code: '440704' });
  batch = await demoBatch(organizer);
  before_ = (await organizer.request('GET', `/api/reports/overview?batch_id=${batch.id}`)).body;
  beforeCounty = (await countyOfficer.request('GET', `/api/reports/overview?batch_id=${batch.id}`)).body;
  submitted.push(await submittedApplication(server.baseUrl, '440703', countyOfficer, 50_000_000));
  submitted.push(await submittedApplication(server.baseUrl, '440703', countyOfficer, 70_000_000));
  submitted.push(await submittedApplication(server.baseUrl, '440704', jianghai, 90_000_000));
});
after(async () => {
  await server?.stop();
});

const sum = (values) => values.reduce((a, b) => a + b, 0);
// What this file's applications added to a breakdown: key → applications.
function added(groups, baseline) {
  const was = Object.fromEntries(baseline.map((g) => [g.key, g.applications]));
  return Object.fromEntries(
    groups.filter((g) => g.applications !== (was[g.key] ?? 0)).map((g) => [g.key, g.applications - (was[g.key] ?? 0)]),
  );
}
// The data rows of an exported sheet: between the header (row 2) and the total row.
const dataRows = (sheet) => sheet.rows.slice(2).filter((row) => row && row[0] !== '合计');

test('the overview adds up to the submitted applications, by county, category and status', async () => {
  const reply = await organizer.request('GET', `/api/reports/overview?batch_id=${batch.id}`);
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  const { total, by_county: byCounty, by_category: byCategory, by_status: byStatus } = reply.body;
  assert.equal(total.applications - before_.total.applications, 3);
  assert.equal(total.requested_fen - before_.total.requested_fen, 210_000_000);
  assert.equal(sum(submitted.map((s) => s.application.form.requested_fen)), 210_000_000);
  assert.deepEqual(added(byCounty, before_.by_county), { 440703: 2, 440704: 1 });
  assert.equal(byCounty.find((g) => g.key === '440703').name_zh, '蓬江区');
  assert.deepEqual(added(byCategory, before_.by_category), { 1: 3 });
  assert.deepEqual(added(byStatus, before_.by_status), { submitted: 3 });
  assert.equal(byStatus.find((g) => g.key === 'submitted').name_zh, '已提交');
  for (const groups of [byCounty, byCategory, byStatus, reply.body.by_cluster]) {
    assert.equal(sum(groups.map((g) => g.requested_fen)), total.requested_fen, 'every breakdown sums to the total');
    assert.equal(sum(groups.map((g) => g.computed_fen)), total.computed_fen);
  }
  assert.deepEqual(reply.body.review_progress, before_.review_progress, 'submissions add no review work');
});

test('a county officer sees its own county only and no expert data; other roles are refused', async () => {
  const own = await countyOfficer.request('GET', `/api/reports/overview?batch_id=${batch.id}`);
  assert.equal(own.status, 200);
  assert.deepEqual(own.body.by_county.map((g) => g.key), ['440703']);
  assert.equal(own.body.total.applications - beforeCounty.total.applications, 2);
  assert.deepEqual(own.body.expert_load, []);
  const enterprise = submitted[0].client;
  assert.equal((await enterprise.request('GET', `/api/reports/overview?batch_id=${batch.id}`)).status, 403);
  assert.equal((await new Client(server.baseUrl).request('GET', `/api/reports/overview?batch_id=${batch.id}`)).status, 401);
  assert.equal((await download(enterprise, `/api/exports/applications.xlsx?batch_id=${batch.id}`)).status, 403);
  assert.equal((await download(countyOfficer, `/api/exports/library.xlsx?batch_id=${batch.id}`)).status, 403);
});

test('bad report requests name the parameter and the rule', async () => {
  const missing = await organizer.request('GET', '/api/reports/overview');
  assert.equal(missing.status, 422);
  assert.deepEqual(missing.body.fields.map((f) => [f.path ?? f.field, f.rule]), [['batch_id', 'required']]);
  const malformed = await organizer.request('GET', '/api/reports/overview?batch_id=abc');
  assert.equal(malformed.status, 422);
  assert.equal(malformed.body.fields[0].rule, 'query_number');
  const chart = await organizer.request('GET', `/api/reports/overview.csv?batch_id=${batch.id}&chart=by_weather`);
  assert.equal(chart.status, 422);
  assert.equal(chart.body.fields[0].rule, 'chart_unknown');
  assert.equal((await organizer.request('GET', `/api/reports/overview?batch_id=999999`)).status, 404);
  assert.equal((await download(organizer, `/api/exports/salaries.xlsx?batch_id=${batch.id}`)).status, 404);
  assert.equal((await download(organizer, `/api/exports/applications.docx?batch_id=${batch.id}`)).status, 404);
});

test('the applications workbook has Chinese headers, a frozen filtered header, masked phones and true totals', async () => {
  const file = await download(organizer, `/api/exports/applications.xlsx?batch_id=${batch.id}`);
  assert.equal(file.status, 200);
  assert.match(file.headers.get('content-type'), /spreadsheetml/);
  assert.match(file.headers.get('content-disposition'), /attachment; filename="batch-\d+-applications\.xlsx"/);
  const [sheet] = readXlsx(file.bytes).sheets;
  assert.equal(sheet.name, '申报项目清单');
  const header = sheet.rows[1];
  assert.equal(header[0], '申报编号');
  const requestedColumn = header.indexOf('申请金额（元）');
  const phoneColumn = header.indexOf('联系电话');
  assert.ok(requestedColumn > 0 && phoneColumn > 0, header.join(' | '));
  assert.equal(sheet.frozenRows, 2);
  assert.match(sheet.autoFilter, /^A2:L\d+$/);
  const data = dataRows(sheet);
  const overview = await organizer.request('GET', `/api/reports/overview?batch_id=${batch.id}`);
  assert.equal(data.length, overview.body.total.applications);
  const numbers = data.map((row) => row[0]);
  for (const { application } of submitted) assert.ok(numbers.includes(application.number), application.number);
  for (const row of data) assert.match(row[phoneColumn], /^(\d{3}\*{4}\d{4})?$/, 'phones are masked (PIPL)');
  const rowsFen = sum(data.map((row) => fenOf(row[requestedColumn] ?? 0)));
  assert.equal(rowsFen, overview.body.total.requested_fen);
  const totalRow = sheet.rows[2 + data.length];
  assert.equal(totalRow[0], '合计');
  const letter = String.fromCharCode(65 + requestedColumn);
  assert.equal(sheet.formulas[`${letter}${3 + data.length}`], `SUM(${letter}3:${letter}${2 + data.length})`);
  assert.equal(fenOf(totalRow[requestedColumn]), rowsFen, 'the total carries its cached value, not 0');
});

test('a county officer exports its own county; CSV opens as Chinese in Excel and follows the language', async () => {
  const file = await download(countyOfficer, `/api/exports/applications.xlsx?batch_id=${batch.id}`);
  assert.equal(file.status, 200);
  const [sheet] = readXlsx(file.bytes).sheets;
  const own = await countyOfficer.request('GET', `/api/reports/overview?batch_id=${batch.id}`);
  assert.equal(dataRows(sheet).length, own.body.total.applications);
  const all = await organizer.request('GET', `/api/reports/overview?batch_id=${batch.id}`);
  const csv = await download(organizer, `/api/exports/applications.csv?batch_id=${batch.id}`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const text = csv.bytes.toString('utf8');
  assert.ok(text.startsWith('\uFEFF申报编号,企业名称'), text.slice(0, 40));
  assert.equal(text.trim().split('\r\n').length, 1 + all.body.total.applications);
  const english = await fetch(`${server.baseUrl}/api/exports/applications.csv?batch_id=${batch.id}`, {
    headers: { Cookie: organizer.cookieHeader(), 'Accept-Language': 'en' },
  });
  const englishText = Buffer.from(await english.arrayBuffer()).toString('utf8');
  assert.ok(englishText.startsWith('\uFEFFNumber,Enterprise'), englishText.slice(0, 40));
  const chart = await download(organizer, `/api/reports/overview.csv?batch_id=${batch.id}&chart=by_county`);
  assert.equal(chart.status, 200);
  const lines = chart.bytes.toString('utf8').trimEnd().split('\r\n');
  assert.equal(lines[0], '\uFEFF分组,申报数,申请金额（元）,核定金额（元）,下达金额（元）');
  const pengjiang = all.body.by_county.find((g) => g.key === '440703');
  assert.ok(lines.some((l) => l.startsWith(`蓬江区,${pengjiang.applications},`)), lines.join('\n'));
});

test('every list prints as a PDF, the approved list among them', async () => {
  for (const kind of ['applications', 'approved']) {
    const file = await download(organizer, `/api/exports/${kind}.pdf?batch_id=${batch.id}`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.equal(file.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(file.headers.get('content-disposition'), new RegExp(`batch-\\d+-${kind}\\.pdf`));
  }
});
