// Where the router's supergraph comes from: the committed file (SUPERGRAPH_PATH), read once; or,
// when watching (development), the subgraph schema files named in supergraph.yaml, recomposed on
// every change and handed to the gateway. A change that does not compose is logged and the
// router keeps serving the last good supergraph.
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { SupergraphManager } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import type { Logger } from '@tracklore/shared/logger';
import { composeSupergraph, formatProblems } from '../composition/compose.ts';
import { readSupergraphConfig } from '../composition/supergraph-config.ts';

export interface SupergraphSourceOptions {
  /** The committed supergraph (absolute path). */
  supergraphPath: string;
  /** When set, recompose from this supergraph.yaml whenever a schema file it names changes. */
  watch?: { configPath: string; /** Poll interval in ms. Default 500. */ intervalMs?: number };
  logger: Logger;
}

export interface SubgraphInfo {
  name: string;
  /** routing_url as composed into the supergraph. */
  url: string;
}

export interface SupergraphSource extends SupergraphManager {
  /** Subgraphs of the supergraph being served. */
  subgraphs(): SubgraphInfo[];
  /** Supergraphs handed to the gateway: 0 before it loads, 1 after, +1 per applied recomposition. */
  version(): number;
}

export class SupergraphLoadError extends Error {
  override readonly name = 'SupergraphLoadError';
}

function subgraphsOf(sdl: string): SubgraphInfo[] {
  return Supergraph.build(sdl).subgraphsMetadata().map(({ name, url }) => ({ name, url }));
}

function readCommitted(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new SupergraphLoadError(`cannot read the supergraph at ${path} (SUPERGRAPH_PATH): ${(error as Error).message}; run \`npm run schema:compose\``);
  }
}

/**
 * Reads (and, when watching, composes) the supergraph right away, so a missing or invalid file
 * fails the start before anything listens, and the subgraph list is known from the beginning.
 */
export function createSupergraphSource(options: SupergraphSourceOptions): SupergraphSource {
  const { logger, watch } = options;

  /** Fresh composition from the schema files, or undefined (logged) when it fails. */
  function compose(configPath: string): string | undefined {
    try {
      const result = composeSupergraph(readSupergraphConfig(configPath));
      if (result.ok) return result.supergraphSdl;
      logger.error(`supergraph does not compose; still serving the previous one:\n${formatProblems(result.problems)}`);
    } catch (error) {
      logger.error({ err: error }, 'cannot recompose the supergraph; still serving the previous one');
    }
    return undefined;
  }

  let served = readCommitted(options.supergraphPath);
  if (watch) {
    const fresh = compose(watch.configPath);
    if (fresh !== undefined && fresh !== served) {
      logger.warn(`${options.supergraphPath} is older than the subgraph schemas; serving a fresh composition (run \`npm run schema:compose\` to update the file)`);
      served = fresh;
    }
  }
  let current: SubgraphInfo[];
  try {
    current = subgraphsOf(served);
  } catch (error) {
    throw new SupergraphLoadError(`${options.supergraphPath} is not a valid supergraph: ${(error as Error).message}`);
  }
  let version = 0;

  return {
    subgraphs: () => current,
    version: () => version,
    async initialize({ update }) {
      version = 1;
      if (!watch) return { supergraphSdl: served };

      const { configPath, intervalMs = 500 } = watch;
      const watched = new Set<string>();
      let timer: NodeJS.Timeout | undefined;
      const recompose = () => {
        syncWatches();
        const fresh = compose(configPath);
        if (fresh === undefined || fresh === served) return;
        try {
          update(fresh);
        } catch (error) {
          logger.error({ err: error }, 'the gateway rejected the recomposed supergraph; still serving the previous one');
          return;
        }
        served = fresh;
        current = subgraphsOf(fresh);
        version += 1;
        logger.info({ subgraphs: current.map((s) => s.name) }, 'subgraph schema changed: serving the recomposed supergraph');
      };
      const onChange = () => {
        clearTimeout(timer);
        timer = setTimeout(recompose, 50);
      };
      // Polling (fs.watchFile) survives editors that replace files on save, unlike fs.watch.
      // supergraph.yaml may name new schema files; they are watched from the next change on.
      function syncWatches() {
        let files = [configPath];
        try {
          files = [...files, ...readSupergraphConfig(configPath).subgraphs.map((s) => s.schemaFile)];
        } catch {
          // An unreadable supergraph.yaml is reported by compose(); keep watching what we have.
        }
        for (const file of files) {
          if (watched.has(file)) continue;
          watched.add(file);
          watchFile(file, { interval: intervalMs, persistent: false }, onChange);
        }
      }
      syncWatches();
      logger.info({ files: [...watched] }, 'watching subgraph schemas for changes');
      return {
        supergraphSdl: served,
        async cleanup() {
          clearTimeout(timer);
          for (const file of watched) unwatchFile(file, onChange);
        },
      };
    },
  };
}
