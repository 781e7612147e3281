// Compares a Prisma schema with a live PostgreSQL database: tables, columns, types, nullability,
// primary keys, uniques, indexes, foreign keys and enums. Used by a test so that hand-written
// migrations can never drift from schema.prisma.
import { readFileSync } from 'node:fs';
import internals from '@prisma/internals';
import pg from 'pg';

export interface ForeignKeyShape {
  columns: string[];
  references: string;
  referencedColumns: string[];
  onDelete: string;
}

export interface TableShape {
  columns: Record<string, { type: string; nullable: boolean }>;
  primaryKey: string[];
  uniques: string[];
  indexes: string[];
  foreignKeys: string[];
}

export interface SchemaShape {
  tables: Record<string, TableShape>;
  enums: Record<string, string[]>;
}

type DmmfField = { name: string; dbName?: string | null; kind: string; type: string; isList: boolean; isRequired: boolean; nativeType?: [string, string[]] | null; relationFromFields?: string[]; relationToFields?: string[]; relationOnDelete?: string };
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfIndex = { model: string; type: 'id' | 'unique' | 'normal' | 'fulltext'; fields: { name: string }[] };

function prismaType(field: DmmfField, enumDbNames: Map<string, string>): string {
  if (field.kind === 'enum') return `enum:${enumDbNames.get(field.type) ?? field.type}`;
  const [native, args = []] = field.nativeType ?? [];
  switch (field.type) {
    case 'Int':
      return native === 'SmallInt' ? 'int2' : 'int4';
    case 'BigInt':
      return 'int8';
    case 'String':
      if (native === 'VarChar') return `varchar(${args[0]})`;
      if (native === 'Uuid') return 'uuid';
      if (native === 'Char') return `bpchar(${args[0]})`;
      return 'text';
    case 'DateTime':
      if (native === 'Date') return 'date';
      return `${native === 'Timestamptz' ? 'timestamptz' : 'timestamp'}(${args[0] ?? 3})`;
    case 'Json':
      return native === 'Json' ? 'json' : 'jsonb';
    case 'Boolean':
      return 'bool';
    case 'Float':
      return 'float8';
    case 'Decimal':
      return `numeric(${args[0] ?? 65},${args[1] ?? 30})`;
    case 'Bytes':
      return 'bytea';
    default:
      return `unknown:${field.type}`;
  }
}

const ON_DELETE: Record<string, string> = { Cascade: 'CASCADE', Restrict: 'RESTRICT', NoAction: 'NO ACTION', SetNull: 'SET NULL', SetDefault: 'SET DEFAULT' };
const fk = (f: ForeignKeyShape) => `(${f.columns.join(',')}) -> ${f.references}(${f.referencedColumns.join(',')}) ON DELETE ${f.onDelete}`;

/** What the Prisma schema at `path` says the database should look like. */
export async function describePrismaSchema(path: string): Promise<SchemaShape> {
  const dmmf = await internals.getDMMF({ datamodel: readFileSync(path, 'utf8') });
  const models = dmmf.datamodel.models as unknown as DmmfModel[];
  const indexes = (dmmf.datamodel as unknown as { indexes: DmmfIndex[] }).indexes;
  const enumDbNames = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const tableOf = new Map(models.map((m) => [m.name, m.dbName ?? m.name]));
  const shape: SchemaShape = { tables: {}, enums: {} };
  for (const e of dmmf.datamodel.enums) shape.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);
  for (const model of models) {
    const column = new Map(model.fields.map((f) => [f.name, f.dbName ?? f.name]));
    const table: TableShape = { columns: {}, primaryKey: [], uniques: [], indexes: [], foreignKeys: [] };
    for (const field of model.fields) {
      if (field.kind === 'object') {
        if (field.relationFromFields?.length) {
          const optional = !field.isRequired;
          table.foreignKeys.push(fk({
            columns: field.relationFromFields.map((f) => column.get(f) ?? f),
            references: tableOf.get(field.type) ?? field.type,
            referencedColumns: (field.relationToFields ?? []).map((f) => models.find((m) => m.name === field.type)?.fields.find((x) => x.name === f)?.dbName ?? f),
            onDelete: ON_DELETE[field.relationOnDelete ?? (optional ? 'SetNull' : 'Restrict')] ?? '?',
          }));
        }
        continue;
      }
      const type = prismaType(field, enumDbNames);
      table.columns[column.get(field.name)!] = { type: field.isList ? `${type}[]` : type, nullable: field.isList || !field.isRequired };
    }
    for (const index of indexes.filter((i) => i.model === model.name)) {
      const cols = index.fields.map((f) => column.get(f.name) ?? f.name);
      if (index.type === 'id') table.primaryKey = cols;
      else if (index.type === 'unique') table.uniques.push(cols.join(','));
      else table.indexes.push(cols.join(','));
    }
    table.uniques.sort();
    table.indexes.sort();
    table.foreignKeys.sort();
    shape.tables[model.dbName ?? model.name] = table;
  }
  return shape;
}

