// Coalesced holdlist queries. The gateway flow-controls calldata/* per agent (reference
// section 0.7), so however many reasons to reconcile pile up, at most one query is in flight,
// queries are at least `minIntervalMs` apart, and the safety timer never fires more often
// than once a minute. A failed read marks the list stale and is tried again with backoff until
// one succeeds: a list that could not be read after a reconnect must not wait for the safety timer.
import type { HeldCall } from '../../shared/model';
import { backoffMs, sleep, systemClock, type Clock } from './clock';
import type { GatewayApi } from './gateway-api';
import type { HeldCallStore } from './held-calls';

export interface ReconcilerOptions {
  /** Wait this long after a trigger so a burst of events costs one query. */
  debounceMs?: number;
  minIntervalMs?: number;
  /** Safety reconciliation while idle; clamped to at least 60 s. */
  periodicMs?: number;
  /** Backoff between re-reads after a failed one: base doubling to cap, jittered. */
  retryBaseMs?: number;
  retryCapMs?: number;
  onError?(error: unknown): void;
}

const DEFAULTS = { debounceMs: 250, minIntervalMs: 1_000, periodicMs: 5 * 60_000, retryBaseMs: 1_000, retryCapMs: 30_000 };
const MIN_PERIODIC_MS = 60_000;

export class Reconciler {
  private readonly opts: Required<Omit<ReconcilerOptions, 'onError'>> & Pick<ReconcilerOptions, 'onError'>;
  private running?: Promise<HeldCall[]>;
  private rerun = false;
  private debounceTimer?: unknown;
  private periodicTimer?: unknown;
  private retryTimer?: unknown;
  private failures = 0;
  private lastError?: unknown;
  private lastStart = -Infinity;
  private active = false;
  private queryCount = 0;
  private lastDuration?: number;

  constructor(
    private readonly api: GatewayApi,
    private readonly store: HeldCallStore,
    private readonly clock: Clock = systemClock,
    options: ReconcilerOptions = {},
  ) {
    this.opts = { ...DEFAULTS, ...options };
    this.opts.periodicMs = Math.max(MIN_PERIODIC_MS, this.opts.periodicMs);
  }

  get queries(): number {
    return this.queryCount;
  }

  /** Why the last read failed; undefined once a read has succeeded. */
  get readError(): unknown {
    return this.lastError;
  }

  /** Round trip of the last holdlist query, ms (a cheap health figure for diagnostics). */
  get lastQueryMs(): number | undefined {
    return this.lastDuration;
  }

  start(): void {
    this.active = true;
    this.schedulePeriodic();
  }

  stop(): void {
    this.active = false;
    this.clock.clearTimeout(this.debounceTimer);
    this.clock.clearTimeout(this.periodicTimer);
    this.clock.clearTimeout(this.retryTimer);
    this.debounceTimer = this.periodicTimer = this.retryTimer = undefined;
    this.failures = 0;
  }

  /** Something happened that may have changed the held list: reconcile soon. */
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

  /** Reconcile now (sign-in, reconnect, an explicit refresh); joins a query already in flight. */
  async now(): Promise<HeldCall[]> {
    this.clock.clearTimeout(this.debounceTimer);
    this.debounceTimer = undefined;
    if (this.running) {
      this.rerun = true;
      await this.running.catch(() => undefined);
      if (this.running) return this.running;
    }
    return this.run();
  }

  private run(): Promise<HeldCall[]> {
    if (this.running) return this.running;
    this.running = this.query().finally(() => {
      this.running = undefined;
      this.schedulePeriodic();
      if (this.rerun && this.active) {
        this.rerun = false;
        this.request();
      }
    });
    return this.running;
  }

  private async query(): Promise<HeldCall[]> {
    const wait = this.lastStart + this.opts.minIntervalMs - this.clock.now();
    if (wait > 0) await sleep(this.clock, wait);
    this.lastStart = this.clock.now();
    this.queryCount += 1;
    const before = this.store.changeCount;
    let read;
    const started = performance.now();
    try {
      read = await this.api.holdList();
      this.lastDuration = performance.now() - started;
    } catch (error) {
      this.failed(error);
      throw error;
    }
    this.lastError = undefined;
    this.failures = 0;
    this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    // Events that arrived while the query was out may be newer than its answer: keep them and
    // ask again (rate-limited) rather than let a stale list undo them.
    if (this.store.changeCount === before) this.store.reconcile(read.items, read.ignored, read.total);
    else this.rerun = true;
    return this.store.list();
  }

  private failed(error: unknown): void {
    this.lastError = error;
    this.store.markStale();
    this.opts.onError?.(error);
    if (!this.active || this.retryTimer !== undefined) return;
    const wait = backoffMs(this.failures, this.opts.retryBaseMs, this.opts.retryCapMs);
    this.failures += 1;
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.active) this.run().catch(() => undefined);
    }, wait);
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
