// Apollo Server picks the operation to run before executing. A plain Apollo Server that finds
// none (an unknown operationName, several operations and none named) answers 400
// OPERATION_RESOLUTION_FAILURE; with a gateway it executes anyway, @apollo/gateway throws an
// error without a code, and the client gets 500 INTERNAL_SERVER_ERROR. This plugin gives the
// router the plain server's answer, with graphql-js's messages.
import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';

function problem(document: DocumentNode, operationName: string | undefined): string {
  if (operationName) return `Unknown operation named "${operationName}".`;
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
  return operations > 1 ? 'Must provide operation name if query contains multiple operations.' : 'Must provide an operation.';
}

export function useOperationResolution<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (operation) return;
          throw new GraphQLError(problem(document, request.operationName), {
            extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400, headers: new HeaderMap() } },
          });
        },
      };
    },
  };
}
