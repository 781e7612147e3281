// GraphQL Code Generator: resolver types for each subgraph from its schema.graphql, so typecheck
// proves every resolver's arguments, parent, context and result against the schema. Output is
// committed beside the resolvers (src/resolvers/types.generated.ts); `npm run codegen:subgraphs`
// rewrites it, `npm run codegen:subgraphs:check` (and scripts/subgraph-codegen.test.ts) fails
// when it is stale. Run from the repo root.
import type { CodegenConfig } from '@graphql-codegen/cli';

// Shared by both subgraphs. IDs arrive as strings; a resolver may return the integer id of a row
// (GraphQL serialises it). DateTime is a Date inside (src/resolvers/scalars.ts); _FieldSet is
// federation's @key argument.
const common = {
  federation: true,
  useTypeImports: true,
  enumsAsTypes: true,
  strictScalars: true,
  scalars: { ID: { input: 'string', output: 'string | number' }, DateTime: 'Date', _FieldSet: 'string' },
};

/**
 * Mappers only where a resolver's parent is not the schema's shape: the User entity is passed on
 * as a domain value. Rows returned as they are (sessions, badges, goals, profiles) are checked
 * field by field against the schema types instead.
 */
const config: CodegenConfig = {
  overwrite: true,
  generates: {
    'subgraphs/auth/src/resolvers/types.generated.ts': {
      schema: 'subgraphs/auth/src/schema.graphql',
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        ...common,
        contextType: '../context.ts#AuthContext',
        mappers: { User: './user.ts#UserParent' },
      },
    },
    'subgraphs/user/src/resolvers/types.generated.ts': {
      schema: 'subgraphs/user/src/schema.graphql',
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        ...common,
        contextType: '../context.ts#UserContext',
        mappers: { User: './user.ts#UserRef' },
      },
    },
  },
};

export default config;
