// `npm run schema:release`: records supergraph.graphql as the released supergraph
// (schema-checks/released.graphql) once every schema check passes; commit both files it writes.
import { relative } from 'node:path';
import { releaseSupergraph } from '../router/src/schema-checks/release.ts';
import { formatReport } from '../router/src/schema-checks/run.ts';
import { schemaCheckOptions } from './lib/schema-check-options.ts';
import { fail, step } from './lib/log.ts';

const options = schemaCheckOptions();
const result = await releaseSupergraph(options);
console.log(formatReport(result.report));
if (!result.released) fail('release', 'not released: fix or accept what failed above');
step('release', `wrote ${relative(process.cwd(), options.releasedPath)} (${result.changes} breaking change(s) since the last release, all accepted); cleared ${result.acceptedCleared} acceptance(s) from ${relative(process.cwd(), options.acceptedChangesPath)}: commit both`);
