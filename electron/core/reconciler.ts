// Coalesced holdlist queries. The gateway flow-controls calldata/* per agent (reference
// section 0.7), so however many reasons to reconcile pile up, at most one query is in flight,
// queries are at least `minIntervalMs` apart, and the safety timer never fires more often
// than once a minute: the rules of every calldata read (coalesced-read.ts). What the held list
// adds: a failed read marks the list stale and is tried again with backoff until one succeeds,
// since a list that could not be read after a reconnect must not wait for the safety timer.
import type { HeldCall } from '../../shared/model';
import { backoffMs, systemClock, type Clock } from './clock';
import { CoalescedRead, type CoalescedReadOptions } from './coalesced-read';
import type { GatewayApi } from './gateway-api';
import type { HeldCallStore } from './held-calls';

export interface ReconcilerOptions extends Omit<CoalescedReadOptions, 'onError'> {
  /** Backoff between re-reads after a failed one: base doubling to cap, jittered. */
  retryBaseMs?: number;
  retryCapMs?: number;
  onError?(error: unknown): void;
}

const RETRY_DEFAULTS = { retryBaseMs: 1_000, retryCapMs: 30_000 };

export class Reconciler {
  private readonly reader: CoalescedRead;
  private readonly retry: { retryBaseMs: number; retryCapMs: number };
  private readonly onError?: (error: unknown) => void;
  private retryTimer?: unknown;
  private failures = 0;
  private lastError?: unknown;
  private lastDuration?: number;
  private active = false;

  constructor(
    private readonly api: GatewayApi,
    private readonly store: HeldCallStore,
    private readonly clock: Clock = systemClock,
    options: ReconcilerOptions = {},
  ) {
    const { retryBaseMs, retryCapMs, onError, ...read } = options;
    this.retry = { retryBaseMs: retryBaseMs ?? RETRY_DEFAULTS.retryBaseMs, retryCapMs: retryCapMs ?? RETRY_DEFAULTS.retryCapMs };
    this.onError = onError;
    this.reader = new CoalescedRead(() => this.query(), clock, { ...read, onError: (error) => this.failed(error) });
  }

  get queries(): number {
    return this.reader.queries;
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
    this.reader.start();
  }

  stop(): void {
    this.active = false;
    this.reader.stop();
    this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.failures = 0;
  }

  /** Something happened that may have changed the held list: reconcile soon. */
  request(): void {
    this.reader.request();
  }

  /** Reconcile now (sign-in, reconnect, an explicit refresh); joins a query already in flight. */
  async now(): Promise<HeldCall[]> {
    await this.reader.now();
    return this.store.list();
  }

  private async query(): Promise<'done' | 'again'> {
    const before = this.store.changeCount;
    const started = performance.now();
    const read = await this.api.holdList();
    this.lastDuration = performance.now() - started;
    this.lastError = undefined;
    this.failures = 0;
    this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    // Events that arrived while the query was out may be newer than its answer: keep them and
    // ask again (rate-limited) rather than let a stale list undo them.
    if (this.store.changeCount !== before) return 'again';
    this.store.reconcile(read.items, read.ignored, read.total);
    return 'done';
  }

  private failed(error: unknown): void {
    this.lastError = error;
    this.store.markStale();
    this.onError?.(error);
    if (!this.active || this.retryTimer !== undefined) return;
    const wait = backoffMs(this.failures, this.retry.retryBaseMs, this.retry.retryCapMs);
    this.failures += 1;
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.active) this.reader.now().catch(() => undefined);
    }, wait);
  }
}
