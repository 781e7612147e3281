// In-process cache of active sessions, for reads only: a cached `me` costs no SQL statement.
// Every revocation (and every role change) sends NOTIFY auth_sessions; each instance then drops
// its whole cache (notifications mean "go and look", see outbox/pg-listener.ts); the instance that
// committed the revocation also clears its own at once, so it reads its own writes. The TTL bounds
// how long an entry can outlive a notification that was lost, and while the LISTEN connection is
// down nothing is served from the cache at all. Writes never use it: they check the database.
import type { Clock } from '@tracklore/shared/clock';
import type { ActiveSession } from '../repositories/sessions.ts';

export interface SessionCacheOptions {
  /** How long an entry is served, in ms; 0 turns the cache off. */
  ttlMs: number;
  clock: Clock;
  /** Whether invalidations can currently arrive (the LISTEN connection is up). */
  trusted: () => boolean;
  /** Most entries kept (oldest dropped first). Default 10000. */
  maxEntries?: number;
  /** Called after each clear() (tests wait on it). */
  onCleared?: () => void;
}

export class SessionCache {
  private readonly entries = new Map<string, { session: ActiveSession; until: number }>();
  private generation = 0;

  constructor(private readonly options: SessionCacheOptions) {}

  /** The cached session, unless the entry is older than the TTL or the session itself expired. */
  get(sessionId: string): ActiveSession | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    const now = this.options.clock.now();
    if (entry.until <= now || entry.session.expiresAt.getTime() <= now || !this.options.trusted()) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry.session;
  }

  /**
   * Take before reading a session from the database and hand to set(): a clear() in between
   * (a revocation committed meanwhile) means the row may be stale, so it is not stored.
   */
  mark(): number {
    return this.generation;
  }

  set(mark: number, session: ActiveSession): void {
    if (this.options.ttlMs <= 0 || mark !== this.generation || !this.options.trusted()) return;
    this.entries.delete(session.sessionId);
    this.entries.set(session.sessionId, { session, until: this.options.clock.now() + this.options.ttlMs });
    const max = this.options.maxEntries ?? 10_000;
    for (const key of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(key);
    }
  }

  /** Forgets every entry (sessions changed somewhere, or notifications may have been missed). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.options.onCleared?.();
  }
}
