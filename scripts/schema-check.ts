// `npm run schema:check`: the schema checks CI runs (router/src/schema-checks/run.ts): the
// subgraphs compose, supergraph.graphql is a fresh composition, and no unaccepted breaking change
// against the baseline (SCHEMA_CHECK_BASE, else the merge base with origin/main, else HEAD~1;
// see schema-checks/README.md). Exits 1 when a check fails.
import { parseArgs } from 'node:util';
import { absolutePath, DEFAULT_ACCEPTED_CHANGES, DEFAULT_SUPERGRAPH_CONFIG, DEFAULT_SUPERGRAPH_PATH } from '../router/src/paths.ts';
import { formatReport, runSchemaChecks } from '../router/src/schema-checks/run.ts';

const { values } = parseArgs({ options: { config: { type: 'string' }, supergraph: { type: 'string' }, accepted: { type: 'string' }, base: { type: 'string' } } });
const report = await runSchemaChecks({
  configPath: values.config ? absolutePath(values.config) : DEFAULT_SUPERGRAPH_CONFIG,
  supergraphPath: values.supergraph ? absolutePath(values.supergraph) : DEFAULT_SUPERGRAPH_PATH,
  acceptedChangesPath: values.accepted ? absolutePath(values.accepted) : DEFAULT_ACCEPTED_CHANGES,
  baseRevision: values.base ?? (process.env.SCHEMA_CHECK_BASE || undefined),
});
console.log(formatReport(report));
process.exit(report.ok ? 0 : 1);
