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
  requireCookie?: boolean;
  /** agentId → password; absent = any password accepted */
  passwords?: Record<string, string>;
  getholdWhileTalking?: 'refuse' | 'swap';
  holdEvents?: 'standard' | 'linkage';
  quirks?: { numericRetcode?: boolean; numericFields?: boolean };
  /** Reuse a certificate, e.g. across restarts of a test process. */
  tls?: { key: string; cert: string; caPem: string };
  /** agentId → calls present at start (held unless state:'talking') */
  seed?: Record<string, SeedCall[]>;
  keepAliveTimeoutMs?: number;
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
  times?: number;
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
