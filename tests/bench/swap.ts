// Swap latency for `npm run bench` (issue 8): from the action being called to the simulator
// receiving the gethold, with the event long poll pending, beside a bare request on a warm
// connection. A swap is two round trips (hold, then gethold once the hold has answered), so the
// floor is about twice the bare figure; the target is p50 <= 2.3 x bare p50.
import { Pool } from 'undici';
import { AgentClient } from '../../electron/core/agent-client';
import { startSimulator, type Simulator } from '../../electron/simulator/index';
import { AGENT, quiet, receiptOf, until, wallNow } from './util';

const BARE_AGENT = '1002';
/** Headers of the size ours have (a Guid and the sign-in cookie), as the resume benchmark sends them. */
const BARE_HEADERS = { 'content-type': 'application/json; charset=UTF-8', guid: '00000000-0000-4000-8000-000000000000.AgentGateway0', cookie: 'AGWROUTE=0000000000000000' };

/** A second agent signed in by hand over the bare pool: the same two requests with no client in between. */
async function bareSession(sim: Simulator, pool: Pool): Promise<Record<string, string>> {
  const r = await pool.request({
    method: 'PUT',
    path: `/agentgateway/resource/onlineagent/${BARE_AGENT}`,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: JSON.stringify({ password: 'bench', status: 3, agenttype: 4 }),
  });
  await r.body.text();
  const guid = String(r.headers['set-guid'] ?? '').replace('JSESSIONID=', '');
  const cookie = String(r.headers['set-cookie'] ?? '').split(';')[0]!;
  if (!guid || sim.currentGuid(BARE_AGENT) !== guid) throw new Error('bench: the bare sign-in failed');
  return { 'content-type': 'application/json; charset=UTF-8', guid, cookie };
}

/**
 * The bare agent's own event long poll, on a connection of its own as ours has, so the floor is
 * measured under the same condition: the gateway answers a pending poll with the Hold event.
 */
function keepPolling(sim: Simulator, session: Record<string, string>): { stop(): Promise<void> } {
  const pool = new Pool(new URL(sim.url).origin, { connect: { ca: sim.caPem }, connections: 1 });
  let active = true;
  const loop = (async () => {
    while (active) {
      const r = await pool.request({ method: 'GET', path: `/agentgateway/resource/agentevent/${BARE_AGENT}`, headers: session }).catch(() => undefined);
      if (!r) break;
      await r.body.text();
      const guid = r.headers['set-guid'];
      if (typeof guid === 'string') session.guid = guid.replace('JSESSIONID=', '');
    }
  })();
  return {
    async stop() {
      active = false;
      await pool.destroy();
      await loop;
    },
  };
}

export interface SwapFigures {
  /** Action called → gethold received, through AgentClient. */
  swap: number[];
  /** A bare request: sent → received (as the resume benchmark measures it). */
  bare: number[];
  /** The same bare request: sent → answer read. */
  bareRoundTrip: number[];
  /** The floor of a swap: a bare hold, its answer, then a bare gethold, sent → gethold received (a bare long poll pending too). */
  bareSwap: number[];
}

export async function swapLatency(swaps: number): Promise<SwapFigures> {
  const sim = await startSimulator({
    pollWaitMs: 10_000,
    seed: {
      [AGENT]: [{ callid: 'bench-a', caller: '07700900123', called: '4001' }, { callid: 'bench-b', caller: '0161', called: '4001', state: 'talking' }],
      [BARE_AGENT]: [{ callid: 'bare-a', caller: '07700900124', called: '4001' }, { callid: 'bare-b', caller: '0162', called: '4001', state: 'talking' }],
    },
  });
  // Background reads are made quick only so they finish before each measurement.
  const client = new AgentClient({ gateway: sim.url, agentId: AGENT, caPem: sim.caPem }, { reconciler: { debounceMs: 20, minIntervalMs: 50 } });
  const bare = new Pool(new URL(sim.url).origin, { connect: { ca: sim.caPem }, connections: 1 });
  await client.signIn({ password: 'bench' });
  const session = await bareSession(sim, bare);
  const barePoll = keepPolling(sim, session);
  const bareSwapTimes: number[] = [];
  let bareHeld = 'bare-a';
  const swapTimes: number[] = [];
  const bareTimes: number[] = [];
  const bareRoundTrips: number[] = [];
  const warmup = 10;
  let held = 'bench-a';
  let talking = 'bench-b';
  for (let i = 0; i < swaps + warmup; i += 1) {
    await until(() => client.currentCall()?.callid === talking && client.heldCalls().some((c) => c.callid === held), 5_000, 'the calls to settle', 5);
    await quiet(sim);
    let received = receiptOf(sim, `callid=${held}`);
    let t0 = wallNow();
    const result = await client.resume(held);
    if (!result.ok) throw new Error(`bench: swap failed: ${result.code}`);
    const s = (await received) - t0;
    [held, talking] = [talking, held];
    await quiet(sim);
    const marker = `bare-request-${i}`;
    received = receiptOf(sim, marker);
    t0 = wallNow();
    const { body } = await bare.request({ method: 'POST', path: `/agentgateway/resource/voicecall/${AGENT}/gethold?callid=${marker}`, headers: BARE_HEADERS });
    await body.text();
    const roundTrip = wallNow() - t0;
    const b = (await received) - t0;
    await quiet(sim);
    await sim.waitForPendingPoll(BARE_AGENT, 5_000);
    received = receiptOf(sim, `callid=${bareHeld}`);
    t0 = wallNow();
    const hold = await bare.request({ method: 'POST', path: `/agentgateway/resource/voicecall/${BARE_AGENT}/hold`, headers: session });
    if (!(await hold.body.text()).includes('"retcode":"0"')) throw new Error('bench: the bare hold failed');
    const unhold = await bare.request({ method: 'POST', path: `/agentgateway/resource/voicecall/${BARE_AGENT}/gethold?callid=${bareHeld}`, headers: session });
    const floor = (await received) - t0;
    if (!(await unhold.body.text()).includes('"retcode":"0"')) throw new Error('bench: the bare gethold failed');
    bareHeld = bareHeld === 'bare-a' ? 'bare-b' : 'bare-a';
    if (i >= warmup) {
      swapTimes.push(s);
      bareTimes.push(b);
      bareRoundTrips.push(roundTrip);
      bareSwapTimes.push(floor);
    }
  }
  const clientGetholds = sim.stats.requests().filter((r) => r.path === `voicecall/${AGENT}/gethold` && r.query.startsWith('callid=bench-')).length;
  if (clientGetholds !== swaps + warmup) throw new Error('bench: a swap sent more than one gethold');
  await barePoll.stop();
  await client.close();
  await bare.close();
  await sim.close();
  return { swap: swapTimes, bare: bareTimes, bareRoundTrip: bareRoundTrips, bareSwap: bareSwapTimes };
}
