// Runs the browser tests against the stand-in server (for front-end work without the C++
// server): `npm run build && npm run e2e:local`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startStandIn } from './static-server.mjs';

const webDir = fileURLToPath(new URL('../..', import.meta.url));
if (!existsSync(new URL('../../dist/index.html', import.meta.url))) {
  console.error('web/dist is missing: run `npm run build` first.');
  process.exit(1);
}

const { server, url } = await startStandIn(0);
console.log(`stand-in at ${url}`);
const child = spawn(process.execPath, ['--test', 'e2e/'], {
  cwd: webDir,
  stdio: 'inherit',
  env: { ...process.env, IIFUND_BASE_URL: url },
});
child.on('exit', (code, signal) => {
  server.close();
  process.exitCode = code ?? (signal ? 1 : 0);
});
