import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { AppError } from '@tracklore/shared/errors';
import { createAuthClient, type AuthClientOptions } from './auth-client.ts';
import { FakeClock } from '@tracklore/devkit/fake-clock';

type Reply = { status: number; body?: unknown } | 'hang' | 'network-error';

/** An injected fetch that answers from a script and records what it was asked. */
function scriptedFetch(replies: Reply[]) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const reply = replies.shift() ?? { status: 500 };
    if (reply === 'network-error') throw new TypeError('fetch failed');
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }
    return new Response(reply.body === undefined ? '' : JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

function client(replies: Reply[], extra: Partial<AuthClientOptions> = {}) {
  const clock = new FakeClock();
  const { fetchImpl, calls } = scriptedFetch(replies);
  const auth = createAuthClient({ baseUrl: 'http://auth.test:4001/', serviceSecret: 's'.repeat(40), fetch: fetchImpl, clock, random: () => 0.5, ...extra });
  return { auth, calls, clock };
}

const unavailable = (error: unknown) => error instanceof AppError && error.code === 'SERVICE_UNAVAILABLE';

test('getUser sends the service secret and returns the user without identity fields', async () => {
  const { auth, calls } = client([{ status: 200, body: { id: 42, email: 'a@b.c', roles: ['USER'], createdAt: '2026-01-01T00:00:00.000Z' } }]);
  assert.deepEqual(await auth.getUser(42), { id: 42, roles: ['USER'], createdAt: '2026-01-01T00:00:00.000Z' });
  assert.equal(calls.length, 1);
  assert.equal(calls[0]?.url, 'http://auth.test:4001/internal/users/42');
  assert.equal(new Headers(calls[0]?.init.headers).get('x-service-secret'), 's'.repeat(40));
});

test('getUser answers null for a 404 and does not retry it', async () => {
  const { auth, calls } = client([{ status: 404, body: { error: { code: 'NOT_FOUND', message: 'no' } } }]);
  assert.equal(await auth.getUser(7), null);
  assert.equal(calls.length, 1);
});

test('5xx and network errors are retried with growing backoff', async () => {
  const { auth, calls, clock } = client(['network-error', { status: 503 }, { status: 200, body: { id: 7, roles: ['ADMIN'], createdAt: 'x' } }]);
  assert.deepEqual(await auth.getUser(7), { id: 7, roles: ['ADMIN'], createdAt: 'x' });
  assert.equal(calls.length, 3);
  // Each attempt sleeps on its timeout (cancelled when the answer comes); the backoffs in between double.
  const backoffs = clock.sleeps.filter((ms) => ms !== 1000);
  assert.deepEqual(backoffs, [75, 150]);
});

test('an attempt that never answers times out; after the retries the call is SERVICE_UNAVAILABLE', async () => {
  const { auth, calls } = client(['hang', 'hang', 'hang', 'hang'], { timeoutMs: 500, deadlineMs: 10_000 });
  await assert.rejects(auth.getUser(1), unavailable);
  assert.equal(calls.length, 3, 'first attempt plus two retries');
  assert.ok(calls.every((c) => c.init.signal?.aborted), 'timed-out requests are aborted');
});

test('the overall deadline bounds the retries', async () => {
  const { auth, calls } = client(['hang', 'hang', 'hang'], { timeoutMs: 1000, deadlineMs: 1200, retries: 5 });
  await assert.rejects(auth.getUser(1), unavailable);
  assert.equal(calls.length, 2, 'the second attempt gets only what is left of the deadline, then no more');
});

test('the circuit opens after consecutive failures: later calls fail without a request, then a trial goes through', async () => {
  const { auth, calls, clock } = client(
    [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 200, body: { active: false } }],
    { retries: 0, breakerThreshold: 3, breakerOpenMs: 5000 },
  );
  for (let i = 0; i < 3; i++) await assert.rejects(auth.introspect('t'), unavailable);
  assert.equal(auth.breakerState, 'open');
  await assert.rejects(auth.introspect('t'), (error: unknown) => unavailable(error) && (error as AppError).details.retryAfter === 5);
  assert.equal(calls.length, 3, 'no request while open');
  clock.advance(5000);
  assert.deepEqual(await auth.introspect('t'), { active: false });
  assert.equal(auth.breakerState, 'closed');
});

test('introspect posts the token and validates the answer', async () => {
  const active = { active: true, userId: 42, sessionId: '5b0c2a4e-0d4b-4c53-9d0e-3f1d2f0b8a11', roles: ['USER'], exp: 1_800_000_000 };
  const { auth, calls } = client([{ status: 200, body: active }, { status: 200, body: { active: 'yes' } }]);
  assert.deepEqual(await auth.introspect('tok'), active);
  assert.equal(calls[0]?.url, 'http://auth.test:4001/internal/introspect');
  assert.equal(calls[0]?.init.method, 'POST');
  assert.deepEqual(JSON.parse(String(calls[0]?.init.body)), { token: 'tok' });
  await assert.rejects(auth.introspect('tok'), unavailable, 'a malformed answer is not trusted');
});

test('a 401 (wrong INTERNAL_API_SECRET) is SERVICE_UNAVAILABLE to the caller and is not retried', async () => {
  const { auth, calls } = client([{ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'bad secret' } } }]);
  await assert.rejects(auth.getUser(3), unavailable);
  assert.equal(calls.length, 1);
});

test('misuse is a TypeError', () => {
  assert.throws(() => createAuthClient({ baseUrl: 'http://a', serviceSecret: 'x', retries: -1 }), TypeError);
  const { auth } = client([]);
  return assert.rejects(auth.getUser(0), TypeError);
});
