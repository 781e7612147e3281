// A real crash: SIGKILL of an auth process right after a burst of sign-ups (some events claimed or
// mid-publish); a restarted process delivers every event within its short outbox lease.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, test } from 'node:test';
import { USER_CREATED_TOPIC } from '@tracklore/shared/events/user-created';
import { signGatewayHeader, GATEWAY_HEADER } from '@tracklore/shared/gateway-trust';
import { freePort } from '@tracklore/devkit/ports';
import { readTopic } from '@tracklore/devkit/test-kafka';
import { AUTH_PAYLOAD, GATEWAY_SECRET, startTestAuth, uniqueEmail, type AuthPayload, emailOf, inChunks, unsentEvents } from './helpers.ts';

const LEASE_MS = 3000;
const t = await startTestAuth('auth_outbox_crash', { RATE_LIMIT_SIGNUP_ADDRESS_MAX: '1000', OUTBOX_LEASE_MS: String(LEASE_MS) });
const reader = await readTopic(USER_CREATED_TOPIC);
after(() => reader.stop());

const unsent = (emails: string[]) => unsentEvents(t, emails);

test('SIGKILL of an auth process right after a burst of sign-ups: a restarted process delivers every event', async () => {
  // Only the child processes relay: the harness's in-process instance would otherwise pick the claims up.
  await t.auth.stop();
  const port = await freePort();
  const env = { ...process.env, ...t.env, AUTH_PORT: String(port), LOG_LEVEL: 'warn' };
  const startChild = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'subgraphs/auth/src/main.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    after(() => void child.kill('SIGKILL'));
    return child;
  };
  const waitUp = async (child: ChildProcess) => {
    for (let i = 0; i < 300; i += 1) {
      if (child.exitCode !== null) throw new Error(`auth child exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('auth child did not become ready');
  };
  const first = startChild();
  await waitUp(first);
  const emails = Array.from({ length: 20 }, () => uniqueEmail('killed'));
  await inChunks(emails, 5, async (email) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [GATEWAY_HEADER]: signGatewayHeader(GATEWAY_SECRET) },
      body: JSON.stringify({ query: `mutation($e: String!, $p: String!) { signUp(email: $e, password: $p) { ${AUTH_PAYLOAD} } }`, variables: { e: email, p: 'correct horse battery staple' } }),
    });
    const body = (await response.json()) as { data?: { signUp?: AuthPayload } };
    assert.ok(body.data?.signUp, `sign-up of ${email} answered`);
  });
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));

  const second = startChild();
  await waitUp(second);
  const arrived = await reader.waitFor((m) => emails.includes(emailOf(m)), 20, 20_000);
  assert.deepEqual(new Set(arrived.map(emailOf)), new Set(emails), 'every event delivered (at least once)');
  for (let i = 0; i < 50 && (await unsent(emails)) > 0; i += 1) await new Promise((r) => setTimeout(r, 200));
  assert.equal(await unsent(emails), 0, 'nothing left unsent');
  second.kill('SIGTERM');
  await new Promise((r) => second.once('exit', r));
});
