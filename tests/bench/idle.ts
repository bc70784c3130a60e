// What an idle signed-in agent costs the gateway: requests per minute with the real 10 s poll,
// and holdlist queries in one idle hour (run SPEEDUP times faster).
import { AgentClient } from '../../electron/core/agent-client';
import type { Clock } from '../../electron/core/clock';
import { startSimulator } from '../../electron/simulator/index';
import { AGENT, quiet, sleep } from './util';

export async function idleRequestsPerMinute(idleSec: number): Promise<number> {
  const sim = await startSimulator({ pollWaitMs: 10_000 });
  const client = new AgentClient({ gateway: sim.url, agentId: AGENT, caPem: sim.caPem });
  await client.signIn({ password: 'bench' });
  // Idle starts once the sign-in's own events (InService, Ready) have been polled away.
  await quiet(sim);
  sim.stats.reset();
  await sleep(idleSec * 1000);
  const requests = sim.stats.requests().length;
  await client.signOut().catch(() => undefined);
  await client.close();
  await sim.close();
  return requests / (idleSec / 60);
}

/** The session's own timers run `speedup` times faster, and so does the simulator's poll wait. */
function fastClock(speedup: number): Clock {
  const realStart = Date.now();
  return {
    now: () => realStart + (Date.now() - realStart) * speedup,
    setTimeout: (fn, ms) => setTimeout(fn, ms / speedup),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
}

export async function idleHoldlistPerHour(idleSec: number): Promise<{ holdlist: number; requestsPerMin: number }> {
  const speedup = 3600 / idleSec;
  const sim = await startSimulator({ pollWaitMs: 10_000 / speedup, seed: { [AGENT]: [{ caller: '0770', called: '4001' }] } });
  const client = new AgentClient({ gateway: sim.url, agentId: AGENT, caPem: sim.caPem }, { clock: fastClock(speedup) });
  await client.signIn({ password: 'bench' });
  await quiet(sim);
  sim.stats.reset();
  await sleep(idleSec * 1000);
  const holdlist = sim.stats.count({ path: 'holdlist' });
  const requestsPerMin = sim.stats.requests().length / 60;
  await client.signOut().catch(() => undefined);
  await client.close();
  await sim.close();
  return { holdlist, requestsPerMin };
}
