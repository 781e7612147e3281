// The stack for the bench as separate processes (fair RSS and CPU figures per service): the Kafka
// broker (or KAFKA_BROKERS), fresh databases tltest_<run>_<label>_*, an SMTP capture, the auth and
// user subgraphs, the router, and the peer (Hive Gateway, bench/lib/hive-gateway.ts), each on a
// free port of 127.0.0.1, started from the same bundles as `npm start` (scripts/lib/bundles.ts),
// telemetry preload included: off unless `tracing` names where spans go (then every request is sampled).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBroker, type RunningBroker } from '@tracklore/devkit/kafka-broker';
import { freePort } from '@tracklore/devkit/ports';
import { createSmtpCapture } from '@tracklore/devkit/smtp-capture';
import { createTestDatabase } from '@tracklore/devkit/test-databases';
import { ensureBuilt, SERVICE_BUNDLES, TELEMETRY_BUNDLE } from '../../scripts/lib/bundles.ts';
import { startNodeChild, waitForUrl, type ChildPart } from '../../scripts/lib/child.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface Service {
  name: string;
  url: string;
  graphqlUrl: string;
  pid: number;
  /** Resident set size now, in MiB (from /proc). */
  rssMiB(): number;
  /** V8 heap and external memory in MB from the service's /metrics (undefined for the peer, which has none). */
  memory(): Promise<MemoryBreakdown | undefined>;
  /** SIGUSR2 to the profile hook (start, then stop-and-write). */
  toggleProfile(): void;
  stop(): Promise<void>;
}

export interface BenchStack {
  auth: Service;
  user: Service;
  router: Service;
  hive: Service;
  /** KAFKA_BROKERS of the services. */
  brokers: string;
  secrets: { gateway: string; internalApi: string };
  databases: { auth: string; user: string };
  env: { user: NodeJS.ProcessEnv };
  /** Another user-subgraph process on the same database and consumer group. */
  startUserInstance(name: string): Promise<Service>;
  stop(): Promise<void>;
}

export interface MemoryBreakdown {
  heapUsed: number;
  heapTotal: number;
  /** Memory of C++ objects bound to JavaScript (Buffers, WebAssembly memory), as V8 counts it. */
  external: number;
}

const MB = 1e6;

