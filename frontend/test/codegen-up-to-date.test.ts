// The committed API schema and generated operation types match the supergraph and the
// operations in src/: the build runs offline from them, so they must not drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_SCHEMA_PATH, renderApiSchema } from '../scripts/api-schema.ts';

const FRONTEND = join(dirname(fileURLToPath(import.meta.url)), '..');

test('frontend/schema.graphql is the current API schema of the supergraph', () => {
  const { sdl, source } = renderApiSchema();
  assert.equal(readFileSync(API_SCHEMA_PATH, 'utf8'), sdl, `stale against ${source}: run \`npm run codegen -w @tracklore/frontend\``);
});

test('src/gql/ is what GraphQL Code Generator makes of the operations', () => {
  const cli = join(FRONTEND, '..', 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js');
  const result = spawnSync(process.execPath, [cli, '--config', 'codegen.ts', '--check'], { cwd: FRONTEND, encoding: 'utf8' });
  assert.equal(result.status, 0, `generated types are stale: run \`npm run codegen -w @tracklore/frontend\`\n${result.stdout}\n${result.stderr}`);
});
