// Checks the repository's Markdown: every link must stay inside the repository and resolve (a
// file that exists, a heading that exists), and every file path quoted in code spans must exist.
// A clone has nothing beside it, so a link out of the tree (or to a web page that may move) is a
// dead link for the next reader.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';

const SKIP_DIRS = new Set(['node_modules', 'generated', 'dist', 'test-results']);

/** Every `*.md` under `root`, outside node_modules, build output and dot-directories. */
export function markdownFiles(root: string, dir = root, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) markdownFiles(root, path, out);
    else if (entry.name.endsWith('.md')) out.push(path);
  }
  return out.sort();
}

/** The lines of `text` outside fenced code blocks, with their 1-based numbers. */
function proseLines(text: string): Array<{ line: number; text: string }> {
  const lines: Array<{ line: number; text: string }> = [];
  let fence: string | null = null;
  text.split('\n').forEach((value, index) => {
    const marker = value.match(/^\s{0,3}(`{3,}|~{3,})/)?.[1];
    if (marker && (fence === null || marker.startsWith(fence))) {
      fence = fence === null ? marker : null;
      return;
    }
    if (fence === null) lines.push({ line: index + 1, text: value });
  });
  return lines;
}

const CODE_SPAN = /(`+)(.+?)\1/g;
const INLINE_LINK = /!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g;
const REFERENCE_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/;
const AUTOLINK = /<([a-z][a-z0-9+.-]*:[^\s>]*)>/gi;
/** A code span that names a file of the repository, e.g. `router/src/app.ts`. */
const FILE_PATH = /^[\w.@-]+(?:\/[\w.@-]+)+\.(?:ts|tsx|js|mjs|md|json|graphql|prisma|sql|xml|yaml|yml|txt|html|css|conf)$/;

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of proseLines(markdown)) {
    const heading = text.match(/^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/)?.[1];
    if (heading === undefined) continue;
    const plain = heading.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = plain.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

export interface LinkProblem {
  /** File and line, relative to the root: `router/README.md:30`. */
  where: string;
  target: string;
  problem: string;
}

/** What is wrong with one link target written in `file` (none: undefined). */
function checkTarget(root: string, file: string, target: string): string | undefined {
  if (target === '') return 'empty link target';
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return 'points outside the repository (an absolute URL)';
  if (target.startsWith('/')) return 'points outside the repository (an absolute path)';
  const [rawPath = '', rawAnchor] = target.split('#', 2);
  const path = decodeURIComponent(rawPath);
  const resolved = path === '' ? file : resolve(dirname(file), path);
  const inside = relative(root, resolved);
  if (inside === '..' || inside.startsWith(`..${sep}`)) return 'points outside the repository';
  if (!existsSync(resolved)) return `${inside} does not exist`;
  if (rawAnchor === undefined) return undefined;
  if (statSync(resolved).isDirectory() || extname(resolved) !== '.md') return `an anchor into ${inside}, which is not a Markdown file`;
  const anchor = decodeURIComponent(rawAnchor).toLowerCase();
  if (!headingAnchors(readFileSync(resolved, 'utf8')).has(anchor)) return `${inside} has no heading #${anchor}`;
  return undefined;
}

/** Every broken or outward link, and every quoted file path that does not exist, in `files`. */
export function checkMarkdown(root: string, files: string[]): LinkProblem[] {
  const problems: LinkProblem[] = [];
  for (const file of files) {
    const name = relative(root, file);
    for (const { line, text } of proseLines(readFileSync(file, 'utf8'))) {
      const where = `${name}:${line}`;
      const report = (target: string, problem: string | undefined): void => {
        if (problem) problems.push({ where, target, problem });
      };
      if (text.includes('../shared/')) report('../shared/', 'names the design document outside the repository (it is docs/DESIGN.md)');
      for (const [, , span = ''] of text.matchAll(CODE_SPAN)) {
        const path = span.trim();
        if (FILE_PATH.test(path) && !existsSync(join(root, path)) && !existsSync(resolve(dirname(file), path))) {
          report(path, 'quoted file path exists neither from the repository root nor from this file');
        }
      }
      const prose = text.replace(CODE_SPAN, '');
      const definition = prose.match(REFERENCE_DEFINITION)?.[1];
      const targets = [...prose.matchAll(INLINE_LINK)].map((m) => m[1] ?? '');
      if (definition !== undefined) targets.push(definition);
      for (const [, url = ''] of prose.matchAll(AUTOLINK)) targets.push(url);
      for (const target of targets) report(target, checkTarget(root, file, target));
    }
  }
  return problems;
}
