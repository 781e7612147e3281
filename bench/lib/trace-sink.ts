// Where the traced stack of `--tracing` exports its spans: an OTLP/HTTP endpoint that answers 200
// and throws the body away, so the figure is the services' cost of tracing (span creation,
// batching, serialising, sending) and not a collector's. It counts what arrived, to prove spans flowed.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TraceSink {
  /** http://127.0.0.1:port, for OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  readonly exports: number;
  readonly bytes: number;
  stop(): Promise<void>;
}

export async function startTraceSink(): Promise<TraceSink> {
  let exports = 0;
  let bytes = 0;
  const server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') exports += 1;
      res.writeHead(req.method === 'POST' ? 200 : 404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get exports() {
      return exports;
    },
    get bytes() {
      return bytes;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
