// PostgreSQL LISTEN on a dedicated connection (the pool cannot hold one). When the connection
// drops it reconnects with backoff and calls every handler once, since notifications sent while
// it was away are lost; handlers must therefore mean "go and look", never carry data.
import pg from 'pg';
import type { Logger } from '@tracklore/shared/logger';
import { retryDelayMs } from '@tracklore/shared/backoff';
import type { Clock } from '@tracklore/shared/clock';

export interface NotificationListener {
  readonly connected: boolean;
  start(): Promise<void>;
  /** Idempotent. */
  stop(): Promise<void>;
}

export function createNotificationListener(options: {
  url: string;
  /** Channel name → handler. Names are fixed identifiers (not user input). */
  channels: Record<string, () => void>;
  logger: Logger;
  clock: Clock;
}): NotificationListener {
  const { logger, clock } = options;
  const channels = Object.keys(options.channels);
  for (const c of channels) if (!/^[a-z_][a-z0-9_]*$/.test(c)) throw new TypeError(`invalid channel name ${c}`);
  let client: pg.Client | undefined;
  let connected = false;
  let stopped = false;
  let failures = 0;
  /** The backoff before the next reconnect, while one is pending. */
  let waiting: AbortController | undefined;

  const notifyAll = () => {
    for (const handler of Object.values(options.channels)) handler();
  };

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 5000, keepAlive: true });
    next.on('notification', (message) => options.channels[message.channel]?.());
    next.on('error', (err) => {
      logger.warn({ err }, 'notification connection failed');
      lost(next);
    });
    next.on('end', () => lost(next));
    await next.connect();
    for (const channel of channels) await next.query(`LISTEN ${channel}`);
    client = next;
    connected = true;
    failures = 0;
  }

  function lost(which: pg.Client): void {
    if (client !== which) return;
    client = undefined;
    connected = false;
    which.end().catch(() => {});
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    if (stopped || waiting) return;
    failures += 1;
    const wait = new AbortController();
    waiting = wait;
    // Unref'd (the Clock's sleep): a pending reconnect never keeps the process alive.
    clock.sleep(retryDelayMs(failures, { baseMs: 500, maxMs: 30_000, jitter: true }), wait.signal).then(() => {
      waiting = undefined;
      if (stopped) return; // stop() came as the backoff ended
      connect().then(
        () => {
          logger.info('notification connection restored');
          notifyAll();
        },
        (err: unknown) => {
          logger.warn({ err, failures }, 'notification connection retry failed');
          scheduleReconnect();
        },
      );
    }, () => {}); // aborted: stopping
  }

  let stopping: Promise<void> | undefined;
  return {
    get connected() {
      return connected;
    },
    start: connect,
    stop() {
      stopping ??= (async () => {
        stopped = true;
        waiting?.abort();
        const current = client;
        client = undefined;
        connected = false;
        await current?.end().catch(() => {});
      })();
      return stopping;
    },
  };
}
