import { strict as assert } from 'node:assert';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { clientAddress, clientInfo, userLoader } from './context.ts';
import type { AuthServices } from './domain/services.ts';

test('the user loader answers many ids with one findMany, in the order asked, null when missing', async () => {
  const calls: unknown[] = [];
  const row = (id: number) => ({ id, email: `u${id}@x.test`, roles: ['USER'], createdAt: new Date(0), passwordHash: 'h', passwordChangedAt: new Date(0) });
  const db = {
    user: {
      findMany: async (args: { where: { id: { in: number[] } } }) => {
        calls.push(args.where.id.in);
        return args.where.id.in.filter((id) => id !== 3).map(row).reverse();
      },
    },
  };
  const loader = userLoader({ db } as unknown as AuthServices);
  const users = await Promise.all([loader.load(1), loader.load(2), loader.load(3), loader.load(1)]);
  assert.deepEqual(calls, [[1, 2, 3]]);
  assert.deepEqual(users.map((u) => u?.id ?? null), [1, 2, null, 1]);
  assert.equal(users[0] && 'passwordHash' in users[0], false, 'the hash never leaves the loader');
});

const request = (headers: Record<string, string>, remoteAddress = '127.0.0.1') => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

test('client address: the right-most x-forwarded-for entry (added by the router), else the socket', () => {
  assert.equal(clientAddress(request({ 'x-forwarded-for': '203.0.113.9' })), '203.0.113.9');
  assert.equal(clientAddress(request({ 'x-forwarded-for': '1.1.1.1, 203.0.113.9' })), '203.0.113.9');
  assert.equal(clientAddress(request({})), '127.0.0.1');
  assert.equal(clientAddress(request({ 'x-forwarded-for': ' , ' }, '::1')), '::1');
  assert.deepEqual(clientInfo(request({ 'user-agent': 'UA/1' })), { address: '127.0.0.1', userAgent: 'UA/1', traceparent: null });
  assert.equal(clientInfo(request({ 'user-agent': 'x'.repeat(600) })).userAgent?.length, 512);
});

test('traceparent: kept when it is a W3C trace context, dropped otherwise', () => {
  const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  assert.equal(clientInfo(request({ traceparent: valid })).traceparent, valid);
  assert.equal(clientInfo(request({ traceparent: 'not-a-trace' })).traceparent, null);
  assert.equal(clientInfo(request({ traceparent: `${valid}\r\nx: y` })).traceparent, null);
});