/** prom-client's default process metrics, read the way Prometheus would. */
async function memoryFromMetrics(url: string, token: string): Promise<MemoryBreakdown> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${url}/metrics answered ${response.status}`);
  const text = await response.text();
  const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN) / MB;
  return { heapUsed: gauge('nodejs_heap_size_used_bytes'), heapTotal: gauge('nodejs_heap_size_total_bytes'), external: gauge('nodejs_external_memory_bytes') };
}

export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export interface BenchStackOptions {
  profileDir?: string;
  /** Database names: tltest_<run>_<label>_auth / _user. Default 'bench'. */
  label?: string;
  /**
   * Tracing: 'off' (default) — the telemetry preload is loaded, as deployed, with no OTEL_*
   * variable; 'no-preload' — the preload is not loaded at all (the baseline for "off costs
   * nothing"); { endpoint } — every request traced and exported to this OTLP/HTTP endpoint.
   */
  tracing?: 'off' | 'no-preload' | { endpoint: string };
  /** Use this broker instead of starting one (or KAFKA_BROKERS). */
  brokers?: string;
}

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((error: unknown) => console.error('bench: stop failed', error));
  };
  try {
    let broker: RunningBroker | undefined;
    let brokers = options.brokers ?? process.env.KAFKA_BROKERS;
    if (!brokers) {
      const dataDir = mkdtempSync(join(tmpdir(), 'tracklore-bench-kafka-'));
      broker = await startBroker({ dataDir, port: await freePort(), controllerPort: await freePort() });
      stops.push(async () => {
        await broker?.stop();
        rmSync(dataDir, { recursive: true, force: true });
      });
      brokers = broker.brokers.join(',');
    }
    const smtp = createSmtpCapture();
    await smtp.start();
    stops.push(() => smtp.stop());
    const [authDb, userDb] = await Promise.all([createTestDatabase('auth', options.label ?? 'bench'), createTestDatabase('user', options.label ?? 'bench')]);
    const secrets = { gateway: randomBytes(32).toString('base64url'), internalApi: randomBytes(32).toString('base64url') };
    const metricsToken = randomBytes(24).toString('base64url');
    const ports = { auth: await freePort(), user: await freePort(), router: await freePort(), hive: await freePort() };
    const authUrl = `http://127.0.0.1:${ports.auth}`;
    const userUrl = `http://127.0.0.1:${ports.user}`;
    const common: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      GATEWAY_SECRET: secrets.gateway,
      INTERNAL_API_SECRET: secrets.internalApi,
      KAFKA_BROKERS: brokers,
      AUTH_ISSUER: authUrl,
      AUTH_URL: authUrl,
      METRICS_TOKEN: metricsToken,
    };
    const authEnv = {
      ...common,
      AUTH_PORT: String(ports.auth),
      AUTH_DATABASE_URL: authDb,
      SMTP_URL: smtp.url,
      // The bench signs up hundreds of users from one address.
      RATE_LIMIT_SIGNUP_ADDRESS_MAX: '1000000',
    };
    const userEnv = { ...common, USER_PORT: String(ports.user), USER_DATABASE_URL: userDb, KAFKA_GROUP_ID: `bench-${randomBytes(4).toString('hex')}` };
    const routerEnv = {
      ...common,
      ROUTER_PORT: String(ports.router),
      AUTH_SUBGRAPH_URL: `${authUrl}/graphql`,
      USER_SUBGRAPH_URL: `${userUrl}/graphql`,
      ROUTER_WATCH_SCHEMAS: 'false',
    };
    const hiveEnv = { ...common, HIVE_PORT: String(ports.hive), AUTH_SUBGRAPH_URL: routerEnv.AUTH_SUBGRAPH_URL, USER_SUBGRAPH_URL: routerEnv.USER_SUBGRAPH_URL };

    /** `file`: a service bundle (plain node), or the peer's TypeScript entry (under tsx). */
    async function start(name: string, file: string, port: number, env: NodeJS.ProcessEnv, ready = '/ready'): Promise<Service> {
      const peer = file.endsWith('.ts');
      const tracing = options.tracing ?? 'off';
      const args = tracing === 'no-preload' ? [] : ['--import', join(ROOT, TELEMETRY_BUNDLE)];
      if (options.profileDir) args.push('--import', join(ROOT, 'bench/lib/profile-hook.mjs'));
      const child: ChildPart = startNodeChild(name, [...args, join(ROOT, file)], {
        ...env,
        ...(typeof tracing === 'object' ? { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: tracing.endpoint, OTEL_SERVICE_NAME: name } : {}),
        ...(options.profileDir ? { BENCH_PROFILE_DIR: options.profileDir, BENCH_PROFILE_NAME: name } : {}),
      }, { typescript: peer });
      const url = `http://127.0.0.1:${port}`;
      stops.push(async () => void (await child.stop()));
      await waitForUrl(child, `${url}${ready}`, 90_000);
      const pid = child.process.pid!;
      return {
        name,
        url,
        graphqlUrl: `${url}/graphql`,
        pid,
        rssMiB: () => rssMiB(pid),
        memory: async () => (peer ? undefined : memoryFromMetrics(url, metricsToken)),
        toggleProfile: () => child.process.kill('SIGUSR2'),
        stop: async () => void (await child.stop()),
      };
    }

    await ensureBuilt();
    const auth = await start('auth', SERVICE_BUNDLES.auth, ports.auth, authEnv);
    const user = await start('user', SERVICE_BUNDLES.user, ports.user, userEnv);
    const router = await start('router', SERVICE_BUNDLES.router, ports.router, routerEnv);
    const hive = await start('hive', 'bench/lib/hive-gateway.ts', ports.hive, hiveEnv, '/healthcheck');
    return {
      auth,
      user,
      router,
      hive,
      brokers,
      secrets,
      databases: { auth: authDb, user: userDb },
      env: { user: userEnv },
      async startUserInstance(name) {
        const port = await freePort();
        return start(name, SERVICE_BUNDLES.user, port, { ...userEnv, USER_PORT: String(port) });
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
