// Sign-in, sign-out and the single event-poll loop, with observable state.
// The poll is also the gateway's heartbeat (no poll for 2 min = signed out), so the loop must
// keep going through faults, but without hammering: bounded backoff on errors, 200-500 ms
// between empty polls, and none at all after an event (the gateway returns one per poll).
import { msg, type Message } from '../../shared/i18n';
import type { SessionState, SessionStatus } from '../../shared/model';
import { statusText } from '../../shared/status-text';
import { GUID_REFUSED, SESSION_ENDING_CODES } from './catalogue';
import { backoffMs, sleep, systemClock, type Clock } from './clock';
import type { GatewayEvent } from './envelope';
import { GatewayError, GatewayRefusedError, TlsError, asGatewayError } from './errors';
import type { GatewayApi, SignInOptions, SignInResult } from './gateway-api';

export interface SessionOptions {
  clock?: Clock;
  random?: () => number;
  /** Pause after an empty poll (the docs ask for 200-500 ms). */
  emptyPollDelayMs?: [min: number, max: number];
  /** Backoff after a failed poll: base doubling to cap. */
  retryBaseMs?: number;
  retryCapMs?: number;
  /** Without a successful poll for this long the gateway has signed us out (it does after 120 s). */
  maxOutageMs?: number;
  /**
   * 000-003 on a poll is retried with the newest Guid, pausing base, 2×base, 4×base...; the
   * session counts as lost only after `maxGuidRefusals` in a row, or refusals lasting `maxGuidRefusalMs`.
   */
  guidRetryBaseMs?: number;
  maxGuidRefusals?: number;
  maxGuidRefusalMs?: number;
}

/** The reason a session ended because the agent asked. */
export const SIGNED_OUT_REASON: Message = msg('client.SIGNED_OUT');

type StateListener = (state: SessionState) => void;
type EventListener = (event: GatewayEvent) => void;

export class GatewaySession {
  private current: SessionState;
  private generation = 0;
  private abort?: AbortController;
  private readonly stateListeners = new Set<StateListener>();
  private readonly eventListeners = new Set<EventListener>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly opts: Required<Omit<SessionOptions, 'clock' | 'random'>>;
  private pollCount = 0;

  constructor(
    private readonly api: GatewayApi,
    private readonly identity: { agentId: string; gateway: string },
    options: SessionOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.opts = {
      emptyPollDelayMs: options.emptyPollDelayMs ?? [200, 500],
      retryBaseMs: options.retryBaseMs ?? 500,
      retryCapMs: options.retryCapMs ?? 5_000,
      maxOutageMs: options.maxOutageMs ?? 110_000,
      // Huawei's own clients: the JS console retries five times at 500 ms, the C# demo gives up
      // after 15 in a row. Five retries, paced 0.5 s to 8 s, stay well inside the 120 s heartbeat.
      guidRetryBaseMs: options.guidRetryBaseMs ?? 500,
      maxGuidRefusals: options.maxGuidRefusals ?? 6,
      maxGuidRefusalMs: options.maxGuidRefusalMs ?? 20_000,
    };
    this.current = { status: 'signed-out', ...identity, since: this.clock.now() };
  }

  get state(): SessionState {
    return this.current;
  }