/** What the database at `url` actually holds (public schema, without Prisma's bookkeeping). */
export async function describeDatabase(url: string): Promise<SchemaShape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const shape: SchemaShape = { tables: {}, enums: {} };
    const enums = await client.query<{ name: string; value: string }>(
      `SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
       JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`,
    );
    for (const row of enums.rows) (shape.enums[row.name] ??= []).push(row.value);
    const columns = await client.query<{ table_name: string; column_name: string; data_type: string; udt_name: string; character_maximum_length: number | null; datetime_precision: number | null; numeric_precision: number | null; numeric_scale: number | null; is_nullable: string }>(
      `SELECT table_name, column_name, data_type, udt_name, character_maximum_length, datetime_precision, numeric_precision, numeric_scale, is_nullable
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`,
    );
    const table = (name: string): TableShape => (shape.tables[name] ??= { columns: {}, primaryKey: [], uniques: [], indexes: [], foreignKeys: [] });
    for (const c of columns.rows) {
      const array = c.data_type === 'ARRAY';
      const udt = array ? c.udt_name.replace(/^_/, '') : c.udt_name;
      let type: string;
      if (shape.enums[udt]) type = `enum:${udt}`;
      else if (udt === 'varchar' || udt === 'bpchar') type = `${udt}(${c.character_maximum_length})`;
      else if (udt === 'timestamptz' || udt === 'timestamp') type = `${udt}(${c.datetime_precision})`;
      else if (udt === 'numeric') type = `numeric(${c.numeric_precision},${c.numeric_scale})`;
      else type = udt;
      table(c.table_name).columns[c.column_name] = { type: array ? `${type}[]` : type, nullable: c.is_nullable === 'YES' };
    }
    const indexes = await client.query<{ table_name: string; columns: string[]; is_primary: boolean; is_unique: boolean }>(
      `SELECT t.relname AS table_name, ix.indisprimary AS is_primary, ix.indisunique AS is_unique,
              array_agg(a.attname::text ORDER BY k.ordinality) AS columns
       FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ordinality) ON true
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
       GROUP BY t.relname, ix.indexrelid, ix.indisprimary, ix.indisunique`,
    );
    for (const i of indexes.rows) {
      const t = table(i.table_name);
      if (i.is_primary) t.primaryKey = i.columns;
      else if (i.is_unique) t.uniques.push(i.columns.join(','));
      else t.indexes.push(i.columns.join(','));
    }
    const fks = await client.query<{ table_name: string; columns: string[]; references: string; referenced_columns: string[]; on_delete: string }>(
      `SELECT t.relname AS table_name, r.relname AS references,
              (SELECT array_agg(a.attname::text ORDER BY k.o) FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS columns,
              (SELECT array_agg(a.attname::text ORDER BY k.o) FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS referenced_columns,
              CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'r' THEN 'RESTRICT' WHEN 'a' THEN 'NO ACTION' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END AS on_delete
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace WHERE c.contype = 'f' AND n.nspname = 'public'`,
    );
    for (const f of fks.rows) table(f.table_name).foreignKeys.push(fk({ columns: f.columns, references: f.references, referencedColumns: f.referenced_columns, onDelete: f.on_delete }));
    for (const t of Object.values(shape.tables)) {
      t.uniques.sort();
      t.indexes.sort();
      t.foreignKeys.sort();
    }
    return shape;
  } finally {
    await client.end();
  }
}

/** Human-readable differences; empty when the two agree. */
export function diffShapes(expected: SchemaShape, actual: SchemaShape): string[] {
  const out: string[] = [];
  const keys = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const name of keys(expected.enums, actual.enums)) {
    const e = expected.enums[name]?.join(',');
    const a = actual.enums[name]?.join(',');
    if (e !== a) out.push(`enum ${name}: schema.prisma has ${e ?? '(none)'}, database has ${a ?? '(none)'}`);
  }
  for (const name of keys(expected.tables, actual.tables)) {
    const e = expected.tables[name];
    const a = actual.tables[name];
    if (!e || !a) {
      out.push(`table ${name}: ${e ? 'missing from the database' : 'not in schema.prisma'}`);
      continue;
    }
    for (const col of keys(e.columns, a.columns)) {
      const ec = e.columns[col];
      const ac = a.columns[col];
      if (!ec || !ac) out.push(`column ${name}.${col}: ${ec ? 'missing from the database' : 'not in schema.prisma'}`);
      else {
        if (ec.type !== ac.type) out.push(`column ${name}.${col}: type ${ec.type} in schema.prisma, ${ac.type} in the database`);
        if (ec.nullable !== ac.nullable) out.push(`column ${name}.${col}: ${ec.nullable ? 'nullable' : 'NOT NULL'} in schema.prisma, ${ac.nullable ? 'nullable' : 'NOT NULL'} in the database`);
      }
    }
    const lists = ['uniques', 'indexes', 'foreignKeys'] as const;
    if (e.primaryKey.join(',') !== a.primaryKey.join(',')) out.push(`table ${name}: primary key (${e.primaryKey}) in schema.prisma, (${a.primaryKey}) in the database`);
    for (const list of lists) {
      for (const item of e[list]) if (!a[list].includes(item)) out.push(`table ${name}: ${list} ${item} missing from the database`);
      for (const item of a[list]) if (!e[list].includes(item)) out.push(`table ${name}: ${list} ${item} not in schema.prisma`);
    }
  }
  return out;
}
