// What Apollo Server leaves to execution, and @apollo/gateway then fails with an uncoded error
// that reaches the client as 500 INTERNAL_SERVER_ERROR, is answered here as a request error with
// graphql-js's messages:
// - no operation to run (an unknown operationName; several operations and none named): 400
//   OPERATION_RESOLUTION_FAILURE, what a plain Apollo Server answers;
// - an operation type the schema has no root for (a subscription here): a validation error
//   (400 GRAPHQL_VALIDATION_FAILED), as graphql-js 17's KnownOperationTypesRule makes it.
import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { GraphQLError, Kind, type ASTVisitor, type DocumentNode, type ValidationContext } from 'graphql';

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

/** Validation rule: every operation's type (query, mutation, subscription) has a root type. */
export function knownOperationTypes(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (!schema.getRootType(node.operation)) {
        context.reportError(new GraphQLError(`The ${node.operation} operation is not supported by the schema.`, { nodes: node }));
      }
    },
  };
}