  get polls(): number {
    return this.pollCount;
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Gateway events, strictly in the order the gateway delivered them. */
  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** The poll loop got through again after failing: whatever was missed must be re-read. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  async signIn(options: SignInOptions): Promise<SignInResult> {
    if (this.current.status === 'signing-in') {
      throw new GatewayError('conflict', 'SIGNING_IN', 'A sign-in is already in progress.');
    }
    this.stopLoop();
    this.setState('signing-in');
    try {
      let result: SignInResult;
      try {
        result = await this.api.signIn({ ...options, force: false });
      } catch (error) {
        // Taking over another client's session is the agent's decision, never ours.
        if (!(options.force && error instanceof GatewayRefusedError && error.retcode === '100-002')) throw error;
        result = await this.api.signIn({ ...options, force: true });
      }
      this.setState('signed-in');
      this.startLoop();
      return result;
    } catch (error) {
      const failure = asGatewayError(error);
      this.setState('signed-out', failure.agentMessage, failure.code);
      throw failure;
    }
  }

  async signOut(): Promise<void> {
    if (this.current.status === 'signed-out') return;
    const wasLooping = this.abort !== undefined;
    this.stopLoop();
    try {
      await this.api.signOut();
    } catch (error) {
      // The gateway refused (e.g. calls still held): the session goes on.
      if (wasLooping && this.api.hasSession) this.startLoop();
      throw asGatewayError(error);
    }
    this.setState('signed-out', msg('client.SIGNED_OUT'));
  }

  /** End the session locally (app quitting, gateway said we are gone). */
  end(reason: Message, code?: string): void {
    this.stopLoop();
    this.api.forgetSession();
    this.setState('signed-out', reason, code);
  }

  private startLoop(): void {
    const generation = ++this.generation;
    this.abort = new AbortController();
    void this.loop(generation, this.abort.signal);
  }

  private stopLoop(): void {
    this.generation += 1;
    this.abort?.abort(new Error('poll stopped'));
    this.abort = undefined;
  }

  private async loop(generation: number, signal: AbortSignal): Promise<void> {
    let failures = 0;
    let refusals = 0;
    let firstRefusal = 0;
    let lastSuccess = this.clock.now();
    const live = (): boolean => generation === this.generation;
    while (live()) {
      let event: GatewayEvent | undefined;
      try {
        this.pollCount += 1;
        event = await this.api.pollEvent(signal);
      } catch (error) {
        if (!live()) return;
        const failure = asGatewayError(error);
        if (failure instanceof GatewayRefusedError && failure.retcode === GUID_REFUSED) {
          // The Guid may just have been replaced (dynamic authentication): the next poll carries
          // the newest one we have. Only a run of refusals means the session is gone.
          const now = this.clock.now();
          if (refusals === 0) firstRefusal = now;
          refusals += 1;
          if (refusals >= this.opts.maxGuidRefusals || now - firstRefusal >= this.opts.maxGuidRefusalMs) {
            this.end(failure.agentMessage, failure.retcode);
            return;
          }
          // A lone refusal is routine around a rotation; a second in a row is worth showing.
          if (refusals > 1) this.setState('reconnecting', statusText('POLL_GUID_REFUSED'), GUID_REFUSED);
          try {
            await sleep(this.clock, this.opts.guidRetryBaseMs * 2 ** (refusals - 1), signal);
          } catch {
            return;
          }
          continue;
        }
        if (failure instanceof GatewayRefusedError && SESSION_ENDING_CODES.has(failure.retcode)) {
          this.end(failure.agentMessage, failure.retcode);
          return;
        }
        if (failure instanceof TlsError) {
          // The certificate changed under a running session: do not keep talking to it.
          this.end(failure.agentMessage, failure.code);
          return;
        }
        if (this.clock.now() - lastSuccess > this.opts.maxOutageMs) {
          this.end(msg('client.OUTAGE'), 'OUTAGE');
          return;
        }
        // The panel says "Reconnecting" itself; the reason is why.
        this.setState('reconnecting', failure.agentMessage, failure.code);
        try {
          await sleep(this.clock, backoffMs(failures, this.opts.retryBaseMs, this.opts.retryCapMs, this.random), signal);
        } catch {
          return;
        }
        failures += 1;
        continue;
      }
      if (!live()) return;
      lastSuccess = this.clock.now();
      refusals = 0;
      if (failures > 0 || this.current.status === 'reconnecting') {
        failures = 0;
        this.setState('signed-in');
        for (const listener of this.reconnectListeners) listener();
      }
      if (event) {
        this.dispatch(event);
        continue;
      }
      const [min, max] = this.opts.emptyPollDelayMs;
      try {
        await sleep(this.clock, min + this.random() * (max - min), signal);
      } catch {
        return;
      }
    }
  }

  private dispatch(event: GatewayEvent): void {
    for (const listener of this.eventListeners) {
      try {
        listener(event);
      } catch {
        // A faulty listener must not stop the heartbeat or reorder later events.
      }
    }
  }

  private setState(status: SessionStatus, reason?: Message, code?: string): void {
    const next: SessionState = { status, ...this.identity, since: this.clock.now() };
    if (reason) next.reason = reason;
    if (code) next.code = code;
    const prev = this.current;
    if (prev.status === next.status && JSON.stringify(prev.reason) === JSON.stringify(next.reason) && prev.code === next.code) return;
    this.current = next;
    for (const listener of this.stateListeners) listener(next);
  }
}
