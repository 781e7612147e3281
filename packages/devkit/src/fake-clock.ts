// A Clock for unit tests: time moves only when something sleeps. A sleep completes on the next
// macrotask, after every pending promise job has run, so an injected fetch that answers (a
// resolved promise) always beats its timeout, and one that never answers always loses to it.
import type { Clock } from '@tracklore/shared/clock';

export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private current = Date.UTC(2026, 10, 26, 12, 0, 0)) {}

  now(): number {
    return this.current;
  }

  date(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setImmediate(() => {
        signal?.removeEventListener('abort', onAbort);
        this.current += ms;
        resolve();
      });
      const onAbort = () => {
        clearImmediate(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
