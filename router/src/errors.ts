// The router's own request errors: the limit codes (listed with every other code in
// @tracklore/shared/errors) raised before the gateway plans or sends anything.
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RouterErrorCode } from '@tracklore/shared/errors';

/** A request error (nothing executed): HTTP 400 with `extensions.code` and the limit. */
export function limitError(code: RouterErrorCode, message: string, limit: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, http: { status: 400, headers: new HeaderMap() } } });
}
