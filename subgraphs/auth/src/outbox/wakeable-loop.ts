// The lifecycle both outbox workers share (the Kafka relay and the mail sender): one round at a
// time, started by wake() (NOTIFY) or after the delay the last round asked for; a
// wake() during a round is coalesced into one more round. Never a busy loop. The delay is slept on
// the Clock (unref'd: a sleeping loop never keeps the process alive); wake() cuts it short.
import type { Clock } from '@tracklore/shared/clock';

/** What a round asks for next: run again at once, or sleep this many ms (at least 50). */
export type NextRound = 'again' | number;

export class WakeableLoop {
  private sleeping: AbortController | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  /** `round` must not throw: it handles and logs its own errors. */
  constructor(
    private readonly round: () => Promise<NextRound>,
    private readonly clock: Clock,
  ) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Run a round now, or right after the one in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.sleeping?.abort();
    this.sleeping = undefined;
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Stops waking and lets a round in progress finish (up to `waitMs`). Idempotent. */
  async stop(waitMs = 15_000): Promise<void> {
    this.stopped = true;
    this.sleeping?.abort();
    if (this.running) {
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([this.running, new Promise((resolve) => (timeout = setTimeout(resolve, waitMs)))]);
      clearTimeout(timeout);
    }
  }

  private async run(): Promise<void> {
    const next = await this.round();
    if (this.stopped) return;
    if (next === 'again') {
      this.again = true;
      return;
    }
    const sleeping = new AbortController();
    this.sleeping = sleeping;
    this.clock.sleep(Math.max(next, 50), sleeping.signal).then(
      () => {
        // Aborted after the sleep ended but before this ran: whoever aborted woke (or stopped) the loop.
        if (!sleeping.signal.aborted) this.wake();
      },
      () => {}, // aborted: woken or stopped
    );
  }
}
