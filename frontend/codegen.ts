// GraphQL Code Generator: types for every operation under src/, checked against the supergraph's
// API schema (schema.graphql, written by scripts/api-schema.ts). Output is committed (src/gql/)
// so the app builds offline without a router; `npm run codegen:check` fails when it is stale.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { DateTime: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        skipTypename: false,
        nonOptionalTypename: false,
      },
    },
  },
};

export default config;
