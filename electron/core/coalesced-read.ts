// A gateway read that many triggers ask for and few requests answer: at most one in flight, at
// least `minIntervalMs` between starts, a debounce so a burst of events costs one request, and a
// slow safety re-read. calldata/* is flow-controlled per agent (reference §0.7), so every
// calldata read the client makes by itself goes through one of these. The same rules as the
// holdlist Reconciler (reconciler.ts), for reads that are not the held list.
import { sleep, systemClock, type Clock } from './clock';

export interface CoalescedReadOptions {
  debounceMs?: number;
  minIntervalMs?: number;
  /** Safety re-read while idle; clamped to at least 60 s. */
  periodicMs?: number;
  onError?(error: unknown): void;
}

/** What one read concluded: 'again' when events overtook it and its answer could not be used. */
export type ReadOutcome = 'done' | 'again';

const DEFAULTS = { debounceMs: 250, minIntervalMs: 1_000, periodicMs: 5 * 60_000 };
const MIN_PERIODIC_MS = 60_000;

export class CoalescedRead {
  private readonly opts: Required<Omit<CoalescedReadOptions, 'onError'>> & Pick<CoalescedReadOptions, 'onError'>;
  private running?: Promise<void>;
  private rerun = false;
  private debounceTimer?: unknown;
  private periodicTimer?: unknown;
  private lastStart = -Infinity;
  private active = false;
  private count = 0;

  constructor(
    private readonly read: () => Promise<ReadOutcome>,
    private readonly clock: Clock = systemClock,
    options: CoalescedReadOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...options };
    this.opts.periodicMs = Math.max(MIN_PERIODIC_MS, this.opts.periodicMs);
  }

  get queries(): number {
    return this.count;
  }

  start(): void {
    this.active = true;
    this.schedulePeriodic();
  }

  stop(): void {
    this.active = false;
    this.clock.clearTimeout(this.debounceTimer);
    this.clock.clearTimeout(this.periodicTimer);
    this.debounceTimer = this.periodicTimer = undefined;
  }

  /** Something happened that may have changed what this read returns: read soon. */
  request(): void {
    if (!this.active || this.debounceTimer !== undefined) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    const wait = Math.max(this.opts.debounceMs, this.lastStart + this.opts.minIntervalMs - this.clock.now());
    this.debounceTimer = this.clock.setTimeout(() => {
      this.debounceTimer = undefined;
      this.run().catch(() => undefined);
    }, wait);
  }

  /** Read now (sign-in, reconnect, before an action that needs the answer); joins a read in flight. */
  async now(): Promise<void> {
    this.clock.clearTimeout(this.debounceTimer);
    this.debounceTimer = undefined;
    if (this.running) {
      this.rerun = true;
      await this.running.catch(() => undefined);
      if (this.running) return this.running;
    }
    return this.run();
  }

  private run(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.once().finally(() => {
      this.running = undefined;
      this.schedulePeriodic();
      if (this.rerun && this.active) {
        this.rerun = false;
        this.request();
      }
    });
    return this.running;
  }

  private async once(): Promise<void> {
    const wait = this.lastStart + this.opts.minIntervalMs - this.clock.now();
    if (wait > 0) await sleep(this.clock, wait);
    this.lastStart = this.clock.now();
    this.count += 1;
    try {
      if ((await this.read()) === 'again') this.rerun = true;
    } catch (error) {
      this.opts.onError?.(error);
      throw error;
    }
  }

  private schedulePeriodic(): void {
    if (!this.active) return;
    this.clock.clearTimeout(this.periodicTimer);
    this.periodicTimer = this.clock.setTimeout(() => {
      this.periodicTimer = undefined;
      this.request();
    }, this.opts.periodicMs);
  }
}
