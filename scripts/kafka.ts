// `npm run kafka`: runs a development broker on 127.0.0.1:9092 until Ctrl-C, with the topics created.
// With KAFKA_BROKERS set it only checks that broker and creates the topics there.
import { join } from 'node:path';
import { fail, step } from './lib/log.ts';
import { startBroker, waitForKafka } from '@tracklore/devkit/kafka-broker';

const external = process.env.KAFKA_BROKERS;
if (external) {
  const brokers = external.split(',').map((b) => b.trim());
  try {
    await waitForKafka(brokers, 15_000);
    step('kafka', `using ${brokers.join(',')} (KAFKA_BROKERS); topics ready`);
  } catch (error) {
    fail('kafka', (error as Error).message);
  }
} else {
  try {
    const broker = await startBroker({ dataDir: join(process.cwd(), '.data/kafka'), onProgress: (m) => step('kafka', m) });
    step('kafka', `ready at ${broker.brokers.join(',')}; Ctrl-C stops it`);
    const stop = () => broker.stop().then(() => { step('kafka', 'stopped'); process.exit(0); });
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    fail('kafka', (error as Error).message);
  }
}
