// How an HTTP server stops without failing a request (the order Kubernetes expects):
//   1. stopping: /ready answers 503 (the service edge checks `stopping`) and every response not
//      yet started is sent with `connection: close`, so each keep-alive client moves elsewhere
//      after its next answer instead of finding its socket closed under a request;
//   2. grace: the listener keeps accepting for `graceMs`, while load balancers and clients notice;
//   3. drain: the listener closes, idle sockets are closed at once and each busy one as soon as
//      its response is written; the server is done when the last socket is gone, or after
//      `drainTimeoutMs`, when the sockets still open are destroyed (counted as forced).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../logger.ts';

export interface DrainOptions {
  /** Keep accepting for this long after stopping began, in ms; 0 closes the listener at once. */
  graceMs: number;
  /** Upper bound of the drain once the listener is closed, in ms. */
  drainTimeoutMs: number;
}

export interface DrainResult {
  /** Sockets still open at the drain timeout and destroyed (0 when every response was written). */
  forcedConnections: number;
}

export interface ConnectionDrain {
  /** True from the first drain() call on. */
  readonly stopping: boolean;
  /** Called for every request before it is handled. */
  track(req: IncomingMessage, res: ServerResponse): void;
  drain(options: DrainOptions): Promise<DrainResult>;
}

export function createConnectionDrain(server: Server, logger: Logger): ConnectionDrain {
  const sockets = new Set<Socket>();
  const pending = new Set<ServerResponse>();
  let stopping = false;
  let closing = false;

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const closeConnection = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };

  return {
    get stopping() {
      return stopping;
    },
    track(_req, res) {
      if (stopping) closeConnection(res);
      pending.add(res);
      res.once('close', () => {
        pending.delete(res);
        // A response whose headers went out before stopping kept its socket alive: close it now
        // that it is idle (after Node has detached the response from the socket).
        if (closing) setImmediate(() => server.closeIdleConnections());
      });
    },
    async drain({ graceMs, drainTimeoutMs }) {
      stopping = true;
      for (const res of pending) closeConnection(res);
      if (graceMs > 0) {
        logger.info({ graceMs, openConnections: sockets.size }, 'stopping: /ready answers 503, still accepting during the grace period');
        await new Promise((resolve) => setTimeout(resolve, graceMs));
      }
      closing = true;
      logger.info({ openConnections: sockets.size, inFlight: pending.size }, 'stopping: no new connections, draining in-flight requests');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let forcedConnections = 0;
      const timeout = setTimeout(() => {
        forcedConnections = sockets.size;
        logger.warn({ forcedConnections, drainTimeoutMs }, 'drain timeout: destroying the connections still open');
        server.closeAllConnections();
      }, drainTimeoutMs);
      await closed;
      clearTimeout(timeout);
      return { forcedConnections };
    },
  };
}
