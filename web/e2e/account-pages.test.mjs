// Browser journeys through the account pages (issue 5): user management with the temporary
// password shown once and a confirmed disable, my sessions, the change-password form with the
// server's field message, and the audit log's CSV export — with no unexpected console error.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { artifactsDir, baseUrl, openBrowserPage } from './support/browser.mjs';

async function logIn(page, role) {
  // Start signed out whatever an earlier test left behind.
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(`demo-${role}`);
  await page.getByLabel('密码').fill(`demo-${role}-2022`);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${baseUrl}/${role}`);
}

async function openUserMenu(page, item) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function logOut(page) {
  await openUserMenu(page, '退出登录');
  await page.waitForURL(`${baseUrl}/`);
}

describe(`account pages at ${baseUrl}`, () => {
  let browser;
  let page;
  let watcher;

  before(async () => {
    ({ browser, page, watcher } = await openBrowserPage());
  });

  after(async () => {
    await browser?.close();
  });

  test('the administrator adds a user, sees the temporary password once, and disables it', async () => {
    await logIn(page, 'admin');
    await page
      .getByRole('navigation', { name: '功能菜单' })
      .getByRole('menuitem', { name: '用户管理' })
      .click();
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    await page.getByTestId('users-table').getByText('demo-bureau', { exact: true }).waitFor();
    await page.screenshot({ path: join(await artifactsDir(), 'admin-users.png'), fullPage: true });

    const username = `e2e-user-${Date.now().toString(36)}`;
    await page.getByRole('button', { name: '新增用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新增用户' });
    await dialog.getByLabel('用户名').fill(username);
    await dialog.getByLabel('姓名').fill('浏览器测试用户');
    await dialog.getByRole('combobox', { name: '角色' }).click({ force: true });
    await page.getByRole('option', { name: '组织单位' }).click();
    const created = page.waitForResponse(
      (r) => r.url() === `${baseUrl}/api/users` && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: '确定' }).click();
    assert.equal((await created).status(), 201);
    const secret = page.getByTestId('temporary-password');
    await secret.waitFor();
    assert.ok((await secret.innerText()).trim().length >= 8, 'a temporary password is shown');
    await page
      .getByRole('dialog', { name: '临时密码' })
      .getByRole('button', { name: '关闭', exact: true })
      .click();
    await secret.waitFor({ state: 'detached' });

    await page.getByTestId('users-keyword').fill(username);
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.getByTestId('users-table').locator('tr', { hasText: username });
    await row.getByRole('button', { name: '停用' }).click();
    await page.getByRole('dialog').getByText(`确定停用用户 ${username} 吗？`).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await row.getByText('已停用').waitFor();
    await row.getByRole('button', { name: '启用' }).waitFor();
    await logOut(page);
    assert.deepEqual(watcher.errors, []);
  });

  test('the enterprise sees its profile and its colleagues', async () => {
    await logIn(page, 'enterprise');
    const menu = page.getByRole('navigation', { name: '功能菜单' });
    await menu.getByRole('menuitem', { name: '企业信息' }).click();
    await page.getByRole('heading', { name: '企业信息' }).waitFor();
    const code = page.locator('.el-descriptions__cell', { hasText: '统一社会信用代码' });
    await code.first().waitFor();
    await page.getByText(/^(已核验|待县区核验)$/).waitFor();
    await menu.getByRole('menuitem', { name: '账号管理' }).click();
    await page.getByTestId('users-table').getByText('demo-enterprise', { exact: true }).waitFor();
    await logOut(page);
    assert.deepEqual(watcher.errors, []);
  });

  test('my sessions lists the current session', async () => {
    await logIn(page, 'organizer');
    await openUserMenu(page, '我的会话');
    await page.getByRole('heading', { name: '我的会话' }).waitFor();
    const current = page.getByTestId('sessions-table').locator('tr', { hasText: '当前会话' });
    await current.waitFor();
    assert.match(await current.innerText(), /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    assert.deepEqual(watcher.errors, []);
  });

  test('a session that ended on the server leads back to the login page', async () => {
    watcher.allow(
      ({ text, url }) =>
        url === `${baseUrl}/api/sessions` &&
        /^Failed to load resource: the server responded with a status of 401 \(/.test(text),
    );
    await logIn(page, 'expert');
    // As if the session had timed out: the server no longer knows the session cookie.
    await page.context().clearCookies({ name: 'iifund_session' });
    await openUserMenu(page, '我的会话');
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByText('登录已失效，请重新登录。').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('redirect'), '/account/sessions');
    assert.deepEqual(watcher.errors, []);
  });

  test('the change-password form checks the length and shows the server’s field message', async () => {
    watcher.allow(
      ({ text, url }) =>
        url === `${baseUrl}/api/password` &&
        /^Failed to load resource: the server responded with a status of 422 \(/.test(text),
    );
    await logIn(page, 'organizer');
    await openUserMenu(page, '修改密码');
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    await page.getByLabel('当前密码').fill('not-my-password-at-all');
    await page.getByLabel('新密码', { exact: true }).fill('too-short');
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.getByText('密码至少 12 个字符').waitFor();

    await page.getByLabel('新密码', { exact: true }).fill('a-long-enough-new-passphrase');
    await page.getByLabel('确认新密码').fill('a-long-enough-new-passphrase');
    const answer = page.waitForResponse((r) => r.url() === `${baseUrl}/api/password`);
    await page.getByRole('button', { name: '确认修改' }).click();
    const response = await answer;
    assert.equal(response.status(), 422);
    const problem = await response.json();
    const field = problem.fields.find((f) => f.field === 'current_password');
    assert.equal(field?.rule, 'password_wrong');
    assert.ok(field.message, 'the server words the field problem');
    await page.locator('.el-form-item', { hasText: '当前密码' }).getByText(field.message).waitFor();
    await logOut(page);
    assert.deepEqual(watcher.errors, []);
  });

  test('the bureau exports the audit log as CSV', async () => {
    await logIn(page, 'bureau');
    await page
      .getByRole('navigation', { name: '功能菜单' })
      .getByRole('menuitem', { name: '审计日志' })
      .click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await page.getByTestId('audit-table').locator('tbody tr').first().waitFor();
    await page.screenshot({ path: join(await artifactsDir(), 'bureau-audit.png'), fullPage: true });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 CSV' }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^iifund-audit-\d{12}\.csv$/);
    const text = await readFile(await file.path(), 'utf8');
    assert.ok(text.startsWith('\uFEFFid,时间（北京时间）,操作人'), text.slice(0, 80));
    assert.match(text, /session\.login|login/);
    await logOut(page);
    assert.deepEqual(watcher.errors, []);
  });
});
