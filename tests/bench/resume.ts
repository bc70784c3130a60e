// Resume latency with a long poll pending, against a bare undici request on a warm connection,
// and TLS handshakes per 100 resumes (the figures of issue #2).
import { Pool } from 'undici';
import { AgentClient } from '../../electron/core/agent-client';
import { startSimulator } from '../../electron/simulator/index';
import { AGENT, quiet, receiptOf, wallNow } from './util';

const BARE_HEADERS = {
  'content-type': 'application/json; charset=UTF-8',
  guid: '00000000-0000-4000-8000-000000000000.AgentGateway0',
  cookie: 'AGWROUTE=0000000000000000',
};

export async function resumeLatency(resumes: number): Promise<{ resume: number[]; bare: number[]; handshakesPer100: number }> {
  const sim = await startSimulator({ pollWaitMs: 10_000 });
  // Background reconciliation is made quick here only so that it has finished before each
  // measurement; the resume path itself runs with the defaults.
  const client = new AgentClient({ gateway: sim.url, agentId: AGENT, caPem: sim.caPem }, { reconciler: { debounceMs: 20, minIntervalMs: 50 } });
  const bare = new Pool(new URL(sim.url).origin, { connect: { ca: sim.caPem }, connections: 1 });
  await client.signIn({ password: 'bench' });
  const resume: number[] = [];
  const bareTimes: number[] = [];
  const warmup = 10;
  for (let i = 0; i < resumes + warmup; i += 1) {
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
