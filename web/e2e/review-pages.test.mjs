// The organizer's review pages the journey does not pass through (issue 7), against the real server
// with the demo data: the expert pool's CSV import (checked first, a row-by-row error table, then
// imported), the schedule with an extension and its reason, the other pages in both languages,
// and the administrator's expert account form — with no console error anywhere.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { artifactsDir, baseUrl, openBrowserPage } from './support/browser.mjs';
import { creditCode } from '../../tests/api/accounts_support.mjs';

async function logIn(page, username, password, landing) {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${baseUrl}/${landing}`);
}

async function logOut(page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL(`${baseUrl}/`);
}

async function menu(page, name) {
  await page
    .getByRole('navigation', { name: '功能菜单' })
    .getByRole('menuitem', { name, exact: true })
    .click();
  await page.getByRole('heading', { name, exact: true }).first().waitFor();
}

/** Picks `option` in the Element Plus select labelled `label` inside `scope`. */
async function choose(page, scope, label, option) {
  const item = page.getByRole('option', { name: option, exact: true });
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
  // The option itself takes the click: a dropdown that is still moving into place (it may flip
  // inside the dialog) cannot send it to a neighbour.
  await item.dispatchEvent('click');
}

/** A Beijing wall-clock time `days` from now, as the picker takes it. */
function beijingInDays(days) {
  const d = new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 10)} 18:00:00`;
}

describe(`the organizer's review pages at ${baseUrl}`, () => {
  let browser;
  let page;
  let watcher;
  const suffix = Date.now().toString(36);

  before(async () => {
    ({ browser, page, watcher } = await openBrowserPage());
  });

  afterEach(async (t) => {
    if (t.passed === false && page) {
      await page
        .screenshot({
          path: join(await artifactsDir(), 'review-pages-failure.png'),
          fullPage: true,
        })
        .catch(() => {});
    }
  });

  after(async () => {
    await browser?.close();
  });

  test('the expert pool imports a CSV only once every row is right', async () => {
    await logIn(page, 'demo-organizer', 'demo-organizer-2022', 'organizer');
    await menu(page, '专家库');
    await page.getByTestId('experts-table').locator('tbody tr').first().waitFor();

    const header = '姓名,职称,工作单位,单位信用代码,所在县区,专业领域,回避企业,最大评审量,手机';
    const good = `导入专家甲${suffix},教授,五邑大学,${creditCode('440700')},蓬江区,1；2,,8,13800138000`;
    const bad = `导入专家乙${suffix},教授,某大学,91440700BADCODE00,蓬江区,1,,999,`;
    await page.getByTestId('expert-import').click();
    const dialog = page.getByRole('dialog', { name: '导入 CSV' });
    await dialog.getByPlaceholder('或在此粘贴 CSV 内容').fill([header, good, bad].join('\n'));
    const checked = page.waitForResponse((r) => /\/api\/experts\/import$/.test(r.url()));
    await dialog.getByRole('button', { name: '检查' }).click();
    assert.equal((await checked).status(), 200);
    const errors = dialog.getByTestId('import-errors');
    await errors.getByText('单位信用代码').waitFor();
    await errors.getByText('最大评审量').waitFor();
    assert.equal(await errors.locator('tbody tr').count(), 1, 'one line for the one bad row');
    assert.ok(await dialog.getByRole('button', { name: '导入', exact: true }).isDisabled());

    await dialog.getByPlaceholder('或在此粘贴 CSV 内容').fill([header, good].join('\n'));
    await dialog.getByRole('button', { name: '检查' }).click();
    await dialog.getByText('检查无误').waitFor();
    const imported = page.waitForResponse((r) => /\/api\/experts\/import$/.test(r.url()));
    await dialog.getByRole('button', { name: '导入', exact: true }).click();
    assert.equal((await imported).status(), 200);
    await page.getByText('已导入 1 位专家').waitFor();
    await page.getByPlaceholder('姓名或工作单位').fill(`导入专家甲${suffix}`);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('experts-table').getByText(`导入专家甲${suffix}`).waitFor();
    assert.deepEqual(watcher.errors, []);
  });

  test('the schedule sets a due time and records an extension with its reason', async () => {
    await menu(page, '时间安排');
    const card = page.getByTestId('stage-review');
    await card.getByRole('button').waitFor();
    const setOrExtend = async (due, reason) => {
      await card.getByRole('button').click();
      const dialog = page.getByRole('dialog', { name: '专家评审' });
      const input = dialog.getByLabel('截止时间（北京时间）');
      await input.click();
      await input.fill(due);
      await input.press('Enter');
      const reasonBox = dialog.getByRole('textbox', { name: '延期理由' });
      if (reason && (await reasonBox.count()) > 0) await reasonBox.fill(reason);
      const saved = page.waitForResponse((r) => /\/schedule\/review$/.test(r.url()));
      await dialog.getByRole('button', { name: '确定' }).click();
      assert.equal((await saved).status(), 200);
      await card.getByText(`截止时间：${due}`).waitFor();
    };
    await setOrExtend(beijingInDays(30), `首次设置${suffix}`);
    const reason = `专家评审会改期${suffix}`;
    await setOrExtend(beijingInDays(37), reason);
    await card.getByText(reason).waitFor();
    assert.deepEqual(watcher.errors, []);
  });

  test('the other review pages open, in Chinese and in English', async () => {
    for (const name of ['形式审查', '形式审查复核', '评审分配', '评分表', '评审汇总', '项目库']) {
      await menu(page, name);
    }
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Project library' }).waitFor();
    await page
      .getByRole('navigation')
      .getByRole('menuitem', { name: 'Expert pool', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Expert pool' }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '专家库' }).waitFor();
    await logOut(page);
    assert.deepEqual(watcher.errors, []);
  });

  test('the administrator links a new expert account to a pool record', async () => {
    await logIn(page, 'demo-admin', 'demo-admin-2022', 'admin');
    await menu(page, '用户管理');
    await page.getByRole('button', { name: '新增用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新增用户' });
    // The pool record's select appears once the role is 评审专家 (a pick that lands while the
    // dropdown closes is tried again).
    const record = dialog.getByRole('combobox', { name: '专家库记录' });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await choose(page, dialog, '角色', '评审专家');
      if (
        await record.waitFor({ timeout: 3000 }).then(
          () => true,
          () => false,
        )
      )
        break;
    }
    await record.click({ force: true });
    await record.fill(`导入专家甲${suffix}`);
    // Pool records without an account are offered (the import above left one).
    await page.getByRole('option', { name: new RegExp(`导入专家甲${suffix}`) }).click();
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await logOut(page);
    assert.deepEqual(watcher.errors, []);
  });
});
