// The root `npm run typecheck` covers Node code only; the browser app has its own tsconfig (DOM,
// JSX, bundler resolution). This runs both frontend configs so `npm test` catches type errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FRONTEND = join(dirname(fileURLToPath(import.meta.url)), '..');
const TSC = join(FRONTEND, '..', 'node_modules', 'typescript', 'bin', 'tsc');

for (const project of ['tsconfig.json', 'tsconfig.node.json']) {
  test(`frontend/${project} typechecks`, () => {
    const result = spawnSync(process.execPath, [TSC, '-p', project, '--noEmit'], { cwd: FRONTEND, encoding: 'utf8' });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  });
}
