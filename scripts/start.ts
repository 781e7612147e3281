// `npm start`: the whole development stack — Kafka (or KAFKA_BROKERS), databases and migrations,
// mail catcher, auth subgraph, user subgraph, router and frontend — with progress as each part
// comes up and the URLs at the end. Ctrl-C stops every part; a part that fails stops the rest.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startBroker, waitForKafka, type RunningBroker } from '@tracklore/devkit/kafka-broker';
import { isPortOpen } from '@tracklore/devkit/ports';
import { prepareDatabases } from './db.ts';
import { startChild, waitForUrl, type ChildPart } from './lib/child.ts';
import { step } from './lib/log.ts';

const ROOT = process.cwd();
const tsx = (file: string) => [process.execPath, ['--import', 'tsx', join(ROOT, file)]] as const;
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const ports = {
  router: port('ROUTER_PORT', 4000),
  auth: port('AUTH_PORT', 4001),
  user: port('USER_PORT', 4002),
  frontend: port('FRONTEND_PORT', 5173),
  smtp: port('MAIL_SMTP_PORT', 1025),
  mailUi: port('MAIL_UI_PORT', 8025),
};

// One pair of secrets per run unless configured: the parts only need to agree with each other.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  GATEWAY_SECRET: process.env.GATEWAY_SECRET ?? randomBytes(32).toString('base64url'),
  INTERNAL_API_SECRET: process.env.INTERNAL_API_SECRET ?? randomBytes(32).toString('base64url'),
  AUTH_PORT: String(ports.auth),
  USER_PORT: String(ports.user),
  ROUTER_PORT: String(ports.router),
  AUTH_URL: process.env.AUTH_URL ?? `http://127.0.0.1:${ports.auth}`,
  AUTH_ISSUER: process.env.AUTH_ISSUER ?? `http://127.0.0.1:${ports.auth}`,
  AUTH_SUBGRAPH_URL: process.env.AUTH_SUBGRAPH_URL ?? `http://127.0.0.1:${ports.auth}/graphql`,
  USER_SUBGRAPH_URL: process.env.USER_SUBGRAPH_URL ?? `http://127.0.0.1:${ports.user}/graphql`,
  SMTP_URL: process.env.SMTP_URL ?? `smtp://127.0.0.1:${ports.smtp}`,
  PASSWORD_RESET_URL: process.env.PASSWORD_RESET_URL ?? `http://127.0.0.1:${ports.frontend}/reset-password`,
  VITE_ROUTER_URL: process.env.VITE_ROUTER_URL ?? `http://127.0.0.1:${ports.router}/graphql`,
};

const children: ChildPart[] = [];
let broker: RunningBroker | undefined;
let shuttingDown = false;

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    step('stack', 'stopping');
    for (const child of [...children].reverse()) await child.stop();
    if (broker) await broker.stop();
    step('stack', 'stopped');
  }
  process.exit(code);
}

async function abort(part: string, message: string): Promise<never> {
  console.error(`\n✖ ${part} failed to start: ${message}\n`);
  return shutdown(1);
}

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

/** Starts one part as a child process and waits until `readyUrl` answers. */
async function startPart(name: string, file: string, readyUrl: string, extraArgs: string[] = []): Promise<void> {
  step(name, 'starting');
  const [command, args] = tsx(file);
  const child = startChild(name, command, [...args, ...extraArgs], env);
  children.push(child);
  try {
    await waitForUrl(child, readyUrl, 90_000);
  } catch (error) {
    await abort(name, (error as Error).message);
  }
  void child.exited.then((code) => {
    if (!shuttingDown) void abort(name, `exited unexpectedly with code ${code}`);
  });
  step(name, `ready (${readyUrl})`);
}

// 1. Kafka
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

// 2. PostgreSQL: databases and migrations
try {
  await prepareDatabases(env);
} catch (error) {
  await abort('PostgreSQL', (error as Error).message);
}

// 3. Services, in dependency order
if (existsSync(join(ROOT, 'scripts/mail-catcher.ts'))) {
  await startPart('mail', 'scripts/mail-catcher.ts', `http://127.0.0.1:${ports.mailUi}/health`);
}
await startPart('auth', 'subgraphs/auth/src/main.ts', `http://127.0.0.1:${ports.auth}/ready`);
await startPart('user', 'subgraphs/user/src/main.ts', `http://127.0.0.1:${ports.user}/ready`);
await startPart('router', 'router/src/main.ts', `http://127.0.0.1:${ports.router}/ready`);
if (existsSync(join(ROOT, 'frontend/vite.config.ts'))) {
  step('web', 'starting');
  const child = startChild('web', process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), '--config', join(ROOT, 'frontend/vite.config.ts'), '--host', '127.0.0.1', '--port', String(ports.frontend), '--strictPort', join(ROOT, 'frontend')], env);
  children.push(child);
  try {
    await waitForUrl(child, `http://127.0.0.1:${ports.frontend}/`, 60_000);
  } catch (error) {
    await abort('web', (error as Error).message);
  }
  void child.exited.then((code) => {
    if (!shuttingDown) void abort('web', `exited unexpectedly with code ${code}`);
  });
}

console.log(`
  Tracklore is up. Ctrl-C stops everything.

  Web app          http://127.0.0.1:${ports.frontend}/
  Router (Sandbox) http://127.0.0.1:${ports.router}/graphql
  Auth subgraph    http://127.0.0.1:${ports.auth}/graphql   (router-signed requests only)
  User subgraph    http://127.0.0.1:${ports.user}/graphql   (router-signed requests only)
  Mail catcher     http://127.0.0.1:${ports.mailUi}/
  Kafka            ${env.KAFKA_BROKERS}
`);
