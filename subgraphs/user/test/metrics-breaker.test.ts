// "Is auth down, seen from the user subgraph?" on /metrics: the auth client's circuit breaker
// state is closed while auth answers, and open once writes that need auth have failed in a row.
// The auth subgraph is a real HTTP stand-in, refusing connections when down. Counts only.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { parsePrometheusText, sampleValue, type Exposition } from '@tracklore/devkit/prometheus-text';
import { errorCodes, startFixture, type Fixture } from './support/fixture.ts';

const TOKEN = randomBytes(32).toString('base64url');
const UPDATE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName } }`;
let f: Fixture;

before(async () => {
  f = await startFixture('user_metrics_breaker', { METRICS_TOKEN: TOKEN, AUTH_TIMEOUT_MS: '300' }, { authClient: { breakerThreshold: 2, breakerOpenMs: 60_000 } });
});
after(() => f?.stop());

async function scrape(): Promise<Exposition> {
  const response = await fetch(`${f.user.service.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(response.status, 200);
  return parsePrometheusText(await response.text());
}

test('the circuit state reads closed while auth answers and open after failed calls in a row', async () => {
  const breaker = (m: Exposition) => ['closed', 'open', 'half-open'].map((state) => sampleValue(m, 'user_auth_client_circuit_state', { state }));
  const who = await f.signIn();
  assert.deepEqual(errorCodes(await f.gql(UPDATE, { input: { displayName: 'Up' } }, who)), []);
  assert.deepEqual(breaker(await scrape()), [1, 0, 0]);

  await f.auth.down();
  const other = await f.signIn();
  assert.deepEqual(errorCodes(await f.gql(UPDATE, { input: { displayName: 'Down' } }, other)), ['SERVICE_UNAVAILABLE']);
  const metrics = await scrape();
  assert.deepEqual(breaker(metrics), [0, 1, 0]);
  assert.equal(sampleValue(metrics, 'graphql_errors_total', { operation: 'anonymous', code: 'SERVICE_UNAVAILABLE' }), 1);
});
