// `npm run schema:compose [-- --config supergraph.yaml --out supergraph.graphql]`: composes the
// subgraph schemas named in supergraph.yaml and writes the supergraph the router serves.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { composeSupergraph, formatProblems } from '../router/src/composition/compose.ts';
import { readSupergraphConfig } from '../router/src/composition/supergraph-config.ts';
import { absolutePath, DEFAULT_SUPERGRAPH_CONFIG, DEFAULT_SUPERGRAPH_PATH } from '../router/src/paths.ts';
import { fail, step } from './lib/log.ts';

const { values } = parseArgs({ options: { config: { type: 'string' }, out: { type: 'string' } } });
const configPath = values.config ? absolutePath(values.config) : DEFAULT_SUPERGRAPH_CONFIG;
const outPath = values.out ? absolutePath(values.out) : DEFAULT_SUPERGRAPH_PATH;

let config;
try {
  config = readSupergraphConfig(configPath);
} catch (error) {
  fail('compose', (error as Error).message);
}
const result = composeSupergraph(config);
if (!result.ok) fail('compose', `composition failed:\n${formatProblems(result.problems)}`);
for (const hint of result.hints) step('compose', `hint: ${hint}`);

let previous: string | undefined;
try {
  previous = readFileSync(outPath, 'utf8');
} catch {
  previous = undefined;
}
const name = relative(process.cwd(), outPath) || outPath;
if (previous === result.supergraphSdl) {
  step('compose', `${name} is up to date (${config.subgraphs.map((s) => s.name).join(', ')})`);
} else {
  writeFileSync(outPath, result.supergraphSdl);
  step('compose', `wrote ${name} from ${config.subgraphs.map((s) => s.name).join(', ')}`);
}
