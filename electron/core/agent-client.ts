// One agent on one gateway: the facade the CLI, the IPC handlers and the benchmark use.
// It only wires the parts together; each part owns one concern.
import { msg } from '../../shared/i18n';
import { statusText } from '../../shared/status-text';
import type { ActionResult, CurrentCall, HeldCall, HeldList, ListOrder, SessionState } from '../../shared/model';
import { CallActions, type ResumeOptions } from './actions';
import { ReSignIn, type AutoSignInOptions, type ReSignInOutcome } from './auto-sign-in';
import { SESSION_LOST_CODES } from './catalogue';
import { systemClock, type Clock } from './clock';
import { parseGatewayConfig, type GatewayConfig, type GatewayConfigInput } from './config';
import { CurrentCallTracker } from './current-call';
import { eventCallId, type GatewayEvent } from './envelope';
import { GatewayApi, type Availability, type SignInOptions, type SignInResult } from './gateway-api';
import { HeldCallStore, type HeldListTruncation } from './held-calls';
import type { HoldSightings } from './hold-sightings';
import { Reconciler, type ReconcilerOptions } from './reconciler';
import { GatewaySession, SIGNED_OUT_REASON, type SessionOptions } from './session';
import type { TlsHandshakeInfo } from './tls';
import { GatewayTransport, type TransportOptions } from './transport';

export interface AgentClientOptions {
  clock?: Clock;
  order?: ListOrder;
  session?: Omit<SessionOptions, 'clock'>;
  reconciler?: ReconcilerOptions;
  transport?: TransportOptions;
  autoSignIn?: Omit<AutoSignInOptions, 'clock'>;
  /** Where first hold sightings are kept (hold-times-file.ts for persistence); memory otherwise. */
  sightings?: HoldSightings;
  /**
   * Follow the current call (callinfo reads, default true). A one-shot CLI command that never
   * looks at it leaves it off: calldata/* is flow-controlled per agent, across every client.
   */
  currentCall?: boolean;
}

/** Where signing in again by itself gets its permission and its password, asked at the moment a session is lost. */
export interface AutoSignInSource {
  enabled(): boolean;
  /** undefined: no password may be used, so the session simply ends. */
  password(): string | undefined;
}

export interface ClientStats {
  polls: number;
  holdlistQueries: number;
  guidRotations: number;
  /** Answers refused for the Guid (000-003), on polls and commands. */
  guidRefusals: number;
  tlsHandshakes: number;
  /** Gateway events naming an invalid call id (dropped). */
  invalidCallIds: number;
  /** Sessions that ended without the agent asking (gateway restart, supervisor, expiry...). */
  sessionsLost: number;
  /** The same, by the code that ended them ('100-006', '000-003', 'OUTAGE'...). */
  sessionsLostByCode: Record<string, number>;
  /** Times the client signed in again by itself. */
  reSignIns: number;
  lastHoldlistMs?: number;
  callinfoQueries: number;
}

export const RESIGNING_IN = 'RESIGNING_IN';

type StateListener = (state: SessionState) => void;

export class AgentClient {
  readonly config: GatewayConfig;
  private readonly clock: Clock;
  private readonly transport: GatewayTransport;
  private readonly api: GatewayApi;
  private readonly session: GatewaySession;
  private readonly store: HeldCallStore;
  private readonly reconciler: Reconciler;
  private readonly actions: CallActions;
  private readonly current: CurrentCallTracker;
  private readonly hungUpListeners = new Set<(call: HeldCall) => void>();
  private readonly followCurrent: boolean;
  private readonly reSignIn: ReSignIn;
  private readonly stateListeners = new Set<StateListener>();
  private autoSource?: AutoSignInSource;
  /** What the agent's own last sign-in asked for, to ask the same again (never the password: the source gives that). */
  private lastSignIn?: { availability?: Availability };
  private live = false;
  private lostAt = 0;
  private published: SessionState;
  private lost = 0;
  private readonly lostByCode = new Map<string, number>();
  private reSignedIn = 0;

