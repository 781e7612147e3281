// Key rotation without logging anyone out: a new key signs, the old public key stays in the JWKS
// while its tokens can live, then drops out. Also runs the two commands as real processes.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { decodeProtectedHeader } from 'jose';
import { createLogger } from '@tracklore/shared/logger';
import { systemClock } from '@tracklore/shared/clock';
import { createDb } from '../src/db.ts';
import { PUBLISH_GRACE_MS, rotateSigningKey } from '../src/tokens/key-ring.ts';
import { logIn, signUp, startTestAuth, uniqueEmail } from './helpers.ts';

const t = await startTestAuth('auth_key_rotation');
const run = promisify(execFile);
const AUTH_ROOT = fileURLToPath(new URL('..', import.meta.url));

const jwksKids = async () => ((await (await fetch(`${t.auth.url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);
const me = async (token: string) => (await t.gql<{ me: { id: string } | null }>('{ me { id } }', {}, { token })).data?.me ?? null;

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = systemClock.now() + timeoutMs;
  while (!(await check())) {
    if (systemClock.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('after a rotation new tokens use the new key and old tokens keep working', async () => {
  const email = uniqueEmail('rotation');
  const before = await signUp(t, email);
  const oldKid = decodeProtectedHeader(before.accessToken).kid!;
  const db = createDb({ url: t.databaseUrl, logger: createLogger('test', 'silent') });
  let rotated;
  try {
    rotated = await rotateSigningKey(db, t.config.accessTokenTtlSeconds, systemClock.date());
  } finally {
    await db.$disconnect();
  }
  assert.deepEqual(rotated.retired, [oldKid]);
  // The running service hears the NOTIFY and reloads.
  await eventually(async () => (await jwksKids()).includes(rotated.kid));
  assert.deepEqual(new Set(await jwksKids()), new Set([oldKid, rotated.kid]));
  const after = (await logIn(t, email)).data!.logIn;
  assert.equal(decodeProtectedHeader(after.accessToken).kid, rotated.kid);
  assert.deepEqual(await me(before.accessToken), { id: before.user.id }, 'old token still valid');
  assert.deepEqual(await me(after.accessToken), { id: before.user.id });
  const { rows } = await t.sql.query('SELECT extract(epoch FROM publish_until - retired_at) * 1000 AS ms FROM signing_keys WHERE kid = $1', [oldKid]);
  assert.equal(Number(rows[0].ms), t.config.accessTokenTtlSeconds * 1000 + PUBLISH_GRACE_MS);

  // Once its tokens cannot be alive any more, the old key leaves the JWKS and stops verifying.
  await t.sql.query(`UPDATE signing_keys SET publish_until = now() - interval '1 second' WHERE kid = $1`, [oldKid]);
  await t.sql.query(`NOTIFY auth_signing_keys`);
  await eventually(async () => !(await jwksKids()).includes(oldKid));
  assert.equal(await me(before.accessToken), null);
  assert.deepEqual(await me(after.accessToken), { id: before.user.id });
});

test('the rotate-key and grant-role commands work and print no key material', async () => {
  const env = { ...process.env, AUTH_DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'warn' };
  const rotate = await run(process.execPath, ['--import', 'tsx', 'src/cli/rotate-key.ts'], { cwd: AUTH_ROOT, env });
  const kid = rotate.stdout.match(/^new signing key (\S+)$/m)?.[1];
  assert.ok(kid, rotate.stdout);
  assert.doesNotMatch(rotate.stdout + rotate.stderr, /"d"|private/i);
  await eventually(async () => (await jwksKids()).includes(kid));

  const email = uniqueEmail('admin');
  await signUp(t, email);
  const grant = await run(process.execPath, ['--import', 'tsx', 'src/cli/grant-role.ts', email, 'admin'], { cwd: AUTH_ROOT, env });
  assert.match(grant.stdout, /granted ADMIN .* roles now USER, ADMIN/);
  const { rows } = await t.sql.query('SELECT roles::text[] AS roles FROM users WHERE email = $1', [email]);
  assert.deepEqual(rows[0].roles, ['USER', 'ADMIN']);
  await assert.rejects(run(process.execPath, ['--import', 'tsx', 'src/cli/grant-role.ts', uniqueEmail('nobody')], { cwd: AUTH_ROOT, env }), /no account/);
});
