// The repository's Markdown stands on its own: every link resolves inside the repository (file and
// heading), nothing points at ../shared or the web, and the file paths docs quote exist. The
// checker itself is proven on a throw-away tree with one broken link of each kind.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkMarkdown, headingAnchors, markdownFiles } from './lib/markdown-links.ts';

const ROOT = process.cwd();

test('every Markdown link of the repository resolves inside it, to an existing file and heading', () => {
  const files = markdownFiles(ROOT);
  assert.ok(files.some((f) => f.endsWith(join('docs', 'DESIGN.md'))), 'docs/DESIGN.md is in the repository');
  assert.ok(files.some((f) => f.endsWith(join('docs', 'request-flow.md'))), 'docs/request-flow.md is in the repository');
  assert.deepEqual(checkMarkdown(ROOT, files), []);
});

test('GitHub heading anchors: punctuation dropped, spaces to hyphens, repeats numbered', () => {
  const anchors = headingAnchors('# Router → subgraph: the trust header\n## `User.profile` is nullable\n## Tests\n## Tests\n```\n# not a heading\n```\n');
  assert.deepEqual([...anchors], ['router--subgraph-the-trust-header', 'userprofile-is-nullable', 'tests', 'tests-1']);
});

test('the checker reports each kind of bad link and quoted path, and accepts good ones', () => {
  const root = mkdtempSync(join(tmpdir(), 'tracklore-docs-links-'));
  try {
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'DESIGN.md'), '# Design\n## Trust between services\n');
    writeFileSync(
      join(root, 'README.md'),
      [
        '# Readme',
        'Good: [design](docs/DESIGN.md), [trust](docs/DESIGN.md#trust-between-services), [top](#readme), `docs/DESIGN.md`.',
        'Outside: [old design](../shared/DESIGN.md).',
        'Missing: [gone](docs/GONE.md) and [no heading](docs/DESIGN.md#events).',
        'Web: [site](https://example.com/) and <https://example.com/>.',
        'Absolute: [tmp](/tmp/conventions.md).',
        'Quoted: `router/src/missing.ts`.',
        '```',
        '[inside a code block](nowhere.md)',
        '```',
        '',
      ].join('\n'),
    );
    const problems = checkMarkdown(root, markdownFiles(root));
    assert.deepEqual(
      problems.map((p) => `${p.where} ${p.target}`),
      [
        'README.md:3 ../shared/',
        'README.md:3 ../shared/DESIGN.md',
        'README.md:4 docs/GONE.md',
        'README.md:4 docs/DESIGN.md#events',
        'README.md:5 https://example.com/',
        'README.md:5 https://example.com/',
        'README.md:6 /tmp/conventions.md',
        'README.md:7 router/src/missing.ts',
      ],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
