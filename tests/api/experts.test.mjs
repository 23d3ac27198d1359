// 专家库 over HTTP: the organizer's pool (add, change, filter, every field rule), the CSV import as
// Excel writes it (BOM, GB18030, tabs, Chinese or English headers; row-by-row errors; all or
// nothing; dry run), expert accounts linked to their record (API and CLI), and an expert's own
// record and declared conflicts.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { creditCode, signedIn, strongPassword, unique } from './accounts_support.mjs';
import { expertAccount, poolExpert } from './expert_support.mjs';
import { runCli, serverEnvironment, startServer } from './support.mjs';

let server;
let dataDir;
let organizer;
let admin;
before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'iifund-experts-'));
  server = await startServer({ env: { IIFUND_DATA_DIR: dataDir } });
  organizer = await signedIn(server.baseUrl, 'demo-organizer', 'demo-organizer-2022');
  admin = await signedIn(server.baseUrl, 'demo-admin', 'demo-admin-2022');
});
after(async () => {
  await server?.stop();
});

const rulesOf = (body) => Object.fromEntries(body.fields.map((f) => [f.field, f.rule]));

describe('the pool', () => {
  test('the organizer adds an expert and finds it by name, field and activity', async () => {
    const name = `林工 ${unique('n')}`;
    const employerCode = creditCode('440705');
    const added = await poolExpert(organizer, {
      name,
      county_code: '新会区',
      employer_credit_code: employerCode.toLowerCase(),
      fields: '1；智能家电',
      declared: [creditCode('440703')],
      phone: '13900001111',
      max_load: 7,
    });
    assert.equal(added.county_code, '440705', 'a county named in words becomes its division code');
    assert.equal(added.employer_credit_code, employerCode, 'the credit code is kept upper-case');
    assert.deepEqual(added.fields, ['1', '智能家电']);
    assert.equal(added.max_load, 7);
    assert.equal(added.active, true);
    assert.equal(added.user_id, null);
    const found = await organizer.request('GET', `/api/experts?q=${encodeURIComponent(name)}`);
    assert.deepEqual(found.body.experts.map((x) => x.id), [added.id]);
    const byField = await organizer.request('GET', `/api/experts?field=${encodeURIComponent('智能家电')}`);
    assert.ok(byField.body.experts.some((x) => x.id === added.id));
    assert.ok(byField.body.experts.every((x) => x.fields.includes('智能家电')));
    const asAdmin = await admin.request('GET', '/api/experts?active=1');
    assert.ok(asAdmin.body.experts.some((x) => x.id === added.id), 'the administrator keeps the pool too');
  });

  test('every bad field is named at once, and nothing is added', async () => {
    const name = `坏 ${unique('n')}`;
    const reply = await organizer.request('POST', '/api/experts', {
      name: '',
      employer_credit_code: '91440703095877920K',
      county_code: '440106',
      fields: [],
      max_load: 201,
      phone: '12345',
      declared: ['not-a-code'],
    });
    assert.equal(reply.status, 422);
    assert.equal(reply.body.code, 'validation_failed');
    const second = reply;
    assert.deepEqual(rulesOf(second.body), {
      name: 'required',
      employer_credit_code: 'uscc_check_character',
      county_code: 'county_unknown',
      fields: 'required',
      'declared[0]': 'uscc_length',
      phone: 'phone_mainland',
      max_load: 'max_load_range',
    });
    assert.ok(second.body.fields.every((f) => f.message && !/[a-z]+_[a-z]+/.test(f.message)), 'messages in words');
    const found = await organizer.request('GET', `/api/experts?q=${encodeURIComponent(name)}`);
    assert.equal(found.body.experts.length, 0);
  });

  test('a change names the version it started from', async () => {
    const expert = await poolExpert(organizer);
    const changed = await organizer.request('PUT', `/api/experts/${expert.id}`, {
      ...expert,
      title: '教授',
      active: false,
      version: expert.version,
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.title, '教授');
    assert.equal(changed.body.active, false);
    assert.equal(changed.body.version, expert.version + 1);
    const inactive = await organizer.request('GET', '/api/experts?active=0');
    assert.ok(inactive.body.experts.some((x) => x.id === expert.id));
    const stale = await organizer.request('PUT', `/api/experts/${expert.id}`, { ...expert, version: expert.version });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'stale_version');
    const unknown = await organizer.request('PUT', '/api/experts/99999999', { ...expert, version: 1 });
    assert.equal(unknown.status, 404);
  });

  test('other roles may not see or change the pool', async () => {
    for (const [username, password] of [
      ['demo-county', 'demo-county-2022'],
      ['demo-expert', 'demo-expert-2022'],
      ['demo-bureau', 'demo-bureau-2022'],
    ]) {
      const client = await signedIn(server.baseUrl, username, password);
      assert.equal((await client.request('GET', '/api/experts')).status, 403, username);
      assert.equal((await client.request('POST', '/api/experts', { name: 'x', fields: ['1'] })).status, 403, username);
    }
  });

  test('the demo data set has a labelled pool with demo-expert linked to its record', async () => {
    const demo = await organizer.request('GET', `/api/experts?q=${encodeURIComponent('【演示】')}`);
    assert.ok(demo.body.experts.length >= 25, `${demo.body.experts.length} demo experts`);
    for (const category of ['1', '2', '3', '4']) {
      assert.ok(demo.body.experts.filter((x) => x.fields.includes(category)).length >= 5, `category ${category}`);
    }
    assert.ok(new Set(demo.body.experts.map((x) => x.county_code)).size >= 5, 'several counties');
    assert.ok(demo.body.experts.some((x) => x.declared.length > 0), 'some declared conflicts');
    const linked = demo.body.experts.find((x) => x.username === 'demo-expert');
    assert.ok(linked, 'demo-expert has a pool record');
    const expert = await signedIn(server.baseUrl, 'demo-expert', 'demo-expert-2022');
    const me = await expert.request('GET', '/api/experts/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.id, linked.id);
    assert.match(me.body.name, /【演示】/);
  });
});

describe('CSV import', () => {
  const header = '姓名,职称,工作单位,单位信用代码,所在县区,专业领域,回避企业,最大评审量,手机';

  test('a dry run reports and adds nothing; the import adds every row', async () => {
    const a = `导入甲 ${unique('c')}`;
    const b = `导入乙 ${unique('c')}`;
    const csv = `\uFEFF${header}\r\n${a},教授,五邑大学,${creditCode('440703')},蓬江区,1；2,,8,\r\n\r\n"${b}",高工,"某研究院, 广州",,,3|4,${creditCode('440704')},,\r\n`;
    const dry = await organizer.request('POST', '/api/experts/import', { csv, dry_run: true });
    assert.equal(dry.status, 200, JSON.stringify(dry.body));
    assert.deepEqual({ ...dry.body, errors: dry.body.errors.length }, { rows: 2, valid: 2, imported: 0, dry_run: true, errors: 0 });
    assert.equal((await organizer.request('GET', `/api/experts?q=${encodeURIComponent(a)}`)).body.experts.length, 0);
    const done = await organizer.request('POST', '/api/experts/import', { csv });
    assert.equal(done.body.imported, 2);
    const found = await organizer.request('GET', `/api/experts?q=${encodeURIComponent(b)}`);
    assert.equal(found.body.experts[0].employer_name, '某研究院, 广州');
    assert.deepEqual(found.body.experts[0].fields, ['3', '4']);
    assert.equal(found.body.experts[0].max_load, 10, 'the default load');
    const again = await organizer.request('POST', '/api/experts/import', { csv: `${header}\n${a},,,,,1,,,13800001111\n${a},,,,,1,,,13800001111\n` });
    assert.deepEqual(
      again.body.errors.map((e) => [e.row, e.field, e.rule]),
      [[3, 'name', 'expert_exists']],
      'the same person twice in one file',
    );
  });

  test('one bad row stops the whole import, and each error names its row and column', async () => {
    const good = `好 ${unique('c')}`;
    const csv = [
      header,
      `${good},,,,,1,,,`,
      `坏甲,,,91440703095877920K,,1,,,`,
      `坏乙,,,,花都区,1,,,`,
      `,,,,,1,,,`,
      `坏丙,,,,,,,300,`,
      `"坏丁,,,,,1,,,`,
    ].join('\n');
    const reply = await organizer.request('POST', '/api/experts/import', { csv }, { headers: { 'Accept-Language': 'en' } });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.imported, 0);
    assert.deepEqual(
      reply.body.errors.map((e) => [e.row, e.field, e.rule]),
      [
        [3, 'employer_credit_code', 'uscc_check_character'],
        [4, 'county_code', 'county_unknown'],
        [5, 'name', 'required'],
        [6, 'fields', 'required'],
        [6, 'max_load', 'max_load_range'],
        [7, '', 'csv_quote_unterminated'],
      ],
    );
    assert.ok(reply.body.errors.every((e) => e.message.length > 5));
    assert.match(reply.body.errors.find((e) => e.row === 4).message, /花都区/);
    assert.equal((await organizer.request('GET', `/api/experts?q=${encodeURIComponent(good)}`)).body.experts.length, 0);
  });

  test('Excel on Chinese Windows: GB18030 bytes, tab separated, English headers too', async () => {
    const name = `国标 ${unique('g')}`;
    const gb = Buffer.from(
      // 姓名,所在县区,专业领域 / <name>,江海区,1 in GB18030 (the name's ASCII part is the same)
      [0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xcb, 0xf9, 0xd4, 0xda, 0xcf, 0xd8, 0xc7, 0xf8, 0x2c, 0xd7, 0xa8, 0xd2, 0xb5, 0xc1, 0xec, 0xd3, 0xf2, 0x0d, 0x0a],
    );
    const row = Buffer.concat([
      Buffer.from(name.replace('国标', 'GB'), 'latin1'),
      Buffer.from([0x2c, 0xbd, 0xad, 0xba, 0xa3, 0xc7, 0xf8, 0x2c, 0x31, 0x0d, 0x0a]),
    ]);
    const reply = await organizer.request('POST', '/api/experts/import', {
      csv_base64: Buffer.concat([gb, row]).toString('base64'),
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.imported, 1, JSON.stringify(reply.body.errors));
    const found = await organizer.request('GET', `/api/experts?q=${encodeURIComponent(name.replace('国标', 'GB'))}`);
    assert.equal(found.body.experts[0].county_code, '440704');
    const tabbed = `Name\tFields\tcounty_code\tMax_Load\n英文 ${unique('t')}\t2\t440785\t3\n`;
    const english = await organizer.request('POST', '/api/experts/import', { csv: tabbed });
    assert.equal(english.body.imported, 1, JSON.stringify(english.body));
    const unknownHeader = await organizer.request('POST', '/api/experts/import', { csv: 'name,age\nx,3\n' });
    assert.deepEqual(unknownHeader.body.errors.map((e) => [e.row, e.rule]), [[1, 'csv_header_unknown']]);
    const garbage = await organizer.request('POST', '/api/experts/import', {
      csv_base64: Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x81, 0x20]).toString('base64'),
    });
    assert.equal(garbage.status, 422);
    assert.equal(garbage.body.code, 'csv_encoding_unknown');
  });
});

