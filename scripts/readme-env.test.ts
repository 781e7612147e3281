// The README's variable tables (Shared, Tracing, Auth subgraph, User subgraph, Router) list exactly the
// variables the services' config schemas read, with the schemas' defaults. The checker is proven on
// a fixture table and schema.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import { env, envVariables } from '@tracklore/shared/config';
import { authEnvSchema } from '../subgraphs/auth/src/config.ts';
import { userEnvSchema } from '../subgraphs/user/src/config.ts';
import { routerEnvSchema } from '../router/src/config.ts';
import { telemetryEnvSchema } from '@tracklore/shared/telemetry/config';
import { REPO_ROOT } from '../router/src/paths.ts';
import { compareEnv, readEnvTables } from './lib/readme-env.ts';

const SERVICE_TABLES = ['Shared', 'Tracing (OpenTelemetry)', 'Auth subgraph', 'User subgraph', 'Router'] as const;
/** Path defaults are absolute in the schema; the README writes them relative to the repository. */
const asWritten = (value: string): string => (value.startsWith(REPO_ROOT) ? relative(REPO_ROOT, value) : value);

test("the README's variable tables list exactly the variables the config schemas read, with their defaults", () => {
  const rows = readEnvTables(readFileSync('README.md', 'utf8'), SERVICE_TABLES);
  assert.ok(rows.length > 50, `read ${rows.length} rows from the README's tables`);
  const variables = { ...envVariables(telemetryEnvSchema), ...envVariables(authEnvSchema), ...envVariables(userEnvSchema), ...envVariables(routerEnvSchema) };
  assert.deepEqual(compareEnv(rows, variables, asWritten), []);
});

const FIXTURE = `### Service
| variable | default | meaning |
|---|---|---|
| \`APP_HOST\` / \`APP_PORT\` | \`127.0.0.1\` / \`4001\` | listen address |
| \`LIMIT_MAX\` / \`_WINDOW_SECONDS\` | \`5\` / \`900\` | attempts per window |
| \`APP_SECRET\` | *(stack: random per run)* | ≥ 32 chars |

### Elsewhere
| \`NOT_READ_HERE\` | \`1\` | another table |
`;
const fixtureSchema = z.object({
  APP_HOST: z.string().default('127.0.0.1'),
  APP_PORT: env.port(4001),
  LIMIT_MAX: env.int(5),
  LIMIT_WINDOW_SECONDS: env.int(900),
  APP_SECRET: env.secret(),
});

test('the checker reads shorthand rows and agrees with a matching fixture schema', () => {
  const rows = readEnvTables(FIXTURE, ['Service']);
  assert.deepEqual(rows.map((r) => r.name), ['APP_HOST', 'APP_PORT', 'LIMIT_MAX', 'LIMIT_WINDOW_SECONDS', 'APP_SECRET']);
  assert.deepEqual(compareEnv(rows, envVariables(fixtureSchema)), []);
});

test('the checker fails when a schema reads a variable the README does not list, or defaults differently', () => {
  const rows = readEnvTables(FIXTURE, ['Service']);
  const grown = fixtureSchema.extend({ APP_NEW_OPTION: env.int(3), APP_PORT: env.port(4999) });
  assert.deepEqual(compareEnv(rows, envVariables(grown)), [
    'APP_PORT: the README says `4001`, the schema defaults to `4999`',
    "APP_NEW_OPTION is read by a config schema but not in the README's tables",
  ]);
  assert.deepEqual(compareEnv(rows, envVariables(fixtureSchema.omit({ APP_SECRET: true }))), [
    "APP_SECRET is in the README's tables but no config schema reads it",
  ]);
});
