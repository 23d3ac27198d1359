// A deadline rush means many open connections at once: the server raises its open-file limit at
// start and answers a thousand keep-alive clients that are all connected at the same time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';

import { startServer } from './support.mjs';

let server;
before(async () => {
  server = await startServer({ loadDemo: false });
});
after(async () => {
  await server?.stop();
});

test('the open-file limit is raised at start', () => {
  const line = readFileSync(`/proc/${server.child.pid}/limits`, 'utf8')
    .split('\n')
    .find((row) => row.startsWith('Max open files'));
  const [soft, hard] = line.match(/\d+/g).map(Number);
  assert.ok(soft >= Math.min(hard, 8192), `soft limit ${soft}, hard ${hard}`);
});

test('1,000 simultaneous keep-alive connections are all answered', async () => {
  const count = 1000;
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve, reject) => {
          const socket = connect(server.port, '127.0.0.1', () => resolve(socket));
          socket.once('error', reject);
        }),
    ),
  );
  try {
    const answers = await Promise.all(
      sockets.map(
        (socket) =>
          new Promise((resolve) => {
            let reply = '';
            const timer = setTimeout(() => resolve(reply), 20000);
            socket.on('data', (chunk) => {
              reply += chunk;
              if (reply.includes('"status":"ok"')) {
                clearTimeout(timer);
                resolve(reply);
              }
            });
            socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
          }),
      ),
    );
    const ok = answers.filter((reply) => reply.startsWith('HTTP/1.1 200')).length;
    assert.equal(ok, count, `${count - ok} connections were not answered`);
  } finally {
    for (const socket of sockets) socket.destroy();
  }
});
