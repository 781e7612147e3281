// The development trace viewer: OpenZipkin's server (the `exec` jar of io.zipkin:zipkin-server from
// Maven Central) with in-memory storage, run with the machine's Java 17 like the Kafka broker.
// The jar is resolved once into .cache/zipkin (Maven keeps its own copy in ~/.m2) and reused.
// It accepts spans at /api/v2/spans (what OTEL_TRACES_EXPORTER=zipkin sends) and serves the UI
// at /zipkin/ and the query API at /api/v2/traces.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPortOpen } from './ports.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const ZIPKIN_VERSION = '3.5.1';
const CACHE = join(ROOT, '.cache/zipkin');
const JAR = join(CACHE, `zipkin-server-${ZIPKIN_VERSION}-exec.jar`);

export interface ZipkinOptions {
  /** HTTP port (spans in, UI and API out). Default 9411. */
  port?: number;
  /** Where its log goes. */
  logFile: string;
  onProgress?: (message: string) => void;
}

export interface RunningZipkin {
  /** http://127.0.0.1:port */
  url: string;
  /** Where services send spans (OTEL_EXPORTER_ZIPKIN_ENDPOINT). */
  spansUrl: string;
  /** Idempotent; waits for the JVM to exit. */
  stop(): Promise<void>;
}

/** Resolves the server jar with Maven once (131 MB); later calls find it in the cache. */
export function ensureZipkinJar(onProgress: (m: string) => void = () => {}): string {
  if (existsSync(JAR)) return JAR;
  onProgress(`resolving Zipkin ${ZIPKIN_VERSION} from Maven Central (once, 131 MB) into .cache/zipkin`);
  mkdirSync(CACHE, { recursive: true });
  // A transfer this large is sometimes reset half-way ("Connection reset"): Maven's own retry
  // handler, and up to three runs of it.
  let status: number | null = null;
  for (let attempt = 1; attempt <= 3 && !existsSync(JAR); attempt += 1) {
    const result = spawnSync(
      'mvn',
      // -U: a failed transfer is not taken from Maven's cache of failures on the next run.
      ['-q', '-B', '-U', '-Dmaven.wagon.http.retryHandler.count=5', 'dependency:copy', `-Dartifact=io.zipkin:zipkin-server:${ZIPKIN_VERSION}:jar:exec`, `-DoutputDirectory=${CACHE}`],
      { stdio: ['ignore', 'inherit', 'inherit'], cwd: CACHE },
    );
    if (result.error) throw new Error(`Zipkin: could not run mvn to fetch the server jar: ${result.error.message}`);
    status = result.status;
  }
  if (!existsSync(JAR)) throw new Error(`Zipkin: mvn exited with ${status} while fetching the server jar (3 attempts)`);
  return JAR;
}

/** Starts Zipkin on 127.0.0.1 and resolves once /health answers. */
export async function startZipkin(options: ZipkinOptions): Promise<RunningZipkin> {
  const progress = options.onProgress ?? (() => {});
  const port = options.port ?? 9411;
  if (await isPortOpen('127.0.0.1', port)) throw new Error(`Zipkin: port 127.0.0.1:${port} is already in use (set ZIPKIN_PORT to a free one)`);
  const jar = ensureZipkinJar(progress);
  mkdirSync(dirname(options.logFile), { recursive: true });
  const out = openSync(options.logFile, 'a');
  progress(`starting on 127.0.0.1:${port} (log: ${options.logFile})`);
  const args = ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', jar, // One listener, on loopback only (its default is every interface).
    '--armeria.ports[0].ip=127.0.0.1', `--armeria.ports[0].port=${port}`, '--armeria.ports[0].protocols=http', '--logging.level.root=WARN'];
  // As for the Kafka broker: the shell wrapper ends the JVM when this process dies.
  const child: ChildProcess = spawn(
    'sh',
    ['-c', `java ${args.map((a) => `'${a}'`).join(' ')} & J=$!; trap 'kill $J 2>/dev/null; wait $J; exit 0' TERM INT; while kill -0 ${process.pid} 2>/dev/null && kill -0 $J 2>/dev/null; do sleep 1; done; kill $J 2>/dev/null; wait $J`],
    { stdio: ['ignore', out, out], env: { ...process.env, STORAGE_TYPE: 'mem' } },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopped: Promise<void> | undefined;
  const url = `http://127.0.0.1:${port}`;
  const zipkin: RunningZipkin = {
    url,
    spansUrl: `${url}/api/v2/spans`,
    stop: () => {
      stopped ??= (async () => {
        if (child.exitCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopped;
    },
  };
  let code: number | null | undefined;
  void exited.then((c) => (code = c));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (code !== undefined) throw new Error(`Zipkin exited with code ${code} during start; see ${options.logFile}`);
    try {
      if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })).ok) return zipkin;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await zipkin.stop();
  throw new Error(`Zipkin did not answer ${url}/health within 90 s; see ${options.logFile}`);
}
