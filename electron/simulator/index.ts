import { setTimeout as sleep } from 'node:timers/promises';
import { createTls, tlsFromPem } from './certs';
import { createDispatcher } from './dispatch';
import { Faults } from './faults';
import { GatewayState, resolveOptions } from './gateway';
import { createScript, seedCalls } from './script';
import { Listener } from './server';
import { Stats } from './stats';
import type { Simulator, SimulatorOptions, SimulatorStats } from './types';

// A CC-Gateway ("AgentGateway") stand-in over real HTTPS, for tests, benchmarks, the CLI
// and the app's demo mode. Plain Node: nothing here may import electron.

export type {
  CallSnapshot,
  FaultSpec,
  RequestRecord,
  SeedCall,
  Simulator,
  SimulatorFaults,
  SimulatorOptions,
  SimulatorScript,
  SimulatorStats,
} from './types';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const resolved = resolveOptions(options);
  const tls = options.tls ? tlsFromPem(options.tls) : await createTls();
  const state = new GatewayState(resolved);
  seedCalls(state, options.seed);
  const script = createScript(state);
  const faults = new Faults();
  const stats = new Stats();
  const listener = new Listener({
    host: resolved.host,
    tls,
    keepAliveTimeoutMs: resolved.keepAliveTimeoutMs,
    stats,
    handler: createDispatcher({ state, script, faults, stats }),
  });
  const port = await listener.listen(resolved.port);
  const hostPart = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  const url = `https://${hostPart}:${port}${resolved.pathPrefix}`;
  let closed = false;

  const statsView: SimulatorStats = {
    get tlsHandshakes() {
      return stats.tlsHandshakes;
    },
    get connections() {
      return stats.connections;
    },
    requests: () => stats.requests(),
    count: (filter) => stats.count(filter),
    reset: () => stats.reset(),
  };

  /** graceful: open polls are answered empty first; otherwise connections are just cut, as in a crash. */
  async function shutDownConnections(graceful: boolean): Promise<void> {
    state.hub.settleAll(graceful ? { kind: 'empty', superseded: true } : { kind: 'gone' });
    if (graceful) await new Promise((resolve) => setImmediate(resolve));
    await listener.close();
  }

  return {
    url,
    port,
    caPem: tls.caPem,
    certPem: tls.cert,
    keyPem: tls.key,
    fingerprint256: tls.fingerprint256,
    script,
    faults,
    stats: statsView,
    onRequest: (fn) => stats.onRequest(fn),
    hasPendingPoll: (agentId) => state.hub.hasPending(agentId),
    waitForPendingPoll: (agentId, timeoutMs = 5000) => state.hub.waitForPending(agentId, timeoutMs),
    currentGuid: (agentId) => state.sessions.live(agentId)?.guid,
    agentStatus: (agentId) => state.sessions.live(agentId)?.status,
    async restart({ keepState = true, downMs = 0 } = {}) {
      if (closed) throw new Error('simulator is closed');
      await shutDownConnections(false);
      if (!keepState) state.sessions.endAll();
      if (downMs > 0) await sleep(downMs);
      if (closed) return;
      await listener.listen(port);
    },
    async close() {
      if (closed) return;
      closed = true;
      await shutDownConnections(true);
    },
  };
}
