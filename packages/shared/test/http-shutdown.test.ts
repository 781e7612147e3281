// The shared HTTP edge's stop, over real sockets with keep-alive clients: /ready turns 503 at once,
// the listener keeps accepting during the grace period, in-flight responses carry
// `connection: close`, idle keep-alive sockets are closed, and the drain ends without forcing any
// connection closed. The process-level behaviour (signals, exit codes) is in e2e/shutdown/.
import { strict as assert } from 'node:assert';
import http from 'node:http';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { pino } from 'pino';
import { startHttpService, type HttpService } from '../src/http/service.ts';

interface Answer {
  status: number;
  connection: string | undefined;
  /** Client port of the connection it came back on: equal ports mean a reused connection. */
  clientPort: number;
}

function get(agent: http.Agent, url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent }, (res) => {
      res.resume();
      res.once('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, clientPort: request.socket?.localPort ?? -1 }));
    });
    request.once('error', reject);
  });
}

/** A service with GET /hold, answered when release() is called, and its log lines as objects. */
async function startHoldingService(): Promise<{ service: HttpService; release(): void; held(): number; logs: Array<Record<string, unknown>> }> {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const waiting: Array<() => void> = [];
  const service = await startHttpService({
    name: 'holding',
    logger: pino({ level: 'info' }, sink),
    port: 0,
    routes: [
      {
        method: 'GET',
        path: '/hold',
        handle: (_req, res) =>
          new Promise<void>((resolve) => {
            waiting.push(() => {
              res.writeHead(200, { 'content-type': 'text/plain' }).end('released');
              resolve();
            });
          }),
      },
    ],
    // Far longer than any test step: a forced close would show as forcedConnections > 0.
    drainTimeoutMs: 60_000,
  });
  return { service, logs, held: () => waiting.length, release: () => waiting.splice(0).forEach((answer) => answer()) };
}

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

test('stop without grace: the in-flight response carries connection: close, idle keep-alive sockets are closed, nothing is forced', async () => {
  const { service, release, held, logs } = await startHoldingService();
  const agent = new http.Agent({ keepAlive: true });
  try {
    const warm = await get(agent, `${service.url}/health`);
    assert.equal(warm.status, 200);
    assert.equal(warm.connection, 'keep-alive');
    const inFlight = get(agent, `${service.url}/hold`);
    await until(() => held() === 1);
    let opened = 0;
    service.server.on('connection', () => (opened += 1));
    const stopped = service.stop();
    // The idle socket of /health was closed at once: the client's pool lost it.
    await until(() => Object.values(agent.freeSockets).flat().length === 0);
    release();
    const answer = await inFlight;
    assert.equal(answer.status, 200);
    assert.equal(answer.connection, 'close');
    await stopped;
    assert.equal(opened, 0, 'no connection accepted after the listener closed');
    const last = logs.at(-1);
    assert.equal(last?.msg, 'stopped');
    assert.equal(last?.forcedConnections, 0);
    assert.equal(logs.filter((l) => l.msg === 'drain timeout: destroying the connections still open').length, 0);
  } finally {
    agent.destroy();
    release();
    await service.stop();
  }
});

test('during the grace period /ready is 503 while /health and other requests are answered, each with connection: close', async () => {
  const { service, release, held, logs } = await startHoldingService();
  const agent = new http.Agent({ keepAlive: true });
  try {
    const inFlight = get(agent, `${service.url}/hold`);
    await until(() => held() === 1);
    const before = await get(agent, `${service.url}/ready`);
    assert.equal(before.status, 200);
    const stopped = service.stop({ graceMs: 3000 });

    const ready = await get(agent, `${service.url}/ready`);
    assert.equal(ready.status, 503);
    assert.equal(ready.clientPort, before.clientPort, 'the idle keep-alive connection still served a request');
    assert.equal(ready.connection, 'close');
    const health = await get(agent, `${service.url}/health`);
    assert.equal(health.status, 200, '/health stays 200: the process is alive');
    assert.equal(health.connection, 'close');
    assert.notEqual(health.clientPort, ready.clientPort, 'a new connection was accepted after the previous one was closed');
    const missing = await get(agent, `${service.url}/nothing-here`);
    assert.equal(missing.status, 404, 'routing still works');

    release();
    const held1 = await inFlight;
    assert.equal(held1.status, 200);
    assert.equal(held1.connection, 'close', 'a response started before stop() carries connection: close');
    await stopped;
    assert.equal(logs.filter((l) => l.msg === 'stopping: /ready answers 503, still accepting during the grace period').length, 1);
    assert.equal(logs.at(-1)?.forcedConnections, 0);
  } finally {
    agent.destroy();
    release();
    await service.stop();
  }
});

test('a response streamed before the drain began is followed by closing its then-idle socket, without forcing', async () => {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  let finish: (() => void) | undefined;
  const service = await startHttpService({
    name: 'streaming',
    logger: pino({ level: 'info' }, sink),
    port: 0,
    routes: [
      {
        method: 'GET',
        path: '/stream',
        handle: (_req, res) =>
          new Promise<void>((resolve) => {
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.write('first part\n');
            finish = () => {
              res.end('last part\n');
              resolve();
            };
          }),
      },
    ],
    drainTimeoutMs: 60_000,
  });
  const agent = new http.Agent({ keepAlive: true });
  try {
    const streamed = get(agent, `${service.url}/stream`);
    await until(() => finish !== undefined);
    const stopped = service.stop();
    finish!();
    const answer = await streamed;
    assert.equal(answer.status, 200);
    assert.equal(answer.connection, 'keep-alive', 'its headers went out before stop()');
    await stopped;
    assert.equal(logs.at(-1)?.msg, 'stopped');
    assert.equal(logs.at(-1)?.forcedConnections, 0);
  } finally {
    agent.destroy();
    finish?.();
    await service.stop();
  }
});
