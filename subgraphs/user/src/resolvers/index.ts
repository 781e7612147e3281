// The subgraph schema: schema.graphql beside its resolvers, built for federation, with every text
// argument checked for what PostgreSQL cannot store (@tracklore/shared/text-arguments).
import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { GraphQLSchema } from 'graphql';
import { gql } from 'graphql-tag';
import { guardTextArguments } from '@tracklore/shared/text-arguments';
import { DateTime } from './scalars.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';
import { User } from './user.ts';

export const resolvers = { DateTime, User, Query, Mutation };

const typeDefs = gql(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

export function buildUserSchema(): GraphQLSchema {
  return guardTextArguments(buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }));
}
