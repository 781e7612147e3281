// Progress output for the dev-stack scripts: one line per step, prefixed with the part it is about.
export function step(part: string, message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${part.padEnd(8)} ${message}`);
}

export function fail(part: string, message: string): never {
  console.error(`\n✖ ${part}: ${message}\n`);
  process.exit(1);
}
