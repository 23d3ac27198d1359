// Browser journeys for accounts and roles (issue 5): every demo role logs in, sees its own menu
// and not another role's, and logs out to the public page; a wrong password shows the generic
// message; pages of another role answer the 404 page; a signed-out visitor is sent to the login
// and back; a reload keeps the session — with no unexpected console error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { baseUrl, openBrowserPage } from './support/browser.mjs';

// The demo accounts printed by `iifund demo`.
const demo = {
  enterprise: { username: 'demo-enterprise', password: 'demo-enterprise-2022' },
  county: { username: 'demo-county', password: 'demo-county-2022' },
  organizer: { username: 'demo-organizer', password: 'demo-organizer-2022' },
  expert: { username: 'demo-expert', password: 'demo-expert-2022' },
  bureau: { username: 'demo-bureau', password: 'demo-bureau-2022' },
  admin: { username: 'demo-admin', password: 'demo-admin-2022' },
};

// Each role's menu (the demo enterprise user is its enterprise's administrator) and an item
// of another role that must not show.
const menus = {
  enterprise: { items: ['我的申报', '企业信息', '账号管理'], absent: ['用户管理', '企业核验'] },
  county: { items: ['待推荐', '企业核验'], absent: ['形式审查', '我的申报'] },
  organizer: {
    items: ['形式审查', '专家库', '评审分配', '排序优选'],
    absent: ['我的评审', '审批'],
  },
  expert: { items: ['我的评审'], absent: ['评审分配', '审批'] },
  bureau: { items: ['审批', '审计日志'], absent: ['用户管理', '批次配置'] },
  admin: { items: ['用户管理', '批次配置', '审计日志'], absent: ['我的申报', '审批'] },
};

/** Fills the login form and waits for the answer to POST /api/session. */
async function submitLogin(page, { username, password }) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  const answer = page.waitForResponse(
    (r) => r.url() === `${baseUrl}/api/session` && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: '登录' }).click();
  return answer;
}

async function logIn(page, role) {
  // Start signed out whatever an earlier test left behind.
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  const response = await submitLogin(page, demo[role]);
  assert.equal(response.status(), 200, `login as ${role}`);
  await page.waitForURL(`${baseUrl}/${role}`);
}

async function logOut(page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL(`${baseUrl}/`);
  await page.locator('header').getByRole('link', { name: '登录' }).waitFor();
}

// A fresh, valid unified social credit code (GB 32100 with its GB 11714 organization code) in
// 蓬江区, so the registration journey can run again against the same database.
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

function roleMenu(page) {
  return page.getByRole('navigation', { name: '功能菜单' });
}

