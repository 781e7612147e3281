// The subgraph schema: schema.graphql beside its resolvers, built for federation, with every text
// argument checked for what PostgreSQL cannot store (@tracklore/shared/text-arguments).
import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { gql } from 'graphql-tag';
import { guardTextArguments } from '@tracklore/shared/text-arguments';
import { DateTime } from './scalars.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';
import type { Resolvers } from './types.generated.ts';
import { User } from './user.ts';

const typeDefs = gql(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

/** Typed against schema.graphql by types.generated.ts (`npm run codegen:subgraphs`). */
export const resolvers: Resolvers = { DateTime, Query, Mutation, User };

export function buildUserSchema(): GraphQLSchema {
  return guardTextArguments(buildSubgraphSchema([{ typeDefs, resolvers }]));
}
