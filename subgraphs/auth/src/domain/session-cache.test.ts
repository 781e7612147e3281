import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FakeClock } from '@tracklore/devkit/fake-clock';
import type { ActiveSession } from '../repositories/sessions.ts';
import { SessionCache } from './session-cache.ts';

const session = (id: string, expiresAtMs = 10_000): ActiveSession => ({
  sessionId: id,
  userId: 7,
  expiresAt: new Date(expiresAtMs),
  user: { id: 7, email: 'a@b.test', roles: ['USER'], createdAt: new Date(0), emailVerifiedAt: null, disabledAt: null, disabledReason: null },
});

function setup(options: { ttlMs?: number; maxEntries?: number } = {}) {
  const clock = new FakeClock(1000);
  const state = { trusted: true, cleared: 0 };
  const cache = new SessionCache({
    ttlMs: options.ttlMs ?? 500,
    maxEntries: options.maxEntries,
    clock,
    trusted: () => state.trusted,
    onCleared: () => (state.cleared += 1),
  });
  return { cache, clock, state };
}

test('an entry is served until its TTL or its session expiry, whichever is first', () => {
  const { cache, clock } = setup();
  cache.set(cache.mark(), session('a'));
  cache.set(cache.mark(), session('b', 1200));
  assert.equal(cache.get('a')?.sessionId, 'a');
  clock.advance(200); // 1200
  assert.equal(cache.get('b'), undefined, 'the session itself expired');
  assert.equal(cache.get('a')?.sessionId, 'a');
  clock.advance(300); // 1500
  assert.equal(cache.get('a'), undefined, 'past the TTL');
});

test('a row read before a clear() is not stored (the revocation may have been missed)', () => {
  const { cache, state } = setup();
  const mark = cache.mark();
  cache.clear();
  cache.set(mark, session('a'));
  assert.equal(cache.get('a'), undefined);
  assert.equal(state.cleared, 1);
  cache.set(cache.mark(), session('a'));
  assert.equal(cache.get('a')?.sessionId, 'a');
  cache.clear();
  assert.equal(cache.get('a'), undefined, 'clear() drops every entry');
});

test('nothing is served or stored while invalidations cannot arrive, nor with a TTL of 0', () => {
  const { cache, state } = setup();
  cache.set(cache.mark(), session('a'));
  state.trusted = false;
  assert.equal(cache.get('a'), undefined);
  cache.set(cache.mark(), session('b'));
  state.trusted = true;
  assert.equal(cache.get('b'), undefined);
  const off = setup({ ttlMs: 0 }).cache;
  off.set(off.mark(), session('a'));
  assert.equal(off.get('a'), undefined);
});

test('past maxEntries the oldest entry goes first', () => {
  const { cache } = setup({ maxEntries: 2 });
  for (const id of ['a', 'b', 'c']) cache.set(cache.mark(), session(id));
  assert.deepEqual(['a', 'b', 'c'].map((id) => cache.get(id)?.sessionId ?? null), [null, 'b', 'c']);
});
