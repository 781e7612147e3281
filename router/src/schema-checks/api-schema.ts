// The public API schema of a supergraph: what clients can query, without the join__/link
// machinery or @inaccessible parts. Breaking-change checks compare these, not raw supergraphs.
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';

export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}
