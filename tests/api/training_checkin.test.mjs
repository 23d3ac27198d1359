// 培训签到: a talent-training project's events, their QR codes and the public check-in page — one
// check-in per phone number per event, only on the event's day while check-in is open — and the
// counts the acceptance shows against the ≥ 10 events / ≥ 500 people requirement.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client } from './accounts_support.mjs';
import { approvedApplications, beijingDate } from './acceptance_support.mjs';
import { DAY, freshBatch, startSelectionServer } from './selection_support.mjs';

let ctx;
let talent; // {enterprise, application}: category 4, approved
let rival; // another enterprise's approved category-4 project
let benchmark; // category 1, approved
let anonymous;

before(async () => {
  ctx = await startSelectionServer();
  const batch = await freshBatch(ctx);
  [talent, rival, benchmark] = await approvedApplications(ctx, batch, [
    { category: 4, score: 90 },
    { category: 4, score: 85, county: '440705' },
    { category: 1, score: 80 },
  ]);
  anonymous = new Client(ctx.baseUrl);
});

after(async () => {
  await ctx?.stop();
});

const eventsPath = (item) => `/api/applications/${item.application.id}/training-events`;
const fieldsOf = (body) => Object.fromEntries(body.fields.map((f) => [f.field, f.rule]));
let phoneCounter = 0;
const freshPhone = () => `139${String(10_000_000 + (phoneCounter++ % 89_999_999)).padStart(8, '0')}`;

async function addEvent(item, fields = {}) {
  const reply = await item.enterprise.request('POST', eventsPath(item), {
    title: '工业互联网专题培训',
    held_on: beijingDate(),
    location: '江门市蓬江区会议中心',
    ...fields,
  });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  return reply.body;
}

const checkIn = (token, fields = {}) =>
  anonymous.request('POST', `/api/public/checkin/${token}`, { name: '张学员', phone: freshPhone(), employer: '江门某制造企业', ...fields });

