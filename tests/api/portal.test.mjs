// 门户: the organizer writes pages (the notice, guides, FAQ, announcements, templates); anybody reads
// the published ones without signing in and downloads their template files.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

import { Client, createUser, signedIn, strongPassword, unique } from './accounts_support.mjs';
import { tinyPdf } from './application_support.mjs';
import { runCli, serverEnvironment, startServer } from './support.mjs';

// A ZIP archive with its entries stored (no compression): enough for the sniffing of office files.
export function storedZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const tinyDocx = () =>
  storedZip({
    '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
    'word/document.xml': '<?xml version="1.0"?><w:document/>',
  });

const tinyXlsx = () =>
  storedZip({ '[Content_Types].xml': '<?xml version="1.0"?><Types/>', 'xl/workbook.xml': '<workbook/>' });

let server;
let dataDir;
let organizer;
let anonymous;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'iifund-portal-'));
  server = await startServer({ env: { IIFUND_DATA_DIR: dataDir } });
  const admin = await signedIn(server.baseUrl, 'demo-admin', 'demo-admin-2022');
  const username = unique('portal-org');
  const password = strongPassword();
  await createUser(admin, { username, password, role: 'organizer' });
  organizer = await signedIn(server.baseUrl, username, password);
  anonymous = new Client(server.baseUrl);
});

after(async () => {
  await server?.stop();
});

async function createPage(fields = {}) {
  const reply = await organizer.request('POST', '/api/portal/pages', {
    kind: 'announcement',
    slug: unique('notice').toLowerCase(),
    title_zh: '关于延长申报时间的公告',
    title_en: 'Deadline extended',
    body_zh: '申报时间延长至12月15日。',
    body_en: 'Applications are open until 15 December.',
    ...fields,
  });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  return reply.body;
}

const fieldsOf = (body) => Object.fromEntries(body.fields.map((f) => [f.field, f.rule]));

test('an unpublished page is the organizer\'s alone; publishing shows it to anybody, unpublishing hides it again', async () => {
  const page = await createPage();
  assert.equal(page.published, false);
  assert.equal(page.version, 1);
  const listed = await organizer.request('GET', '/api/portal/pages');
  assert.ok(listed.body.pages.some((p) => p.id === page.id));

  assert.equal((await anonymous.request('GET', `/api/public/pages/${page.slug}`)).status, 404);
  let open = await anonymous.request('GET', '/api/public/pages?kind=announcement');
  assert.ok(!open.body.pages.some((p) => p.slug === page.slug));

  const published = await organizer.request('PUT', `/api/portal/pages/${page.id}`, { published: true, version: page.version });
  assert.equal(published.status, 200, JSON.stringify(published.body));
  assert.equal(published.body.published, true);
  assert.equal(published.body.version, 2);
  assert.equal(published.body.title_zh, page.title_zh, 'absent fields keep their value');

  const shown = await anonymous.request('GET', `/api/public/pages/${page.slug}`);
  assert.equal(shown.status, 200);
  assert.equal(shown.body.title_zh, '关于延长申报时间的公告');
  assert.equal(shown.body.body_en, 'Applications are open until 15 December.');
  assert.equal(shown.body.has_file, false);
  open = await anonymous.request('GET', '/api/public/pages?kind=announcement');
  const entry = open.body.pages.find((p) => p.slug === page.slug);
  assert.deepEqual(Object.keys(entry).sort(), ['file_name', 'has_file', 'kind', 'slug', 'title_en', 'title_zh', 'updated_at']);

  const hidden = await organizer.request('PUT', `/api/portal/pages/${page.id}`, { published: false, version: 2 });
  assert.equal(hidden.status, 200);
  assert.equal((await anonymous.request('GET', `/api/public/pages/${page.slug}`)).status, 404);
});

