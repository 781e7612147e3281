// `npm start`: the whole development stack — Kafka (or KAFKA_BROKERS), databases and migrations,
// mail catcher, Zipkin (traces), auth subgraph, user subgraph, router and frontend — with progress as each part
// comes up and the URLs at the end. Ctrl-C stops every part, last started first, each signalled
// once and waited for; a part that fails stops the rest. Ports: scripts/lib/stack-env.ts.
import { join } from 'node:path';
import { startBroker, waitForKafka, type RunningBroker } from '@tracklore/devkit/kafka-broker';
import { isPortOpen } from '@tracklore/devkit/ports';
import { startZipkin, type RunningZipkin } from '@tracklore/devkit/zipkin-server';
import { tracingEnabled } from '@tracklore/shared/telemetry/enabled';
import { prepareDatabases } from './db.ts';
import { buildServices, SERVICE_BUNDLES, TELEMETRY_BUNDLE } from './lib/bundles.ts';
import { describeExit, startNodeChild, waitForUrl, type ChildPart, type NodeChildOptions } from './lib/child.ts';
import { fail, step } from './lib/log.ts';
import { readPorts, stackEnv, stackUrls, type StackPorts } from './lib/stack-env.ts';

const ROOT = process.cwd();

let ports: StackPorts;
try {
  ports = readPorts(process.env);
} catch (error) {
  fail('ports', (error as Error).message);
}
const urls = stackUrls(ports);
const env = stackEnv(process.env, ports);
/** The services are traced (telemetry/start.ts) unless OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none. */
const TELEMETRY = ['--import', join(ROOT, TELEMETRY_BUNDLE)];
// Our Zipkin, unless the traces go elsewhere (an exporter or Zipkin endpoint of the user's own).
const runZipkin = tracingEnabled(env) && env.OTEL_TRACES_EXPORTER === 'zipkin' && !process.env.OTEL_EXPORTER_ZIPKIN_ENDPOINT;

const children: ChildPart[] = [];
let broker: RunningBroker | undefined;
let zipkin: RunningZipkin | undefined;
let stopping: Promise<never> | undefined;

/** Stops every part once, last started first, then exits; later calls wait for the first. */
function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    step('stack', 'stopping');
    for (const child of [...children].reverse()) {
      step(child.name, 'stopping');
      step(child.name, `stopped (${describeExit(await child.stop())})`);
    }
    if (broker) await broker.stop();
    if (zipkin) await zipkin.stop();
    step('stack', 'stopped');
    process.exit(code);
  })();
  return stopping;
}

async function abort(part: string, message: string): Promise<never> {
  // A part that ends because the stack is stopping has not failed.
  if (!stopping) console.error(`\n✖ ${part} failed to start: ${message}\n`);
  return shutdown(1);
}

// Under `npm start` in a terminal, one Ctrl-C arrives twice: from the terminal and forwarded by
// npm. Every signal after the first only waits for the stop already under way.
let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (signals++ === 1) step('stack', `${signal} again: already stopping, each part finishes its requests first`);
    void shutdown(0);
  });
}

/** Starts one part as a child process; resolves once `readyUrl` answers. */
function startPart(name: string, args: string[], readyUrl: string, options: NodeChildOptions = {}, timeoutMs = 120_000): Promise<void> {
  const child = startNodeChild(name, args, { ...env, OTEL_SERVICE_NAME: name }, options);
  children.push(child);
  step(name, `starting (pid ${child.process.pid})`);
  return (async () => {
    try {
      await waitForUrl(child, readyUrl, timeoutMs);
    } catch (error) {
      await abort(name, (error as Error).message);
    }
    void child.exited.then((status) => {
      if (!stopping) void abort(name, `exited unexpectedly (${describeExit(status)})`);
    });
    step(name, `ready (${readyUrl})`);
  })();
}

// 0. Ports: a port taken by another program would answer the readiness check in our part's place.
for (const [name, port] of Object.entries(ports)) {
  if (await isPortOpen('127.0.0.1', port)) fail('ports', `127.0.0.1:${port} (${name}) is already in use; stop what listens there or set ${name} to a free port`);
}

