// The router's own error codes, next to the shared ones (@tracklore/shared/errors), and the
// formatError that lets them through while everything else follows the shared rules.
import { HeaderMap } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { createFormatError } from '@tracklore/shared/errors';
import type { Logger } from '@tracklore/shared/logger';

export type RouterErrorCode = 'QUERY_TOO_DEEP' | 'TOO_MANY_FIELDS' | 'TOO_MANY_ALIASES' | 'BATCH_TOO_LARGE';
const ROUTER_CODES = new Set<string>(['QUERY_TOO_DEEP', 'TOO_MANY_FIELDS', 'TOO_MANY_ALIASES', 'BATCH_TOO_LARGE'] satisfies RouterErrorCode[]);

/** A request error (nothing executed): HTTP 400 with `extensions.code` and the limit. */
export function limitError(code: RouterErrorCode, message: string, limit: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, http: { status: 400, headers: new HeaderMap() } } });
}

export function createRouterFormatError(logger: Logger) {
  const shared = createFormatError(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && ROUTER_CODES.has(code)) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    return shared(formatted, error);
  };
}
