// The user subgraph goes down under a running stack: the router keeps answering what the auth
// subgraph owns, reports SERVICE_UNAVAILABLE for the user subgraph's fields, shows it on /ready,
// and answers in full again once the subgraph is back, without a restart.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { signUp, type SignedUp } from '../support/client.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let account: SignedUp;

before(async () => {
  stack = await startStack({ label: 'e2e_router_degradation' });
  account = await signUp(stack.routerUrl);
  // Make sure the user subgraph knows the account before it goes away.
  const warm = await stack.graphql('{ me { profile { bio } } }', {}, { token: account.accessToken });
  assert.equal(warm.errors, undefined, JSON.stringify(warm.errors));
});

after(() => stack?.stop());

type Me = { me: { id: string; email: string; profile?: { bio: string | null } | null } | null };

async function readiness(): Promise<{ status: number; checks: Record<string, { ok: boolean; error?: string }> }> {
  const response = await fetch(`${stack.router.url}/ready`);
  const body = (await response.json()) as { checks: Record<string, { ok: boolean; error?: string }> };
  return { status: response.status, checks: body.checks };
}

test('with the user subgraph stopped: auth fields answer, user fields get SERVICE_UNAVAILABLE, /ready says which', async () => {
  await stack.user.stop();

  const identity = await stack.graphql<Me>('{ me { id email } }', {}, { token: account.accessToken });
  assert.deepEqual(identity.data, { me: { id: account.user.id, email: account.user.email } });
  assert.equal(identity.errors, undefined);

  const mixed = await stack.graphql<Me>('{ me { id email profile { bio } } }', {}, { token: account.accessToken });
  assert.equal(mixed.status, 200, 'partial results are not a failed request');
  assert.equal(mixed.errors?.length, 1);
  assert.equal(mixed.errors?.[0]?.extensions?.code, 'SERVICE_UNAVAILABLE');
  assert.equal(mixed.errors?.[0]?.extensions?.serviceName, 'user');
  // User.profile is nullable in the contract for exactly this: id and email survive next to the error.
  assert.deepEqual(mixed.data, { me: { id: account.user.id, email: account.user.email, profile: null } });

  const ready = await readiness();
  assert.equal(ready.status, 503);
  assert.equal(ready.checks['subgraph:auth']?.ok, true);
  assert.equal(ready.checks['subgraph:user']?.ok, false);
  assert.match(ready.checks['subgraph:user']?.error ?? '', /ECONNREFUSED/);
});

test('once the user subgraph is back, the same router answers in full and is ready', async () => {
  await stack.user.start();
  const full = await stack.graphql<Me>('{ me { id email profile { bio } } }', {}, { token: account.accessToken });
  assert.equal(full.errors, undefined, JSON.stringify(full.errors));
  assert.deepEqual(full.data, { me: { id: account.user.id, email: account.user.email, profile: { bio: null } } });
  assert.equal((await readiness()).status, 200);
});