// 1. Zipkin (in the background: its JVM starts while Kafka does), then Kafka
if (!runZipkin) step('zipkin', 'not started: tracing is off or goes elsewhere (OTEL_* variables)');
const zipkinReady = runZipkin
  ? startZipkin({ port: ports.ZIPKIN_PORT, logFile: join(ROOT, '.data/zipkin/zipkin.log'), onProgress: (m) => step('zipkin', m) }).then(
      (running) => {
        zipkin = running;
        step('zipkin', `ready at ${urls.zipkin}`);
      },
      (error: unknown) => abort('Zipkin', (error as Error).message),
    )
  : Promise.resolve();
if (process.env.KAFKA_BROKERS) {
  const brokers = process.env.KAFKA_BROKERS.split(',').map((b) => b.trim());
  for (const address of brokers) {
    const [host = '', p = ''] = address.split(':');
    if (!(await isPortOpen(host, Number(p), 2000))) await abort('Kafka', `no broker is listening at ${address} (from KAFKA_BROKERS)`);
  }
  try {
    await waitForKafka(brokers, 20_000);
  } catch (error) {
    await abort('Kafka', `broker at ${brokers.join(',')} (from KAFKA_BROKERS) is not usable: ${(error as Error).message}`);
  }
  step('kafka', `using ${brokers.join(',')} (KAFKA_BROKERS); topics ready`);
} else {
  try {
    broker = await startBroker({ dataDir: join(ROOT, '.data/kafka'), port: 9092, onProgress: (m) => step('kafka', m) });
  } catch (error) {
    await abort('Kafka', (error as Error).message);
  }
  env.KAFKA_BROKERS = broker!.brokers.join(',');
  step('kafka', `ready at ${env.KAFKA_BROKERS}`);
}

await zipkinReady;

// 2. PostgreSQL: databases and migrations
try {
  await prepareDatabases(env);
} catch (error) {
  await abort('PostgreSQL', (error as Error).message);
}

// 3. The service bundles (scripts/lib/bundles.ts): the services run as plain JavaScript, as deployed.
try {
  await buildServices((line) => step('build', line));
} catch (error) {
  await abort('build', (error as Error).message);
}
/** The services are bundles: no TypeScript loader in their processes. */
const BUNDLE: NodeChildOptions = { typescript: false };

// 4. Every part at once: none needs another to boot (the router's /ready waits for the subgraphs'
// /health). Spawned in dependency order, so the stop (reverse order) begins with the router.
if (stopping) await stopping;
const vite = [join(ROOT, 'node_modules/vite/bin/vite.js'), '--config', join(ROOT, 'frontend/vite.config.ts'), '--host', '127.0.0.1', '--port', String(ports.FRONTEND_PORT), '--strictPort', join(ROOT, 'frontend')];
await Promise.all([
  startPart('mail', [join(ROOT, 'scripts/mail-catcher.ts')], `${urls.mail}health`),
  startPart('web', vite, urls.web),
  startPart('auth', [...TELEMETRY, join(ROOT, SERVICE_BUNDLES.auth)], `${urls.auth}/ready`, BUNDLE),
  startPart('user', [...TELEMETRY, join(ROOT, SERVICE_BUNDLES.user)], `${urls.user}/ready`, BUNDLE),
  startPart('router', [...TELEMETRY, join(ROOT, SERVICE_BUNDLES.router)], `${urls.router}/ready`, BUNDLE),
]);

console.log(`
  Tracklore is up. Ctrl-C stops everything.

  Web app          ${urls.web}
  Router (Sandbox) ${urls.router}/graphql
  Auth subgraph    ${urls.auth}/graphql   (router-signed requests only)
  User subgraph    ${urls.user}/graphql   (router-signed requests only)
  Mail catcher     ${urls.mail}
  Traces (Zipkin)  ${runZipkin ? urls.zipkin : 'off (see the OTEL_* variables)'}
  Metrics          ${urls.router}/metrics, ${urls.auth}/metrics, ${urls.user}/metrics
                   (authorization: Bearer ${env.METRICS_TOKEN})
  Kafka            ${env.KAFKA_BROKERS}
`);
