// A stand-in for the iifund C++ server, for front-end development only: it serves web/dist with
// history-mode fallback under the same CSP and answers the API routes the app uses the way the
// real server does (the accounts contract lives in memory, with the demo users). The browser tests themselves target IIFUND_BASE_URL (the real server in
// the project's test script).
//
//   node e2e/support/static-server.mjs [--port 4173]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAccounts } from './accounts-stand-in.mjs';

const distDir = resolve(fileURLToPath(new URL('../../dist', import.meta.url)));

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; " +
  "form-action 'self'";

const securityHeaders = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

function wantsEnglish(req) {
  return /^en\b/i.test(String(req.headers['accept-language'] ?? ''));
}

function sendJson(res, status, body, contentType = 'application/json') {
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': `${contentType}; charset=utf-8`,
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

function sendProblem(req, res, status, code, zh, en) {
  const text = wantsEnglish(req) ? en : zh;
  sendJson(
    res,
    status,
    { type: 'about:blank', title: text.title, status, code, detail: text.detail },
    'application/problem+json',
  );
}

// The accounts contract (issue 5), in memory: demo users, sessions, CSRF, throttling, users,
// enterprises and an audit trail. See accounts-stand-in.mjs.
const accounts = createAccounts();

async function handleApi(req, res, path) {
  if (path === '/api/health' && req.method === 'GET') {
    sendJson(res, 200, { status: 'ok', database: 'ok', stand_in: true });
    return;
  }
  // The inbox (issue 7) is empty here: the header's bell asks for its count on every page.
  if (path.startsWith('/api/notifications')) {
    sendJson(
      res,
      200,
      path === '/api/notifications' && req.method === 'GET'
        ? { notifications: [], unread: 0 }
        : { unread: 0 },
    );
    return;
  }
  const answer = await accounts.handle(req, path);
  if (answer === undefined) {
    sendProblem(
      req,
      res,
      404,
      'not_found',
      { title: '未找到', detail: `接口 ${path} 不存在。` },
      { title: 'Not found', detail: `There is no API route ${path}.` },
    );
    return;
  }
  const headers = { ...securityHeaders, 'Cache-Control': 'no-store' };
  if (answer.cookies) headers['Set-Cookie'] = answer.cookies;
  if (answer.status === 204) {
    res.writeHead(204, headers).end();
    return;
  }
  const problem = answer.problem;
  if (problem) {
    const text = wantsEnglish(req) ? problem.en : problem.zh;
    const body = {
      type: 'about:blank',
      title: text.title,
      status: answer.status,
      code: problem.code,
    };
    body.detail = text.detail;
    if (problem.fields) {
      body.fields = problem.fields.map((f) => ({
        field: f.field,
        rule: f.rule,
        message: wantsEnglish(req) ? f.en : f.zh,
        facts: f.facts ?? {},
      }));
    }
    if (problem.facts) body.facts = problem.facts;
    res.writeHead(answer.status, {
      ...headers,
      'Content-Type': 'application/problem+json; charset=utf-8',
    });
    res.end(JSON.stringify(body));
    return;
  }
  res.writeHead(answer.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(answer.body));
}

async function sendFile(res, file, status = 200) {
  const body = await readFile(file);
  const type = contentTypes[extname(file)] ?? 'application/octet-stream';
  const cache = file.includes(`${sep}assets${sep}`)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
  res.writeHead(status, { ...securityHeaders, 'Content-Type': type, 'Cache-Control': cache });
  res.end(body);
}

async function handleStatic(req, res, path) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...securityHeaders, Allow: 'GET, HEAD' }).end();
    return;
  }
  const file = normalize(join(distDir, decodeURIComponent(path)));
  if (file !== distDir && !file.startsWith(distDir + sep)) {
    res.writeHead(400, securityHeaders).end();
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (info?.isFile()) {
    await sendFile(res, file);
  } else if (extname(path) === '') {
    // History-mode fallback: the app's router decides (and shows its own 404 page).
    await sendFile(res, join(distDir, 'index.html'));
  } else {
    res.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain' }).end('Not found');
  }
}

export function startStandIn(port = 0, host = '127.0.0.1') {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    const work =
      path === '/api' || path.startsWith('/api/')
        ? handleApi(req, res, path)
        : handleStatic(req, res, path);
    work.catch((error) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolvePromise({ server, url: `http://${host}:${address.port}` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf('--port');
  const port = flag > 0 ? Number(process.argv[flag + 1]) : 4173;
  const { server, url } = await startStandIn(port);
  console.log(`stand-in serving ${distDir} at ${url}`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