describe('expert accounts and their records', () => {
  test('an administrator links a new expert account to its record, once', async () => {
    const expert = await poolExpert(organizer);
    const client = await expertAccount(server.baseUrl, expert);
    const pool = await organizer.request('GET', `/api/experts?q=${encodeURIComponent(expert.name)}`);
    assert.equal(pool.body.experts[0].username, client.username);
    const me = await client.request('GET', '/api/experts/me');
    assert.equal(me.body.id, expert.id);
    const twice = await admin.request('POST', '/api/users', {
      username: unique('expert'),
      display_name: 'x',
      role: 'expert',
      password: strongPassword(),
      expert_id: expert.id,
    });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, 'expert_already_linked');
    const wrongRole = await admin.request('POST', '/api/users', {
      username: unique('bureau'),
      display_name: 'x',
      role: 'bureau',
      expert_id: expert.id,
    });
    assert.equal(wrongRole.status, 422);
    assert.deepEqual(rulesOf(wrongRole.body), { expert_id: 'expert_role_only' });
    const unknown = await admin.request('POST', '/api/users', {
      username: unique('expert'),
      display_name: 'x',
      role: 'expert',
      expert_id: 99999999,
    });
    assert.equal(unknown.status, 422);
    assert.deepEqual(rulesOf(unknown.body), { expert_id: 'expert_unknown' });
  });

  test('iifund user add --role expert --expert <id> links from the command line', async () => {
    const expert = await poolExpert(organizer);
    const username = unique('cli-expert');
    const env = serverEnvironment({ IIFUND_DATA_DIR: dataDir });
    const made = runCli(
      ['user', 'add', '--username', username, '--display-name', '命令行专家', '--role', 'expert', '--expert', String(expert.id)],
      env,
    );
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, new RegExp(`linked to expert pool record ${expert.id}`));
    const pool = await organizer.request('GET', `/api/experts?q=${encodeURIComponent(expert.name)}`);
    assert.equal(pool.body.experts[0].username, username);
    const again = runCli(
      ['user', 'add', '--username', unique('cli-expert'), '--display-name', 'x', '--role', 'expert', '--expert', String(expert.id)],
      env,
    );
    assert.equal(again.status, 1);
    assert.match(again.stderr, /expert_already_linked/);
  });

  test('an expert declares a conflict on its own record; an unlinked expert has none', async () => {
    const expert = await poolExpert(organizer);
    const client = await expertAccount(server.baseUrl, expert);
    const code = creditCode('440781');
    const noReason = await client.request('POST', '/api/experts/me/conflicts', { credit_code: code, reason: '' });
    assert.equal(noReason.status, 422);
    const badCode = await client.request('POST', '/api/experts/me/conflicts', { credit_code: '123', reason: '亲属任职' });
    assert.deepEqual(rulesOf(badCode.body), { credit_code: 'uscc_length' });
    const declared = await client.request('POST', '/api/experts/me/conflicts', { credit_code: code, reason: '亲属任职' });
    assert.equal(declared.status, 200, JSON.stringify(declared.body));
    assert.deepEqual(declared.body.declared, [code]);
    const audit = await admin.request('GET', '/api/audit?action=expert.declare_conflict&page_size=5');
    assert.ok(audit.body.records.some((r) => r.object === `expert:${expert.id}`));
    const admin2 = await signedIn(server.baseUrl, 'demo-admin', 'demo-admin-2022');
    const username = unique('lonely');
    const password = strongPassword();
    await admin2.request('POST', '/api/users', { username, display_name: 'x', role: 'expert', password });
    const lonely = await signedIn(server.baseUrl, username, password);
    const none = await lonely.request('GET', '/api/experts/me');
    assert.equal(none.status, 404);
    assert.equal(none.body.code, 'expert_not_linked');
    assert.equal((await lonely.request('POST', '/api/experts/me/conflicts', { credit_code: code, reason: 'x' })).status, 404);
  });
});
