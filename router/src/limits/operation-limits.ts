// Size of a GraphQL operation before it runs: nesting depth, field selections and aliases, with
// fragments expanded. Each fragment is measured once and reused, so "fragment bombs" (fragments
// spreading fragments many times over) cost linear time to measure while their expanded size is
// still counted in full. Introspection fields (__schema, __type, __typename) are not counted:
// introspection is switched on or off as a whole.
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { limitError } from '../errors.ts';
import type { GraphQLError } from 'graphql';

export interface OperationSize {
  /** Deepest field nesting: `{ me { id } }` is 2. */
  depth: number;
  /** Field selections after fragment expansion. */
  fields: number;
  /** Aliased field selections after fragment expansion. */
  aliases: number;
}

export interface OperationLimits {
  maxDepth: number;
  maxFields: number;
  maxAliases: number;
}

const ZERO: OperationSize = { depth: 0, fields: 0, aliases: 0 };

export function measureOperation(document: DocumentNode, operation: OperationDefinitionNode): OperationSize {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, OperationSize>();
  const inProgress = new Set<string>();

  function fragmentSize(name: string): OperationSize {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // Unknown or cyclic fragments are validation errors reported elsewhere; count them as empty.
    if (!fragment || inProgress.has(name)) return ZERO;
    inProgress.add(name);
    const size = selectionSetSize(fragment.selectionSet);
    inProgress.delete(name);
    measured.set(name, size);
    return size;
  }

  function selectionSetSize(set: SelectionSetNode): OperationSize {
    let depth = 0;
    let fields = 0;
    let aliases = 0;
    for (const selection of set.selections) {
      let child: OperationSize;
      let own = 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const nested = selection.selectionSet ? selectionSetSize(selection.selectionSet) : ZERO;
        child = { depth: nested.depth + 1, fields: nested.fields, aliases: nested.aliases + (selection.alias ? 1 : 0) };
        own = 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        child = selectionSetSize(selection.selectionSet);
      } else {
        child = fragmentSize(selection.name.value);
      }
      depth = Math.max(depth, child.depth);
      fields += own + child.fields;
      aliases += child.aliases;
    }
    return { depth, fields, aliases };
  }

  return selectionSetSize(operation.selectionSet);
}

/** One error per limit the operation exceeds; empty when it is within all of them. */
export function limitViolations(size: OperationSize, limits: OperationLimits): GraphQLError[] {
  const errors: GraphQLError[] = [];
  if (size.depth > limits.maxDepth) {
    errors.push(limitError('QUERY_TOO_DEEP', `the operation is nested ${size.depth} levels deep; the limit is ${limits.maxDepth}`, limits.maxDepth));
  }
  if (size.fields > limits.maxFields) {
    errors.push(limitError('TOO_MANY_FIELDS', `the operation selects ${size.fields} fields (fragments expanded); the limit is ${limits.maxFields}`, limits.maxFields));
  }
  if (size.aliases > limits.maxAliases) {
    errors.push(limitError('TOO_MANY_ALIASES', `the operation uses ${size.aliases} aliases; the limit is ${limits.maxAliases}`, limits.maxAliases));
  }
  return errors;
}
