// SHUTDOWN_GRACE_MS is one variable read by every service, validated at start with the others.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { ConfigError } from '@tracklore/shared/config';
import { loadRouterConfig } from '../../router/src/config.ts';
import { loadAuthConfig } from '../../subgraphs/auth/src/config.ts';
import { loadUserConfig } from '../../subgraphs/user/src/config.ts';

const secrets = { GATEWAY_SECRET: 'g'.repeat(32), INTERNAL_API_SECRET: 'i'.repeat(32) };
const loaders = { router: loadRouterConfig, auth: loadAuthConfig, user: loadUserConfig };

for (const [name, load] of Object.entries(loaders)) {
  test(`${name}: SHUTDOWN_GRACE_MS defaults to 5000 ms, takes 0, and a malformed value is named`, () => {
    assert.equal(load(secrets).shutdownGraceMs, 5000);
    assert.equal(load({ ...secrets, SHUTDOWN_GRACE_MS: '0' }).shutdownGraceMs, 0);
    for (const bad of ['-1', 'soon', '1.5', '600001']) {
      assert.throws(() => load({ ...secrets, SHUTDOWN_GRACE_MS: bad }), (error: unknown) => error instanceof ConfigError && /SHUTDOWN_GRACE_MS/.test(error.message), `${name} accepted ${bad}`);
    }
  });
}
