import { agentEvents, type ViewStyle } from './call-views';
import { CallIds, Phone, type PhoneEvent } from './phone';
import { FlowControl, resolveFlowLimit, type FlowLimit } from './flow-control';
import { EventHub } from './polls';
import { Sessions, type Session } from './sessions';
import type { SimulatorOptions } from './types';

// The simulated gateway's state: phones, sessions, event queues. Shared by the HTTP
// routes and the test script API so both change the world the same way.

export interface ResolvedOptions {
  host: string;
  port: number;
  pathPrefix: string;
  authMode: 'static' | 'dynamic';
  guidIntervalMs: number;
  guidExpiryMs: number;
  pollWaitMs: number;
  sessionTimeoutMs: number;
  requireCookie: boolean;
  refuseSignOut: 'talking-or-holding' | 'talking' | 'never';
  flowLimit: FlowLimit | undefined;
  passwords: Record<string, string> | undefined;
  getholdWhileTalking: 'refuse' | 'swap';
  style: ViewStyle;
  numericRetcode: boolean;
  keepAliveTimeoutMs: number;
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;

export function resolveOptions(o: SimulatorOptions = {}): ResolvedOptions {
  const host = o.host ?? '127.0.0.1';
  // Real credentials get typed into clients pointed at this server: never expose it.
  if (!LOOPBACK.test(host)) throw new Error(`simulator refuses to listen on non-loopback host ${host}`);
  let pathPrefix = (o.pathPrefix ?? '').replace(/\/+$/, '');
  if (pathPrefix && !pathPrefix.startsWith('/')) pathPrefix = `/${pathPrefix}`;
  const resolved: ResolvedOptions = {
    host: host === 'localhost' ? '127.0.0.1' : host,
    port: o.port ?? 0,
    pathPrefix,
    authMode: o.authMode ?? 'dynamic',
    guidIntervalMs: o.guidIntervalMs ?? 60_000,
    guidExpiryMs: o.guidExpiryMs ?? 120_000,
    pollWaitMs: o.pollWaitMs ?? 10_000,
    sessionTimeoutMs: o.sessionTimeoutMs ?? 120_000,
    requireCookie: o.requireCookie ?? false,
    refuseSignOut: o.refuseSignOut ?? 'talking-or-holding',
    flowLimit: resolveFlowLimit(o.flowControl),
    passwords: o.passwords,
    getholdWhileTalking: o.getholdWhileTalking ?? 'refuse',
    style: { holdEvents: o.holdEvents ?? 'standard', numericFields: o.quirks?.numericFields ?? false },
    numericRetcode: o.quirks?.numericRetcode ?? false,
    keepAliveTimeoutMs: o.keepAliveTimeoutMs ?? 65_000,
  };
  if (resolved.authMode === 'dynamic' && resolved.guidIntervalMs >= resolved.guidExpiryMs) {
    // Same rule as basic.properties: a Guid must outlive the interval that replaces it.
    throw new Error('guidIntervalMs must be smaller than guidExpiryMs');
  }
  return resolved;
}

const SIGN_IN_EVENTS: Record<number, string[]> = {
  3: ['AgentOther_InService', 'AgentState_Ready', 'AgentState_SetNotReady_Success'],
  4: ['AgentOther_InService', 'AgentState_Ready'],
  5: ['AgentOther_InService', 'AgentState_Ready', 'AgentState_Work'],
};

export class GatewayState {
  readonly ids = new CallIds();
  readonly hub = new EventHub();
  readonly sessions: Sessions;
  /** Undefined when flow control is off. */
  readonly flow: FlowControl | undefined;
  private readonly phones = new Map<string, Phone>();

  constructor(readonly options: ResolvedOptions) {
    this.flow = options.flowLimit ? new FlowControl(options.flowLimit) : undefined;
    this.sessions = new Sessions(
      options,
      (agentId) => this.hub.hasPending(agentId),
      (session) => this.hub.settle(session.agentId, { kind: 'ended' }),
    );
  }

  phone(agentId: string): Phone {
    let phone = this.phones.get(agentId);
    if (!phone) {
      phone = new Phone(this.ids);
      this.phones.set(agentId, phone);
    }
    return phone;
  }

  /** Events only reach a signed-in agent; a real gateway has nowhere to queue them otherwise. */
  publish(agentId: string, events: PhoneEvent[]): void {
    const session = this.sessions.live(agentId);
    if (!session) return;
    for (const event of events) {
      for (const body of agentEvents(event, this.options.style)) {
        this.hub.deliver(session, body.eventType, body.content);
      }
    }
  }

  emit(agentId: string, eventType: string, content: unknown): boolean {
    const session = this.sessions.live(agentId);
    if (!session) return false;
    this.hub.deliver(session, eventType, content);
    return true;
  }

  signIn(agentId: string, status: number): Session {
    const session = this.sessions.start(agentId, status);
    for (const eventType of SIGN_IN_EVENTS[status] ?? SIGN_IN_EVENTS[4] ?? []) {
      this.hub.deliver(session, eventType, '');
    }
    return session;
  }
}
