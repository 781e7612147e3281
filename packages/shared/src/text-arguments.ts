// Text that PostgreSQL cannot store as sent: U+0000 (a `text` value cannot hold NUL; PostgreSQL
// answers 22021) and unpaired UTF-16 surrogates (they have no UTF-8 form, so the driver would
// silently store U+FFFD instead). Each subgraph applies guardTextArguments once to its schema, so
// every text argument is checked before any resolver runs and such input is a BAD_USER_INPUT
// naming the argument, instead of an internal error or silently changed data.
import { defaultFieldResolver, isObjectType, type GraphQLSchema } from 'graphql';
import { badInput } from './errors.ts';

const hex = (unit: number): string => `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `text` cannot be stored as it is, or undefined when it can. */
export function unstorableText(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0) return 'must not contain the NUL character (U+0000)';
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++; // a surrogate pair: one character outside the Basic Multilingual Plane
      continue;
    }
    return `must be valid Unicode text (it contains an unpaired surrogate, ${hex(unit)})`;
  }
  return undefined;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

/**
 * Throws BAD_USER_INPUT naming the field (`input.displayName`, `ids[2]`) for the first string in
 * `value` that cannot be stored. Walks arrays and plain objects (coerced input objects); scalars
 * parsed into other objects (DateTime's Date) are left alone.
 */
export function assertStorableText(value: unknown, field: string): void {
  if (typeof value === 'string') {
    const problem = unstorableText(value);
    if (problem) throw badInput(field, `${field} ${problem}`);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => assertStorableText(item, `${field}[${index}]`));
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) assertStorableText(item, field === '' ? key : `${field}.${key}`);
  }
}

/**
 * Wraps the resolver of every field that takes arguments so that its arguments are checked with
 * assertStorableText first. Federation's own fields (`_entities`, `_service`) are left out: the
 * router builds their arguments from other subgraphs' answers, not from client input.
 */
export function guardTextArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0 || field.name.startsWith('_')) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        assertStorableText(args, '');
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
