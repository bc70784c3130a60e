// One agent on one gateway: the facade the CLI, the IPC handlers and the benchmark use.
// It only wires the parts together; each part owns one concern.
import { msg } from '../../shared/i18n';
import type { ActionResult, HeldCall, ListOrder, SessionState } from '../../shared/model';
import { CallActions } from './actions';
import { systemClock, type Clock } from './clock';
import { parseGatewayConfig, type GatewayConfig, type GatewayConfigInput } from './config';
import type { GatewayEvent } from './envelope';
import { GatewayApi, type SignInOptions, type SignInResult } from './gateway-api';
import { HeldCallStore, type HeldListTruncation } from './held-calls';
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
}

export interface ClientStats {
  polls: number;
  holdlistQueries: number;
  guidRotations: number;
  tlsHandshakes: number;
  lastHoldlistMs?: number;
}

export class AgentClient {
  readonly config: GatewayConfig;
  private readonly transport: GatewayTransport;
  private readonly api: GatewayApi;
  private readonly session: GatewaySession;
  private readonly store: HeldCallStore;
  private readonly reconciler: Reconciler;
  private readonly actions: CallActions;

  constructor(config: GatewayConfig | GatewayConfigInput, options: AgentClientOptions = {}) {
    this.config = parseGatewayConfig(config);
    const clock = options.clock ?? systemClock;
    this.transport = new GatewayTransport(new URL(this.config.gateway).origin, { caPem: this.config.caPem, pin: this.config.pin }, options.transport);
    this.api = new GatewayApi(this.transport, this.config, clock);
    this.session = new GatewaySession(this.api, { agentId: this.config.agentId, gateway: this.config.gateway }, { ...options.session, clock });
    this.store = new HeldCallStore(clock, options.order);
    this.reconciler = new Reconciler(this.api, this.store, clock, options.reconciler);
    this.actions = new CallActions(this.api, this.store, this.reconciler, () => this.session.state.status !== 'signed-out' && this.api.hasSession);

    this.session.onEvent((event) => {
      if (this.store.applyEvent(event)) this.reconciler.request();
    });
    this.session.onReconnect(() => void this.reconciler.now().catch(() => undefined));
    this.session.onState((state) => {
      if (state.status === 'signed-out') {
        this.reconciler.stop();
        this.store.clear();
      }
    });
  }

  get state(): SessionState {
    return this.session.state;
  }

  heldCalls(): HeldCall[] {
    return this.store.list();
  }

  /** Set when the gateway listed more held calls than the client reads: the list shown is its start. */
  get heldListTruncation(): HeldListTruncation | undefined {
    return this.store.truncation;
  }

  onSessionChange(listener: (state: SessionState) => void): () => void {
    return this.session.onState(listener);
  }

  onHeldCallsChange(listener: (calls: HeldCall[]) => void): () => void {
    return this.store.onChange(listener);
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
    await this.reconciler.now().catch(() => undefined);
    return result;
  }

  signOut(): Promise<void> {
    return this.session.signOut();
  }

  /** Re-read the held list from the gateway now. */
  refresh(): Promise<HeldCall[]> {
    return this.reconciler.now();
  }

  resume(callid: string): Promise<ActionResult> {
    return this.actions.resume(callid);
  }

  resumeTop(): Promise<ActionResult> {
    return this.actions.resumeTop();
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
    };
  }

  /** Stop everything and release the connections (signs nothing out: call signOut first if wanted). */
  async close(): Promise<void> {
    if (this.session.state.status !== 'signed-out') this.session.end(msg('client.CLOSED'), 'CLOSED');
    this.reconciler.stop();
    await this.transport.destroy();
  }
}
