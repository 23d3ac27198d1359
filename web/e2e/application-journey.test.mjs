// The enterprise's whole journey through one application (issue 6), against the real server
// with the demo data: an enterprise registers, the demo county officer verifies it, it creates a
// category-1 application, fills every step (two invoices: a VAT invoice and a 数电票), sees the
// computed subsidy and why, uploads its materials, finalizes, downloads the 申报书 PDF, uploads
// it back as the sealed scan, submits, and finds the application 已提交 with its history —
// with no console error anywhere. Screenshots: application-form.png, application-submitted.png.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { artifactsDir, baseUrl, openBrowserPage } from './support/browser.mjs';

const county = { username: 'demo-county', password: 'demo-county-2022' };
const password = 'jm-Hx7-pq2-Lw9-e2e';

// A fresh, valid unified social credit code in 蓬江区 (GB 32100 with its GB 11714 organization
// code), so the journey can run again against the same database.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function freshCreditCode() {
  const org = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];
  const orgSum = [...org].reduce((sum, ch, i) => sum + Number(ch) * orgWeights[i], 0);
  const orgCheck = { 10: 'X', 11: '0' }[11 - (orgSum % 11)] ?? String(11 - (orgSum % 11));
  const first17 = `91440703${org}${orgCheck}`;
  let sum = 0;
  let weight = 1;
  for (const ch of first17) {
    sum += ALPHABET.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

const digits = (n) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** A small but well-formed one-page PDF saying `text` (ASCII), with a correct xref table. */
function minimalPdf(text) {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

async function logIn(page, { username, password: secret }, landing) {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(secret);
  const answer = page.waitForResponse(
    (r) => r.url() === `${baseUrl}/api/session` && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: '登录' }).click();
  assert.equal((await answer).status(), 200, `login as ${username}`);
  await page.waitForURL(`${baseUrl}/${landing}`);
}

async function logOut(page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL(`${baseUrl}/`);
}

/** Picks `option` in the Element Plus select labelled `label` inside `scope`. */
async function choose(page, scope, label, option) {
  const item = page.getByRole('option', { name: option, exact: true });
  // Element Plus lays the placeholder over the select's input: click through it. A click that
  // lands while the page re-renders may not open the dropdown: try again.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await scope.getByRole('combobox', { name: label }).click({ force: true });
    if (
      await item.waitFor({ timeout: 3000 }).then(
        () => true,
        () => false,
      )
    )
      break;
  }
  await item.click();
}

