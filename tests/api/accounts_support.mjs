// Helpers for the account tests: a signed-in client that keeps its cookies and CSRF token, valid
// credit codes built with the GB 32100 / GB 11714 check characters, unique names (the PostgreSQL
// database is shared by every API test file of a run), and account fixtures made over the API.
import assert from 'node:assert/strict';

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function orgCheck(firstEight) {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = firstEight[i];
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55;
    sum += v * weights[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function creditCheck(firstSeventeen) {
  let sum = 0;
  let weight = 1;
  for (const c of firstSeventeen) {
    sum += CREDIT_ALPHABET.indexOf(c) * weight;
    weight = (weight * 3) % 31;
  }
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

// A valid enterprise credit code (91 + division + random organization code).
export function creditCode(division = '440703') {
  const stem = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const first17 = `91${division}${stem}${orgCheck(stem)}`;
  return first17 + creditCheck(first17);
}

let counter = 0;
export function unique(prefix) {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}${counter}`;
}

export const strongPassword = () => `Quiet-river-${Math.random().toString(36).slice(2, 10)}-lantern`;

// A caller with its own cookie jar; anonymous until signIn().
export class Client {
  constructor(baseUrl, { headers = {} } = {}) {
    this.baseUrl = baseUrl;
    this.cookies = {};
    this.csrf = null;
    this.user = null;
    this.extraHeaders = headers;
  }

  cookieHeader() {
    return Object.entries(this.cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }

  async request(method, path, body, { csrf = this.csrf, headers = {} } = {}) {
    const sent = { ...this.extraHeaders, ...headers };
    if (Object.keys(this.cookies).length) sent.Cookie = this.cookieHeader();
    if (csrf && method !== 'GET') sent['X-CSRF-Token'] = csrf;
    if (body !== undefined) sent['Content-Type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: sent,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      if (/Max-Age=0/i.test(line)) delete this.cookies[name];
      else this.cookies[name] = value;
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: response.status, body: json, headers: response.headers };
  }

  async signIn(username, password) {
    const reply = await this.request('POST', '/api/session', { username, password });
    assert.equal(reply.status, 200, `sign-in of ${username}: ${JSON.stringify(reply.body)}`);
    this.csrf = reply.body.csrf_token;
    this.user = reply.body.user;
    return reply;
  }
}

// Signs in and, when the password was handed over, replaces it; returns the client and password.
export async function signedIn(baseUrl, username, password, options) {
  const client = new Client(baseUrl, options);
  await client.signIn(username, password);
  if (client.user.must_change_password) {
    const fresh = strongPassword();
    const changed = await client.request('POST', '/api/password', { current_password: password, new_password: fresh });
    assert.equal(changed.status, 204, JSON.stringify(changed.body));
    client.user.must_change_password = false;
    client.password = fresh;
  } else {
    client.password = password;
  }
  client.username = username;
  return client;
}

export async function createUser(admin, fields) {
  const reply = await admin.request('POST', '/api/users', { display_name: fields.username, ...fields });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  return reply.body;
}

// Registers an enterprise with its administrator account; returns {enterprise, user, password}.
export async function registerEnterprise(baseUrl, county = '440703') {
  const password = strongPassword();
  const username = unique('ent');
  const reply = await new Client(baseUrl).request('POST', '/api/enterprises', {
    credit_code: creditCode(county),
    name: `测试企业 ${username}`,
    county_code: county,
    contact_name: '王联系',
    contact_phone: '13812341234',
    username,
    password,
  });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  return { ...reply.body, username, password };
}
