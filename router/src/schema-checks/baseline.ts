// Which committed supergraph the breaking-change check compares against. Rules (also in
// schema-checks/README.md), first match wins:
//  1. SCHEMA_CHECK_BASE names a git revision: use it. It must resolve (CI fetches it), else the
//     check fails rather than silently comparing nothing.
//  2. `origin/main` exists and HEAD has commits that are not on it (a branch): the merge base of
//     HEAD and origin/main, i.e. main as the branch saw it, so later commits on main do not show
//     up as "removed" by the branch.
//  3. Otherwise (on main, or no remote): HEAD~1, so the check covers the last commit plus any
//     uncommitted edit. For a pull request's merge commit, HEAD~1 is the target branch's tip.
//  4. No such commit (a fresh single-commit repository, a depth-1 shallow clone, no git at all),
//     or the file did not exist there: there is no baseline and the check is skipped, saying why.
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';

export type Baseline =
  | { found: true; revision: string; commit: string; sdl: string; why: string }
  | { found: false; why: string };

export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

const commitOf = (cwd: string, revision: string) => git(cwd, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);

export interface BaselineOptions {
  /** Any folder inside the work tree. */
  cwd: string;
  /** The supergraph file whose committed version is wanted (absolute path). */
  file: string;
  /** Explicit revision (SCHEMA_CHECK_BASE). */
  explicitBase?: string;
  /** Default 'origin/main'. */
  mainRef?: string;
}

export function resolveBaseline(options: BaselineOptions): Baseline {
  const { cwd } = options;
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if (!top) {
    if (options.explicitBase) throw new BaselineError(`SCHEMA_CHECK_BASE=${options.explicitBase} is set, but ${cwd} is not in a git work tree`);
    return { found: false, why: 'not a git work tree' };
  }
  const shallow = git(cwd, ['rev-parse', '--is-shallow-repository']) === 'true';
  const mainRef = options.mainRef ?? 'origin/main';
  let revision: string;
  let why: string;
  if (options.explicitBase) {
    if (!commitOf(cwd, options.explicitBase)) {
      throw new BaselineError(`SCHEMA_CHECK_BASE=${options.explicitBase} does not name a commit here${shallow ? ' (shallow clone: fetch it first)' : ''}`);
    }
    revision = options.explicitBase;
    why = 'SCHEMA_CHECK_BASE';
  } else {
    const head = commitOf(cwd, 'HEAD');
    if (!head) return { found: false, why: 'the repository has no commits yet' };
    const main = commitOf(cwd, mainRef);
    const onBranch = main !== undefined && git(cwd, ['merge-base', '--is-ancestor', head, main]) === undefined;
    if (onBranch) {
      const base = git(cwd, ['merge-base', head, main]);
      revision = base ?? mainRef;
      why = base ? `merge base of HEAD and ${mainRef}` : `${mainRef} (no merge base in this${shallow ? ' shallow' : ''} clone)`;
    } else {
      if (!commitOf(cwd, 'HEAD~1')) {
        return { found: false, why: shallow ? 'shallow clone without the previous commit (fetch with depth ≥ 2 or set SCHEMA_CHECK_BASE)' : 'HEAD is the first commit' };
      }
      revision = 'HEAD~1';
      why = main === undefined ? `no ${mainRef}: the previous commit` : `HEAD is on ${mainRef}: the previous commit`;
    }
  }
  const commit = commitOf(cwd, revision) ?? revision;
  const path = relative(top, options.file).split('\\').join('/');
  const sdl = git(cwd, ['show', `${commit}:${path}`]);
  if (sdl === undefined) return { found: false, why: `${path} does not exist at ${revision} (${commit.slice(0, 12)}): nothing to compare with` };
  return { found: true, revision, commit, sdl, why };
}