  constructor(config: GatewayConfig | GatewayConfigInput, options: AgentClientOptions = {}) {
    this.config = parseGatewayConfig(config);
    const clock = (this.clock = options.clock ?? systemClock);
    this.transport = new GatewayTransport(new URL(this.config.gateway).origin, { caPem: this.config.caPem, pin: this.config.pin }, options.transport);
    this.api = new GatewayApi(this.transport, this.config, clock);
    this.session = new GatewaySession(this.api, { agentId: this.config.agentId, gateway: this.config.gateway }, { ...options.session, clock });
    // The agent's own numbers decide the other party of internal calls (shared/call-party.ts).
    const own = [this.config.phone, this.config.agentId].filter((n): n is string => !!n);
    this.store = new HeldCallStore(clock, options.order, { sightings: options.sightings, own });
    this.reconciler = new Reconciler(this.api, this.store, clock, options.reconciler);
    this.followCurrent = options.currentCall ?? true;
    this.current = new CurrentCallTracker(this.api, (callid) => this.store.list().find((c) => c.callid === callid), clock, { own, read: options.reconciler });
    const signedIn = (): boolean => this.session.state.status !== 'signed-out' && this.api.hasSession;
    this.actions = new CallActions(this.api, this.store, this.reconciler, signedIn, this.current, clock);
    this.reSignIn = new ReSignIn(
      {
        attempt: () => this.attemptSignInAgain(),
        progress: () => this.publish(),
        finished: (outcome) => this.reSignInFinished(outcome),
      },
      { ...options.autoSignIn, clock },
    );
    this.published = this.session.state;

    this.session.onEvent((event) => {
      // A customer leaving a call on hold is news of its own (before the list forgets the call).
      if (event.eventType === 'AgentEvent_Customer_Release') {
        const callid = eventCallId(event);
        const held = callid ? this.store.list().find((c) => c.callid === callid) : undefined;
        if (held) for (const listener of this.hungUpListeners) listener(held);
      }
      // The current call first: an unhold event still finds the held call's details.
      if (this.followCurrent) this.current.applyEvent(event);
      if (this.store.applyEvent(event)) this.reconciler.request();
    });
    this.session.onReconnect(() => void this.readCalls());
    this.session.onState((state) => this.sessionChanged(state));
  }

  /** The session as the agent should see it: while signing in again by itself, "reconnecting" with the attempt. */
  get state(): SessionState {
    const progress = this.reSignIn.progress;
    if (!progress) return this.session.state;
    const state: SessionState = {
      status: 'reconnecting',
      agentId: this.config.agentId,
      gateway: this.config.gateway,
      code: RESIGNING_IN,
      reason: statusText('RESIGNING_IN', { attempt: progress.attempt }),
      since: this.lostAt,
      attempt: progress.attempt,
    };
    if (progress.retryAt !== undefined) state.retryAt = progress.retryAt;
    return state;
  }

  heldCalls(): HeldCall[] {
    return this.store.list();
  }

  /** Set when the gateway listed more held calls than the client reads: the list shown is its start. */
  get heldListTruncation(): HeldListTruncation | undefined {
    return this.store.truncation;
  }

  /** The held calls with how far they can be trusted (fresh, stale, unknown). */
  heldList(): HeldList {
    return this.store.state();
  }

  /** Why the last read of the held list failed; undefined after a successful one. */
  get listReadError(): unknown {
    return this.reconciler.readError;
  }

