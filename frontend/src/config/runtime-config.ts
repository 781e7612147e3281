// Where the app finds the router. Runtime config (window.__TRACKLORE_CONFIG__, set by /config.js
// that whoever serves the static files writes) wins over the build-time VITE_ROUTER_URL, so one
// build runs anywhere: dev server, the e2e test's static server, docker-compose.

export const DEFAULT_ROUTER_URL = 'http://127.0.0.1:4000/graphql';

export interface RuntimeConfig {
  /** Absolute http(s) URL of the router's GraphQL endpoint (a relative one is resolved against the page). */
  routerUrl: string;
}

function readRouterUrl(runtime: unknown): string | undefined {
  if (typeof runtime !== 'object' || runtime === null) return undefined;
  const value = (runtime as { routerUrl?: unknown }).routerUrl;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * `pageUrl` resolves relative URLs such as `/graphql` (a same-origin proxy in front of the router).
 * Throws with a message naming the setting when the URL is unusable.
 */
export function resolveConfig(runtime: unknown, buildTimeRouterUrl: string | undefined, pageUrl: string): RuntimeConfig {
  const fromRuntime = readRouterUrl(runtime);
  const raw = fromRuntime ?? (buildTimeRouterUrl?.trim() || DEFAULT_ROUTER_URL);
  const source = fromRuntime ? 'window.__TRACKLORE_CONFIG__.routerUrl' : 'VITE_ROUTER_URL';
  let url: URL;
  try {
    url = new URL(raw, pageUrl);
  } catch {
    throw new Error(`${source} is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${source} must be an http(s) URL, got ${JSON.stringify(raw)}`);
  }
  return { routerUrl: url.toString() };
}