/** Types a date into an Element Plus date picker and confirms it. */
async function pickDate(input, day) {
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

/** Waits until every save has landed (the status tag says 已保存). */
async function saved(page) {
  await page
    .getByTestId('save-status')
    .getByText(/^已保存/)
    .waitFor({ timeout: 15_000 });
}

describe(`an enterprise's application from registration to submission at ${baseUrl}`, () => {
  let browser;
  let page;
  let watcher;
  let files;
  const suffix = Date.now().toString(36);
  const enterprise = {
    name: `江门市申报旅程测试有限公司${suffix}`,
    username: `journey-${suffix}`,
    creditCode: freshCreditCode(),
  };
  let applicationUrl;

  before(async () => {
    ({ browser, page, watcher } = await openBrowserPage());
    // Leaving the form while a save is pending asks first; the journey always says yes.
    page.on('dialog', (dialog) => void dialog.accept());
    files = await mkdtemp(join(tmpdir(), 'iifund-journey-'));
  });

  afterEach(async (t) => {
    // A failed step leaves a picture of the page behind for whoever reads the report.
    if (t.passed === false && page) {
      await page
        .screenshot({ path: join(await artifactsDir(), 'application-failure.png'), fullPage: true })
        .catch(() => {});
    }
  });

  after(async () => {
    await browser?.close();
  });

  test('a new enterprise registers and the county officer verifies it', async () => {
    await page.goto(`${baseUrl}/register`);
    await page.getByLabel('统一社会信用代码').fill(enterprise.creditCode);
    await page.getByLabel('企业名称').fill(enterprise.name);
    await page.getByRole('combobox', { name: '所在县区' }).click({ force: true });
    await page.getByRole('option', { name: '蓬江区' }).click();
    await page.getByLabel('联系人').fill('黄经理');
    await page.getByLabel('联系电话').fill('0750-3222333');
    await page.getByLabel('管理员用户名').fill(enterprise.username);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByLabel('确认密码').fill(password);
    const registered = page.waitForResponse(
      (r) => r.url() === `${baseUrl}/api/enterprises` && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: '提交注册' }).click();
    assert.equal((await registered).status(), 201);
    await page.getByTestId('register-done').waitFor();

    // Before verification the dashboard warns that drafting is allowed, submitting is not.
    await logIn(page, { username: enterprise.username, password }, 'enterprise');
    await page.getByTestId('unverified-warning').getByText('不能提交').waitFor();
    await logOut(page);

    await logIn(page, county, 'county');
    await page
      .getByRole('navigation', { name: '功能菜单' })
      .getByRole('menuitem', { name: '企业核验' })
      .click();
    const row = page.getByTestId('enterprises-table').locator('tr', { hasText: enterprise.name });
    await row.getByRole('button', { name: '核验通过' }).click();
    const dialog = page.getByRole('dialog', { name: '核验企业' });
    await dialog.getByLabel('核验意见').fill('已查验营业执照原件。');
    const verified = page.waitForResponse((r) => /\/api\/enterprises\/\d+\/verify$/.test(r.url()));
    await dialog.getByRole('button', { name: '核验通过' }).click();
    assert.equal((await verified).status(), 200);
    await logOut(page);
    assert.deepEqual(watcher.errors, []);
  });

  test('the enterprise creates a category-1 application from its dashboard', async () => {
    await logIn(page, { username: enterprise.username, password }, 'enterprise');
    await page.getByTestId('verified-state').waitFor();
    const batch = page.locator('[data-testid^="batch-"]').first();
    await batch
      .getByTestId('countdown')
      .getByText(/剩余 \d+ 天/)
      .waitFor();
    await batch.locator('[data-testid$="-1"]', { hasText: '新建申报' }).click();
    const dialog = page.getByTestId('create-dialog');
    await dialog.getByText('工业互联网标杆示范项目').waitFor();
    const created = page.waitForResponse(
      (r) => r.url() === `${baseUrl}/api/applications` && r.request().method() === 'POST',
    );
    await page.getByTestId('create-confirm').click();
    assert.equal((await created).status(), 201);
    await page.waitForURL(/\/enterprise\/applications\/\d+\/edit$/);
    applicationUrl = page.url().replace(/\/edit$/, '');
    await page.getByRole('heading', { name: '填写申报' }).waitFor();
    assert.deepEqual(watcher.errors, []);
  });

  test('every step is filled; the subsidy is computed with its reason', async () => {
    assert.ok(applicationUrl, 'the application was created');
    // 1 项目基本信息, with 绩效目标.
    await page.getByLabel('项目名称').fill('注塑车间工业互联网改造');
    await choose(page, page, '申报方向', '方向一：工业企业工业互联网应用标杆');
    await page.getByLabel('建设内容与目标').fill('建设设备联网、MES 与质量追溯，提高生产效率。');
    await pickDate(page.getByLabel('开始日期'), '2022-01-01');
    await pickDate(page.getByLabel('完成日期'), '2023-06-30');
    await page.getByLabel('联系人').fill('黄经理');
    await page.getByLabel('联系电话').fill('13800138000');
    await page.getByLabel('申请金额').fill('800000');
    await page.getByRole('button', { name: '添加指标' }).click();
    const targets = page.getByTestId('targets-table');
    await targets.getByLabel('指标').fill('生产效率');
    await targets.getByLabel('基期值').fill('100');
    await targets.getByLabel('目标值').fill('130');
    await targets.getByLabel('单位').fill('件/小时');

    // 2 投资明细与发票: a VAT invoice and a 数电票.
    await page.getByTestId('step-investment').click();
    await page.getByTestId('add-line').click();
    await page.getByTestId('add-line').click();
    const vat = page.getByTestId('line-0');
    await choose(page, vat, '投资类型', '工业互联网');
    await vat.getByLabel('内容说明').fill('设备联网与 MES 系统');
    await vat.getByLabel('供应商').fill('江门市工业软件有限公司');
    await vat.getByLabel('发票代码').fill('4400221130');
    await vat.getByLabel('发票号码').fill(digits(8));
    await pickDate(vat.getByLabel('开票日期'), '2022-05-01');
    await vat.getByLabel('金额（不含税）').fill('1000000');
    await vat.getByLabel('税额').fill('130000');
    await vat.getByLabel('价税合计').fill('1130000');
    const digital = page.getByTestId('line-1');
    await choose(page, digital, '投资类型', '云服务');
    await digital.getByLabel('内容说明').fill('云主机与工业 PaaS 服务');
    await digital.getByLabel('供应商').fill('华为云计算技术有限公司');
    await digital.getByText('华为云产品或服务').click();
    await digital.getByText('数电票').click();
    await digital.getByLabel('发票号码').fill(`22442000000${digits(9)}`);
    await pickDate(digital.getByLabel('开票日期'), '2022-06-15');
    await digital.getByLabel('金额（不含税）').fill('500000');
    await digital.getByLabel('税额').fill('30000');
    await digital.getByLabel('价税合计').fill('530000');

    // 3 申报条件声明.
    await page.getByTestId('step-declarations').click();
    await page.getByRole('button', { name: '全部确认' }).click();
    await saved(page);

    // Invoices with tax 1,130,000 + 530,000 = 1,660,000 yuan; 50 % = 830,000 (under the cap).
    const summary = page.getByTestId('computed-summary');
    await summary.getByTestId('computed-eligible').getByText('1,660,000.00 元').waitFor();
    await summary.getByTestId('computed-max').getByText('830,000.00 元').waitFor();
    await summary.getByTestId('computed-reason').getByText('按投入的 50% 计算').waitFor();
    await page.getByTestId('step-investment').click();
    await page.screenshot({
      path: join(await artifactsDir(), 'application-form.png'),
      fullPage: true,
    });

    // Nothing is missing from the form any more.
    await page.getByTestId('step-finalize').click();
    await page.getByText('申报内容已填写完整').waitFor();
    assert.deepEqual(watcher.errors, []);
  });

  test('materials, 定稿, the PDF back as the sealed scan, and submission', async () => {
    assert.ok(applicationUrl, 'the application was created');
    await page.getByTestId('step-materials').click();
    const materials = page.locator('[data-testid^="material-"]');
    await materials.first().waitFor();
    const ids = (await materials.evaluateAll((els) => els.map((el) => el.dataset.testid))).map(
      (testid) => testid.replace(/^material-/, ''),
    );
    assert.ok(ids.includes('application_form'), `materials: ${ids.join(', ')}`);
    // The required materials (a declaration's evidence is optional) but the sealed scan.
    for (const id of ids.filter((m) => m !== 'application_form')) {
      const box = page.getByTestId(`material-${id}`);
      if ((await box.getByTestId('required-mark').count()) === 0) continue;
      const path = join(files, `${id}.pdf`);
      await writeFile(path, minimalPdf(`iifund e2e material ${id}`));
      await box.getByTestId('file-input').setInputFiles(path);
      await box.getByTestId('uploaded-file').first().waitFor({ timeout: 30_000 });
    }

    await page.getByTestId('step-finalize').click();
    const finalized = page.waitForResponse((r) => /\/finalize$/.test(r.url()));
    await page.getByTestId('finalize').click();
    assert.equal((await finalized).status(), 200);
    await page.getByTestId('finalized-state').waitFor();

    const download = page.waitForEvent('download');
    await page.getByTestId('document-link').click();
    const pdfPath = join(files, '申报书.pdf');
    await (await download).saveAs(pdfPath);
    const pdf = await readFile(pdfPath);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length > 1024, `the PDF has ${pdf.length} bytes`);

    // Printed, sealed and scanned: the scan goes back as the material application_form.
    await page.getByTestId('step-materials').click();
    const form = page.getByTestId('material-application_form');
    await form.getByTestId('file-input').setInputFiles(pdfPath);
    await form.getByTestId('uploaded-file').first().waitFor({ timeout: 30_000 });

    await page.getByTestId('step-finalize').click();
    await page.getByTestId('submit').click();
    const submitted = page.waitForResponse((r) => /\/submit$/.test(r.url()));
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    const answer = await submitted;
    assert.equal(answer.status(), 200, `submit: ${await answer.text()}`);
    await page.waitForURL(applicationUrl);
    await page.getByTestId('state-tag').getByText('已提交').waitFor();
    await page.getByTestId('detail-computed').getByText('830,000.00 元').waitFor();
    await page.getByTestId('detail-computed').getByText('按投入的 50% 计算').waitFor();
    const history = page.getByTestId('history-table');
    await history.getByText('提交').first().waitFor();
    await page.screenshot({
      path: join(await artifactsDir(), 'application-submitted.png'),
      fullPage: true,
    });
    assert.deepEqual(watcher.errors, []);
  });
});
