// Browser journey through the web shell (issue 2): Chinese by default, English on request and
// remembered, the health indicator, login validation, the 404 page — with no console error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { artifactsDir, baseUrl, openBrowserPage } from './support/browser.mjs';

const zhTitle = '江门市工业互联网专项资金';
const enTitle = 'Jiangmen Industrial Internet Special Fund';

describe(`web shell at ${baseUrl}`, () => {
  let browser;
  let page;
  let watcher;

  before(async () => {
    ({ browser, page, watcher } = await openBrowserPage());
  });

  after(async () => {
    await browser?.close();
  });

  test('home page shows the fund in Chinese and the system is OK', async () => {
    const response = await page.goto(`${baseUrl}/`);
    assert.equal(response?.status(), 200);
    const header = page.locator('header');
    await header.getByText(zhTitle).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    await page.getByText('工业互联网标杆示范项目').first().waitFor();
    await page.getByText('申报截止时间：2022年11月30日').waitFor();
    await page.getByRole('status').getByText('系统运行正常').waitFor();
    await page.screenshot({ path: join(await artifactsDir(), 'home.png'), fullPage: true });
    assert.deepEqual(watcher.errors, []);
  });

  test('switching to English changes the page and survives a reload', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('header').getByText(enTitle).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByRole('status').getByText('System OK').waitFor();
    assert.equal(await page.locator('header').getByText(zhTitle).count(), 0);

    await page.reload();
    await page.locator('header').getByText(enTitle).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByText('Industrial internet benchmark demonstration projects').waitFor();

    await page.getByRole('button', { name: '中文' }).click();
    await page.locator('header').getByText(zhTitle).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    assert.deepEqual(watcher.errors, []);
  });

  test('login form asks for the missing password', async () => {
    await page.getByRole('link', { name: '登录' }).click();
    await page.waitForURL(`${baseUrl}/login`);
    // A name no demo account has, so these failed logins do not throttle a demo account.
    await page.getByLabel('用户名').fill('e2e-no-such-user');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('请输入密码').waitFor();
    assert.equal(await page.getByText('请输入用户名').count(), 0);
    assert.deepEqual(watcher.errors, []);
  });

  test('a rejected login shows the server problem, not an uncaught error', async () => {
    // An unknown user (like a wrong password) answers 401 login_failed; the page shows the
    // generic message in an alert.
    watcher.allow(
      ({ text, url }) =>
        url.endsWith('/api/session') &&
        /^Failed to load resource: the server responded with a status of [45]\d\d/.test(text),
    );
    await page.getByLabel('密码').fill('not-the-password');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/session'));
    await page.getByRole('button', { name: '登录' }).click();
    const response = await answer;
    assert.ok(response.status() >= 400, `expected an error status, got ${response.status()}`);
    assert.match(response.headers()['content-type'] ?? '', /^application\/problem\+json/);
    const problem = await response.json();
    assert.equal(typeof problem.code, 'string');
    const alert = page.getByTestId('login-problem');
    await alert.waitFor();
    assert.notEqual((await alert.innerText()).trim(), '');
    assert.equal(response.request().headers()['accept-language'], 'zh-CN');
    assert.deepEqual(watcher.errors, []);
  });

  test('an unknown route shows the 404 page', async () => {
    const response = await page.goto(`${baseUrl}/no-such-page/at-all`);
    assert.equal(response?.status(), 200, 'history-mode fallback serves index.html');
    await page.getByRole('heading', { name: '页面不存在' }).waitFor();
    await page.getByRole('link', { name: '返回首页' }).click();
    await page.waitForURL(`${baseUrl}/`);
    assert.deepEqual(watcher.errors, []);
  });
});
