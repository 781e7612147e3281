// A TCP forwarder on 127.0.0.1 that tests can switch off and on, to make a real dependency
// (Kafka, PostgreSQL, SMTP) unreachable and bring it back on the same address.
// Closed means refused: the listener is down and every forwarded connection is destroyed.
// resetReused() instead cuts a connection that is being reused: the client's next write on a
// connection that already carried an answer is dropped and the connection reset (TCP RST), as when a
// server closes an idle keep-alive connection just as a request goes out on it.
// Note for Kafka: clients bootstrap through the proxy but then connect to the broker's advertised
// address, so closing only cuts off a client that has not connected yet (or reconnects via it).
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './ports.ts';

export interface TcpProxyOptions {
  target: { host: string; port: number };
  /** Listen port; default a free one, kept across close()/open(). */
  port?: number;
  /** Start closed (refusing connections). Default false. */
  startClosed?: boolean;
}

export interface TcpProxy {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** `127.0.0.1:port`. */
  readonly address: string;
  readonly isOpen: boolean;
  /** Number of connections forwarded so far. */
  readonly connections: number;
  /** Connections reset by resetReused() so far. */
  readonly resets: number;
  /**
   * The next `count` client writes that arrive on a connection which has already carried an
   * answer (data from the target) are not forwarded; each one's connection is reset on both sides instead. New connections are not
   * affected. Default 1.
   */
  resetReused(count?: number): void;
  /** Starts listening (again) on the same port. */
  open(): Promise<void>;
  /** Stops listening and cuts every forwarded connection. */
  close(): Promise<void>;
  /** close(), for `after` hooks. Idempotent. */
  stop(): Promise<void>;
}

export async function createTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  const port = options.port ?? (await freePort());
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let connections = 0;
  let resets = 0;
  let resetsArmed = 0;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const proxy: TcpProxy = {
    host: '127.0.0.1',
    port,
    address: `127.0.0.1:${port}`,
    get isOpen() {
      return server !== undefined;
    },
    get connections() {
      return connections;
    },
    get resets() {
      return resets;
    },
    resetReused(count = 1) {
      resetsArmed += count;
    },
    async open() {
      if (server) return;
      const listening = createServer((client) => {
        connections += 1;
        const upstream = createConnection({ host: options.target.host, port: options.target.port });
        track(client);
        track(upstream);
        client.on('error', () => upstream.destroy());
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        let carried = false;
        client.on('data', (chunk: Buffer) => {
          if (carried && resetsArmed > 0) {
            resetsArmed -= 1;
            resets += 1;
            client.resetAndDestroy();
            upstream.resetAndDestroy();
            return;
          }
          if (!upstream.write(chunk)) client.pause();
        });
        upstream.on('drain', () => client.resume());
        upstream.on('data', () => (carried = true));
        client.on('end', () => upstream.end());
        upstream.pipe(client);
      });
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, '127.0.0.1', () => {
          listening.off('error', reject);
          resolve();
        });
      });
      server = listening;
    },
    async close() {
      const current = server;
      server = undefined;
      if (!current) return;
      const closed = new Promise<void>((resolve) => current.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    stop() {
      return proxy.close();
    },
  };
  if (!options.startClosed) await proxy.open();
  return proxy;
}
