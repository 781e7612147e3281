// A real single-node Apache Kafka broker (KRaft) from Maven Central jars, without Docker.
// Jars are resolved once into .cache/kafka/libs and reused; storage is formatted on first start.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { TOPICS } from '@tracklore/shared/events/topics';
import { isPortOpen } from './ports.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const KAFKA_VERSION = '4.4.0';
const LIBS = join(ROOT, '.cache/kafka/libs');

export interface BrokerOptions {
  /** Folder for config, logs and data. */
  dataDir: string;
  /** Client port. Default 9092. */
  port?: number;
  /** Controller (KRaft quorum) port. Default port + 1. */
  controllerPort?: number;
  /** Progress callback. */
  onProgress?: (message: string) => void;
}

export interface RunningBroker {
  brokers: string[];
  logFile: string;
  /** Idempotent; waits for the broker process to exit. */
  stop(): Promise<void>;
}

/** Resolves the broker jars with Maven once; later calls find them in the cache. */
export function ensureKafkaJars(onProgress: (m: string) => void = () => {}): string {
  const marker = join(LIBS, `.complete-${KAFKA_VERSION}`);
  if (existsSync(marker)) return LIBS;
  onProgress(`resolving Apache Kafka ${KAFKA_VERSION} jars from Maven Central (once) into .cache/kafka/libs`);
  const result = spawnSync(
    'mvn',
    ['-q', '-B', '-f', join(ROOT, 'packages/devkit/kafka-pom.xml'), 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${LIBS}`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.error) throw new Error(`Kafka: could not run mvn to fetch the broker jars: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`Kafka: mvn exited with ${result.status} while fetching the broker jars`);
  const jars = readdirSync(LIBS).filter((f) => f.endsWith('.jar'));
  if (!jars.some((j) => j.startsWith(`kafka_2.13-${KAFKA_VERSION}`))) throw new Error('Kafka: kafka_2.13 jar missing after mvn');
  writeFileSync(marker, `${jars.length} jars\n`);
  onProgress(`${jars.length} jars cached`);
  return LIBS;
}

function writeConfig(dataDir: string, port: number, controllerPort: number): string {
  const props = join(dataDir, 'server.properties');
  writeFileSync(
    props,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'inter.broker.listener.name=PLAINTEXT',
      `log.dirs=${join(dataDir, 'data')}`,
      'num.partitions=1',
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=false',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dataDir, 'log4j2.properties'),
    ['rootLogger.level=WARN', 'rootLogger.appenderRef.stdout.ref=STDOUT', 'appender.stdout.type=Console', 'appender.stdout.name=STDOUT',
      'appender.stdout.layout.type=PatternLayout', 'appender.stdout.layout.pattern=[%d] %p %m (%c)%n', ''].join('\n'),
  );
  return props;
}

/** Starts a broker and resolves once it answers metadata requests and the topics exist. */
export async function startBroker(options: BrokerOptions): Promise<RunningBroker> {
  const progress = options.onProgress ?? (() => {});
  const port = options.port ?? 9092;
  const controllerPort = options.controllerPort ?? port + 1;
  if (await isPortOpen('127.0.0.1', port)) throw new Error(`Kafka: port 127.0.0.1:${port} is already in use (set KAFKA_BROKERS to use a running broker)`);
  const libs = ensureKafkaJars(progress);
  mkdirSync(options.dataDir, { recursive: true });
  const props = writeConfig(options.dataDir, port, controllerPort);
  const classpath = `${libs}/*`;
  const log4j = `-Dlog4j2.configurationFile=${join(options.dataDir, 'log4j2.properties')}`;
  if (!existsSync(join(options.dataDir, 'data', 'meta.properties'))) {
    progress('formatting KRaft storage');
    const format = spawnSync('java', [log4j, '-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', randomUUID().replace(/-/g, '').slice(0, 22), '-c', props, '--ignore-formatted'], { encoding: 'utf8' });
    if (format.status !== 0) throw new Error(`Kafka: storage format failed: ${format.stderr || format.stdout}`);
  }
  const logFile = join(options.dataDir, 'broker.log');
  const out = openSync(logFile, 'a');
  progress(`starting broker on 127.0.0.1:${port} (log: ${logFile})`);
  // The shell wrapper ends the JVM when this process dies, so a crashed test run leaves no broker behind.
  const child: ChildProcess = spawn(
    'sh',
    ['-c', `java -Xmx512m -XX:+UseSerialGC ${log4j} -cp "${classpath}" kafka.Kafka "${props}" & J=$!; trap 'kill $J 2>/dev/null; wait $J; exit 0' TERM INT; while kill -0 ${process.pid} 2>/dev/null && kill -0 $J 2>/dev/null; do sleep 1; done; kill $J 2>/dev/null; wait $J`],
    { stdio: ['ignore', out, out], detached: false },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopped: Promise<void> | undefined;
  const broker: RunningBroker = {
    brokers: [`127.0.0.1:${port}`],
    logFile,
    stop: () => {
      stopped ??= (async () => {
        if (child.exitCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopped;
    },
  };
  try {
    await Promise.race([
      waitForKafka(broker.brokers, 120_000),
      exited.then((code) => Promise.reject(new Error(`Kafka: broker exited with code ${code} during start; see ${logFile}`))),
    ]);
  } catch (error) {
    await broker.stop();
    throw error;
  }
  return broker;
}

/** Waits until the broker answers, then creates the project's topics (idempotent) and checks leaders. */
export async function waitForKafka(brokers: string[], timeoutMs = 30_000, topics: readonly string[] = TOPICS): Promise<void> {
  const kafka = new Kafka({ clientId: 'tracklore-provisioner', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 1000, retry: { retries: 0 } });
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length > 0) {
        await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })) });
      }
      await admin.fetchTopicMetadata({ topics: [...topics] });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await admin.disconnect().catch(() => {});
    }
  }
  throw new Error(`Kafka at ${brokers.join(',')} did not answer within ${timeoutMs} ms: ${(lastError as Error | undefined)?.message ?? 'no answer'}`);
}
