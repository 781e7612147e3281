// the router restarted as a real process (SIGTERM, exit, a new process on the same port) while
// keep-alive clients query through the router: no request sent before the signal fails.
// The procedure is in restart-under-load.ts; the other parts run in-process from the test stack.
import { after, before, test } from 'node:test';
import { startStack, type Stack } from '../support/stack.ts';
import { assertNothingLost, restartUnderLoad } from './restart-under-load.ts';

let stack: Stack;
before(async () => {
  stack = await startStack({ label: 'e2e_shutdown_router_restart', logLevel: 'error' });
});
after(() => stack?.stop());

test('the router restarted under load: zero failed requests among those sent before SIGTERM', async () => {
  assertNothingLost(await restartUnderLoad(stack, 'router'));
});
