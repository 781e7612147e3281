// Reads the README's environment-variable tables (`| variable | default | meaning |`) and compares
// them with the variables the config schemas read: the same names, the same defaults.

/** One variable as a table row states it: its default in backticks, or undefined (unset, prose). */
export interface EnvRow {
  name: string;
  default: string | undefined;
}

const cells = (line: string): string[] => line.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim());

/**
 * The rows of the tables under the given `### heading`s. A row may name several variables
 * (`A` / `B`, or `A_MAX` / `_WINDOW_SECONDS` for A_WINDOW_SECONDS) with as many defaults; "as above"
 * takes the default of an earlier row.
 */
export function readEnvTables(markdown: string, headings: readonly string[]): EnvRow[] {
  const rows: EnvRow[] = [];
  let inSection = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('#')) inSection = headings.includes(line.replace(/^#+\s*/, '').trim());
    if (!inSection || !line.startsWith('| `')) continue;
    const [nameCell = '', defaultCell = ''] = cells(line);
    const names = nameCell.split(' / ').map((n) => n.replace(/`/g, '').trim());
    const full = names.map((n, i) => (n.startsWith('_') ? names[0]!.replace(/_[A-Z]+$/, '') + n : names[i]!));
    const defaults = defaultCell.split(' / ');
    full.forEach((name, i) => {
      const cell = (defaults.length === full.length ? defaults[i] : defaultCell)!.trim();
      const literal = /^`([^`]*)`/.exec(cell)?.[1];
      const earlier = rows.find((r) => r.name === name);
      rows.push({ name, default: cell === 'as above' ? earlier?.default : literal });
    });
  }
  return rows;
}

/** Problems, one per line: variables missing from the tables, listed but not read, or with another default. */
export function compareEnv(rows: readonly EnvRow[], variables: Record<string, string | undefined>, showDefault = (v: string) => v): string[] {
  const problems: string[] = [];
  for (const [name, fallback] of Object.entries(variables)) {
    const row = rows.find((r) => r.name === name);
    if (!row) problems.push(`${name} is read by a config schema but not in the README's tables`);
    else if (fallback !== undefined && row.default !== showDefault(fallback)) {
      problems.push(`${name}: the README says ${row.default === undefined ? 'no default' : `\`${row.default}\``}, the schema defaults to \`${showDefault(fallback)}\``);
    }
  }
  for (const row of rows) if (!(row.name in variables)) problems.push(`${row.name} is in the README's tables but no config schema reads it`);
  return [...new Set(problems)];
}
