// Keeps claimed outbox rows reserved while this relay works on them. The lease is short, so the
// claims of a relay that crashed are due again within seconds; it is renewed while a publish runs,
// so a slow broker never lets a second relay claim rows that are still being sent.

export interface HeldLease {
  /** Stops renewing and waits for a renewal in progress, so none lands after the rows are marked. */
  release(): Promise<void>;
}

/** Calls `renew` every third of `leaseMs` until released; a failed renewal is reported and retried next tick. */
export function holdLease(renew: () => Promise<void>, leaseMs: number, onError: (error: unknown) => void): HeldLease {
  let inFlight: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    inFlight = inFlight.then(renew).catch(onError);
  }, Math.max(50, Math.floor(leaseMs / 3)));
  timer.unref();
  let released: Promise<void> | undefined;
  return {
    release() {
      released ??= (async () => {
        clearInterval(timer);
        await inFlight;
      })();
      return released;
    },
  };
}