describe(`accounts and roles at ${baseUrl}`, () => {
  let browser;
  let page;
  let watcher;
  let registeredName;

  before(async () => {
    ({ browser, page, watcher } = await openBrowserPage());
  });

  after(async () => {
    await browser?.close();
  });

  test('a first visit while signed out asks nothing that fails', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByRole('status').getByText('系统运行正常').waitFor();
    await page.locator('header').getByRole('link', { name: '企业注册' }).waitFor();
    assert.deepEqual(watcher.errors, []);
  });

  for (const role of Object.keys(menus)) {
    test(`${role}: logs in, sees only its menu, logs out`, async () => {
      await logIn(page, role);
      const menu = roleMenu(page);
      await menu.waitFor();
      for (const item of menus[role].items) {
        await menu.getByRole('menuitem', { name: item, exact: true }).waitFor();
      }
      for (const item of menus[role].absent) {
        assert.equal(
          await menu.getByRole('menuitem', { name: item, exact: true }).count(),
          0,
          `${role} must not see ${item}`,
        );
      }
      // Each menu item opens its page (a lazily loaded route).
      const first = menus[role].items.at(-1);
      await menu.getByRole('menuitem', { name: first, exact: true }).click();
      await page.getByRole('heading', { name: first }).waitFor();
      await logOut(page);
      assert.equal(await roleMenu(page).count(), 0);
      assert.deepEqual(watcher.errors, []);
    });
  }

  test('a reload keeps the session; another role’s page answers 404', async () => {
    await logIn(page, 'expert');
    await page.reload();
    await roleMenu(page).getByRole('menuitem', { name: '我的评审' }).waitFor();
    await page.goto(`${baseUrl}/admin/users`);
    await page.getByRole('heading', { name: '页面不存在' }).waitFor();
    assert.equal(page.url(), `${baseUrl}/admin/users`);
    await logOut(page);
    await page.reload();
    await page.locator('header').getByRole('link', { name: '登录' }).waitFor();
    assert.deepEqual(watcher.errors, []);
  });

  test('a signed-out visitor goes to the login page and back to the page asked for', async () => {
    await page.goto(`${baseUrl}/admin/audit`);
    await page.waitForURL(
      (url) => url.pathname === '/login' && url.searchParams.get('redirect') === '/admin/audit',
    );
    const response = await submitLogin(page, demo.admin);
    assert.equal(response.status(), 200);
    await page.waitForURL(`${baseUrl}/admin/audit`);
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    // The audit viewer shows times in Beijing time, e.g. 2026-11-27 18:30:05.
    const firstTime = page
      .getByTestId('audit-table')
      .locator('tbody tr')
      .first()
      .locator('td')
      .first();
    await firstTime.waitFor();
    assert.match((await firstTime.innerText()).trim(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await roleMenu(page).getByRole('menuitem', { name: '用户管理' }).click();
    await page.getByTestId('users-table').getByText('demo-expert', { exact: true }).waitFor();
    await logOut(page);
    assert.deepEqual(watcher.errors, []);
  });

  test('an enterprise registers itself; the credit code is checked first in the page', async () => {
    await page.goto(`${baseUrl}/register`);
    await page.getByRole('heading', { name: '企业注册' }).waitFor();
    const code = page.getByLabel('统一社会信用代码');
    await code.fill('91440703MA4UJ0XX');
    await page.getByRole('button', { name: '提交注册' }).click();
    await page.getByText('统一社会信用代码应为 18 位').waitFor();
    await code.fill('91440703MA4UJ0XXOX');
    await code.blur();
    await page.getByText('统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）').waitFor();

    const suffix = Date.now().toString(36);
    const creditCode = freshCreditCode();
    registeredName = `江门市浏览器测试有限公司${suffix}`;
    await code.fill(creditCode);
    await page.getByLabel('企业名称').fill(registeredName);
    // Element Plus lays the placeholder over the select's input: click through it.
    await page.getByRole('combobox', { name: '所在县区' }).click({ force: true });
    await page.getByRole('option', { name: '蓬江区' }).click();
    await page.getByLabel('联系人').fill('测试联系人');
    await page.getByLabel('联系电话').fill('0750-3222222');
    await page.getByLabel('管理员用户名').fill(`e2e-${suffix}`);
    await page.getByLabel('密码', { exact: true }).fill('kq7-Wt2-jmf-x94-Pz8');
    await page.getByLabel('确认密码').fill('kq7-Wt2-jmf-x94-Pz8');
    const answer = page.waitForResponse(
      (r) => r.url() === `${baseUrl}/api/enterprises` && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: '提交注册' }).click();
    assert.equal((await answer).status(), 201);
    await page.getByTestId('register-done').getByText('注册成功').waitFor();
    assert.deepEqual(watcher.errors, []);
  });

  test('the county officer verifies the newly registered enterprise', async () => {
    assert.ok(registeredName, 'the registration test ran first');
    await logIn(page, 'county');
    await roleMenu(page).getByRole('menuitem', { name: '企业核验' }).click();
    await page.getByRole('heading', { name: '企业核验' }).waitFor();
    const row = page.getByTestId('enterprises-table').locator('tr', { hasText: registeredName });
    await row.getByRole('button', { name: '核验通过' }).click();
    const dialog = page.getByRole('dialog', { name: '核验企业' });
    await dialog.getByLabel('核验意见').fill('已查验营业执照和管理员授权书原件。');
    const answer = page.waitForResponse((r) => /\/api\/enterprises\/\d+\/verify$/.test(r.url()));
    await dialog.getByRole('button', { name: '核验通过' }).click();
    assert.equal((await answer).status(), 200);
    await page.getByText('企业已核验通过').waitFor();
    // The list shows the enterprises still awaiting a check.
    await page
      .getByTestId('enterprises-table')
      .locator('tr', { hasText: registeredName })
      .waitFor({ state: 'detached' });
    await logOut(page);
    assert.deepEqual(watcher.errors, []);
  });

  test('a wrong password shows the generic message', async () => {
    // Chromium logs the expected 401 of this one request as a console error.
    watcher.allow(
      ({ text, url }) =>
        url === `${baseUrl}/api/session` &&
        /^Failed to load resource: the server responded with a status of 401 \(/.test(text),
    );
    await page.goto(`${baseUrl}/login`);
    const response = await submitLogin(page, {
      username: demo.bureau.username,
      password: 'not-the-password',
    });
    assert.equal(response.status(), 401);
    const problem = await response.json();
    assert.equal(problem.code, 'login_failed');
    await page.getByTestId('login-problem').getByText('用户名或密码不正确。').waitFor();
    assert.equal(page.url(), `${baseUrl}/login`);
    assert.equal(await roleMenu(page).count(), 0);
    assert.deepEqual(watcher.errors, []);
  });
});
