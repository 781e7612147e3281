// `npm run serve -w @tracklore/frontend`: serves frontend/dist like production would.
// Env: FRONTEND_HOST (127.0.0.1), FRONTEND_PORT (5173), VITE_ROUTER_URL (http://127.0.0.1:4000/graphql:
// the router URL the browser calls, written into /config.js), FRONTEND_DIST (frontend/dist).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.ts';

const env = process.env;
const port = Number(env.FRONTEND_PORT ?? 5173);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`FRONTEND_PORT must be a port number, got ${env.FRONTEND_PORT}`);
const root = resolve(env.FRONTEND_DIST ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'));
const server = await startStaticServer({
  root,
  host: env.FRONTEND_HOST ?? '127.0.0.1',
  port,
  routerUrl: env.VITE_ROUTER_URL ?? 'http://127.0.0.1:4000/graphql',
});
process.stdout.write(`Tracklore web app on ${server.url} (serving ${root})\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.stop().then(() => process.exit(0)));
}
