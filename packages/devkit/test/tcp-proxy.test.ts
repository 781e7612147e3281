// The TCP proxy forwards bytes while open, refuses while closed, and reopens on the same port;
// resetReused() resets a connection being reused and leaves new ones alone.
import { strict as assert } from 'node:assert';
import { createConnection, createServer, type Server } from 'node:net';
import { after, test } from 'node:test';
import { isPortOpen } from '../src/ports.ts';
import { createTcpProxy } from '../src/tcp-proxy.ts';

// Resets reach the echo side too: its sockets ignore them.
const echo: Server = createServer((socket) => socket.on('error', () => {}).pipe(socket));
after(() => new Promise<void>((resolve) => echo.close(() => resolve())));

function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write(text));
    socket.once('data', (data) => {
      socket.end();
      resolve(data.toString());
    });
    socket.once('error', reject);
  });
}

test('forwards, refuses when closed, forwards again after reopening', async () => {
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', () => resolve()));
  const target = echo.address();
  assert.ok(target && typeof target === 'object');
  const proxy = await createTcpProxy({ target: { host: '127.0.0.1', port: target.port }, startClosed: true });
  after(() => proxy.stop());
  assert.equal(proxy.isOpen, false);
  assert.equal(await isPortOpen('127.0.0.1', proxy.port), false);
  await proxy.open();
  assert.equal(await roundTrip(proxy.port, 'ping'), 'ping');
  await proxy.close();
  assert.equal(await isPortOpen('127.0.0.1', proxy.port), false);
  await proxy.open();
  assert.equal(await roundTrip(proxy.port, 'again'), 'again');
  assert.ok(proxy.connections >= 2);
});

test('resetReused() resets the next write on a connection that already carried an answer, not new connections', async () => {
  const target = echo.address();
  assert.ok(target && typeof target === 'object');
  const proxy = await createTcpProxy({ target: { host: '127.0.0.1', port: target.port } });
  after(() => proxy.stop());
  const socket = createConnection({ host: '127.0.0.1', port: proxy.port });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write('first');
  assert.equal((await new Promise<Buffer>((resolve) => socket.once('data', resolve))).toString(), 'first');
  proxy.resetReused();
  assert.equal(await roundTrip(proxy.port, 'new connection'), 'new connection', 'a new connection is forwarded');
  const failed = new Promise<NodeJS.ErrnoException>((resolve) => socket.once('error', resolve));
  let answered = 0;
  socket.on('data', () => (answered += 1));
  socket.write('second');
  assert.equal((await failed).code, 'ECONNRESET');
  assert.equal(answered, 0, 'the reset write was not forwarded');
  assert.equal(proxy.resets, 1);
  assert.equal(await roundTrip(proxy.port, 'after'), 'after', 'one reset per call');
});
