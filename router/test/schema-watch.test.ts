// Development: with ROUTER_WATCH_SCHEMAS the router recomposes when a subgraph schema file changes
// and serves the new supergraph without a restart; a change that does not compose is logged and
// the last good supergraph stays in service.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import { systemClock } from '@tracklore/shared/clock';
import { startRouter, type RunningRouter } from '../src/app.ts';
import { composeFixtureSupergraph, FIXTURE_DIR, postGraphQL, startFixtureSubgraph, testRouterConfig, type FixtureSubgraph, type FixtureSupergraph } from './support/fixture-subgraphs.ts';

const USER_V1 = readFileSync(join(FIXTURE_DIR, 'user.graphql'), 'utf8');
const USER_V2 = USER_V1.replace('type Profile {\n  bio: String\n}', 'type Profile {\n  bio: String\n  location: String\n}');

let auth: FixtureSubgraph;
let user: FixtureSubgraph;
let supergraph: FixtureSupergraph;
let router: RunningRouter;
const logLines: string[] = [];

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = systemClock.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (systemClock.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

before(async () => {
  assert.notEqual(USER_V1, USER_V2, 'the fixture edit applies');
  supergraph = composeFixtureSupergraph();
  // The running user subgraph already serves v2; the supergraph starts at v1.
  auth = await startFixtureSubgraph('auth');
  user = await startFixtureSubgraph('user', { sdl: USER_V2 });
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) }));
  router = await startRouter(testRouterConfig(supergraph, { auth, user }, { ROUTER_WATCH_SCHEMAS: 'true' }), { logger, watchIntervalMs: 50 });
});

after(async () => {
  await router?.stop();
  await auth?.stop();
  await user?.stop();
  supergraph?.remove();
});

const LOCATION = { query: '{ me { profile { bio location } } }' };
const token = { authorization: 'Bearer user-4' };

test('a subgraph schema change is recomposed and served without a restart', async () => {
  const before = await postGraphQL(router.graphqlUrl, LOCATION, token);
  assert.equal(before.status, 400, 'Profile.location is not in the supergraph yet');
  assert.equal(router.supergraphVersion(), 1);
  supergraph.writeSchema('user', USER_V2);
  const after = await until('the recomposed supergraph', async () => {
    const result = await postGraphQL(router.graphqlUrl, LOCATION, token);
    return result.status === 200 ? result : undefined;
  });
  assert.deepEqual(after.body, { data: { me: { profile: { bio: 'bio of 4', location: null } } } });
  assert.equal(router.supergraphVersion(), 2);
});

test('a change that does not compose is logged and the last good supergraph keeps serving', async () => {
  supergraph.writeSchema('user', USER_V2.replace('type User @key(fields: "id") {\n  id: ID!', 'type User @key(fields: "id") {\n  id: ID!\n  email: Int!'));
  await until('the composition error in the log', async () => (logLines.some((l) => l.includes('supergraph does not compose')) ? true : undefined));
  assert.ok(logLines.some((l) => l.includes('INVALID_FIELD_SHARING') || l.includes('FIELD_TYPE_MISMATCH')));
  const result = await postGraphQL(router.graphqlUrl, LOCATION, token);
  assert.equal(result.status, 200);
  assert.equal(router.supergraphVersion(), 2);
});
