// The three schema checks CI runs (`npm run schema:check`, and a test in `npm test`):
//  1. composition: the subgraph schemas compose;
//  2. up to date: the committed supergraph.graphql is exactly a fresh composition;
//  3. breaking changes: against the supergraph as last released (released.ts), none unless accepted.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { composeSupergraph, formatProblems, type CompositionResult } from '../composition/compose.ts';
import { readSupergraphConfig } from '../composition/supergraph-config.ts';
import { readAcceptedChanges } from './accepted-changes.ts';
import { readReleasedSupergraph } from './released.ts';
import { findBreakingChanges, type SchemaChange } from './breaking-changes.ts';

export type CheckName = 'composition' | 'up-to-date' | 'breaking-changes';

export interface CheckResult {
  name: CheckName;
  status: 'pass' | 'fail' | 'skip';
  /** One line each, for people. */
  details: string[];
  /** Breaking changes found (accepted or not), for tools and tests. */
  changes?: SchemaChange[];
}

export interface SchemaCheckOptions {
  /** supergraph.yaml (absolute path). */
  configPath: string;
  /** The committed supergraph.graphql (absolute path). */
  supergraphPath: string;
  /** schema-checks/accepted-changes.json (absolute path; missing = nothing accepted). */
  acceptedChangesPath: string;
  /** schema-checks/released.graphql: the supergraph as last released (absolute path). */
  releasedPath: string;
}

export interface SchemaCheckReport {
  ok: boolean;
  checks: CheckResult[];
}

const describe = (c: SchemaChange) => `${c.type} ${c.path || '(schema)'}: ${c.message}`;

async function breakingChanges(options: SchemaCheckOptions, currentSdl: string): Promise<CheckResult> {
  const name = 'breaking-changes';
  const baselineSdl = readReleasedSupergraph(options.releasedPath);
  const against = `the released supergraph ${relative(process.cwd(), options.releasedPath)}`;
  const acceptances = readAcceptedChanges(options.acceptedChangesPath);
  const report = await findBreakingChanges(baselineSdl, currentSdl, acceptances);
  const details = [`compared with ${against}: ${report.changeCount} change(s)`];
  details.push(...report.unaccepted.map((c) => `BREAKING ${describe(c)}`));
  details.push(...report.accepted.map((c) => `accepted ${describe(c)}`));
  details.push(...report.dangerous.map((c) => `dangerous ${describe(c)}`));
  details.push(...report.unusedAcceptances.map((a) => `unused acceptance ${a.type} ${a.path} (npm run schema:release removes it)`));
  if (report.unaccepted.length > 0) {
    details.push(`to accept a breaking change on purpose, add {"type", "path", "reason"} to ${options.acceptedChangesPath}`);
  }
  return { name, status: report.unaccepted.length > 0 ? 'fail' : 'pass', details, changes: [...report.unaccepted, ...report.accepted] };
}

export async function runSchemaChecks(options: SchemaCheckOptions): Promise<SchemaCheckReport> {
  const checks: CheckResult[] = [];
  let result: CompositionResult;
  try {
    result = composeSupergraph(readSupergraphConfig(options.configPath));
  } catch (error) {
    result = { ok: false, problems: [{ code: 'SUPERGRAPH_CONFIG', message: (error as Error).message }] };
  }
  if (!result.ok) {
    checks.push({ name: 'composition', status: 'fail', details: formatProblems(result.problems).split('\n') });
    checks.push({ name: 'up-to-date', status: 'skip', details: ['needs a successful composition'] });
  } else {
    checks.push({ name: 'composition', status: 'pass', details: result.hints.map((h) => `hint: ${h}`) });
    let committed: string | undefined;
    try {
      committed = readFileSync(options.supergraphPath, 'utf8');
    } catch {
      committed = undefined;
    }
    checks.push(
      committed === result.supergraphSdl
        ? { name: 'up-to-date', status: 'pass', details: [] }
        : {
            name: 'up-to-date',
            status: 'fail',
            details: [`${options.supergraphPath} ${committed === undefined ? 'is missing' : 'differs from a fresh composition'}: run \`npm run schema:compose\` and commit it`],
          },
    );
  }
  // Compare what will be served: the fresh composition, or the committed file when composition fails.
  let current: string | undefined = result.ok ? result.supergraphSdl : undefined;
  if (current === undefined) {
    try {
      current = readFileSync(options.supergraphPath, 'utf8');
    } catch {
      current = undefined;
    }
  }
  if (current === undefined) {
    checks.push({ name: 'breaking-changes', status: 'skip', details: ['no supergraph to compare'] });
  } else {
    try {
      checks.push(await breakingChanges(options, current));
    } catch (error) {
      checks.push({ name: 'breaking-changes', status: 'fail', details: [(error as Error).message] });
    }
  }
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}

export function formatReport(report: SchemaCheckReport): string {
  const lines = report.checks.flatMap((c) => [`${c.status.toUpperCase().padEnd(4)} ${c.name}`, ...c.details.map((d) => `       ${d}`)]);
  lines.push(report.ok ? 'schema checks passed' : 'schema checks FAILED');
  return lines.join('\n');
}
