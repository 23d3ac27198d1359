// The accounts contract of issue 5, kept in memory for the stand-in server: the demo users,
// sessions in cookies (iifund_session HttpOnly, iifund_csrf readable), CSRF on unsafe methods,
// login throttling, users, enterprises and an audit trail. Answers are
// { status, body } | { status, problem: { code, zh, en, fields?, facts? } } | { status: 204 },
// with optional `cookies`; undefined means "no such route".
import { createHash, randomBytes } from 'node:crypto';

const COUNTIES = ['440703', '440704', '440705', '440781', '440783', '440784', '440785'];
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const MAX_FAILURES = 5;
const LOCK_SECONDS = 60;

function now() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function token() {
  return randomBytes(32).toString('base64url');
}

function cookiesOf(req) {
  const out = {};
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name) out[name] = decodeURIComponent(rest.join('='));
  }
  return out;
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

const problems = {
  notSignedIn: {
    code: 'not_signed_in',
    zh: { title: '未登录', detail: '请先登录。' },
    en: { title: 'Not signed in', detail: 'Please log in first.' },
  },
  loginFailed: {
    code: 'login_failed',
    zh: { title: '登录失败', detail: '用户名或密码不正确。' },
    en: { title: 'Login failed', detail: 'The username or password is not correct.' },
  },
  csrf: {
    code: 'csrf_failed',
    zh: { title: '请求被拒绝', detail: '缺少或错误的 CSRF 令牌。' },
    en: { title: 'Request refused', detail: 'The CSRF token is missing or wrong.' },
  },
  notFound: {
    code: 'not_found',
    zh: { title: '未找到', detail: '对象不存在。' },
    en: { title: 'Not found', detail: 'No such object.' },
  },
};

function problem(status, p, extra = {}) {
  return { status, problem: { ...p, ...extra } };
}

function invalid(fields) {
  return {
    status: 422,
    problem: {
      code: 'validation_failed',
      zh: { title: '输入有误', detail: '请按提示修改后重试。' },
      en: { title: 'Invalid input', detail: 'Please correct the marked fields.' },
      fields,
    },
  };
}

function passwordProblems(field, password) {
  if (typeof password !== 'string' || [...password].length < 12) {
    return [
      {
        field,
        rule: 'password_too_short',
        zh: '密码至少 12 个字符',
        en: 'The password needs at least 12 characters',
        facts: { min: 12 },
      },
    ];
  }
  if ([...password].length > 128) {
    return [
      {
        field,
        rule: 'password_too_long',
        zh: '密码不能超过 128 个字符',
        en: 'The password may have at most 128 characters',
        facts: { max: 128 },
      },
    ];
  }
  if (/^(password|123456|qwerty)/i.test(password)) {
    return [
      {
        field,
        rule: 'password_dictionary',
        zh: '密码过于常见，请换一个',
        en: 'This password is too common',
      },
    ];
  }
  return [];
}

