// Only the router may talk GraphQL to the subgraphs: a direct request, _entities included, is
// refused without the router's credential (or with a forged one), while the same operation
// through the router works.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { GATEWAY_HEADER, signGatewayHeader } from '@tracklore/shared/gateway-trust';
import { graphqlRequest, signUp } from '../support/client.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;

before(async () => {
  stack = await startStack({ label: 'e2e_router_trust' });
});

after(() => stack?.stop());

const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id profile { bio } } } }';

test('direct requests to either subgraph without the router credential are refused', async () => {
  const account = await signUp(stack.routerUrl);
  const representations = { r: [{ __typename: 'User', id: account.user.id }] };
  const attempts: Array<Record<string, string>> = [
    {},
    { [GATEWAY_HEADER]: 'v1.1700000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    { [GATEWAY_HEADER]: signGatewayHeader('not-the-gateway-secret-but-long-enough-000') },
  ];
  for (const part of [stack.auth, stack.user]) {
    for (const headers of attempts) {
      const entities = await graphqlRequest(part.graphqlUrl, ENTITIES, representations, { token: account.accessToken, headers });
      assert.equal(entities.status, 401, `${part.graphqlUrl} refuses _entities with ${JSON.stringify(headers)}`);
      assert.equal(entities.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      assert.equal(entities.data, undefined);
    }
  }
  const me = await graphqlRequest(stack.auth.graphqlUrl, '{ me { id email } }', {}, { token: account.accessToken });
  assert.equal(me.status, 401, 'a valid user token is not the router credential');
});

test('the same subgraph answers the router (and a request signed with the gateway secret)', async () => {
  const account = await signUp(stack.routerUrl);
  const viaRouter = await stack.graphql('{ me { id profile { bio } } }', {}, { token: account.accessToken });
  assert.deepEqual(viaRouter.data, { me: { id: account.user.id, profile: { bio: null } } });
  const signed = await graphqlRequest(stack.user.graphqlUrl, ENTITIES, { r: [{ __typename: 'User', id: account.user.id }] }, {
    headers: { [GATEWAY_HEADER]: signGatewayHeader(stack.secrets.gateway) },
  });
  assert.equal(signed.status, 200);
  assert.deepEqual(signed.data, { _entities: [{ id: account.user.id, profile: { bio: null } }] });
});
