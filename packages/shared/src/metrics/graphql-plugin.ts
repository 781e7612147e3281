// Per-operation GraphQL metrics, as an Apollo Server plugin (the one seam every service's GraphQL
// passes through, the router's gateway included):
//   graphql_operation_duration_seconds{operation,type}  histogram; its _count is the request rate
//   graphql_errors_total{operation,code}                 errors in responses, by extensions.code
// `operation` is bounded: the operation's name when the document named it (at most
// MAX_OPERATION_NAMES distinct names per process, longer than 64 characters or past the cap:
// `other`), `anonymous` for an unnamed operation, `unresolved` when no operation was resolved
// (a parse, validation or resolution error). Error codes are capped the same way. Names are taken
// from the parsed document, so a client cannot invent one without sending a valid operation.
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { Counter, Histogram } from 'prom-client';
import { BoundedLabel } from './bounded-label.ts';
import type { Registry } from './registry.ts';

/** Distinct operation names labelled as themselves; a deployment's own clients use far fewer. */
export const MAX_OPERATION_NAMES = 200;
const MAX_ERROR_CODES = 50;

export function graphqlMetricsPlugin<C extends BaseContext>(registry: Registry): ApolloServerPlugin<C> {
  const duration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL requests from start to response, by operation and operation type; _count is the request count',
    labelNames: ['operation', 'type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors in GraphQL responses, by operation and extensions.code',
    labelNames: ['operation', 'code'],
    registers: [registry],
  });
  const names = new BoundedLabel(MAX_OPERATION_NAMES);
  const codes = new BoundedLabel(MAX_ERROR_CODES);

  const operationLabel = (ctx: GraphQLRequestContextWillSendResponse<C>): string => {
    if (!ctx.operation) return 'unresolved';
    return ctx.operation.name ? names.value(ctx.operation.name.value) : 'anonymous';
  };

  return {
    async requestDidStart() {
      // prom-client's timer is monotonic (hrtime): a duration, not a time of day, so not the Clock's.
      const end = duration.startTimer();
      return {
        async willSendResponse(ctx) {
          const operation = operationLabel(ctx);
          end({ operation, type: ctx.operation?.operation ?? 'unknown' });
          const body = ctx.response.body;
          const list = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          for (const error of list ?? []) {
            const code = error.extensions?.code;
            errors.inc({ operation, code: typeof code === 'string' ? codes.value(code) : 'none' });
          }
        },
      };
    },
  };
}
