// Apollo Server plugin: rejects an operation over the depth, field or alias limit before the
// gateway plans or sends anything. Sizes are cached per parsed document (Apollo Server caches
// parsed documents, so repeated operations are measured once).
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { limitViolations, measureOperation, type OperationLimits, type OperationSize } from './operation-limits.ts';

export function useOperationLimits<C extends BaseContext>(limits: OperationLimits): ApolloServerPlugin<C> {
  const cache = new WeakMap<DocumentNode, Map<OperationDefinitionNode, OperationSize>>();
  const sizeOf = (document: DocumentNode, operation: OperationDefinitionNode): OperationSize => {
    let perOperation = cache.get(document);
    if (!perOperation) cache.set(document, (perOperation = new Map()));
    let size = perOperation.get(operation);
    if (!size) perOperation.set(operation, (size = measureOperation(document, operation)));
    return size;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation }) {
          if (!operation) return;
          // Apollo Server answers a throw here with that one error (HTTP 400): the first violation.
          const [violation] = limitViolations(sizeOf(document, operation), limits);
          if (violation) throw violation;
        },
      };
    },
  };
}
