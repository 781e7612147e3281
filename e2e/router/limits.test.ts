// Request limits on the real stack: over-deep and over-wide operations and an oversized body are
// refused with clear errors, and the router keeps serving. The limits are lowered via the
// router's ROUTER_MAX_* variables so that real Tracklore operations hit them.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { errorCode, signUp, type SignedUp } from '../support/client.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
let account: SignedUp;

before(async () => {
  stack = await startStack({
    label: 'e2e_router_limits',
    env: { router: { ROUTER_MAX_DEPTH: '4', ROUTER_MAX_ALIASES: '5', ROUTER_MAX_FIELDS: '40', ROUTER_MAX_BODY_BYTES: '8192' } },
  });
  account = await signUp(stack.routerUrl);
});

after(() => stack?.stop());

async function stillServing(): Promise<void> {
  const result = await stack.graphql<{ me: { id: string } }>('{ me { id } }', {}, { token: account.accessToken });
  assert.deepEqual(result.data, { me: { id: account.user.id } }, 'the router keeps serving');
}

test('an over-deep operation is QUERY_TOO_DEEP', async () => {
  const within = await stack.graphql('{ me { badges { badge { slug } } } }', {}, { token: account.accessToken });
  assert.equal(within.status, 200, JSON.stringify(within.errors));
  const deep = await stack.graphql('mutation { signUp(email: "deep@example.test", password: "correct horse battery") { user { badges { badge { slug } } } } }');
  assert.equal(deep.status, 400);
  assert.equal(errorCode(deep), 'QUERY_TOO_DEEP');
  assert.match(deep.errors?.[0]?.message ?? '', /nested 5 levels deep; the limit is 4/);
  assert.equal(deep.data, undefined, 'nothing ran: no account was created');
  await stillServing();
});

test('an over-wide operation is TOO_MANY_ALIASES or TOO_MANY_FIELDS', async () => {
  const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: me { id }`).join(' ');
  const wide = await stack.graphql(`{ ${aliases} }`, {}, { token: account.accessToken });
  assert.equal(wide.status, 400);
  assert.equal(errorCode(wide), 'TOO_MANY_ALIASES');
  assert.match(wide.errors?.[0]?.message ?? '', /uses 6 aliases; the limit is 5/);
  const spreads = Array.from({ length: 8 }, () => '...Everything').join(' ');
  const fields = await stack.graphql(`{ me { ${spreads} } } fragment Everything on User { id email roles createdAt profile { displayName bio } }`, {}, { token: account.accessToken });
  assert.equal(fields.status, 400);
  assert.equal(errorCode(fields), 'TOO_MANY_FIELDS');
  await stillServing();
});

test('an oversized body is PAYLOAD_TOO_LARGE (413)', async () => {
  const response = await fetch(stack.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${account.accessToken}` },
    body: JSON.stringify({ query: 'mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { bio } }', variables: { input: { bio: 'x'.repeat(10_000) } } }),
  });
  assert.equal(response.status, 413);
  const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
  assert.equal(body.errors[0]?.extensions.code, 'PAYLOAD_TOO_LARGE');
  assert.match(body.errors[0]?.message ?? '', /limit is 8192/);
  const profile = await stack.graphql<{ me: { profile: { bio: string | null } } }>('{ me { profile { bio } } }', {}, { token: account.accessToken });
  assert.equal(profile.data?.me.profile.bio, null, 'the oversized update did not run');
  await stillServing();
});