  onSessionChange(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onHeldCallsChange(listener: (calls: HeldCall[]) => void): () => void {
    return this.store.onChange((list) => listener(list.calls));
  }

  onHeldListChange(listener: (list: HeldList) => void): () => void {
    return this.store.onChange(listener);
  }

  /** The call the agent is talking on; null when there is none, or none is known. */
  currentCall(): CurrentCall | null {
    return this.current.get();
  }

  onCurrentCallChange(listener: (call: CurrentCall | null) => void): () => void {
    return this.current.onChange(listener);
  }

  /** A customer hung up while on hold (AgentEvent_Customer_Release for a held call). */
  onHeldCallHungUp(listener: (call: HeldCall) => void): () => void {
    this.hungUpListeners.add(listener);
    return () => this.hungUpListeners.delete(listener);
  }

  onEvent(listener: (event: GatewayEvent) => void): () => void {
    return this.session.onEvent(listener);
  }

  /** Sign in again by itself when the gateway drops the session (see auto-sign-in.ts); undefined turns it off. */
  setAutoSignIn(source: AutoSignInSource | undefined): void {
    this.autoSource = source;
    if (!source) this.stopReSignIn();
  }

  /** The setting or the password it may use changed: a re-sign-in that may no longer run stops now. */
  autoSignInChanged(): void {
    if (!this.reSignIn.active) return;
    const source = this.autoSource;
    if (source?.enabled() && source.password() !== undefined) return;
    this.reSignIn.cancel();
    this.store.clear();
    this.publish();
  }

  /**
   * Sign in, start the event loop and read the held list once. A failed first read does not fail
   * the sign-in (events and the reconciler's retries go on), but it is not hidden either: the list
   * stays "unknown" and `listReadError` says why.
   */
  async signIn(options: SignInOptions): Promise<SignInResult> {
    this.stopReSignIn();
    const result = await this.session.signIn(options);
    this.lastSignIn = { availability: options.availability };
    this.reconciler.start();
    if (this.followCurrent) this.current.start();
    await this.readCalls();
    return result;
  }

  /** The held list, then the current call (a gateway may describe a held call as current: the list tells them apart). */
  private async readCalls(): Promise<void> {
    await this.reconciler.now().catch(() => undefined);
    if (this.followCurrent) await this.current.now().catch(() => undefined);
  }

  async signOut(): Promise<void> {
    if (this.reSignIn.active) {
      // Nothing is signed in at the gateway while we retry: stopping is the whole sign-out.
      this.reSignIn.cancel();
      this.session.end(SIGNED_OUT_REASON);
      return;
    }
    try {
      await this.session.signOut();
    } catch (error) {
      // Refused (calls held, talking): the session goes on, but its poll was cut short while the
      // sign-out was asked for, so read the list again rather than trust that nothing was missed.
      this.reconciler.request();
      throw error;
    }
  }

  /** Re-read the held list from the gateway now. */
  refresh(): Promise<HeldCall[]> {
    return this.reconciler.now();
  }

  /** Resume a held call; with a current call, hold that one first unless told to refuse. */
  resume(callid: string, options?: ResumeOptions): Promise<ActionResult> {
    return this.actions.resume(callid, options);
  }

  resumeTop(options?: ResumeOptions): Promise<ActionResult> {
    return this.actions.resumeTop(options);
  }

  /** Resume the call held most recently, holding the current call first. */
  swapBack(): Promise<ActionResult> {
    return this.actions.swapBack();
  }

  hold(): Promise<ActionResult> {
    return this.actions.hold();
  }

  /** End the current call (the caller asks the agent first). */
  end(): Promise<ActionResult> {
    return this.actions.end();
  }

  connect(callid: string): Promise<ActionResult> {
    return this.actions.connect(callid);
  }

  setOrder(order: ListOrder): void {
    this.store.setOrder(order);
  }

  get lastHandshake(): TlsHandshakeInfo | undefined {
    return this.transport.lastHandshake;
  }

  get stats(): ClientStats {
    return {
      polls: this.session.polls,
      holdlistQueries: this.reconciler.queries,
      guidRotations: this.api.rotations,
      guidRefusals: this.api.guidRefusals,
      tlsHandshakes: this.transport.handshakeCount,
      invalidCallIds: this.store.invalidCallIds,
      sessionsLost: this.lost,
      sessionsLostByCode: Object.fromEntries(this.lostByCode),
      reSignIns: this.reSignedIn,
      lastHoldlistMs: this.reconciler.lastQueryMs,
      callinfoQueries: this.current.queries,
    };
  }

  /** Stop everything and release the connections (signs nothing out: call signOut first if wanted). */
  async close(): Promise<void> {
    this.reSignIn.cancel();
    if (this.session.state.status !== 'signed-out') this.session.end(msg('client.CLOSED'), 'CLOSED');
    this.reconciler.stop();
    this.current.stop();
    await this.transport.destroy();
  }

  private sessionChanged(state: SessionState): void {
    if (state.status === 'signed-out') {
      this.reconciler.stop();
      // Whatever call was current is not known any more (re-read after a sign-in again).
      this.current.clear();
      if (this.reSignIn.active) {
        // An attempt failed: the retry policy decides; the last known list stays, marked stale.
      } else if (this.live && state.code !== undefined && SESSION_LOST_CODES.has(state.code)) {
        this.lost += 1;
        this.lostByCode.set(state.code, (this.lostByCode.get(state.code) ?? 0) + 1);
        if (!this.startReSignIn()) this.store.clear();
      } else {
        this.store.clear();
      }
    } else if (state.status === 'reconnecting') {
      // Events may be missed until the poll gets through again and the list is re-read.
      this.store.markStale();
    }
    this.live = state.status === 'signed-in' || state.status === 'reconnecting';
    this.publish();
  }

  /** Returns whether it started: on, a password to use, and a sign-in to repeat. */
  private startReSignIn(): boolean {
    const source = this.autoSource;
    if (!source || !this.lastSignIn || !source.enabled() || source.password() === undefined) return false;
    this.store.markStale();
    this.lostAt = this.clock.now();
    this.reSignIn.start();
    return true;
  }

  private stopReSignIn(): void {
    if (!this.reSignIn.active) return;
    this.reSignIn.cancel();
    this.publish();
  }

  private async attemptSignInAgain(): Promise<void> {
    const password = this.autoSource?.enabled() ? this.autoSource.password() : undefined;
    if (password === undefined || !this.lastSignIn) {
      // Turned off, or the password was forgotten, while we waited.
      this.reSignIn.cancel();
      this.store.clear();
      this.publish();
      return;
    }
    // Never forced: 100-002 stops the retries (auto-sign-in.ts).
    await this.session.signIn({ ...this.lastSignIn, password, force: false });
  }

  private reSignInFinished(outcome: ReSignInOutcome): void {
    if (outcome.ok) {
      this.reSignedIn += 1;
      // Read the list again at once; calls still held keep their hold times (the store was kept).
      this.reconciler.start();
      if (this.followCurrent) this.current.start();
      void this.readCalls();
    } else {
      this.store.clear();
      if (outcome.gaveUp) {
        this.session.end(statusText('RESIGN_IN_GAVE_UP', { attempt: outcome.attempts, detail: outcome.error.agentMessage }), outcome.error.code);
      }
    }
    this.publish();
  }

  private publish(): void {
    const next = this.state;
    const prev = this.published;
    if (
      prev.status === next.status &&
      JSON.stringify(prev.reason) === JSON.stringify(next.reason) &&
      prev.code === next.code &&
      prev.attempt === next.attempt &&
      prev.retryAt === next.retryAt
    ) {
      return;
    }
    this.published = next;
    for (const listener of this.stateListeners) listener(next);
  }
}
