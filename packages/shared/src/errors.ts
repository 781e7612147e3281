// One error type for the whole supergraph: a stable `code` that the GraphQL edge maps to
// `extensions.code`. Anything that is not an AppError is reported to clients as INTERNAL.
// The lists below are every code a client can receive (README "Errors" explains each).
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger.ts';

/** Codes our own code raises as AppError (resolvers, /internal/*): the public contract. */
export const APP_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'EMAIL_TAKEN',
  'INVALID_CREDENTIALS',
  'ACCOUNT_DISABLED',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof APP_ERROR_CODES)[number];

/** Request limits the router enforces before anything is planned (router/src/errors.ts). */
export const ROUTER_ERROR_CODES = ['QUERY_TOO_DEEP', 'TOO_MANY_FIELDS', 'TOO_MANY_ALIASES', 'BATCH_TOO_LARGE'] as const;
export type RouterErrorCode = (typeof ROUTER_ERROR_CODES)[number];

/**
 * Request errors raised by Apollo Server (its ApolloServerErrorCode values), by @apollo/gateway
 * for a subgraph error without a code, and by the HTTP edge (http/body.ts): passed on unchanged.
 */
export const REQUEST_ERROR_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PAYLOAD_TOO_LARGE',
  'DOWNSTREAM_SERVICE_ERROR',
] as const;

/** What every other error becomes: a bug, logged in full, its message replaced. */
export const INTERNAL_ERROR_CODE = 'INTERNAL_SERVER_ERROR';

const CLIENT_CODES: ReadonlySet<string> = new Set([...APP_ERROR_CODES, ...ROUTER_ERROR_CODES, ...REQUEST_ERROR_CODES]);

export interface AppErrorDetails {
  /** The input field at fault, for BAD_USER_INPUT. */
  field?: string;
  /** Seconds until a retry may succeed, for RATE_LIMITED. */
  retryAfter?: number;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: AppErrorDetails = {},
  ) {
    super(message);
  }
}

export const badInput = (field: string, message: string): AppError => new AppError('BAD_USER_INPUT', message, { field });

/** HTTP status a code maps to, for non-GraphQL endpoints (/internal/*). */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'UNAUTHENTICATED':
    case 'INVALID_CREDENTIALS':
      return 401;
    case 'FORBIDDEN':
    case 'ACCOUNT_DISABLED':
      return 403;
    case 'BAD_USER_INPUT':
      return 400;
    case 'NOT_FOUND':
      return 404;
    case 'EMAIL_TAKEN':
      return 409;
    case 'RATE_LIMITED':
      return 429;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

export function toGraphQLError(error: AppError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { code: error.code, ...error.details } });
}

/**
 * An error Apollo Server raises itself with a 4xx status but no code (e.g. "provided sha does not
 * match query", "Unsupported persisted query version"): the client's request is at fault.
 */
function isUncodedRequestError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Apollo Server `formatError`: AppErrors keep their code and details; errors with a listed code
 * pass through (without a stack trace), uncoded 4xx request errors become BAD_REQUEST; everything
 * else (SQL, bugs) is logged and replaced by a generic message.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof AppError) {
      return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code: original.code, ...original.details } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (isUncodedRequestError(error)) {
      return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_REQUEST' } };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error in GraphQL operation');
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: INTERNAL_ERROR_CODE } };
  };
}