test('the enterprise adds events to its own approved talent-training project, each with a check-in link', async () => {
  const event = await addEvent(talent);
  assert.equal(event.open, true);
  assert.equal(event.attendance, 0);
  assert.match(event.token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(event.checkin_url, `${ctx.baseUrl}/checkin/${event.token}`);

  const invalid = await talent.enterprise.request('POST', eventsPath(talent), { title: ' ', held_on: '2023-02-30', location: '地'.repeat(201) });
  assert.equal(invalid.status, 422);
  assert.deepEqual(fieldsOf(invalid.body), { title: 'required', held_on: 'date_syntax', location: 'too_long' });
  const noDate = await talent.enterprise.request('POST', eventsPath(talent), { title: '培训' });
  assert.deepEqual(fieldsOf(noDate.body), { held_on: 'required' });

  const notTraining = await benchmark.enterprise.request('POST', eventsPath(benchmark), { title: '培训', held_on: beijingDate() });
  assert.equal(notTraining.status, 409);
  assert.equal(notTraining.body.code, 'training_not_applicable');
  assert.equal((await rival.enterprise.request('POST', eventsPath(talent), { title: '培训', held_on: beijingDate() })).status, 404);
  assert.equal((await (await ctx.organizer()).request('POST', eventsPath(talent), { title: '培训', held_on: beijingDate() })).status, 403);

  const listed = await (await ctx.organizer()).request('GET', eventsPath(talent));
  assert.equal(listed.status, 200);
  assert.ok(listed.body.events.some((e) => e.id === event.id && e.token === event.token));
  const read = await (await ctx.bureau()).request('GET', eventsPath(talent));
  assert.equal(read.status, 200);
  assert.equal(read.body.events[0].token, undefined, 'the bureau reads the events, not their links');
  assert.equal((await rival.enterprise.request('GET', eventsPath(talent))).status, 404);
});

test('a trainee checks in once per event; name and phone are required; an unknown link is 404', async () => {
  const event = await addEvent(talent, { title: '智能制造实践课' });
  const page = await anonymous.request('GET', `/api/public/checkin/${event.token}`);
  assert.equal(page.status, 200);
  assert.deepEqual(Object.keys(page.body).sort(), ['closed_reason', 'enterprise_name', 'held_on', 'location', 'open', 'title']);
  assert.equal(page.body.title, '智能制造实践课');
  assert.equal(page.body.open, true);
  assert.equal(page.body.enterprise_name, talent.enterprise.enterprise.name);

  const phone = freshPhone();
  const first = await checkIn(event.token, { phone });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(first.body.name, '张学员');
  const twice = await checkIn(event.token, { phone, name: '张学员（重复）' });
  assert.equal(twice.status, 409);
  assert.equal(twice.body.code, 'already_checked_in');
  assert.equal(twice.body.fields[0].field, 'phone');
  const spaced = await checkIn(event.token, { phone: `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` });
  assert.equal(spaced.status, 409, 'spaces do not make another person');

  const english = new Client(ctx.baseUrl, { headers: { 'Accept-Language': 'en' } });
  const empty = await english.request('POST', `/api/public/checkin/${event.token}`, { name: '', phone: '' });
  assert.equal(empty.status, 422);
  assert.deepEqual(fieldsOf(empty.body), { name: 'required', phone: 'required' });
  assert.ok(empty.body.fields.every((f) => f.message.length > 0));
  const badPhone = await checkIn(event.token, { phone: '12345' });
  assert.deepEqual(fieldsOf(badPhone.body), { phone: 'phone_mainland' });

  assert.equal((await anonymous.request('GET', '/api/public/checkin/no-such-token')).status, 404);
  assert.equal((await checkIn('no-such-token')).status, 404);

  const list = await talent.enterprise.request('GET', `/api/training-events/${event.id}/checkins`);
  assert.equal(list.status, 200);
  assert.equal(list.body.checkins.length, 1);
  assert.equal(list.body.checkins[0].phone, phone);
  const masked = await (await ctx.bureau()).request('GET', `/api/training-events/${event.id}/checkins`);
  assert.equal(masked.body.checkins[0].phone, `${phone.slice(0, 3)}****${phone.slice(7)}`);
  assert.equal((await rival.enterprise.request('GET', `/api/training-events/${event.id}/checkins`)).status, 404);
});

test('check-in is open only on the event\'s day and while the enterprise keeps it open', async () => {
  const tomorrow = await addEvent(talent, { title: '明天的培训', held_on: beijingDate(Date.now() + DAY) });
  const yesterday = await addEvent(talent, { title: '昨天的培训', held_on: beijingDate(Date.now() - DAY) });
  const future = await anonymous.request('GET', `/api/public/checkin/${tomorrow.token}`);
  assert.equal(future.body.open, false);
  assert.equal(future.body.closed_reason, 'not_yet');
  const early = await checkIn(tomorrow.token);
  assert.equal(early.status, 409);
  assert.equal(early.body.code, 'checkin_closed');
  assert.equal(early.body.facts.reason, 'not_yet');
  assert.equal((await checkIn(yesterday.token)).body.facts.reason, 'over');

  // On the day itself (the server's clock moved to tomorrow, 10:00 Beijing time) it opens.
  const tomorrowMorning = Date.parse(`${tomorrow.held_on}T10:00:00+08:00`);
  ctx.setClock(tomorrowMorning);
  try {
    assert.equal((await checkIn(tomorrow.token)).status, 201);
  } finally {
    ctx.setClock(null);
  }

  const today = await addEvent(talent, { title: '可关闭的培训' });
  const closed = await talent.enterprise.request('PUT', `/api/training-events/${today.id}/checkin`, { open: false });
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  assert.equal(closed.body.open, false);
  assert.equal(closed.body.closed_reason, 'closed');
  const refused = await checkIn(today.token);
  assert.equal(refused.status, 409);
  assert.equal(refused.body.facts.reason, 'closed');
  assert.equal((await rival.enterprise.request('PUT', `/api/training-events/${today.id}/checkin`, { open: true })).status, 404);
  const reopened = await talent.enterprise.request('PUT', `/api/training-events/${today.id}/checkin`, { open: true });
  assert.equal(reopened.body.open, true);
  assert.equal((await checkIn(today.token)).status, 201);
  const noFlag = await talent.enterprise.request('PUT', `/api/training-events/${today.id}/checkin`, {});
  assert.deepEqual(fieldsOf(noFlag.body), { open: 'required' });
});

test('the QR code is a PNG of the check-in link, for the enterprise and the organizer only', async () => {
  const event = await addEvent(talent, { title: '二维码培训' });
  const response = await fetch(`${ctx.baseUrl}/api/training-events/${event.id}/qr.png`, {
    headers: { Cookie: talent.enterprise.cookieHeader() },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'image/png');
  const png = Buffer.from(await response.arrayBuffer());
  assert.deepEqual(png.subarray(0, 8), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  assert.equal(width, png.readUInt32BE(20), 'square');
  assert.equal(width % 8, 0, 'eight pixels a module');
  assert.ok(width / 8 - 8 >= 21, 'a QR symbol of version 1 or more, with its quiet zone');
  const organizer = await ctx.organizer();
  const byOrganizer = await fetch(`${ctx.baseUrl}/api/training-events/${event.id}/qr.png`, { headers: { Cookie: organizer.cookieHeader() } });
  assert.equal(byOrganizer.status, 200);
  const bureau = await ctx.bureau();
  assert.equal((await bureau.request('GET', `/api/training-events/${event.id}/qr.png`)).status, 403);
  assert.equal((await rival.enterprise.request('GET', `/api/training-events/${event.id}/qr.png`)).status, 404);
});

test('the acceptance counts events held and distinct trainees against ≥ 10 events and ≥ 500 people', async () => {
  const client = rival.enterprise;
  const events = [];
  for (let i = 0; i < 10; i++) events.push(await addEvent(rival, { title: `第${i + 1}期培训` }));
  const acceptance = () => client.request('GET', `/api/applications/${rival.application.id}/acceptance`);
  // 50 different people at each event, and the first event's people come again to the second.
  const people = Array.from({ length: 500 }, () => freshPhone());
  for (const [i, event] of events.entries()) {
    for (const phone of people.slice(i * 50, i * 50 + 50)) {
      if (i === 9 && phone === people[499]) continue;
      const reply = await checkIn(event.token, { phone });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
    }
  }
  for (const phone of people.slice(0, 20)) assert.equal((await checkIn(events[1].token, { phone })).status, 201);
  let training = (await acceptance()).body.training;
  assert.equal(training.events, 10);
  assert.equal(training.events_held, 10);
  assert.equal(training.trainees, 499, 'a person who came twice is one trainee');
  assert.equal(training.ok, false);
  assert.equal((await checkIn(events[9].token, { phone: people[499] })).status, 201);
  training = (await acceptance()).body.training;
  assert.equal(training.trainees, 500);
  assert.equal(training.ok, true);

  const listed = await client.request('GET', eventsPath(rival));
  assert.equal(listed.body.training.trainees, 500);
  assert.equal(listed.body.events.find((e) => e.id === events[1].id).attendance, 70);

  // Once the acceptance is submitted the counts are final: check-in closes, no event is added.
  const saved = await client.request('PUT', `/api/applications/${rival.application.id}/acceptance`, {
    version: 0,
    actual_investment_fen: 150_000_000,
    report: '共举办10期培训。',
  });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const submitted = await client.request('POST', `/api/applications/${rival.application.id}/acceptance/submit`, { version: 1 });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  const closed = await checkIn(events[0].token);
  assert.equal(closed.status, 409);
  assert.equal(closed.body.facts.reason, 'acceptance_submitted');
  const added = await client.request('POST', eventsPath(rival), { title: '补办', held_on: beijingDate() });
  assert.equal(added.status, 409);
  assert.equal(added.body.code, 'acceptance_not_editable');

  const bureau = await ctx.bureau();
  const audit = await bureau.request('GET', '/api/audit?action=training.checkin&page_size=1');
  assert.match(audit.body.records[0].summary.phone, /^139\*{4}\d{4}$/, 'the audit keeps the phone masked');
});
