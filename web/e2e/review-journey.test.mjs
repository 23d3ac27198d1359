// The review pipeline's journey (issue 7), against the real server with the demo data: one
// category-1 application goes from submission through the county's recommendation, the formal
// check, the expert assignment, five experts' scores and into the project library — every review
// step clicked in the UI by the role that does it, with no console error anywhere.
//
// Set up through the API to save time (tests/api helpers): the enterprise registers, is verified
// and submits; five experts are added to the pool with linked accounts (POST /api/experts, POST
// /api/users with expert_id); and the other applications of category 1 that the demo data brings
// to the review (the library step needs the whole category scored) get their sheets entered by
// the organizer as an offline meeting's (PUT /api/reviews/:id/scores with offline_note).
//
// Screenshots: review-county.png, review-formal-check.png, review-assignment.png,
// review-expert.png, review-library.png, review-enterprise.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { artifactsDir, baseUrl, openBrowserPage } from './support/browser.mjs';
import {
  createUser,
  creditCode,
  signedIn,
  strongPassword,
  unique,
} from '../../tests/api/accounts_support.mjs';
import {
  benchmarkForm,
  createApplication,
  enterpriseClient,
  prepareForSubmission,
  submit,
} from '../../tests/api/application_support.mjs';

const county = { username: 'demo-county', password: 'demo-county-2022' };
const organizer = { username: 'demo-organizer', password: 'demo-organizer-2022' };

// Each expert scores every criterion at this share of its maximum; the fifth first gives the
// first criterion half its maximum (so a comment is required) and then explains it.
const SHARES = [0.9, 0.8, 0.85, 0.75, 0.95];

