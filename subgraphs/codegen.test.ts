// The committed resolver types (src/resolvers/types.generated.ts of each subgraph) are what
// GraphQL Code Generator makes of the subgraph schemas: typecheck proves the resolvers against
// them, so they must not drift from schema.graphql.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

test('subgraphs/*/src/resolvers/types.generated.ts are current with the subgraph schemas', () => {
  const cli = join(ROOT, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js');
  const result = spawnSync(process.execPath, [cli, '--config', 'subgraphs/codegen.ts', '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, `resolver types are stale: run \`npm run codegen:subgraphs\`\n${result.stdout}\n${result.stderr}`);
});
