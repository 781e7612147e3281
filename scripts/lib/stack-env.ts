// The ports of `npm start` and everything derived from them: one port variable per part, and the
// environment each part gets, so that changing a port changes every URL that names it (CORS
// origins, reset link, the app's router URL, issuer, subgraph URLs, SMTP). A variable the user
// set explicitly is never overridden.
import { randomBytes } from 'node:crypto';

/** Every port variable `npm start` reads, with its default. */
export const PORT_DEFAULTS = {
  ROUTER_PORT: 4000,
  AUTH_PORT: 4001,
  USER_PORT: 4002,
  FRONTEND_PORT: 5173,
  MAIL_SMTP_PORT: 1025,
  MAIL_UI_PORT: 8025,
  ZIPKIN_PORT: 9411,
} as const;

export type PortVariable = keyof typeof PORT_DEFAULTS;
export type StackPorts = Record<PortVariable, number>;

/** Reads the port variables; throws naming the variable when one is not a port or two are the same. */
export function readPorts(source: NodeJS.ProcessEnv): StackPorts {
  const ports = {} as StackPorts;
  const owner = new Map<number, PortVariable>();
  for (const [name, fallback] of Object.entries(PORT_DEFAULTS) as Array<[PortVariable, number]>) {
    const raw = source[name]?.trim();
    // 0 ("any free port") is refused: the other parts must be told the port before it is bound.
    const port = raw === undefined || raw === '' ? fallback : /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number from 1 to 65535, got ${JSON.stringify(source[name])}`);
    const other = owner.get(port);
    if (other) throw new Error(`${name} and ${other} are both ${port}; every part needs its own port`);
    owner.set(port, name);
    ports[name] = port;
  }
  return ports;
}

/** The URLs the parts are reached at (all on 127.0.0.1, where `npm start` binds them). */
export function stackUrls(ports: StackPorts) {
  const at = (port: number) => `http://127.0.0.1:${port}`;
  return {
    web: `${at(ports.FRONTEND_PORT)}/`,
    /** Both names a browser may use for the dev server; the router's CORS allows these. */
    webOrigins: [at(ports.FRONTEND_PORT), `http://localhost:${ports.FRONTEND_PORT}`],
    router: at(ports.ROUTER_PORT),
    auth: at(ports.AUTH_PORT),
    user: at(ports.USER_PORT),
    mail: `${at(ports.MAIL_UI_PORT)}/`,
    smtp: `smtp://127.0.0.1:${ports.MAIL_SMTP_PORT}`,
    /** Zipkin's UI; spans go to zipkinSpans. */
    zipkin: `${at(ports.ZIPKIN_PORT)}/zipkin/`,
    zipkinSpans: `${at(ports.ZIPKIN_PORT)}/api/v2/spans`,
  };
}

/** The environment every part of the stack starts with: `source` plus what the ports imply, unless set. */
export function stackEnv(source: NodeJS.ProcessEnv, ports: StackPorts): NodeJS.ProcessEnv {
  const urls = stackUrls(ports);
  const derived: NodeJS.ProcessEnv = {
    NODE_ENV: 'development',
    // No load balancer in front of a dev stack to wait for: Ctrl-C drains at once.
    SHUTDOWN_GRACE_MS: '0',
    // One pair of secrets per run: the parts only need to agree with each other.
    GATEWAY_SECRET: randomBytes(32).toString('base64url'),
    INTERNAL_API_SECRET: randomBytes(32).toString('base64url'),
    // /metrics on every part, for this run's token (printed when the stack is up).
    METRICS_TOKEN: randomBytes(32).toString('base64url'),
    AUTH_URL: urls.auth,
    AUTH_ISSUER: urls.auth,
    AUTH_SUBGRAPH_URL: `${urls.auth}/graphql`,
    USER_SUBGRAPH_URL: `${urls.user}/graphql`,
    SMTP_URL: urls.smtp,
    PASSWORD_RESET_URL: `${urls.web}reset-password`,
    EMAIL_VERIFICATION_URL: `${urls.web}verify-email`,
    // Vite hands VITE_* variables of its environment to the app (src/config/runtime-config.ts).
    VITE_ROUTER_URL: `${urls.router}/graphql`,
    ROUTER_CORS_ORIGINS: urls.webOrigins.join(','),
    // Traces of every part to the stack's Zipkin, each batch sent after at most a second.
    OTEL_TRACES_EXPORTER: 'zipkin',
    OTEL_EXPORTER_ZIPKIN_ENDPOINT: urls.zipkinSpans,
    OTEL_BSP_SCHEDULE_DELAY: '1000',
  };
  const env: NodeJS.ProcessEnv = { ...source };
  for (const [name, value] of Object.entries(derived)) if (!env[name]) env[name] = value;
  // The ports themselves always: each part reads its own variable (the router also FRONTEND_PORT).
  for (const [name, port] of Object.entries(ports)) env[name] = String(port);
  return env;
}
