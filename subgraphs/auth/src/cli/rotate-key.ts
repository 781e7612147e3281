// `npm run auth:rotate-key`: a new signing key signs from now on; the old public key stays in the
// JWKS until every token it signed has expired, so nobody is logged out. Running instances pick
// the new key up at once (NOTIFY) or within a minute. Prints kids only, never key material.
import { systemClock } from '@tracklore/shared/clock';
import { loadConfig } from '@tracklore/shared/config';
import { createLogger } from '@tracklore/shared/logger';
import { cliEnvSchema } from '../config.ts';
import { createDb } from '../db.ts';
import { createKeyCipher } from '../tokens/key-encryption.ts';
import { rotateSigningKey } from '../tokens/key-ring.ts';

const env = loadConfig(cliEnvSchema);
const db = createDb({ url: env.AUTH_DATABASE_URL, logger: createLogger('auth-cli', env.LOG_LEVEL) });
try {
  const result = await rotateSigningKey(db, env.ACCESS_TOKEN_TTL_SECONDS, systemClock.date(), createKeyCipher(env.SIGNING_KEY_ENCRYPTION_SECRET));
  process.stdout.write(
    `new signing key ${result.kid}\n` +
      (result.retired.length > 0 ? `retired ${result.retired.join(', ')}; published until ${result.publishRetiredUntil.toISOString()}\n` : 'no key was active before\n'),
  );
} catch (error) {
  console.error(`auth:rotate-key failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
