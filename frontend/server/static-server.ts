// A small static file server for the built app (frontend/dist): correct content types, SPA
// fallback to index.html for client routes like /reset-password?token=..., a generated
// /config.js carrying the router URL, and security headers. Used by the e2e test and by
// `npm run serve -w @tracklore/frontend`; any other static host works the same way.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { securityHeaders } from './security-headers.ts';

export interface StaticServerOptions {
  /** Folder with index.html and assets/ (the Vite build output). */
  root: string;
  /** Router GraphQL URL the browser calls, written into /config.js. */
  routerUrl: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
}

export interface StaticServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** `window.__TRACKLORE_CONFIG__ = {...}`; `<` escaped so the value cannot close a script. */
export function configScript(routerUrl: string): string {
  return `window.__TRACKLORE_CONFIG__ = ${JSON.stringify({ routerUrl }).replace(/</g, '\\u003c')};\n`;
}

/** The file under `root` a URL path names, or null when it would leave `root`. */
export function resolveUnder(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = normalize(join(root, decoded));
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = normalize(options.root);
  const headers = securityHeaders(options.routerUrl);
  const config = configScript(options.routerUrl);
  const index = join(root, 'index.html');
  if (!(await isFile(index))) throw new Error(`no index.html in ${root}: run \`npm run build -w @tracklore/frontend\` first`);

  function send(res: ServerResponse, status: number, type: string, body: string, head: boolean, extra: Record<string, string> = {}) {
    res.writeHead(status, { ...headers, 'content-type': type, 'content-length': Buffer.byteLength(body), ...extra });
    res.end(head ? undefined : body);
  }

  async function sendFile(res: ServerResponse, path: string, head: boolean, cache: string) {
    const info = await stat(path);
    res.writeHead(200, { ...headers, 'content-type': contentTypeOf(path), 'content-length': info.size, 'cache-control': cache });
    if (head) {
      res.end();
      return;
    }
    createReadStream(path)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed\n', false, { allow: 'GET, HEAD' });
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/config.js') {
      send(res, 200, contentTypeOf(path), config, head, { 'cache-control': 'no-cache' });
      return;
    }
    const file = resolveUnder(root, path);
    if (file === null) {
      send(res, 400, 'text/plain; charset=utf-8', 'Bad Request\n', head);
      return;
    }
    if (file !== root && (await isFile(file))) {
      // Vite fingerprints everything under assets/: cache it for good; the rest must revalidate.
      const immutable = path.startsWith('/assets/');
      await sendFile(res, file, head, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return;
    }
    // A missing file with an extension is a real 404; any other path is a client-side route.
    if (extname(path) !== '') {
      send(res, 404, 'text/plain; charset=utf-8', 'Not Found\n', head);
      return;
    }
    await sendFile(res, index, head, 'no-cache');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal Server Error\n', false);
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    port,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
