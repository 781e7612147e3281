// What the bad-input tests share: the stack they run the corpus against (bad-input-corpus.ts has
// the cases), sending one request exactly as written, and the checks every case gets: no 5xx,
// every error carries an extensions.code (none INTERNAL_SERVER_ERROR), no stack trace or SQL in
// the body, and afterwards the router still serves a normal query.
import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { decodeJwt, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import pg from 'pg';
import { createLogger } from '@tracklore/shared/logger';
import { createDb } from '../../subgraphs/auth/src/db.ts';
import { grantRole } from '../../subgraphs/auth/src/domain/roles.ts';
import { signUp, TEST_PASSWORD, uniqueEmail, type SignedUp } from '../support/client.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { bearer, op, type Expectation, type Fixtures, type HttpRequest } from './bad-input-corpus.ts';

const UNLIMITED = '1000000';

/** Cases run a few at a time, each on its own connection; no case depends on another's outcome. */
export const CONCURRENCY = 4;

export interface Answer {
  status: number;
  text: string;
  body?: { data?: unknown; errors?: Array<{ message?: string; extensions?: Record<string, unknown> }>; error?: { code?: unknown } } | unknown[];
}

/** Sends `spec` on a connection of its own (a refused request may close it) and reads the whole answer. */
export function send(stack: Stack, spec: HttpRequest): Promise<Answer> {
  const url = new URL(stack.routerUrl);
  const body = spec.body === undefined ? undefined : Buffer.from(spec.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: spec.method ?? 'POST',
        path: spec.path ?? '/graphql',
        headers: { ...spec.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: Answer['body'];
          try {
            parsed = text === '' ? undefined : (JSON.parse(text) as Answer['body']);
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

type Single = Exclude<Answer['body'], unknown[] | undefined>;
export const responses = (answer: Answer): Single[] => (Array.isArray(answer.body) ? (answer.body as Single[]) : answer.body ? [answer.body] : []);

const STACK_TRACE = /stacktrace|\n\s+at |node_modules|\.[jt]s:\d+/i;
const SQL = /\b(select|insert into|delete from|update \S+ set)\b|prisma|postgres|sqlstate|22021|invalid byte sequence|violates .* constraint/i;

/** The checks every case gets, whatever it sent. */
export function assertWellFormed(name: string, answer: Answer): void {
  const shown = `${name}: HTTP ${answer.status} ${answer.text.slice(0, 600)}`;
  assert.ok(answer.status >= 200 && answer.status < 500, shown);
  assert.doesNotMatch(answer.text, STACK_TRACE, `${shown}: a stack trace`);
  assert.doesNotMatch(answer.text, SQL, `${shown}: SQL`);
  if (answer.text !== '' && answer.status >= 400) assert.ok(answer.body !== undefined, `${shown}: an error answer must be JSON`);
  for (const response of responses(answer)) {
    if (typeof response !== 'object' || response === null) continue;
    // The HTTP edge's own non-GraphQL answers (unknown paths) are { error: { code, message } }.
    if ('error' in response && response.error) assert.equal(typeof response.error.code, 'string', `${shown}: error without a code`);
    for (const error of response.errors ?? []) {
      assert.equal(typeof error.extensions?.code, 'string', `${shown}: an error without extensions.code`);
      assert.notEqual(error.extensions?.code, 'INTERNAL_SERVER_ERROR', shown);
    }
  }
}

export function assertExpected(name: string, answer: Answer, expected: Expectation): void {
  const shown = `${name}: HTTP ${answer.status} ${answer.text.slice(0, 600)}`;
  if (expected.status !== undefined) assert.equal(answer.status, expected.status, shown);
  const [first] = responses(answer);
  const error = first?.errors?.[0] ?? (first?.error ? { extensions: { code: first.error.code } } : undefined);
  if (expected.code !== undefined) assert.equal(error?.extensions?.code, expected.code, shown);
  if (expected.field !== undefined) assert.equal(error?.extensions?.field, expected.field, shown);
  if (expected.data !== undefined) assert.deepEqual(first?.data, expected.data, shown);
}

/** A normal query through the router, across a subgraph, answers in full. */
export async function assertStillServing({ stack, fixtures }: CorpusStack, name: string): Promise<void> {
  const answer = await send(stack, op('{ me { id } }', undefined, {}, bearer(fixtures.user.accessToken)));
  assert.deepEqual(responses(answer)[0], { data: { me: { id: fixtures.user.id } } }, `after ${name}: the router still serves`);
}

/** Access tokens a client could forge, made with the stack's real signing key where that matters. */
async function forgedTokens(stack: Stack, account: SignedUp, revoked: SignedUp): Promise<Fixtures['tokens']> {
  const sql = new pg.Client({ connectionString: stack.databases.auth });
  await sql.connect();
  const { rows } = await sql.query<{ kid: string; private_jwk: JWK; public_jwk: JWK }>('SELECT kid, private_jwk, public_jwk FROM signing_keys WHERE retired_at IS NULL');
  await sql.end();
  const active = rows[0]!;
  const realKey = await importJWK(active.private_jwk, 'EdDSA');
  const foreign = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const claims = decodeJwt(account.accessToken);
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const hs256Header = b64({ alg: 'HS256', kid: active.kid });
  const hs256 = `${hs256Header}.${b64(claims)}`;
  const now = Math.floor(Date.now() / 1000);
  const [h, , s] = account.accessToken.split('.');
  return {
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
    'HS256 keyed with the public key': `${hs256}.${createHmac('sha256', JSON.stringify(active.public_jwk)).update(hs256).digest('base64url')}`,
    'signed with another key': await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: active.kid }).sign(foreign.privateKey),
    'unknown key id': await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: 'unknown-kid' }).sign(foreign.privateKey),
    expired: await new SignJWT({ ...claims, iat: now - 1000, exp: now - 60 }).setProtectedHeader({ alg: 'EdDSA', kid: active.kid }).sign(realKey),
    'tampered roles': `${h}.${b64({ ...claims, roles: ['USER', 'ADMIN'] })}.${s}`,
    'revoked session': revoked.accessToken,
  };
}

/** A token's first write (its introspection gets cached), tried again while auth is too slow to answer. */
async function firstWrite(stack: Stack, mutation: string, token: string): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    const result = await stack.graphql(mutation, {}, { token });
    if (result.data && !result.errors) return result.data;
    if (attempt === 5 || result.errors?.[0]?.extensions?.code !== 'SERVICE_UNAVAILABLE') throw new Error(`${mutation}: ${JSON.stringify(result.errors)}`);
  }
}

