import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SESSION_EXPIRED_NOTICE, SessionManager, type Clock, type RefreshResult, type SessionTokens, type TokenStore } from './session-manager.ts';

/** A clock whose timers run only when the test advances time. */
class FakeClock implements Clock {
  time = 1_000_000;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;
  now = (): number => this.time;
  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.time).sort((a, b) => a - b);
  }
  async advance(ms: number): Promise<void> {
    this.time += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at <= this.time) {
        this.timers.delete(id);
        timer.callback();
      }
    }
    await flush();
  }
}

class MemoryStore implements TokenStore {
  constructor(public token: string | null = null) {}
  read = () => this.token;
  write = (token: string | null) => {
    this.token = token;
  };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function tokens(n: number, expiresIn = 900): SessionTokens {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn, userId: '42' };
}

function setup(results: Array<RefreshResult | Promise<RefreshResult> | Error>, stored: string | null = null) {
  const clock = new FakeClock();
  const store = new MemoryStore(stored);
  const calls: string[] = [];
  const session = new SessionManager({
    clock,
    store,
    refresh: async (token) => {
      calls.push(token);
      const next = results.shift();
      if (next === undefined) throw new Error('unexpected refresh call');
      if (next instanceof Error) throw next;
      return next;
    },
  });
  return { clock, store, calls, session };
}

test('signIn keeps the access token in memory, the refresh token in the store, and schedules a refresh', async () => {
  const { session, store, clock } = setup([]);
  session.signIn(tokens(1));
  assert.deepEqual(session.getState(), { status: 'signed-in', userId: '42' });
  assert.equal(store.token, 'refresh-1');
  assert.equal(await session.getAccessToken(), 'access-1');
  assert.deepEqual(clock.pending(), [840_000]);
});

test('the scheduled refresh rotates both tokens before expiry', async () => {
  const { session, store, clock, calls } = setup([{ kind: 'ok', tokens: tokens(2) }]);
  session.signIn(tokens(1));
  await clock.advance(839_999);
  assert.deepEqual(calls, []);
  await clock.advance(1);
  assert.deepEqual(calls, ['refresh-1']);
  assert.equal(store.token, 'refresh-2');
  assert.equal(await session.getAccessToken(), 'access-2');
  assert.deepEqual(clock.pending(), [840_000]);
});

test('a token about to expire is refreshed before it is handed out (timers may not have fired)', async () => {
  const { session, clock, calls } = setup([{ kind: 'ok', tokens: tokens(2) }]);
  session.signIn(tokens(1));
  clock.time += 897_000; // the tab slept: the timer did not run
  assert.equal(await session.getAccessToken(), 'access-2');
  assert.deepEqual(calls, ['refresh-1']);
});

test('concurrent callers share one refreshSession call', async () => {
  let resolve!: (r: RefreshResult) => void;
  const { session, calls } = setup([new Promise<RefreshResult>((r) => (resolve = r))]);
  session.signIn(tokens(1, 1));
  const both = Promise.all([session.getAccessToken(), session.getAccessToken(), session.refresh()]);
  resolve({ kind: 'ok', tokens: tokens(2) });
  const [a, b] = await both;
  assert.equal(a, 'access-2');
  assert.equal(b, 'access-2');
  assert.deepEqual(calls, ['refresh-1']);
});

test('a rejected refresh ends the session with a notice and forgets the tokens', async () => {
  const { session, store, clock } = setup([{ kind: 'rejected' }]);
  session.signIn(tokens(1));
  const states: string[] = [];
  session.subscribe(() => states.push(session.getState().status));
  await clock.advance(840_000);
  assert.deepEqual(session.getState(), { status: 'signed-out', notice: SESSION_EXPIRED_NOTICE, reason: 'expired' });
  assert.deepEqual(states, ['signed-out']);
  assert.equal(store.token, null);
  assert.equal(await session.getAccessToken(), null);
  assert.deepEqual(clock.pending(), []);
});

test('a refusal that says why (a disabled account) shows its own notice', async () => {
  const { session, clock } = setup([{ kind: 'rejected', notice: 'This account has been disabled.' }]);
  session.signIn(tokens(1));
  await clock.advance(840_000);
  assert.deepEqual(session.getState(), { status: 'signed-out', notice: 'This account has been disabled.', reason: 'expired' });
});

test('an unreachable server keeps the session and retries with backoff', async () => {
  const { session, clock, calls } = setup([{ kind: 'unavailable' }, new Error('fetch failed'), { kind: 'ok', tokens: tokens(2) }]);
  session.signIn(tokens(1));
  await clock.advance(840_000);
  assert.equal(session.getState().status, 'signed-in');
  assert.deepEqual(clock.pending(), [1_000]);
  await clock.advance(1_000);
  assert.deepEqual(clock.pending(), [2_000]);
  await clock.advance(2_000);
  assert.deepEqual(calls, ['refresh-1', 'refresh-1', 'refresh-1']);
  assert.equal(await session.getAccessToken(), 'access-2');
});

test('recoverFromUnauthenticated refreshes once and reports whether a retry makes sense', async () => {
  const { session } = setup([{ kind: 'ok', tokens: tokens(2) }, { kind: 'rejected' }]);
  session.signIn(tokens(1));
  assert.equal(await session.recoverFromUnauthenticated(), true);
  assert.equal(await session.recoverFromUnauthenticated(), false);
  assert.equal(session.getState().status, 'signed-out');
  assert.equal(await session.recoverFromUnauthenticated(), false);
});

test('restore without a stored token starts signed out without calling the server', async () => {
  const { session, calls } = setup([]);
  await session.restore();
  assert.deepEqual(session.getState(), { status: 'signed-out', notice: null, reason: 'logged-out' });
  assert.deepEqual(calls, []);
});

test('restore trades a stored refresh token for a session', async () => {
  const { session, calls } = setup([{ kind: 'ok', tokens: tokens(2) }], 'refresh-1');
  const restoring = session.restore();
  assert.equal(session.getState().status, 'restoring');
  await restoring;
  assert.deepEqual(calls, ['refresh-1']);
  assert.deepEqual(session.getState(), { status: 'signed-in', userId: '42' });
});

test('restore with a dead refresh token signs out with the expiry notice', async () => {
  const { session, store } = setup([{ kind: 'rejected' }], 'refresh-1');
  await session.restore();
  assert.deepEqual(session.getState(), { status: 'signed-out', notice: SESSION_EXPIRED_NOTICE, reason: 'expired' });
  assert.equal(store.token, null);
});

test('restore while the server is down reports unavailable and keeps retrying', async () => {
  const { session, clock } = setup([{ kind: 'unavailable' }, { kind: 'ok', tokens: tokens(2) }], 'refresh-1');
  await session.restore();
  assert.equal(session.getState().status, 'unavailable');
  await clock.advance(1_000);
  assert.equal(session.getState().status, 'signed-in');
});

test('a refresh answer arriving after logout does not sign the user back in', async () => {
  let resolve!: (r: RefreshResult) => void;
  const { session, store } = setup([new Promise<RefreshResult>((r) => (resolve = r))]);
  session.signIn(tokens(1));
  const pending = session.refresh();
  session.end(null);
  resolve({ kind: 'ok', tokens: tokens(2) });
  await pending;
  assert.deepEqual(session.getState(), { status: 'signed-out', notice: null, reason: 'logged-out' });
  assert.equal(store.token, null);
});
