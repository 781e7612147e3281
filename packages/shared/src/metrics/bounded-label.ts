// Label values that come from outside (operation names chosen by clients, error codes passed on
// by subgraphs) would let a caller create any number of series. A BoundedLabel keeps the first
// `max` distinct values it sees and answers `overflow` for every later one, so a series count is
// bounded per label: a flood of new names shows up as a growing `other`, not as memory growth.
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly max: number,
    private readonly overflow = 'other',
    /** Longest value kept as itself; longer ones are `overflow`. */
    private readonly maxLength = 64,
  ) {}

  value(raw: string): string {
    if (this.seen.has(raw)) return raw;
    if (raw.length > this.maxLength || this.seen.size >= this.max) return this.overflow;
    this.seen.add(raw);
    return raw;
  }
}
