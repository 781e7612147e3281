// `npm run schema:check`: the schema checks CI runs (router/src/schema-checks/run.ts): the
// subgraphs compose, supergraph.graphql is a fresh composition, and no unaccepted breaking change
// against the supergraph as last released (schema-checks/released.graphql; see
// schema-checks/README.md). Exits 1 when a check fails.
import { formatReport, runSchemaChecks } from '../router/src/schema-checks/run.ts';
import { schemaCheckOptions } from './lib/schema-check-options.ts';

const report = await runSchemaChecks(schemaCheckOptions());
console.log(formatReport(report));
process.exit(report.ok ? 0 : 1);
