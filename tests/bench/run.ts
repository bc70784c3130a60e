// `npm run bench`: the figures issue #2 asks for, measured on the simulator over loopback HTTPS.
// Not a test: it prints numbers. Its last line is one JSON object for scripts to read.
//   BENCH_RESUMES   resumes measured (default 100)
//   BENCH_IDLE_SEC  real seconds of idle measured with the real 10 s long poll (default 60)
//   BENCH_SWAPS     swaps measured (default 100; issue 8)
import { Pool } from 'undici';
import { AgentClient } from '../../electron/core/agent-client';
import type { Clock } from '../../electron/core/clock';
import { startSimulator, type Simulator } from '../../electron/simulator/index';
import { swapLatency } from './swap';

const AGENT = '1001';
const RESUMES = Number(process.env.BENCH_RESUMES ?? 100);
/** Let the events of the previous step and the reconciliation they trigger finish first. */
const SETTLE_MS = 150;
const IDLE_SEC = Number(process.env.BENCH_IDLE_SEC ?? 60);
/** One simulated idle hour in IDLE_SEC real seconds. */
const SPEEDUP = 3600 / IDLE_SEC;

const wallNow = (): number => performance.timeOrigin + performance.now();
const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const round = (n: number, digits = 3): number => Number(n.toFixed(digits));

/** When the simulator first saw a request whose path contains `marker`. */
function receiptOf(sim: Simulator, marker: string): Promise<number> {
  return new Promise((resolve) => {
    const stop = sim.onRequest((r) => {
      if (`${r.path}?${r.query}`.includes(marker)) {
        stop();
        resolve(r.receivedAt);
      }
    });
  });
}

const BARE_HEADERS = {
  'content-type': 'application/json; charset=UTF-8',
  guid: '00000000-0000-4000-8000-000000000000.AgentGateway0',
  cookie: 'AGWROUTE=0000000000000000',
};

async function quiet(sim: Simulator): Promise<void> {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  await sim.waitForPendingPoll(AGENT, 5_000);
}

async function resumeLatency(): Promise<{ resume: number[]; bare: number[]; handshakesPer100: number }> {
  const sim = await startSimulator({ pollWaitMs: 10_000 });
  // Background reconciliation is made quick here only so that it has finished before each
  // measurement; the resume path itself runs with the defaults.
  const client = new AgentClient({ gateway: sim.url, agentId: AGENT, caPem: sim.caPem }, { reconciler: { debounceMs: 20, minIntervalMs: 50 } });
  const bare = new Pool(new URL(sim.url).origin, { connect: { ca: sim.caPem }, connections: 1 });
  await client.signIn({ password: 'bench' });
  const resume: number[] = [];
  const bareTimes: number[] = [];
  const warmup = 10;
  for (let i = 0; i < RESUMES + warmup; i += 1) {
    const callid = sim.script.holdNew(AGENT, { caller: `0770${i}`, called: '4001' });
    // The condition that matters: a long poll is pending when the agent presses the key.
    await quiet(sim);
    let received = receiptOf(sim, `callid=${callid}`);
    let t0 = wallNow();
    const result = await client.resume(callid);
    if (!result.ok) throw new Error(`resume failed: ${result.message}`);
    const r = (await received) - t0;
    // The same request, sent by a bare undici pool on a warm connection, in the same quiet. It
    // carries headers of the same size as ours (the protocol requires a Guid and the sign-in
    // cookie), so the ratio measures our client's overhead rather than the protocol's.
    await quiet(sim);
    const marker = `bare-${i}`;
    received = receiptOf(sim, marker);
    t0 = wallNow();
    const { body } = await bare.request({ method: 'POST', path: `/agentgateway/resource/voicecall/${AGENT}/gethold?callid=${marker}`, headers: BARE_HEADERS });
    await body.text();
    const b = (await received) - t0;
    if (i >= warmup) {
      resume.push(r);
      bareTimes.push(b);
    }
  }
  // Handshakes: 100 more resumes with nothing else going on, counted by the server.
  await sim.waitForPendingPoll(AGENT, 5_000);
  const before = sim.stats.tlsHandshakes;
  for (let i = 0; i < 100; i += 1) {
    const callid = sim.script.holdNew(AGENT, { caller: `0771${i}`, called: '4001' });
    if (!(await client.resume(callid)).ok) throw new Error('resume failed');
  }
  const handshakesPer100 = sim.stats.tlsHandshakes - before;
  await client.signOut().catch(() => undefined);
  await Promise.all([client.close(), bare.close()]);
  await sim.close();
  return { resume, bare: bareTimes, handshakesPer100 };
}

async function idleRequestsPerMinute(): Promise<number> {
  const sim = await startSimulator({ pollWaitMs: 10_000 });
  const client = new AgentClient({ gateway: sim.url, agentId: AGENT, caPem: sim.caPem });
  await client.signIn({ password: 'bench' });
  // Idle starts once the sign-in's own events (InService, Ready) have been polled away.
  await quiet(sim);
  sim.stats.reset();
  await new Promise((r) => setTimeout(r, IDLE_SEC * 1000));
  const requests = sim.stats.requests().length;
  await client.signOut().catch(() => undefined);
  await client.close();
  await sim.close();
  return requests / (IDLE_SEC / 60);
}