test('edits name the fields they refuse, a taken address and a stale version are conflicts', async () => {
  const missing = await organizer.request('POST', '/api/portal/pages', { kind: 'poster', slug: 'Not A Slug', title_en: 'x' });
  assert.equal(missing.status, 422);
  assert.equal(missing.body.code, 'validation_failed');
  assert.deepEqual(fieldsOf(missing.body), { kind: 'kind_unknown', slug: 'slug_format', title_zh: 'required' });
  assert.ok(missing.body.fields.every((f) => f.message), 'each field error carries a message');

  const slug = unique('long').toLowerCase();
  const wrongType = await organizer.request('POST', '/api/portal/pages', { kind: 'faq', slug, title_zh: '问答', sort_order: 'first' });
  assert.equal(wrongType.status, 422);
  assert.deepEqual(fieldsOf(wrongType.body), { sort_order: 'wrong_type' });
  const tooLong = await organizer.request('POST', '/api/portal/pages', { kind: 'faq', slug, title_zh: '长'.repeat(201) });
  assert.equal(tooLong.status, 422);
  assert.deepEqual(fieldsOf(tooLong.body), { title_zh: 'too_long' });

  const page = await createPage();
  const again = await organizer.request('POST', '/api/portal/pages', { kind: 'faq', slug: page.slug, title_zh: '重复' });
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'slug_taken');
  assert.equal(again.body.fields[0].field, 'slug');

  const saved = await organizer.request('PUT', `/api/portal/pages/${page.id}`, { title_zh: '第一次修改', version: 1 });
  assert.equal(saved.status, 200);
  const stale = await organizer.request('PUT', `/api/portal/pages/${page.id}`, { title_zh: '迟到的修改', version: 1 });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.code, 'stale_version');
  assert.equal(stale.body.facts.current_version, 2);
  const noVersion = await organizer.request('PUT', `/api/portal/pages/${page.id}`, { title_zh: '没有版本' });
  assert.equal(noVersion.status, 422);
  assert.deepEqual(fieldsOf(noVersion.body), { version: 'required' });
  const empty = await organizer.request('PUT', `/api/portal/pages/${page.id}`, { title_zh: '  ', version: 2 });
  assert.deepEqual(fieldsOf(empty.body), { title_zh: 'required' });

  const english = new Client(server.baseUrl, { headers: { 'Accept-Language': 'en' } });
  const unknownKind = await english.request('GET', '/api/public/pages?kind=poster');
  assert.equal(unknownKind.status, 422);
  assert.equal(unknownKind.body.fields[0].field, 'kind');
  assert.match(unknownKind.body.fields[0].message, /poster/);
});

test('a template file is sniffed, downloaded by anybody as an attachment, and replaced with a new version', async () => {
  const page = await createPage({ kind: 'template', title_zh: '申报书模板', published: true });
  const docx = tinyDocx();
  const attached = await organizer.request('PUT', `/api/portal/pages/${page.id}/file`, {
    file_name: '申报书模板.docx',
    content_base64: docx.toString('base64'),
    version: page.version,
  });
  assert.equal(attached.status, 200, JSON.stringify(attached.body));
  assert.equal(attached.body.has_file, true);
  assert.equal(attached.body.file_type, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  assert.equal(attached.body.file_size, docx.length);
  assert.equal(attached.body.version, 2);

  const listed = await anonymous.request('GET', '/api/public/pages?kind=template');
  assert.equal(listed.body.pages.find((p) => p.slug === page.slug).has_file, true);

  const download = await fetch(`${server.baseUrl}/api/public/pages/${page.slug}/file`);
  assert.equal(download.status, 200);
  assert.equal(download.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const disposition = download.headers.get('content-disposition');
  assert.match(disposition, /^attachment; filename="_____\.docx"; filename\*=UTF-8''/);
  assert.ok(disposition.includes(encodeURIComponent('申报书模板.docx')));
  assert.deepEqual(Buffer.from(await download.arrayBuffer()), docx);

  const xlsx = await organizer.request('PUT', `/api/portal/pages/${page.id}/file`, {
    file_name: '投资明细表.xlsx',
    content_base64: tinyXlsx().toString('base64'),
    version: 2,
  });
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.body.file_name, '投资明细表.xlsx');
  const pdf = await organizer.request('PUT', `/api/portal/pages/${page.id}/file`, {
    file_name: 'guide.pdf',
    content_base64: tinyPdf('template').toString('base64'),
    version: 3,
  });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.body.file_type, 'application/pdf');

  const stale = await organizer.request('PUT', `/api/portal/pages/${page.id}/file`, {
    file_name: 'guide.pdf',
    content_base64: tinyPdf('late').toString('base64'),
    version: 3,
  });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.code, 'stale_version');
});

test('a template must be what its name says, and one of the office or document kinds', async () => {
  const page = await createPage({ kind: 'template' });
  const send = (file_name, bytes) =>
    organizer.request('PUT', `/api/portal/pages/${page.id}/file`, { file_name, content_base64: bytes.toString('base64'), version: 1 });
  const renamed = await send('模板.pdf', tinyDocx());
  assert.equal(renamed.status, 422);
  assert.equal(renamed.body.code, 'template_type_refused');
  assert.equal(renamed.body.facts.claimed, 'pdf');
  assert.equal(renamed.body.facts.found, 'docx');
  const plainZip = await send('bundle.zip', storedZip({ 'readme.txt': 'hello' }));
  assert.equal(plainZip.status, 422);
  assert.equal(plainZip.body.facts.found, 'zip');
  const script = await send('run.docx', Buffer.from('#!/bin/sh\necho hi\n'));
  assert.equal(script.status, 422);
  assert.equal(script.body.fields[0].field, 'file');
  const notBase64 = await organizer.request('PUT', `/api/portal/pages/${page.id}/file`, { file_name: 'a.pdf', content_base64: '%%%', version: 1 });
  assert.deepEqual(fieldsOf(notBase64.body), { content_base64: 'base64_invalid' });
  const tooLarge = await send('big.pdf', Buffer.concat([tinyPdf('big'), Buffer.alloc(1024 * 1024)]));
  assert.equal(tooLarge.status, 413);
  assert.equal(tooLarge.body.code, 'file_too_large');
  const untouched = await organizer.request('GET', '/api/portal/pages');
  assert.equal(untouched.body.pages.find((p) => p.id === page.id).version, 1, 'a refused file changes nothing');
  assert.equal((await anonymous.request('GET', `/api/public/pages/${page.slug}/file`)).status, 404);
});

