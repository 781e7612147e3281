// Length limits checked before a form is sent, so an over-long value is refused beside its field
// instead of being cut by `maxlength`. They count like the server: Unicode code points of the
// trimmed text (`maxlength` counts UTF-16 units, so an emoji would count twice there).

export const codePoints = (value: string): number => [...value].length;

/** "Must be at most 100 characters (this is 101)", or null when `value` fits. */
export function tooLong(value: string, max: number): string | null {
  const length = codePoints(value.trim());
  return length > max ? `Must be at most ${max} characters (this is ${length}).` : null;
}

/** The messages of a check per field, without the fields that passed. */
export function fieldErrors(checks: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(checks).filter((entry): entry is [string, string] => entry[1] !== null));
}
