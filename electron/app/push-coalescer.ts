// Latest value per channel, flushed on a timer. A burst of gateway events (250 holds in half a
// second) changes the held list hundreds of times; the panel and the tray only need the newest
// state, at most once a frame, never a queue of stale ones to re-render in turn.
// - `push`: coalesced per channel. Sent at once when that channel sent nothing in the last
//   interval (a single event costs no delay); otherwise kept as the channel's latest and sent when
//   its interval ends. Channels do not wait on each other: a call answered and put on hold at once
//   changes the current call and then the held list, and the new held row must not wait a frame
//   behind the current call's push.
// - `pushNow`: not coalesced (action outcomes, settings: each one means something). Whatever is
//   pending goes first, so a receiver never sees an outcome before the state that led to it.

export const FRAME_MS = 16;

export class PushCoalescer<C, P> {
  private readonly pending = new Map<C, P>();
  private readonly timers = new Map<C, ReturnType<typeof setTimeout>>();
  private readonly lastSent = new Map<C, number>();

  constructor(
    private readonly emit: (channel: C, payload: P) => void,
    private readonly intervalMs = FRAME_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(channel: C, payload: P): void {
    const last = this.lastSent.get(channel) ?? -Infinity;
    if (!this.timers.has(channel) && this.now() - last >= this.intervalMs) {
      this.send(channel, payload);
      return;
    }
    this.pending.set(channel, payload);
    if (this.timers.has(channel)) return;
    const timer = setTimeout(() => this.flushChannel(channel), Math.max(0, last + this.intervalMs - this.now()));
    timer.unref?.();
    this.timers.set(channel, timer);
  }

  pushNow(channel: C, payload: P): void {
    this.flush();
    this.emit(channel, payload);
  }

  /** Send whatever is pending now, in the order the channels first became pending. */
  flush(): void {
    for (const channel of [...this.pending.keys()]) this.flushChannel(channel);
  }

  /** Drop anything pending (the receiver is going away). */
  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
  }

  private flushChannel(channel: C): void {
    clearTimeout(this.timers.get(channel));
    this.timers.delete(channel);
    if (!this.pending.has(channel)) return;
    const payload = this.pending.get(channel) as P;
    this.pending.delete(channel);
    this.send(channel, payload);
  }

  private send(channel: C, payload: P): void {
    this.lastSent.set(channel, this.now());
    this.emit(channel, payload);
  }
}
