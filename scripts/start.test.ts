// `npm start` with KAFKA_BROKERS at a closed port must fail at once, naming Kafka and the address.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { freePort } from '@tracklore/devkit/ports';

test('npm start fails fast when KAFKA_BROKERS points at a closed port', async () => {
  const address = `127.0.0.1:${await freePort()}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, KAFKA_BROKERS: address },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.equal(code, 1, output);
  assert.match(output, new RegExp(`Kafka failed to start: no broker is listening at ${address.replace(/\./g, '\\.')}`));
  assert.doesNotMatch(output, /auth\s+starting/, 'nothing after Kafka was started');
});
