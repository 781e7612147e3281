// Batched HTTP requests (a JSON array of operations) are refused past ROUTER_MAX_BATCH_SIZE before
// any of them runs; Apollo Server itself has no such limit. Batching off (0) is Apollo Server's
// own "Operation batching disabled" error.
import { ApolloServer, HeaderMap, type ApolloServerOptions, type BaseContext, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import type { RouterErrorCode } from '@tracklore/shared/errors';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** An Apollo Server that checks the batch size first. */
export class BatchLimitedApolloServer<C extends BaseContext> extends ApolloServer<C> {
  private readonly maxBatchSize: number;

  /** `maxBatchSize`: most operations per batched request; 0 turns batching off. */
  constructor(config: ApolloServerOptions<C> & { maxBatchSize: number }) {
    const { maxBatchSize, ...options } = config;
    super({ ...options, allowBatchedHttpRequests: maxBatchSize > 0 } as ApolloServerOptions<C>);
    this.maxBatchSize = maxBatchSize;
  }

  override async executeHTTPGraphQLRequest(args: { httpGraphQLRequest: HTTPGraphQLRequest; context: () => Promise<C> }): Promise<HTTPGraphQLResponse> {
    const { body, headers } = args.httpGraphQLRequest;
    if (this.maxBatchSize > 0 && Array.isArray(body) && body.length > this.maxBatchSize) {
      const accept = headers.get('accept') ?? '';
      const contentType = accept.includes(GRAPHQL_RESPONSE) ? GRAPHQL_RESPONSE : 'application/json';
      const error = {
        message: `the request batches ${body.length} operations; the limit is ${this.maxBatchSize}`,
        extensions: { code: 'BATCH_TOO_LARGE' satisfies RouterErrorCode, limit: this.maxBatchSize },
      };
      return {
        status: 400,
        headers: new HeaderMap([['content-type', `${contentType}; charset=utf-8`]]),
        body: { kind: 'complete', string: JSON.stringify({ errors: [error] }) },
      };
    }
    return super.executeHTTPGraphQLRequest(args);
  }
}
