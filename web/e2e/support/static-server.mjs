// A stand-in for the iifund C++ server, for front-end development only: it serves web/dist with
// history-mode fallback under the same CSP and answers the few API routes the shell uses the way
// the real server does. The browser tests themselves target IIFUND_BASE_URL (the real server in
// the project's test script).
//
//   node e2e/support/static-server.mjs [--port 4173]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

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

function handleApi(req, res, path) {
  if (path === '/api/health' && req.method === 'GET') {
    sendJson(res, 200, { status: 'ok', database: 'ok', stand_in: true });
  } else if (path === '/api/session' && req.method === 'POST') {
    req.resume();
    sendProblem(
      req,
      res,
      501,
      'not_implemented',
      { title: '尚未实现', detail: '登录功能尚未开放，请等待账户功能上线。' },
      { title: 'Not implemented', detail: 'Logging in is not available yet.' },
    );
  } else {
    sendProblem(
      req,
      res,
      404,
      'not_found',
      { title: '未找到', detail: `接口 ${path} 不存在。` },
      { title: 'Not found', detail: `There is no API route ${path}.` },
    );
  }
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
        ? Promise.resolve(handleApi(req, res, path))
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
