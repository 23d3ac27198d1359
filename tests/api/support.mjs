// Starts a real iifund server for API tests: the release binary, a fresh SQLite file (or the
// PostgreSQL database in IIFUND_API_DATABASE_URL), the built web app, and a free loopback port.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const binary = process.env.IIFUND_BIN ?? join(repoRoot, 'build/release/iifund');
export const expectedDatabase = process.env.IIFUND_API_DATABASE_URL?.startsWith('postgresql://')
  ? 'postgresql'
  : 'sqlite';

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

export function serverEnvironment(extra = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'iifund-api-'));
  const env = {
    ...process.env,
    IIFUND_DATA_DIR: dataDir,
    IIFUND_WEB_ROOT: join(repoRoot, 'web/dist'),
    IIFUND_POLICY: join(repoRoot, 'policies/jiangmen-2022-batch2.toml'),
    ...extra,
  };
  if (process.env.IIFUND_API_DATABASE_URL) env.IIFUND_DATABASE_URL = process.env.IIFUND_API_DATABASE_URL;
  else delete env.IIFUND_DATABASE_URL;
  return env;
}

export function runCli(args, env) {
  const result = spawnSync(binary, args, { env, cwd: repoRoot, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export async function startServer({ loadDemo = true, env: extraEnv = {} } = {}) {
  const port = await freePort();
  const env = serverEnvironment({ IIFUND_LISTEN: `127.0.0.1:${port}`, ...extraEnv });
  if (loadDemo) {
    const demo = runCli(['demo'], env);
    if (demo.status !== 0) throw new Error(`iifund demo failed: ${demo.stderr}`);
  }
  const child = spawn(binary, ['serve'], { env, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 100 || child.exitCode !== null) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    port,
    child,
    exited,
    log: () => log,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

// A raw HTTP/1.1 exchange for what fetch() refuses to send (bad paths, lying headers).
export function rawRequest(port, text, { timeoutMs = 5000 } = {}) {
  return new Promise((resolveReply, reject) => {
    import('node:net').then(({ connect }) => {
      const socket = connect(port, '127.0.0.1');
      let reply = '';
      const timer = setTimeout(() => {
        socket.destroy();
        resolveReply({ status: 0, raw: reply, timedOut: true });
      }, timeoutMs);
      socket.on('data', (chunk) => (reply += chunk.toString('utf8')));
      socket.on('error', (error) => {
        clearTimeout(timer);
        if (reply) resolveReply(parseRaw(reply));
        else reject(error);
      });
      socket.on('close', () => {
        clearTimeout(timer);
        resolveReply(parseRaw(reply));
      });
      // The request says `Connection: close`, so the server closes after answering.
      socket.write(text);
    });
  });
}

function parseRaw(raw) {
  const match = raw.match(/^HTTP\/1\.[01] (\d{3})/);
  const split = raw.indexOf('\r\n\r\n');
  const body = split >= 0 ? raw.slice(split + 4) : '';
  return { status: match ? Number(match[1]) : 0, raw, body };
}
