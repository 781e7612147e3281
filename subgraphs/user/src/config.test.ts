import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ConfigError } from '@tracklore/shared/config';
import { loadUserConfig } from './config.ts';

const secrets = { GATEWAY_SECRET: 'g'.repeat(32), INTERNAL_API_SECRET: 'i'.repeat(32) };

test('defaults follow the conventions', () => {
  const config = loadUserConfig(secrets);
  assert.equal(config.port, 4002);
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.databaseUrl, 'postgresql://postgres@127.0.0.1:5432/tracklore_user');
  assert.equal(config.authUrl, 'http://127.0.0.1:4001');
  assert.equal(config.kafkaGroupId, 'user-service');
  assert.deepEqual(config.kafkaBrokers, ['127.0.0.1:9092']);
  assert.equal(config.audience, 'tracklore');
});

test('AUTH_URL loses its trailing slash; brokers are split', () => {
  const config = loadUserConfig({ ...secrets, AUTH_URL: 'http://auth:4001/', KAFKA_BROKERS: 'a:1, b:2' });
  assert.equal(config.authUrl, 'http://auth:4001');
  assert.deepEqual(config.kafkaBrokers, ['a:1', 'b:2']);
});

test('errors name the variable', () => {
  assert.throws(() => loadUserConfig({ GATEWAY_SECRET: 'g'.repeat(32) }), (error: unknown) => error instanceof ConfigError && /INTERNAL_API_SECRET is required/.test(error.message));
  assert.throws(() => loadUserConfig({ ...secrets, USER_PORT: 'x', AUTH_TIMEOUT_MS: '0' }), (error: unknown) => error instanceof ConfigError && /USER_PORT/.test(error.message) && /AUTH_TIMEOUT_MS/.test(error.message));
});
