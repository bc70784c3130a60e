// Latest value per channel, flushed on a timer. A burst of gateway events (250 holds in half a
// second) changes the held list hundreds of times; the panel and the tray only need the newest
// state, at most once a frame, never a queue of stale ones to re-render in turn.
// - `push`: coalesced. Sent at once when nothing was sent in the last interval (a single event
//   costs no delay); otherwise kept as the channel's latest and sent when the interval ends.
// - `pushNow`: not coalesced (action outcomes, settings: each one means something). Whatever is
//   pending goes first, so a receiver never sees an outcome before the state that led to it.

export const FRAME_MS = 16;

export class PushCoalescer<C, P> {
  private readonly pending = new Map<C, P>();
  private timer?: ReturnType<typeof setTimeout>;
  private lastFlush = -Infinity;

  constructor(
    private readonly emit: (channel: C, payload: P) => void,
    private readonly intervalMs = FRAME_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(channel: C, payload: P): void {
    if (this.timer === undefined && this.now() - this.lastFlush >= this.intervalMs) {
      this.lastFlush = this.now();
      this.emit(channel, payload);
      return;
    }
    this.pending.set(channel, payload);
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, this.lastFlush + this.intervalMs - this.now()));
    this.timer.unref?.();
  }

  pushNow(channel: C, payload: P): void {
    this.flush();
    this.emit(channel, payload);
  }

  /** Send whatever is pending now. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    this.lastFlush = this.now();
    const batch = [...this.pending];
    this.pending.clear();
    for (const [channel, payload] of batch) this.emit(channel, payload);
  }

  /** Drop anything pending (the receiver is going away). */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
