// `npm run schema:release`: records the current supergraph as released. It refuses while any
// schema check fails (so only accepted breaking changes are released), then writes
// released.graphql and empties accepted-changes.json: its entries are part of the release now,
// and the next breaking change needs its own acceptance.
import { readFileSync, writeFileSync } from 'node:fs';
import { readAcceptedChanges } from './accepted-changes.ts';
import { runSchemaChecks, type SchemaCheckOptions, type SchemaCheckReport } from './run.ts';

export type ReleaseResult =
  | { released: true; report: SchemaCheckReport; acceptedCleared: number; changes: number }
  | { released: false; report: SchemaCheckReport };

const ACCEPTED_COMMENT =
  'Breaking changes to the public API made on purpose since the last release (schema-checks/released.graphql). Each entry: the type and path `npm run schema:check` printed, and why it is acceptable. `npm run schema:release` empties the list.';

export async function releaseSupergraph(options: SchemaCheckOptions): Promise<ReleaseResult> {
  const report = await runSchemaChecks(options);
  if (!report.ok) return { released: false, report };
  const breaking = report.checks.find((c) => c.name === 'breaking-changes');
  writeFileSync(options.releasedPath, readFileSync(options.supergraphPath, 'utf8'));
  const acceptedCleared = readAcceptedChanges(options.acceptedChangesPath).length; // the checks above refused a malformed file
  writeFileSync(options.acceptedChangesPath, `${JSON.stringify({ $comment: ACCEPTED_COMMENT, accepted: [] }, null, 2)}\n`);
  return { released: true, report, acceptedCleared, changes: breaking?.changes?.length ?? 0 };
}
