// Services, the router and the shared package read the time only through the Clock
// (packages/shared/src/clock.ts): no `Date.now()` or argument-less `new Date()` anywhere else in
// their sources and tests, so every timestamp, timeout and backoff can be driven by a FakeClock.
// The scan itself is proven on a throw-away tree.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const SCANNED = ['subgraphs', 'router', join('packages', 'shared')];
const CLOCK = join('packages', 'shared', 'src', 'clock.ts');
const TIME_READ = /Date\.now\(\)|new Date\(\)/;

function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'generated') return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** `file:line` of every direct time read under `root`'s scanned folders, outside the Clock. */
function timeReadsOutsideClock(root: string): string[] {
  return SCANNED.flatMap((d) => sourceFiles(join(root, d)))
    .filter((file) => relative(root, file) !== CLOCK)
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (TIME_READ.test(line) ? [`${relative(root, file)}:${i + 1}`] : [])),
    );
}

test('outside the Clock, nothing in subgraphs, router or packages/shared reads Date.now() or new Date()', () => {
  assert.ok(sourceFiles(join(process.cwd(), 'subgraphs')).length > 50, 'the scan sees the subgraph sources');
  assert.deepEqual(timeReadsOutsideClock(process.cwd()), []);
});

test('the scan reports each direct time read and leaves the Clock and dated constructors alone', () => {
  const root = mkdtempSync(join(tmpdir(), 'tracklore-clock-only-'));
  try {
    mkdirSync(join(root, 'packages', 'shared', 'src'), { recursive: true });
    mkdirSync(join(root, 'router', 'src'), { recursive: true });
    writeFileSync(join(root, CLOCK), 'export const now = () => Date.now();\nexport const date = () => new Date();\n');
    writeFileSync(join(root, 'router', 'src', 'a.ts'), 'const ok = new Date(0);\nconst t = Date.now();\nconst d = new Date();\n');
    assert.deepEqual(timeReadsOutsideClock(root), [join('router', 'src', 'a.ts') + ':2', join('router', 'src', 'a.ts') + ':3']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
