// Client-side flow control for the gateway's query endpoints. The gateway allows 5 calldata/*
// queries per 2 s per agent (reference section 0.7) and refuses the rest; holdlist (and callinfo,
// once the client reads it) share that budget. Coalescing in the reconciler keeps us well under it
// in normal use; this limiter makes it a guarantee under event bursts, retries and refreshes alike.
import { sleep, systemClock, type Clock } from './clock';

export const CALLDATA_LIMIT = 5;
/** The documented 2 s plus a margin: the gateway counts arrivals, which can bunch up behind a slow first request. */
export const CALLDATA_WINDOW_MS = 2_100;

export class SlidingWindowLimiter {
  private readonly starts: number[] = [];

  constructor(
    private readonly clock: Clock = systemClock,
    readonly limit = CALLDATA_LIMIT,
    readonly windowMs = CALLDATA_WINDOW_MS,
  ) {}

  /** Resolves when one more query may start, and counts it as started; rejects if `signal` aborts. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.starts.length > 0 && now - this.starts[0]! >= this.windowMs) this.starts.shift();
      if (this.starts.length < this.limit) {
        this.starts.push(now);
        return;
      }
      await sleep(this.clock, this.starts[0]! + this.windowMs - now, signal);
    }
  }
}
