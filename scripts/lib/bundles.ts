// The service bundles (`npm run build:services`, scripts/build.ts): one ESM bundle per service (router/dist/main.mjs, subgraphs/*/dist/main.mjs)
// and the telemetry preload (packages/shared/dist/telemetry-*.mjs): what `npm start`, the
// Dockerfile, the e2e service processes and the bench run, with plain `node`.
// Why: TypeScript through tsx costs each process ~48 MB of RSS (its loader runs on a second thread
// with its own V8 heap) and a transpile of every module at start; one plain file costs neither.
// Our code (workspace packages, the generated Prisma clients) is bundled; packages from
// node_modules stay external, imported by name as before, so tracing's module hooks see them as
// they do now. The build fails if such a name would resolve to another file from the bundle than
// from the source that imports it (a workspace's own nested version of a dependency).
// `import.meta.url` in bundled code is rewritten to its source file's URL (relative to the
// bundle), so files read next to the sources (schema.graphql, common-passwords.txt) are found.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = new URL('../..', import.meta.url).pathname;

interface Bundle {
  entry: string;
  out: string;
  /** Relative imports left out of this bundle and loaded from another one at run time. */
  separate?: Record<string, string>;
}

/** What each service process runs, relative to the repository root. */
export const SERVICE_BUNDLES = {
  auth: 'subgraphs/auth/dist/main.mjs',
  user: 'subgraphs/user/dist/main.mjs',
  router: 'router/dist/main.mjs',
} as const;
/** Preloaded into every service (`node --import`): tracing when OTEL_* ask for it. */
export const TELEMETRY_BUNDLE = 'packages/shared/dist/telemetry-start.mjs';

const BUNDLES: Bundle[] = [
  { entry: 'subgraphs/auth/src/main.ts', out: SERVICE_BUNDLES.auth },
  { entry: 'subgraphs/user/src/main.ts', out: SERVICE_BUNDLES.user },
  { entry: 'router/src/main.ts', out: SERVICE_BUNDLES.router },
  // The SDK is its own file so that with tracing off the preload imports nothing (start.ts).
  { entry: 'packages/shared/src/telemetry/start.ts', out: TELEMETRY_BUNDLE, separate: { './sdk.ts': './telemetry-sdk.mjs' } },
  { entry: 'packages/shared/src/telemetry/sdk.ts', out: 'packages/shared/dist/telemetry-sdk.mjs' },
];

const toPosix = (path: string) => path.split('\\').join('/');

function servicePlugin(bundle: Bundle, outFile: string): Plugin {
  const outDir = dirname(outFile);
  return {
    name: 'tracklore-service',
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        const separate = bundle.separate?.[args.path];
        return separate ? { path: separate, external: true } : undefined;
      });
      // Bare specifiers other than our workspace packages stay external, if they mean the same file from here.
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.path.startsWith('node:') || args.path.startsWith('@tracklore/') || args.pluginData === 'resolving') return undefined;
        const fromSource = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
        if (fromSource.errors.length > 0 || fromSource.external) return undefined;
        const fromBundle = await b.resolve(args.path, { kind: args.kind, resolveDir: outDir, pluginData: 'resolving' });
        if (fromBundle.path !== fromSource.path) {
          return { errors: [{ text: `${args.path} is ${fromSource.path} for ${args.importer} but ${fromBundle.path || 'not found'} from ${bundle.out}: align the versions or build this bundle elsewhere` }] };
        }
        return { path: args.path, external: true };
      });
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const fromBundle = JSON.stringify(toPosix(relative(outDir, args.path)));
        return { contents: source.replaceAll('import.meta.url', `new URL(${fromBundle}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

/**
 * Builds every bundle. Each file is written whole and renamed into place, so a process starting
 * (or another build running) meanwhile never reads half a file.
 */
export async function buildServices(log: (line: string) => void = () => {}): Promise<void> {
  for (const bundle of BUNDLES) {
    const outFile = join(ROOT, bundle.out);
    mkdirSync(dirname(outFile), { recursive: true });
    const started = Date.now();
    const result = await build({
      entryPoints: [join(ROOT, bundle.entry)],
      outfile: outFile,
      write: false,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // As Node resolves them: `main`, not a package's `module` build.
      mainFields: ['main'],
      conditions: ['node', 'import'],
      sourcemap: 'linked',
      logLevel: 'warning',
      plugins: [servicePlugin(bundle, outFile)],
    });
    for (const file of result.outputFiles) {
      const temporary = `${file.path}.${process.pid}.tmp`;
      writeFileSync(temporary, file.contents);
      renameSync(temporary, file.path);
    }
    log(`built ${bundle.out} in ${Date.now() - started} ms`);
  }
}

let built: Promise<void> | undefined;
/** buildServices once per process (tests and the bench call it before starting service processes). */
export function ensureBuilt(): Promise<void> {
  built ??= buildServices();
  return built;
}
