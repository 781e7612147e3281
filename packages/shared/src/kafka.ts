// kafkajs client factory: pino-backed logging and a consistent retry policy for every service.
import { Kafka, logLevel as KafkaLogLevel, type KafkaConfig, type logCreator } from 'kafkajs';
import type { Logger } from './logger.ts';

function pinoLogCreator(logger: Logger): logCreator {
  return () => ({ level, log }) => {
    const { message, ...extra } = log;
    const child = { namespace: log.namespace, ...extra };
    if (level === KafkaLogLevel.ERROR) logger.error(child, message);
    else if (level === KafkaLogLevel.WARN) logger.warn(child, message);
    else if (level === KafkaLogLevel.INFO) logger.debug(child, message);
    else logger.trace(child, message);
  };
}

export function createKafka(options: { clientId: string; brokers: string[]; logger: Logger } & Partial<KafkaConfig>): Kafka {
  const { logger, ...config } = options;
  return new Kafka({
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 300, retries: 8 },
    logLevel: KafkaLogLevel.INFO,
    logCreator: pinoLogCreator(logger.child({ component: 'kafkajs' })),
    ...config,
  });
}