async function logIn(page, { username, password }, landing) {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
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

async function menu(page, name) {
  await page
    .getByRole('navigation', { name: '功能菜单' })
    .getByRole('menuitem', { name, exact: true })
    .click();
}

/** Answers the confirmation box (ElMessageBox) with 确定. */
async function confirmBox(page) {
  await page.getByRole('dialog', { name: '请确认' }).getByRole('button', { name: '确定' }).click();
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
  // Let the dropdown finish opening: a click during its transition can land on a neighbour.
  await page.waitForTimeout(350);
  await item.click();
}

async function shot(page, name) {
  await page.screenshot({ path: join(await artifactsDir(), name), fullPage: true });
}

/** Σ weight × score ÷ max, the way the server totals a sheet. */
function sheetTotal(criteria, scores) {
  return criteria.reduce((sum, c) => sum + (c.weight * scores[c.id]) / c.max_score, 0);
}

function trimmedMean(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const kept = sorted.length >= 5 ? sorted.slice(1, -1) : sorted;
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}

describe(`one application through the review pipeline at ${baseUrl}`, () => {
  let browser;
  let page;
  let watcher;
  let enterprise;
  let application;
  const experts = [];
  const totals = [];
  const suffix = Date.now().toString(36);

  before(async () => {
    ({ browser, page, watcher } = await openBrowserPage());

    // The enterprise submits a category-1 application (an industry platform: the journey's experts
    // are the ones whose field matches it best).
    enterprise = await enterpriseClient(baseUrl);
    const draft = await createApplication(enterprise, 1);
    const form = {
      ...benchmarkForm(draft, enterprise.enterprise.credit_code),
      project_name: `评审旅程工业互联网平台${suffix}`,
      direction: 'industry_platform',
    };
    const ready = await prepareForSubmission(enterprise, draft, form);
    const submitted = await submit(enterprise, ready);
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    application = submitted.body;

    // Five experts from outside the city, each with an account linked to its pool record.
    const admin = await signedIn(baseUrl, 'demo-admin', 'demo-admin-2022');
    for (let i = 0; i < 5; i += 1) {
      const added = await admin.request('POST', '/api/experts', {
        name: `旅程专家${i + 1}-${suffix}`,
        title: '高级工程师',
        employer_name: `广州旅程研究院${i + 1}-${suffix}`,
        employer_credit_code: creditCode('440100'),
        county_code: null,
        fields: ['1', 'industry_platform'],
        declared: [],
        max_load: 20,
        active: true,
        phone: null,
      });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      const username = unique(`journey-expert${i + 1}`);
      const password = strongPassword();
      await createUser(admin, {
        username,
        display_name: added.body.name,
        role: 'expert',
        expert_id: added.body.id,
        password,
      });
      const client = await signedIn(baseUrl, username, password);
      experts.push({
        id: added.body.id,
        name: added.body.name,
        employer: added.body.employer_name,
        username,
        password: client.password,
      });
    }
  });

  afterEach(async (t) => {
    if (t.passed === false && page) {
      await page
        .screenshot({ path: join(await artifactsDir(), 'review-failure.png'), fullPage: true })
        .catch(() => {});
    }
  });

  after(async () => {
    await browser?.close();
  });

  test('the county officer finds the application in the queue and recommends it', async () => {
    await logIn(page, county, 'county');
    await menu(page, '待推荐');
    await page.getByTestId('county-q').fill(application.number);
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.getByTestId('county-queue').locator('tr', { hasText: application.number });
    await row.getByText('已提交').waitFor();
    await page.getByTestId('county-summary').getByText('已提交').waitFor();
    await shot(page, 'review-county.png');
    await row.getByRole('button', { name: '查看' }).click();
    await page.waitForURL(`${baseUrl}/county/applications/${application.id}`);
    await page.getByText(form(application)).first().waitFor();
    await page.getByTestId('detail-materials-zip').waitFor();

    const recommended = page.waitForResponse((r) => /\/recommend$/.test(r.url()));
    await page.getByTestId('county-recommend').click();
    await confirmBox(page);
    assert.equal((await recommended).status(), 200);
    await page.getByTestId('state-tag').getByText('县区已推荐').waitFor();
    await page.getByTestId('history-table').getByText('县区推荐').first().waitFor();

    // Back in the queue, the county's counts include it as recommended.
    await menu(page, '待推荐');
    await page.getByTestId('county-summary').getByText('县区已推荐').waitFor();
    await logOut(page);
    assert.deepEqual(watcher.errors, []);
  });

  test('the organizer ticks the checklist and passes the formal check', async () => {
    await logIn(page, organizer, 'organizer');
    await menu(page, '形式审查');
    const row = page.getByTestId('formal-queue').locator('tr', { hasText: application.number });
    await row.getByRole('button', { name: '审查' }).click();
    await page.waitForURL(`${baseUrl}/organizer/formal-check/${application.id}`);
    const card = page.getByTestId('formal-check-card');
    await card.getByTestId('formal-checklist').locator('tbody tr').first().waitFor();
    // Automatic items are shown as met; the manual ones are ticked by hand.
    assert.equal(await card.getByText('不符合').count(), 0, 'every automatic item is met');
    const manual = card.locator('[data-testid^="check-"]');
    const count = await manual.count();
    assert.ok(count > 0, 'the checklist has items to confirm by hand');
    for (let i = 0; i < count; i += 1) await manual.nth(i).click();
    await card.getByTestId('failing-items').waitFor({ state: 'detached' });

    const passed = page.waitForResponse(
      (r) => /\/formal-check$/.test(r.url()) && r.request().method() === 'POST',
    );
    await page.getByTestId('formal-pass').click();
    await confirmBox(page);
    assert.equal((await passed).status(), 200);
    await page.getByTestId('state-tag').getByText('形式审查通过').waitFor();
    await page.getByTestId('formal-rounds').getByText('通过').waitFor();
    await shot(page, 'review-formal-check.png');
    assert.deepEqual(watcher.errors, []);
  });

  test('the organizer runs the assignment for category 1, puts the five experts on it and confirms', async () => {
    await menu(page, '评审分配');
    await choose(page, page, '申报类别', '工业互联网标杆示范项目');
    const ran = page.waitForResponse((r) => /\/assignment-runs$/.test(r.url()));
    await page.getByTestId('run-assignment').click();
    assert.equal((await ran).status(), 201);
    await page.getByTestId('run-state').getByText('预览').waitFor();
    await page.getByTestId('run-statistics').waitFor();

    // Every slot of this application goes to one of the journey's experts (swapping where the
    // assignment chose another), so that they can score it below.
    const row = page.getByTestId('run-applications').locator('tr', { hasText: application.number });
    const mine = experts.map((e) => e.name);
    for (let round = 0; round < 5; round += 1) {
      const names = await row.getByTestId('slot').allTextContents();
      assert.equal(names.length, 5, `five experts for ${application.number}: ${names.join(', ')}`);
      const stranger = names.find((n) => !mine.includes(n.trim()));
      if (stranger === undefined) break;
      const free = mine.find((n) => !names.map((x) => x.trim()).includes(n));
      await row.getByTestId('slot').filter({ hasText: stranger.trim() }).click();
      const dialog = page.getByRole('dialog', { name: '更换专家' });
      const replacement = experts.find((e) => e.name === free);
      await choose(page, dialog, '选择专家', `${replacement.name} · ${replacement.employer}`);
      const adjusted = page.waitForResponse((r) => /\/slots$/.test(r.url()));
      await dialog.getByRole('button', { name: '确定' }).click();
      assert.equal((await adjusted).status(), 200);
      await row.getByTestId('slot').filter({ hasText: free }).waitFor();
    }
    const finalNames = (await row.getByTestId('slot').allTextContents()).map((n) => n.trim());
    assert.deepEqual([...finalNames].sort(), [...mine].sort());

    const confirmed = page.waitForResponse((r) => /\/confirm$/.test(r.url()));
    await page.getByTestId('confirm-assignment').click();
    await confirmBox(page);
    assert.equal((await confirmed).status(), 200);
    await page.getByTestId('run-state').getByText('已确认').waitFor();
    await shot(page, 'review-assignment.png');
    await logOut(page);
    assert.deepEqual(watcher.errors, []);
  });

  test('five experts each accept the pledge, score and submit', async () => {
    for (const [i, expert] of experts.entries()) {
      await logIn(page, expert, 'expert');
      await menu(page, '我的评审');
      // Nothing is listed before the pledge is accepted.
      await page.getByTestId('pledge').waitFor();
      assert.equal(await page.getByTestId('my-reviews').count(), 0);
      await page.getByTestId('pledge-agree').click();
      const pledged = page.waitForResponse(
        (r) => /\/api\/pledges\/\d+$/.test(r.url()) && r.request().method() === 'POST',
      );
      await page.getByTestId('pledge-accept').click();
      assert.equal((await pledged).status(), 200);

      const row = page.getByTestId('my-reviews').locator('tr', { hasText: application.number });
      await row.getByText('未评分').waitFor();
      await row.getByRole('button', { name: '评分' }).click();
      await page.waitForURL(/\/expert\/reviews\/\d+$/);
      const reviewId = Number(page.url().split('/').pop());
      await page.getByTestId('review-summary').getByText(application.number).waitFor();
      await page.getByTestId('materials-zip').waitFor();

      // The criteria as the server sends them (range and weight), to enter and total the scores.
      const sheet = await (async () => {
        const client = await signedIn(baseUrl, expert.username, expert.password);
        const reply = await client.request('GET', `/api/reviews/${reviewId}`);
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        return reply.body;
      })();
      const scores = {};
      for (const [k, c] of sheet.criteria.entries()) {
        const share = i === 4 && k === 0 ? 0.5 : SHARES[i];
        scores[c.id] = Math.round(share * c.max_score);
        const input = page.getByTestId(`score-${c.id}`).locator('input');
        await input.fill(String(scores[c.id]));
        await input.blur();
      }
      await page.getByTestId('overall-comment').fill(`专家${i + 1}：项目基础扎实，方案可行。`);
      if (i === 4) {
        // Half the maximum needs a comment: the form says so before anything is sent.
        await page.getByTestId('submit-sheet').click();
        await page.getByTestId(`comment-error-${sheet.criteria[0].id}`).waitFor();
        await page
          .getByTestId(`comment-${sheet.criteria[0].id}`)
          .fill('实施基础一般，设备联网率偏低。');
      }
      const total = sheetTotal(sheet.criteria, scores);
      totals.push(total);
      await page.getByTestId('sheet-total').getByText(total.toFixed(2)).waitFor();

      const submitted = page.waitForResponse((r) => /\/api\/reviews\/\d+\/submit$/.test(r.url()));
      await page.getByTestId('submit-sheet').click();
      await confirmBox(page);
      assert.equal((await submitted).status(), 200);
      await page.getByTestId('sheet-state').getByText('已提交').waitFor();
      if (i === 0) await shot(page, 'review-expert.png');
      await logOut(page);
    }
    assert.deepEqual(watcher.errors, []);
  });

  test('the organizer sees the trimmed mean, moves category 1 to the library and finds the application there', async () => {
    assert.equal(totals.length, 5, 'five sheets were submitted');
    const organizerApi = await signedIn(baseUrl, organizer.username, organizer.password);

    // The other category-1 applications under review (the demo data's) are scored as an offline
    // meeting's sheets, entered by the organizer.
    const reviews = await organizerApi.request(
      'GET',
      `/api/reviews?batch_id=${application.batch_id}`,
    );
    assert.equal(reviews.status, 200, JSON.stringify(reviews.body));
    for (const row of reviews.body.reviews) {
      if (row.application_id === application.id || row.state === 'submitted' || row.category !== 1)
        continue;
      const sheet = (await organizerApi.request('GET', `/api/reviews/${row.id}`)).body;
      const scores = Object.fromEntries(
        sheet.criteria.map((c) => [c.id, Math.round(c.max_score * 0.8)]),
      );
      const saved = await organizerApi.request('PUT', `/api/reviews/${row.id}/scores`, {
        version: sheet.version,
        scores,
        comments: {},
        overall_comment: '线下评审会意见',
        offline_note: '【旅程测试】线下评审会评分，代为录入',
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      const done = await organizerApi.request('POST', `/api/reviews/${row.id}/submit`, {
        version: saved.body.version ?? sheet.version + 1,
      });
      assert.equal(done.status, 200, JSON.stringify(done.body));
    }

    await logIn(page, organizer, 'organizer');
    await menu(page, '评审汇总');
    const expected = trimmedMean(totals).toFixed(2);
    const row = page.getByTestId('results-table').locator('tr', { hasText: application.number });
    await row.getByText('5 / 5').waitFor();
    await row.getByTestId('trimmed-mean').getByText(expected).waitFor();
    await row.getByText('专家评审中').waitFor();

    const card = page.getByTestId('category-1');
    await card.getByText('已全部评完').waitFor();
    const moved = page.waitForResponse(
      (r) => /\/library$/.test(r.url()) && r.request().method() === 'POST',
    );
    await card.getByTestId('move-to-library').click();
    await confirmBox(page);
    assert.equal((await moved).status(), 200);
    await row.getByText('已入库').waitFor();

    await menu(page, '项目库');
    const entry = page.getByTestId('library-table').locator('tr', { hasText: application.number });
    await entry.getByTestId('library-score').getByText(expected).waitFor();
    await entry.getByText(application.project_name ?? form(application)).waitFor();
    await shot(page, 'review-library.png');
    await logOut(page);
    assert.deepEqual(watcher.errors, []);
  });

  test('the enterprise sees its application in the library and the notices in its inbox', async () => {
    await logIn(
      page,
      { username: enterprise.username, password: enterprise.password },
      'enterprise',
    );
    await page.getByTestId('inbox-bell').waitFor();
    await page.goto(`${baseUrl}/enterprise/applications/${application.id}`);
    await page.getByTestId('state-tag').getByText('已入库').waitFor();
    const history = page.getByTestId('history-table');
    for (const action of ['县区推荐', '形式审查通过', '入库']) {
      await history.getByText(action).first().waitFor();
    }
    // Who reviewed it is never shown: no expert appears in the history.
    assert.equal(await history.getByText('评审专家').count(), 0);

    await page.getByTestId('inbox-bell').click();
    await page.waitForURL(`${baseUrl}/inbox`);
    const list = page.getByTestId('inbox-list');
    await list.getByText(`申报 ${application.number}`).first().waitFor();
    await list.getByText('已入库储备').waitFor();
    await list.getByText('已获县区推荐').waitFor();
    await page.getByTestId('inbox-unread').waitFor();
    await shot(page, 'review-enterprise.png');
    await page.getByTestId('read-all').click();
    await page.getByTestId('inbox-unread').waitFor({ state: 'detached' });
    await logOut(page);
    assert.deepEqual(watcher.errors, []);
  });
});

/** The project name of an application answer (list rows carry it beside the form). */
function form(application) {
  return application.project_name ?? application.form?.project_name ?? '';
}
