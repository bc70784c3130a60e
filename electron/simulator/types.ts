// Public contract of the CC-Gateway simulator. Kept apart from the implementation so
// tests, benchmarks and the CLI can import the types without pulling in the server.

export interface SimulatorOptions {
  host?: string;
  port?: number;
  /** e.g. '/cc' → served under /cc/agentgateway/resource */
  pathPrefix?: string;
  authMode?: 'static' | 'dynamic';
  guidIntervalMs?: number;
  guidExpiryMs?: number;
  pollWaitMs?: number;
  sessionTimeoutMs?: number;
  /**
   * Refuse requests without the sign-in cookie (000-003). Default false: real gateways use the
   * cookie for load-balancer stickiness only, and some clients in the wild send none.
   */
  requireCookie?: boolean;
  /**
   * When sign-out is refused with 100-010. Default 'talking-or-holding': the API refuses sign-out
   * while talking [D], Huawei's workbench forbids it while holding [D]; that the API refuses it while
   * holding, and with 100-010 ("state error on sign-out"), is inferred [I].
   */
  refuseSignOut?: 'talking-or-holding' | 'talking' | 'never';
  /** Flow control on calldata/* per agent (default on: 5 queries per 2 s); false turns it off. */
  flowControl?: FlowControlOptions | false;
  /** agentId → password; absent = any password accepted */
  passwords?: Record<string, string>;
  getholdWhileTalking?: 'refuse' | 'swap';
  holdEvents?: 'standard' | 'linkage';
  /**
   * callinfoList: callinfo answers a list (one call, or empty with retcode 0 when there is none)
   * instead of an object (or 200-002); the reference does not settle which (section 6).
   */
  quirks?: { numericRetcode?: boolean; numericFields?: boolean; callinfoList?: boolean };
  /** Reuse a certificate, e.g. across restarts of a test process. */
  tls?: { key: string; cert: string; caPem: string };
  /** agentId → calls present at start (held unless state:'talking') */
  seed?: Record<string, SeedCall[]>;
  keepAliveTimeoutMs?: number;
}

export interface FlowControlOptions {
  /** Queries allowed per window (default 5, the documented per-agent default [D]). */
  limit?: number;
  windowMs?: number;
  /** The refusal's retcode. Undocumented; default 000-007 ("called again too soon") is inferred [I]. */
  retcode?: string;
  /** Answer with this HTTP status (e.g. 429) instead of 200, with a Retry-After header. */
  httpStatus?: number;
}

export interface SeedCall {
  callid?: string;
  caller: string;
  called: string;
  callskill?: string;
  callfeature?: number;
  state?: 'held' | 'talking';
}

export type CallState = 'talking' | 'held';

export interface CallSnapshot {
  callid: string;
  caller: string;
  called: string;
  callskill: string;
  callfeature: number;
  state: CallState;
}

export interface SimulatorScript {
  talk(agentId: string, call: Omit<SeedCall, 'state'>): string;
  hold(agentId: string): string;
  holdNew(agentId: string, call: Omit<SeedCall, 'state'>): string;
  /** A call that appears on hold without the agent's current call being touched (the demo's steady supply). */
  addHeld(agentId: string, call: Omit<SeedCall, 'state'>): string;
  customerHangsUp(agentId: string, callid: string): void;
  release(agentId: string, callid?: string): void;
  forceSignOut(agentId: string): void;
  rotateGuid(agentId: string): void;
  emit(agentId: string, eventType: string, content: unknown): void;
  calls(agentId: string): CallSnapshot[];
}

export interface FaultSpec {
  /** path is a substring of the path after /agentgateway/resource/, e.g. 'gethold' */
  match?: { method?: string; path?: string };
  /** drip: answer one body byte every `ms` (default 1000), so only an overall deadline ends the request. */
  kind: 'latency' | 'drop' | 'http-error' | 'malformed' | 'retcode' | 'drip';
  ms?: number;
  status?: number;
  /** Extra response headers for http-error (e.g. Retry-After). */
  headers?: Record<string, string>;
  retcode?: string;
  message?: string;
  body?: string;
  afterHandling?: boolean;
  /** How many requests to spoil (default 1; Infinity for all). */
  times?: number;
  /** Spoil only every Nth matching request (the Nth, 2Nth, ...). */
  every?: number;
  /** Spoil each matching request with this probability (0..1), drawn from a generator seeded with `seed`. */
  probability?: number;
  /** Seed for `probability` (default 1): the same seed spoils the same requests in every run. */
  seed?: number;
}

export interface SimulatorFaults {
  add(spec: FaultSpec): void;
  clear(): void;
  /** Number of fault specs that still have matching requests left to spoil. */
  remaining(): number;
}

export interface RequestRecord {
  method: string;
  /** after resource/, no query */
  path: string;
  query: string;
  agentId?: string;
  /** performance.timeOrigin + performance.now(), ms */
  receivedAt: number;
  guidPresented?: string;
}

export interface SimulatorStats {
  readonly tlsHandshakes: number;
  readonly connections: number;
  requests(): RequestRecord[];
  count(filter?: { method?: string; path?: string }): number;
  reset(): void;
}

export interface Simulator {
  readonly url: string;
  readonly port: number;
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly fingerprint256: string;
  readonly script: SimulatorScript;
  readonly faults: SimulatorFaults;
  readonly stats: SimulatorStats;
  onRequest(listener: (r: RequestRecord) => void): () => void;
  hasPendingPoll(agentId: string): boolean;
  waitForPendingPoll(agentId: string, timeoutMs?: number): Promise<void>;
  currentGuid(agentId: string): string | undefined;
  agentStatus(agentId: string): number | undefined;
  restart(options?: { keepState?: boolean; downMs?: number }): Promise<void>;
  close(): Promise<void>;
}
