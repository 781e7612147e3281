// supergraph.yaml in Rover's format: the federation version and, per subgraph, the URL the router
// sends requests to and the schema file it is composed from. Paths are relative to the YAML file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export interface SubgraphSource {
  name: string;
  /** Where the router sends this subgraph's requests (overridable at run time, see config.ts). */
  routingUrl: string;
  /** Absolute path of the subgraph's schema file. */
  schemaFile: string;
}

export interface SupergraphConfig {
  /** Absolute path of the YAML file. */
  path: string;
  /** As written, e.g. `=2.14.4` (exact) or `2` (any 2.x). */
  federationVersion: string;
  subgraphs: SubgraphSource[];
}

export class SupergraphConfigError extends Error {
  override readonly name = 'SupergraphConfigError';
}

const fileSchema = z.strictObject({
  federation_version: z.string().regex(/^=?\d+(\.\d+){0,2}$/, 'must look like =2.14.4 or 2'),
  subgraphs: z
    .record(
      z.string().regex(/^[a-z][a-z0-9_-]*$/, 'subgraph names are lower-case letters, digits, - and _'),
      z.strictObject({
        routing_url: z.url(),
        schema: z.strictObject({ file: z.string().min(1) }),
      }),
    )
    .refine((subgraphs) => Object.keys(subgraphs).length > 0, 'must list at least one subgraph'),
});

export function readSupergraphConfig(path: string): SupergraphConfig {
  const absolute = resolve(path);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(absolute, 'utf8'));
  } catch (error) {
    throw new SupergraphConfigError(`cannot read ${absolute}: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new SupergraphConfigError(`${absolute} is not a valid supergraph config:\n  - ${problems.join('\n  - ')}`);
  }
  const base = dirname(absolute);
  return {
    path: absolute,
    federationVersion: parsed.data.federation_version,
    subgraphs: Object.entries(parsed.data.subgraphs).map(([name, s]) => ({
      name,
      routingUrl: s.routing_url,
      schemaFile: resolve(base, s.schema.file),
    })),
  };
}

/** The @apollo/composition version installed here, which does the composing. */
export function compositionVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@apollo/composition/package.json') as { version: string }).version;
}

/**
 * Rover reads `=X.Y.Z` as "exactly this composition version" and `X` / `X.Y` as "the newest
 * matching one". We compose with the installed package, so it has to satisfy the pin; otherwise the
 * committed supergraph would depend on whose machine composed it.
 */
export function checkFederationVersion(config: SupergraphConfig, installed = compositionVersion()): string | undefined {
  const wanted = config.federationVersion;
  const matches = wanted.startsWith('=') ? installed === wanted.slice(1) : `${installed}.`.startsWith(`${wanted}.`);
  return matches
    ? undefined
    : `${config.path} pins federation_version ${wanted}, but @apollo/composition ${installed} is installed: change one to match the other`;
}
