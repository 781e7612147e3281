// The file options `npm run schema:check` and `npm run schema:release` share.
import { parseArgs } from 'node:util';
import { absolutePath, DEFAULT_ACCEPTED_CHANGES, DEFAULT_RELEASED_SUPERGRAPH, DEFAULT_SUPERGRAPH_CONFIG, DEFAULT_SUPERGRAPH_PATH } from '../../router/src/paths.ts';
import type { SchemaCheckOptions } from '../../router/src/schema-checks/run.ts';

export function schemaCheckOptions(args = process.argv.slice(2)): SchemaCheckOptions {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, supergraph: { type: 'string' }, accepted: { type: 'string' }, released: { type: 'string' } } });
  return {
    configPath: values.config ? absolutePath(values.config) : DEFAULT_SUPERGRAPH_CONFIG,
    supergraphPath: values.supergraph ? absolutePath(values.supergraph) : DEFAULT_SUPERGRAPH_PATH,
    acceptedChangesPath: values.accepted ? absolutePath(values.accepted) : DEFAULT_ACCEPTED_CHANGES,
    releasedPath: values.released ? absolutePath(values.released) : DEFAULT_RELEASED_SUPERGRAPH,
  };
}