/** The session's own timers run SPEEDUP times faster, and so does the simulator's poll wait. */
function fastClock(): Clock {
  const realStart = Date.now();
  return {
    now: () => realStart + (Date.now() - realStart) * SPEEDUP,
    setTimeout: (fn, ms) => setTimeout(fn, ms / SPEEDUP),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
}

async function idleHoldlistPerHour(): Promise<{ holdlist: number; requestsPerMin: number }> {
  const sim = await startSimulator({ pollWaitMs: 10_000 / SPEEDUP, seed: { [AGENT]: [{ caller: '0770', called: '4001' }] } });
  const client = new AgentClient({ gateway: sim.url, agentId: AGENT, caPem: sim.caPem }, { clock: fastClock() });
  await client.signIn({ password: 'bench' });
  await quiet(sim);
  sim.stats.reset();
  await new Promise((r) => setTimeout(r, IDLE_SEC * 1000));
  const holdlist = sim.stats.count({ path: 'holdlist' });
  const requestsPerMin = sim.stats.requests().length / 60;
  await client.signOut().catch(() => undefined);
  await client.close();
  await sim.close();
  return { holdlist, requestsPerMin };
}

console.log(`Benchmark: ${RESUMES} resumes with a long poll pending; ${IDLE_SEC} s idle with the real 10 s poll; one idle hour at ${SPEEDUP}x.`);
const latency = await resumeLatency();
const swaps = await swapLatency(Number(process.env.BENCH_SWAPS ?? 100));
const [idlePerMin, hour] = await Promise.all([idleRequestsPerMinute(), idleHoldlistPerHour()]);

const summary = {
  resume_p50_ms: round(pct(latency.resume, 50)),
  resume_p99_ms: round(pct(latency.resume, 99)),
  bare_p50_ms: round(pct(latency.bare, 50)),
  bare_p99_ms: round(pct(latency.bare, 99)),
  resume_ratio: round(pct(latency.resume, 50) / pct(latency.bare, 50)),
  idle_requests_per_min: round(idlePerMin, 2),
  idle_holdlist_per_hour: hour.holdlist,
  idle_requests_per_min_accelerated: round(hour.requestsPerMin, 2),
  tls_handshakes_per_100_resumes: latency.handshakesPer100,
  swap_p50_ms: round(pct(swaps.swap, 50)),
  swap_p99_ms: round(pct(swaps.swap, 99)),
  swap_bare_p50_ms: round(pct(swaps.bare, 50)),
  swap_bare_round_trip_p50_ms: round(pct(swaps.bareRoundTrip, 50)),
  swap_bare_floor_p50_ms: round(pct(swaps.bareSwap, 50)),
  swap_bare_floor_p99_ms: round(pct(swaps.bareSwap, 99)),
  swap_ratio: round(pct(swaps.swap, 50) / pct(swaps.bare, 50)),
  swap_ratio_round_trip: round(pct(swaps.swap, 50) / pct(swaps.bareRoundTrip, 50)),
  swap_ratio_floor: round(pct(swaps.swap, 50) / pct(swaps.bareSwap, 50)),
  bare_floor_ratio: round(pct(swaps.bareSwap, 50) / pct(swaps.bare, 50)),
};
console.log(`resume (action called -> gethold received): p50 ${summary.resume_p50_ms} ms, p99 ${summary.resume_p99_ms} ms`);
console.log(`bare undici request, same path:            p50 ${summary.bare_p50_ms} ms, p99 ${summary.bare_p99_ms} ms`);
console.log(`ratio (p50): ${summary.resume_ratio}   (target <= 1.15)`);
console.log(`idle requests per agent-minute: ${summary.idle_requests_per_min}   (target <= 7)`);
console.log(`holdlist queries per idle hour: ${summary.idle_holdlist_per_hour}   (target <= 60)`);
console.log(`TLS handshakes per 100 resumes: ${summary.tls_handshakes_per_100_resumes}   (target <= 2)`);
console.log(`swap (action called -> gethold received, ${swaps.swap.length} swaps): p50 ${summary.swap_p50_ms} ms, p99 ${summary.swap_p99_ms} ms`);
console.log(`bare request beside it: sent -> received p50 ${summary.swap_bare_p50_ms} ms; sent -> answer read p50 ${summary.swap_bare_round_trip_p50_ms} ms`);
console.log(`bare swap (hold, its answer, gethold; a bare poll pending): p50 ${summary.swap_bare_floor_p50_ms} ms, p99 ${summary.swap_bare_floor_p99_ms} ms`);
console.log(`swap ratio (p50) to the bare request: ${summary.swap_ratio} sent->received, ${summary.swap_ratio_round_trip} round trip   (target <= 2.3)`);
console.log(`swap ratio (p50) to the bare swap: ${summary.swap_ratio_floor}; the bare swap itself is ${summary.bare_floor_ratio} x a bare sent->received`);
console.log(JSON.stringify(summary));
process.exit(0);
