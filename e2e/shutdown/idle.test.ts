// SIGTERM on each service as a real idle process, with a keep-alive client connected: it exits 0
// and the drain forced no connection closed. The other parts run in-process from the test stack
// (stack.ts), whose env the process uses; a subgraph's in-process instance gives up its port first.
import { strict as assert } from 'node:assert';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { idleSockets, send } from '../support/keep-alive-client.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
before(async () => {
  stack = await startStack({ label: 'e2e_shutdown_idle' });
});
after(() => stack?.stop());

for (const name of ['router', 'auth', 'user'] as const) {
  test(`SIGTERM on an idle ${name} process with a keep-alive client: exit 0, no connection forced closed`, async () => {
    if (name !== 'router') await stack[name].stop();
    let service: ServiceProcess | undefined;
    const agent = new http.Agent({ keepAlive: true });
    try {
      service = await startServiceProcess(name, { ...stack.env[name], SHUTDOWN_GRACE_MS: '0' });
      assert.equal((await send(agent, `${service.url}/health`)).status, 200);
      assert.equal(idleSockets(agent), 1, 'the client holds an idle keep-alive connection');
      service.signal('SIGTERM');
      const { code } = await service.exited;
      assert.equal(code, 0);
      const stopped = service.logs.filter((l) => l.msg === 'stopped');
      assert.equal(stopped.length, 1);
      assert.equal(stopped[0]?.forcedConnections, 0);
      assert.equal(service.count('drain timeout: destroying the connections still open'), 0);
      assert.equal(service.count('stopping: /ready answers 503, still accepting during the grace period'), 0, 'SHUTDOWN_GRACE_MS=0: no grace period');
      assert.equal(idleSockets(agent), 0, 'the service closed the idle connection');
    } finally {
      agent.destroy();
      await service?.kill();
    }
  });
}
