// One agent on one gateway: the facade the CLI, the IPC handlers and the benchmark use.
// It only wires the parts together; each part owns one concern.
import { msg } from '../../shared/i18n';
import type { ActionResult, CurrentCall, HeldCall, ListOrder, SessionState } from '../../shared/model';
import { CallActions, type ResumeOptions } from './actions';
import { systemClock, type Clock } from './clock';
import { parseGatewayConfig, type GatewayConfig, type GatewayConfigInput } from './config';
import { eventCallId, type GatewayEvent } from './envelope';
import { CurrentCallTracker } from './current-call';
import { GatewayApi, type SignInOptions, type SignInResult } from './gateway-api';
import { HeldCallStore } from './held-calls';
import type { HoldSightings } from './hold-sightings';
import { Reconciler, type ReconcilerOptions } from './reconciler';
import { GatewaySession, type SessionOptions } from './session';
import type { TlsHandshakeInfo } from './tls';
import { GatewayTransport, type TransportOptions } from './transport';

export interface AgentClientOptions {
  clock?: Clock;
  order?: ListOrder;
  session?: Omit<SessionOptions, 'clock'>;
  reconciler?: ReconcilerOptions;
  transport?: TransportOptions;
  /** Where first hold sightings are kept (hold-times-file.ts for persistence); memory otherwise. */
  sightings?: HoldSightings;
}

export interface ClientStats {
  polls: number;
  holdlistQueries: number;
  guidRotations: number;
  tlsHandshakes: number;
  lastHoldlistMs?: number;
  callinfoQueries: number;
}

export class AgentClient {
  readonly config: GatewayConfig;
  private readonly transport: GatewayTransport;
  private readonly api: GatewayApi;
  private readonly session: GatewaySession;
  private readonly store: HeldCallStore;
  private readonly reconciler: Reconciler;
  private readonly actions: CallActions;
  private readonly current: CurrentCallTracker;
  private readonly hungUpListeners = new Set<(call: HeldCall) => void>();

  constructor(config: GatewayConfig | GatewayConfigInput, options: AgentClientOptions = {}) {
    this.config = parseGatewayConfig(config);
    const clock = options.clock ?? systemClock;
    this.transport = new GatewayTransport(new URL(this.config.gateway).origin, { caPem: this.config.caPem, pin: this.config.pin }, options.transport);
    this.api = new GatewayApi(this.transport, this.config, clock);
    this.session = new GatewaySession(this.api, { agentId: this.config.agentId, gateway: this.config.gateway }, { ...options.session, clock });
    // The agent's own numbers decide the other party of internal calls (shared/call-party.ts).
    const own = [this.config.phone, this.config.agentId].filter((n): n is string => !!n);
    this.store = new HeldCallStore(clock, options.order, { sightings: options.sightings, own });
    this.reconciler = new Reconciler(this.api, this.store, clock, options.reconciler);
    this.current = new CurrentCallTracker(this.api, (callid) => this.store.list().find((c) => c.callid === callid), clock, { own, read: options.reconciler });
    this.actions = new CallActions(this.api, this.store, this.reconciler, () => this.session.state.status !== 'signed-out' && this.api.hasSession, this.current);

    this.session.onEvent((event) => {
      // A customer leaving a call on hold is news of its own (before the list forgets the call).
      if (event.eventType === 'AgentEvent_Customer_Release') {
        const callid = eventCallId(event);
        const held = callid ? this.store.list().find((c) => c.callid === callid) : undefined;
        if (held) for (const listener of this.hungUpListeners) listener(held);
      }
      // The current call first: an unhold event still finds the held call's details.
      this.current.applyEvent(event);
      if (this.store.applyEvent(event)) this.reconciler.request();
    });
    this.session.onReconnect(() => void this.readCalls());
    this.session.onState((state) => {
      if (state.status === 'signed-out') {
        this.reconciler.stop();
        this.store.clear();
        this.current.clear();
      }
    });
  }

  get state(): SessionState {
    return this.session.state;
  }

  heldCalls(): HeldCall[] {
    return this.store.list();
  }

  onSessionChange(listener: (state: SessionState) => void): () => void {
    return this.session.onState(listener);
  }

  onHeldCallsChange(listener: (calls: HeldCall[]) => void): () => void {
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

  /**
   * Sign in, start the event loop and read the held list once.
   * A failed first read does not fail the sign-in: events and later reconciliation still work.
   */
  async signIn(options: SignInOptions): Promise<SignInResult> {
    const result = await this.session.signIn(options);
    this.reconciler.start();
    this.current.start();
    await this.readCalls();
    return result;
  }

  /** The held list, then the current call (a gateway may describe a held call as current: the list tells them apart). */
  private async readCalls(): Promise<void> {
    await this.reconciler.now().catch(() => undefined);
    await this.current.now().catch(() => undefined);
  }

  signOut(): Promise<void> {
    return this.session.signOut();
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
      tlsHandshakes: this.transport.handshakeCount,
      lastHoldlistMs: this.reconciler.lastQueryMs,
      callinfoQueries: this.current.queries,
    };
  }

  /** Stop everything and release the connections (signs nothing out: call signOut first if wanted). */
  async close(): Promise<void> {
    if (this.session.state.status !== 'signed-out') this.session.end(msg('client.CLOSED'), 'CLOSED');
    this.reconciler.stop();
    this.current.stop();
    await this.transport.destroy();
  }
}