test('a deleted page is gone for everybody; other roles may not write pages', async () => {
  const page = await createPage({ published: true });
  const enterprise = await signedIn(server.baseUrl, 'demo-enterprise', 'demo-enterprise-2022');
  const refused = await enterprise.request('DELETE', `/api/portal/pages/${page.id}`);
  assert.equal(refused.status, 403);
  assert.equal((await anonymous.request('GET', '/api/portal/pages')).status, 401);

  const removed = await organizer.request('DELETE', `/api/portal/pages/${page.id}`);
  assert.equal(removed.status, 204);
  assert.equal((await anonymous.request('GET', `/api/public/pages/${page.slug}`)).status, 404);
  assert.equal((await organizer.request('DELETE', `/api/portal/pages/${page.id}`)).status, 404);

  const bureau = await signedIn(server.baseUrl, 'demo-bureau', 'demo-bureau-2022');
  const audit = await bureau.request('GET', `/api/audit?action=portal.delete&page_size=5`);
  assert.ok(audit.body.records.some((r) => r.object === `portal_page:${page.id}`));
});

test('iifund demo publishes the notice, one guide per category and an FAQ, and leaves the organizer\'s edits alone', async () => {
  const listed = await anonymous.request('GET', '/api/public/pages');
  const slugs = listed.body.pages.map((p) => p.slug);
  for (const slug of [
    'jiangmen-2022-batch2-notice',
    'jiangmen-2022-batch2-guide-benchmark',
    'jiangmen-2022-batch2-guide-sme_cloud',
    'jiangmen-2022-batch2-guide-cluster_pilot',
    'jiangmen-2022-batch2-guide-talent_training',
    'jiangmen-2022-batch2-faq',
  ]) {
    assert.ok(slugs.includes(slug), `${slug} is published`);
  }
  const notice = await anonymous.request('GET', '/api/public/pages/jiangmen-2022-batch2-notice');
  assert.equal(notice.body.kind, 'notice');
  assert.equal(notice.body.title_zh, '江门市工业和信息化局关于开展 2022 年第二批江门市工业互联网专项资金项目申报的通知');
  assert.match(notice.body.body_zh, /\n\n一、申报时间\n\n即日起至 2022年 11月 30日\n\n二、组织原则\n\n/, 'the PDF lines are reflowed into paragraphs');
  assert.match(notice.body.body_en, /Chinese text prevails/);
  const guide = await anonymous.request('GET', '/api/public/pages/jiangmen-2022-batch2-guide-talent_training');
  assert.match(guide.body.body_zh, /补贴金额不超过100万元。须组织10场以上培训活动，培养工业互联网应用人才500人以上。/);
  assert.match(guide.body.body_zh, /即日起至2022年11月30日/);
  const benchmark = await anonymous.request('GET', '/api/public/pages/jiangmen-2022-batch2-guide-benchmark');
  assert.match(benchmark.body.body_zh, /补贴不超过项目可计入投入的50%（以相关发票金额为准，按价税合计计），单个项目不超过100万元。/);
  assert.match(benchmark.body.body_en, /at most 50 % of the project's eligible investment/);
  const faq = await anonymous.request('GET', '/api/public/pages/jiangmen-2022-batch2-faq');
  assert.match(faq.body.body_zh, /问：申报截止时间是什么时候？/);

  const pages = await organizer.request('GET', '/api/portal/pages');
  const seeded = pages.body.pages.find((p) => p.slug === 'jiangmen-2022-batch2-faq');
  const edited = await organizer.request('PUT', `/api/portal/pages/${seeded.id}`, { title_zh: '常见问题（修订）', version: seeded.version });
  assert.equal(edited.status, 200);
  const again = runCli(['demo'], serverEnvironment({ IIFUND_DATA_DIR: dataDir }));
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /portal \(门户\): 0 pages added/);
  assert.equal((await anonymous.request('GET', '/api/public/pages/jiangmen-2022-batch2-faq')).body.title_zh, '常见问题（修订）');
});
