// Goals 1-3: the router, the peer (Hive Gateway + Rust planner) and the direct subgraph calls (the
// limit), on the signed-in `me` and the public `badges`, in alternating rounds; medians per target.
import { GATEWAY_HEADER, signGatewayHeader } from '@tracklore/shared/gateway-trust';
import { startCpuCount, type CpuShare } from './cpu.ts';
import { median, runLoad, type LoadResult, type Step } from './load.ts';
import type { BenchStack } from './services.ts';

export const ME_QUERY = '{ me { id email roles profile { displayName bio } badges { badge { slug name } awardedAt } goals { title status progress } } }';
export const BADGES_QUERY = '{ badges { slug name description } }';
// What the router's query plan sends for ME_QUERY (auth first, then the user entity fetch).
const AUTH_ME = '{ me { __typename id email roles } }';
const USER_ENTITIES =
  'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { profile { displayName bio } badges { badge { slug name } awardedAt } goals { title status progress } } } }';

export type Target = 'router' | 'hive' | 'direct';
export type Query = 'me' | 'badges';
export const TARGETS: Target[] = ['router', 'hive', 'direct'];
export const QUERIES: Query[] = ['me', 'badges'];

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** µs of CPU per operation in each process (median of rounds), see cpu.ts. */
  cpu: CpuShare;
}

/** The signature changes once a second; sign once per second like any client of HMAC time windows. */
function signer(secret: string): () => string {
  let second = -1;
  let value = '';
  return () => {
    const now = Math.floor(Date.now() / 1000);
    if (now !== second) [second, value] = [now, signGatewayHeader(secret)];
    return value;
  };
}

const expectMe = (goals: number) => (json: unknown) => {
  const me = (json as { data?: { me?: { goals?: unknown[]; badges?: unknown[] } } }).data?.me;
  if (me?.goals?.length !== goals || me.badges?.length !== 3) throw new Error(`unexpected me: ${JSON.stringify(json).slice(0, 200)}`);
};
const expectEntities = (goals: number) => (json: unknown) => {
  const entity = (json as { data?: { _entities?: Array<{ goals?: unknown[] }> } }).data?._entities?.[0];
  if (entity?.goals?.length !== goals) throw new Error(`unexpected _entities: ${JSON.stringify(json).slice(0, 200)}`);
};

export function steps(stack: BenchStack, user: { id: number; accessToken: string; goals: number }): Record<Target, Record<Query, Step[]>> {
  const sign = signer(stack.secrets.gateway);
  const bearer = `Bearer ${user.accessToken}`;
  const gatewayStep = (url: string, query: string, check?: Step['check'], auth = true): Step => ({
    url,
    headers: (): Record<string, string> => (auth ? { authorization: bearer } : {}),
    body: JSON.stringify({ query }),
    check,
  });
  const signed = (auth: boolean) => (): Record<string, string> => (auth ? { [GATEWAY_HEADER]: sign(), authorization: bearer } : { [GATEWAY_HEADER]: sign() });
  return {
    router: {
      me: [gatewayStep(stack.router.graphqlUrl, ME_QUERY, expectMe(user.goals))],
      badges: [gatewayStep(stack.router.graphqlUrl, BADGES_QUERY, undefined, false)],
    },
    hive: {
      me: [gatewayStep(stack.hive.graphqlUrl, ME_QUERY, expectMe(user.goals))],
      badges: [gatewayStep(stack.hive.graphqlUrl, BADGES_QUERY, undefined, false)],
    },
    direct: {
      me: [
        { url: stack.auth.graphqlUrl, headers: signed(true), body: JSON.stringify({ query: AUTH_ME }) },
        {
          url: stack.user.graphqlUrl,
          headers: signed(true),
          body: JSON.stringify({ query: USER_ENTITIES, variables: { representations: [{ __typename: 'User', id: String(user.id) }] } }),
          check: expectEntities(user.goals),
        },
      ],
      badges: [{ url: stack.user.graphqlUrl, headers: signed(false), body: JSON.stringify({ query: BADGES_QUERY }) }],
    },
  };
}

export async function compare(
  stack: BenchStack,
  user: { id: number; accessToken: string; goals: number },
  options: { rounds: number; seconds: number; connections: number; log: (line: string) => void },
): Promise<Record<Target, Record<Query, Figures>>> {
  const all = steps(stack, user);
  const results = new Map<string, Array<LoadResult & { cpu: CpuShare }>>();
  const pids = { auth: stack.auth.pid, user: stack.user.pid, router: stack.router.pid, hive: stack.hive.pid };
  // Warm-up: JIT, plan and parse caches, connection pools.
  for (const target of TARGETS) for (const query of QUERIES) await runLoad(all[target][query], { connections: options.connections, seconds: 2 });
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const query of QUERIES) {
      // Alternate the order per round so no target always runs right after the same one.
      const order = round % 2 ? TARGETS : [...TARGETS].reverse();
      for (const target of order) {
        const counting = startCpuCount(pids);
        const load = await runLoad(all[target][query], { connections: options.connections, seconds: options.seconds });
        const result = { ...load, cpu: counting.stop(load.ops) };
        if (result.errors) options.log(`  ${target} ${query}: ${result.errors} errors, first: ${result.firstError}`);
        results.set(`${target}/${query}`, [...(results.get(`${target}/${query}`) ?? []), result]);
        options.log(`  round ${round} ${query.padEnd(6)} ${target.padEnd(6)} ${result.rps.toFixed(0).padStart(5)} ops/s  p50 ${result.p50.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms`);
      }
    }
  }
  const figures = {} as Record<Target, Record<Query, Figures>>;
  for (const target of TARGETS) {
    figures[target] = {} as Record<Query, Figures>;
    for (const query of QUERIES) {
      const runs = results.get(`${target}/${query}`) ?? [];
      figures[target][query] = {
        rps: median(runs.map((r) => r.rps)),
        p50: median(runs.map((r) => r.p50)),
        p99: median(runs.map((r) => r.p99)),
        errors: runs.reduce((n, r) => n + r.errors, 0),
        cpu: Object.fromEntries(Object.keys(runs[0]?.cpu ?? {}).map((name) => [name, median(runs.map((r) => r.cpu[name] ?? 0))])),
      };
    }
  }
  return figures;
}
