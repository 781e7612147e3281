import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { AppError } from '@tracklore/shared/errors';
import type { AccessTokenClaims } from '@tracklore/shared/tokens/access-token';
import type { Introspection } from './auth-client.ts';
import { FakeClock } from '@tracklore/devkit/fake-clock';
import { createViewerAuth } from './viewer.ts';

const claims = (jti: string, exp: number): AccessTokenClaims => ({ userId: 7, roles: ['USER'], sessionId: 's1', jti, exp });

function setup(answers: Array<Introspection | Error>, cacheSeconds = 30) {
  const clock = new FakeClock();
  const asked: string[] = [];
  const viewers = createViewerAuth({
    verify: async (token) => claims(token, Math.floor(clock.now() / 1000) + 900),
    auth: {
      introspect: async (token) => {
        asked.push(token);
        const answer = answers.shift() ?? { active: false };
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
    cacheSeconds,
    clock,
  });
  return { viewers, asked, clock };
}

const active: Introspection = { active: true, userId: 7, sessionId: 's1', roles: ['USER', 'ADMIN'], exp: 2_000_000_000 };

test('no bearer token means no viewer; a token is verified locally without asking auth', async () => {
  const { viewers, asked } = setup([]);
  assert.equal(await viewers.fromAuthorization(undefined), null);
  const viewer = await viewers.fromAuthorization('Bearer t1');
  assert.equal(viewer?.userId, 7);
  assert.deepEqual(asked, []);
});

test('confirm asks auth once per token within the cache time, and takes roles from auth', async () => {
  const { viewers, asked, clock } = setup([active, { active: false }]);
  const viewer = (await viewers.fromAuthorization('Bearer t1'))!;
  assert.deepEqual((await viewers.confirm(viewer)).roles, ['USER', 'ADMIN']);
  await viewers.confirm(viewer);
  assert.equal(asked.length, 1);
  clock.advance(30_000);
  await assert.rejects(viewers.confirm(viewer), (e: unknown) => e instanceof AppError && e.code === 'UNAUTHENTICATED');
  assert.equal(asked.length, 2);
});

test('failures are not cached; an answer for another session is refused', async () => {
  const { viewers, asked } = setup([new AppError('SERVICE_UNAVAILABLE', 'down'), { ...active, sessionId: 'other' }]);
  const viewer = (await viewers.fromAuthorization('Bearer t1'))!;
  await assert.rejects(viewers.confirm(viewer), (e: unknown) => e instanceof AppError && e.code === 'SERVICE_UNAVAILABLE');
  await assert.rejects(viewers.confirm(viewer), (e: unknown) => e instanceof AppError && e.code === 'UNAUTHENTICATED');
  assert.equal(asked.length, 2);
});