export function createAccounts() {
  let nextUserId = 1;
  let nextEnterpriseId = 1;
  let nextSessionId = 1;
  let nextAuditId = 1;
  const users = [];
  const enterprises = [];
  const sessions = new Map(); // token → session
  const failures = new Map(); // username → { count, lockedUntil }
  const audit = [];
  let lastSeal = '0'.repeat(64);

  function addUser(fields) {
    const user = {
      id: nextUserId++,
      username: fields.username,
      display_name: fields.display_name ?? fields.username,
      role: fields.role,
      county_code: fields.county_code ?? null,
      enterprise_id: fields.enterprise_id ?? null,
      enterprise_admin: fields.enterprise_admin ?? false,
      disabled: false,
      must_change_password: fields.must_change_password ?? false,
      password: fields.password,
    };
    users.push(user);
    return user;
  }

  function addEnterprise(fields) {
    const enterprise = {
      id: nextEnterpriseId++,
      credit_code: fields.credit_code,
      name: fields.name,
      county_code: fields.county_code,
      verified: fields.verified ?? false,
      contact_name: fields.contact_name ?? '',
      contact_phone: fields.contact_phone ?? '',
      created_at: now(),
    };
    enterprises.push(enterprise);
    return enterprise;
  }

  function record(actor, role, req, action, object, result, summary) {
    const entry = {
      id: nextAuditId++,
      at: now(),
      actor,
      role,
      client_address: req.socket.remoteAddress ?? '',
      action,
      object,
      result,
      summary,
    };
    entry.seal = createHash('sha256')
      .update(lastSeal + JSON.stringify(entry))
      .digest('hex');
    lastSeal = entry.seal;
    audit.push(entry);
  }

  // The demo data printed by `iifund demo`.
  const demoEnterprise = addEnterprise({
    credit_code: '91440703MA4UJ0XX0X',
    name: '江门市示范制造有限公司',
    county_code: '440703',
    verified: true,
    contact_name: '陈经理',
    contact_phone: '0750-3000000',
  });
  const pending = addEnterprise({
    credit_code: '91440703MA4WXYZ12K',
    name: '江门市待核验科技有限公司',
    county_code: '440703',
    contact_name: '李工',
    contact_phone: '0750-3111111',
  });
  addUser({
    username: 'demo-enterprise',
    display_name: '示范企业管理员',
    role: 'enterprise',
    enterprise_id: demoEnterprise.id,
    enterprise_admin: true,
    password: 'demo-enterprise-2022',
  });
  addUser({
    username: 'demo-county',
    display_name: '蓬江区经信局',
    role: 'county',
    county_code: '440703',
    password: 'demo-county-2022',
  });
  addUser({
    username: 'demo-organizer',
    display_name: '数字江门组织单位',
    role: 'organizer',
    password: 'demo-organizer-2022',
  });
  addUser({
    username: 'demo-expert',
    display_name: '评审专家',
    role: 'expert',
    password: 'demo-expert-2022',
  });
  addUser({
    username: 'demo-bureau',
    display_name: '市工信局',
    role: 'bureau',
    password: 'demo-bureau-2022',
  });
  addUser({
    username: 'demo-admin',
    display_name: '系统管理员',
    role: 'admin',
    password: 'demo-admin-2022',
  });
  addUser({
    username: 'pending-admin',
    display_name: '李工',
    role: 'enterprise',
    enterprise_id: pending.id,
    enterprise_admin: true,
    must_change_password: true,
    password: 'pending-admin-2022',
  });

  function publicUser(user) {
    const { password: _password, disabled: _disabled, ...rest } = user;
    return rest;
  }

  function listedUser(user) {
    const { password: _password, ...rest } = user;
    return rest;
  }

  function sessionCookies(sessionToken, csrf) {
    return [
      `iifund_session=${sessionToken}; Path=/; HttpOnly; SameSite=Strict`,
      `iifund_csrf=${csrf}; Path=/; SameSite=Strict`,
    ];
  }

  const clearCookies = [
    'iifund_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0',
    'iifund_csrf=; Path=/; SameSite=Strict; Max-Age=0',
  ];

  function currentSession(req) {
    const sessionToken = cookiesOf(req).iifund_session;
    const session = sessionToken ? sessions.get(sessionToken) : undefined;
    if (session === undefined) return undefined;
    const user = users.find((u) => u.id === session.userId);
    if (user === undefined || user.disabled) return undefined;
    session.last_seen_at = now();
    return { session, user };
  }

  function enterpriseView(e) {
    const admin = users.find((u) => u.enterprise_id === e.id && u.enterprise_admin);
    return { ...e, admin_user_id: admin?.id ?? null, admin_username: admin?.username ?? null };
  }

  async function handle(req, path) {
    const method = req.method ?? 'GET';
    const unsafe = method !== 'GET' && method !== 'HEAD';
    const body = unsafe ? await readBody(req) : {};
    const signed = currentSession(req);
    let m;

    // ---- anonymous routes ----
    if (path === '/api/session' && method === 'POST') {
      const username = String(body.username ?? '');
      const state = failures.get(username) ?? { count: 0, lockedUntil: 0 };
      if (state.lockedUntil > Date.now()) {
        const seconds = Math.ceil((state.lockedUntil - Date.now()) / 1000);
        return problem(
          429,
          {
            code: 'login_throttled',
            zh: { title: '登录受限', detail: `登录失败次数过多，请在 ${seconds} 秒后重试。` },
            en: {
              title: 'Login throttled',
              detail: `Too many failed logins; retry in ${seconds} s.`,
            },
          },
          { facts: { retry_after_seconds: seconds } },
        );
      }
      const user = users.find((u) => u.username === username);
      if (user === undefined || user.disabled || user.password !== body.password) {
        state.count += 1;
        if (state.count >= MAX_FAILURES) {
          state.count = 0;
          state.lockedUntil = Date.now() + LOCK_SECONDS * 1000;
        }
        failures.set(username, state);
        record(username, '', req, 'session.login', `user:${username}`, 'denied', 'login failed');
        return problem(401, problems.loginFailed);
      }
      failures.delete(username);
      const sessionToken = token();
      const csrf = token();
      sessions.set(sessionToken, {
        id: String(nextSessionId++),
        userId: user.id,
        csrf,
        created_at: now(),
        last_seen_at: now(),
        client_address: req.socket.remoteAddress ?? '',
        user_agent: String(req.headers['user-agent'] ?? ''),
      });
      record(user.username, user.role, req, 'session.login', `user:${user.id}`, 'ok', 'logged in');
      return {
        status: 200,
        body: { user: publicUser(user), csrf_token: csrf },
        cookies: sessionCookies(sessionToken, csrf),
      };
    }

    if (path === '/api/enterprises' && method === 'POST') {
      const fields = [];
      const code = String(body.credit_code ?? '');
      if (code.length !== 18 || [...code].some((c) => !ALPHABET.includes(c))) {
        fields.push({
          field: 'credit_code',
          rule: 'credit_code_format',
          zh: '统一社会信用代码格式不正确',
          en: 'The credit code is malformed',
        });
      }
      for (const name of ['name', 'contact_name', 'contact_phone', 'username']) {
        if (!String(body[name] ?? '').trim()) {
          fields.push({ field: name, rule: 'required', zh: '必填', en: 'Required' });
        }
      }
      if (!COUNTIES.includes(body.county_code)) {
        fields.push({
          field: 'county_code',
          rule: 'county_unknown',
          zh: '未知县区',
          en: 'Unknown county',
        });
      }
      fields.push(...passwordProblems('password', body.password));
      if (fields.length > 0) return invalid(fields);
      if (enterprises.some((e) => e.credit_code === code)) {
        return problem(409, {
          code: 'enterprise_exists',
          zh: { title: '企业已注册', detail: '该统一社会信用代码已注册。' },
          en: { title: 'Already registered', detail: 'An enterprise with this code exists.' },
        });
      }
      if (users.some((u) => u.username === body.username)) {
        return problem(409, {
          code: 'username_taken',
          zh: { title: '用户名已被使用', detail: '请换一个用户名。' },
          en: { title: 'Username taken', detail: 'Please choose another username.' },
        });
      }
      const enterprise = addEnterprise({
        credit_code: code,
        name: String(body.name).trim(),
        county_code: body.county_code,
        contact_name: String(body.contact_name).trim(),
        contact_phone: String(body.contact_phone).trim(),
      });
      const user = addUser({
        username: String(body.username).trim(),
        display_name: String(body.contact_name).trim(),
        role: 'enterprise',
        enterprise_id: enterprise.id,
        enterprise_admin: true,
        password: body.password,
      });
      record(
        user.username,
        'enterprise',
        req,
        'enterprise.register',
        `enterprise:${enterprise.id}`,
        'ok',
        enterprise.name,
      );
      return { status: 201, body: { enterprise, user: publicUser(user) } };
    }

    // ---- everything else needs a session (and a CSRF token for changes) ----
    if (!path.startsWith('/api/')) return undefined;
    if (signed === undefined) return problem(401, problems.notSignedIn);
    const { session, user } = signed;
    if (unsafe && req.headers['x-csrf-token'] !== session.csrf) {
      record(user.username, user.role, req, 'csrf.refused', path, 'denied', method);
      return problem(403, problems.csrf);
    }
    const actor = (action, object, summary, result = 'ok') =>
      record(user.username, user.role, req, action, object, result, summary);
    const denied = () => {
      actor('access.denied', path, method, 'denied');
      return problem(404, problems.notFound);
    };

    if (path === '/api/session' && method === 'GET') {
      return { status: 200, body: { user: publicUser(user), csrf_token: session.csrf } };
    }
    if (path === '/api/session' && method === 'DELETE') {
      for (const [key, value] of sessions) if (value === session) sessions.delete(key);
      actor('session.logout', `user:${user.id}`, 'logged out');
      return { status: 204, cookies: clearCookies };
    }
    if (path === '/api/sessions' && method === 'GET') {
      const mine = [...sessions.values()]
        .filter((s) => s.userId === user.id)
        .map(({ userId: _u, csrf: _c, ...s }) => ({ ...s, current: s.id === session.id }));
      return { status: 200, body: { sessions: mine } };
    }
    if ((m = /^\/api\/sessions\/([^/]+)$/.exec(path)) && method === 'DELETE') {
      for (const [key, value] of sessions) {
        if (value.userId === user.id && value.id === m[1]) {
          sessions.delete(key);
          actor('session.end', `session:${m[1]}`, 'ended');
          return { status: 204, cookies: value === session ? clearCookies : undefined };
        }
      }
      return problem(404, problems.notFound);
    }
    if (path === '/api/password' && method === 'POST') {
      if (body.current_password !== user.password) {
        return invalid([
          {
            field: 'current_password',
            rule: 'password_wrong',
            zh: '当前密码不正确',
            en: 'The current password is wrong',
          },
        ]);
      }
      const fields = passwordProblems('new_password', body.new_password);
      if (fields.length > 0) return invalid(fields);
      user.password = body.new_password;
      user.must_change_password = false;
      for (const [key, value] of sessions) {
        if (value.userId === user.id && value !== session) sessions.delete(key);
      }
      actor('password.change', `user:${user.id}`, 'password changed');
      return { status: 204 };
    }

    if ((m = /^\/api\/enterprises\/(\d+)$/.exec(path)) && method === 'GET') {
      const e = enterprises.find((x) => x.id === Number(m[1]));
      const allowed =
        e &&
        ((user.role === 'enterprise' && user.enterprise_id === e.id) ||
          (user.role === 'county' && user.county_code === e.county_code) ||
          ['organizer', 'bureau', 'admin'].includes(user.role));
      return allowed ? { status: 200, body: { enterprise: enterpriseView(e) } } : denied();
    }
    if (path === '/api/county/enterprises' && method === 'GET') {
      if (user.role !== 'county') return denied();
      const verified = new URL(req.url, 'http://x').searchParams.get('verified');
      const list = enterprises
        .filter((e) => e.county_code === user.county_code)
        .filter((e) => verified === null || String(e.verified) === verified)
        .map(enterpriseView);
      return { status: 200, body: { enterprises: list } };
    }
    if ((m = /^\/api\/enterprises\/(\d+)\/(verify|admin)$/.exec(path)) && method === 'POST') {
      const e = enterprises.find((x) => x.id === Number(m[1]));
      if (user.role !== 'county' || !e || e.county_code !== user.county_code) return denied();
      if (m[2] === 'verify') {
        e.verified = true;
        actor('enterprise.verify', `enterprise:${e.id}`, String(body.note ?? ''));
        return { status: 200, body: { enterprise: enterpriseView(e) } };
      }
      const next = users.find((u) => u.id === Number(body.user_id) && u.enterprise_id === e.id);
      if (!next) {
        return invalid([
          {
            field: 'user_id',
            rule: 'user_not_in_enterprise',
            zh: '该用户不属于此企业',
            en: 'That user is not in this enterprise',
          },
        ]);
      }
      for (const u of users) if (u.enterprise_id === e.id) u.enterprise_admin = u === next;
      actor('enterprise.admin', `enterprise:${e.id}`, `admin → user:${next.id}`);
      return { status: 200, body: { enterprise: enterpriseView(e) } };
    }
    if ((m = /^\/api\/users\/(\d+)\/reset-password$/.exec(path)) && method === 'POST') {
      const target = users.find((u) => u.id === Number(m[1]));
      const allowed =
        target &&
        (user.role === 'admin' ||
          (user.role === 'county' &&
            target.enterprise_admin &&
            enterprises.some(
              (e) => e.id === target.enterprise_id && e.county_code === user.county_code,
            )));
      if (!allowed) return denied();
      const temporary = token().slice(0, 16);
      target.password = temporary;
      target.must_change_password = true;
      actor('user.reset_password', `user:${target.id}`, 'password reset');
      return { status: 200, body: { temporary_password: temporary } };
    }

    const manages = (target) =>
      user.role === 'admin' ||
      (user.role === 'enterprise' &&
        user.enterprise_admin &&
        target.enterprise_id === user.enterprise_id);
    if (path === '/api/users' && method === 'GET') {
      if (!(user.role === 'admin' || (user.role === 'enterprise' && user.enterprise_admin)))
        return denied();
      return { status: 200, body: { users: users.filter(manages).map(listedUser) } };
    }
    if (path === '/api/users' && method === 'POST') {
      if (!(user.role === 'admin' || (user.role === 'enterprise' && user.enterprise_admin)))
        return denied();
      const fields = [];
      if (!String(body.username ?? '').trim())
        fields.push({ field: 'username', rule: 'required', zh: '必填', en: 'Required' });
      else if (users.some((u) => u.username === body.username)) {
        fields.push({
          field: 'username',
          rule: 'username_taken',
          zh: '该用户名已被使用',
          en: 'This username is taken',
        });
      }
      if (!String(body.display_name ?? '').trim())
        fields.push({ field: 'display_name', rule: 'required', zh: '必填', en: 'Required' });
      const role = user.role === 'admin' ? body.role : 'enterprise';
      if (!['enterprise', 'county', 'organizer', 'expert', 'bureau', 'admin'].includes(role)) {
        fields.push({ field: 'role', rule: 'role_unknown', zh: '未知角色', en: 'Unknown role' });
      }
      if (role === 'county' && !COUNTIES.includes(body.county_code)) {
        fields.push({
          field: 'county_code',
          rule: 'county_unknown',
          zh: '未知县区',
          en: 'Unknown county',
        });
      }
      const enterpriseId = user.role === 'admin' ? Number(body.enterprise_id) : user.enterprise_id;
      if (role === 'enterprise' && !enterprises.some((e) => e.id === enterpriseId)) {
        fields.push({
          field: 'enterprise_id',
          rule: 'enterprise_unknown',
          zh: '企业不存在',
          en: 'No such enterprise',
        });
      }
      if (body.password !== undefined) fields.push(...passwordProblems('password', body.password));
      if (fields.length > 0) return invalid(fields);
      const temporary = body.password === undefined ? token().slice(0, 16) : undefined;
      const created = addUser({
        username: String(body.username).trim(),
        display_name: String(body.display_name).trim(),
        role,
        county_code: role === 'county' ? body.county_code : null,
        enterprise_id: role === 'enterprise' ? enterpriseId : null,
        password: temporary ?? body.password,
        must_change_password: true,
      });
      actor('user.create', `user:${created.id}`, `${created.username} (${role})`);
      const answer = { user: listedUser(created) };
      if (temporary !== undefined) answer.temporary_password = temporary;
      return { status: 201, body: answer };
    }
    if ((m = /^\/api\/users\/(\d+)\/(disable|enable)$/.exec(path)) && method === 'POST') {
      const target = users.find((u) => u.id === Number(m[1]));
      if (!target || !manages(target) || target.id === user.id) return denied();
      target.disabled = m[2] === 'disable';
      if (target.disabled) {
        for (const [key, value] of sessions) if (value.userId === target.id) sessions.delete(key);
      }
      actor(`user.${m[2]}`, `user:${target.id}`, target.username);
      return { status: 204 };
    }

    if (path === '/api/audit' && method === 'GET') {
      if (!['bureau', 'admin'].includes(user.role)) return denied();
      const q = new URL(req.url, 'http://x').searchParams;
      const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
      const size = Math.min(500, Math.max(1, Number(q.get('page_size') ?? 20) || 20));
      const matching = audit
        .filter((r) => !q.get('actor') || r.actor === q.get('actor'))
        .filter((r) => !q.get('action') || r.action.startsWith(q.get('action')))
        .filter((r) => !q.get('from') || r.at >= q.get('from'))
        .filter((r) => !q.get('to') || r.at <= q.get('to'))
        .slice()
        .reverse();
      return {
        status: 200,
        body: { records: matching.slice((page - 1) * size, page * size), total: matching.length },
      };
    }
    return undefined;
  }

  return { handle };
}