export interface CorpusStack {
  stack: Stack;
  fixtures: Fixtures;
}

/** The stack with rate limits and the introspection cache raised (so the corpus, not a limit, is what answers) and the fixtures. */
export async function startCorpusStack(label: string): Promise<CorpusStack> {
  const stack = await startStack({
    label,
    env: {
      auth: {
        RATE_LIMIT_LOGIN_ACCOUNT_MAX: UNLIMITED,
        RATE_LIMIT_LOGIN_ADDRESS_MAX: UNLIMITED,
        RATE_LIMIT_SIGNUP_ADDRESS_MAX: UNLIMITED,
        RATE_LIMIT_RESET_ADDRESS_MAX: UNLIMITED,
      },
      // Writes introspect the token at auth: once per token here (warmed up below), so a slow
      // answer on a busy machine cannot turn a corpus write into SERVICE_UNAVAILABLE.
      user: { INTROSPECTION_CACHE_SECONDS: '300' },
    },
  });
  try {
    return { stack, fixtures: await createFixtures(stack) };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

async function createFixtures(stack: Stack): Promise<Fixtures> {
  const adminEmail = uniqueEmail('corpus.admin');
  const [account, revoked] = await Promise.all([signUp(stack.routerUrl), signUp(stack.routerUrl), signUp(stack.routerUrl, adminEmail)]);
  const db = createDb({ url: stack.databases.auth, logger: createLogger('corpus', 'silent') });
  try {
    await grantRole(db, adminEmail, 'ADMIN');
  } finally {
    await db.$disconnect();
  }
  const [admin] = await Promise.all([
    stack.graphql<{ logIn: { accessToken: string } }>('mutation ($e: String!, $p: String!) { logIn(email: $e, password: $p) { accessToken } }', { e: adminEmail, p: TEST_PASSWORD }),
    stack.graphql('mutation ($t: String!) { logOut(refreshToken: $t) }', { t: revoked.refreshToken }),
  ]);
  const adminToken = admin.data?.logIn.accessToken;
  assert.ok(adminToken, JSON.stringify(admin.errors));
  // In turn: run at once, these two deadlock in PostgreSQL (40P01, both award first-goal to the user).
  const goal = await firstWrite(stack, 'mutation { createGoal(input: { title: "Corpus goal" }) { id } }', account.accessToken);
  await firstWrite(stack, `mutation { awardBadge(userId: "${account.user.id}", badgeSlug: "first-goal") { awardedAt } }`, adminToken);
  return {
    user: { id: account.user.id, email: account.user.email, accessToken: account.accessToken },
    adminToken,
    goalId: (goal as { createGoal: { id: string } }).createGoal.id,
    tokens: await forgedTokens(stack, account, revoked),
  };
}

