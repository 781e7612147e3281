// The subgraph schema: schema.graphql beside its resolvers, built for federation, with every text
// argument checked for what PostgreSQL cannot store (@tracklore/shared/text-arguments).
import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { GraphQLSchema } from 'graphql';
import { gql } from 'graphql-tag';
import { guardTextArguments } from '@tracklore/shared/text-arguments';
import type { AuthContext } from '../context.ts';
import { mutationResolvers } from './mutation.ts';
import { queryResolvers } from './query.ts';
import { DateTime } from './scalars.ts';
import { userResolvers } from './user.ts';

export const typeDefs = gql(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

export function buildAuthSchema(): GraphQLSchema {
  const resolvers = { DateTime, ...queryResolvers, ...mutationResolvers, ...userResolvers } as unknown as GraphQLResolverMap<AuthContext>;
  return guardTextArguments(buildSubgraphSchema([{ typeDefs, resolvers }]));
}
