// The first press after idle, a warm press, and a press that overlaps a holdlist query: resume-top
// (what the hotkey runs) from the call to the gateway receiving gethold, with the real 10 s poll.
// Several agents idle side by side, so one idle period gives several samples; their presses
// come one after another, each after at least IDLE_SEC of idle.
import { AgentClient } from '../../electron/core/agent-client';
import { startSimulator, type Simulator } from '../../electron/simulator/index';
import { quiet, receiptOf, sleep, wallNow } from './util';

export interface PressFigures {
  idle: number[];
  warm: number[];
  overlapping: number[];
  /** TLS handshakes the server completed between an idle press and its gethold arriving. */
  idleHandshakes: number;
}

async function press(sim: Simulator, client: AgentClient, agent: string): Promise<{ ms: number; handshakes: number }> {
  const before = sim.stats.tlsHandshakes;
  let atReceipt = before;
  const received = receiptOf(sim, `voicecall/${agent}/gethold`).then((t) => {
    atReceipt = sim.stats.tlsHandshakes;
    return t;
  });
  const t0 = wallNow();
  const result = await client.resumeTop();
  if (!result.ok) throw new Error(`resume failed: ${result.message}`);
  return { ms: (await received) - t0, handshakes: atReceipt - before };
}

export async function pressFigures(idleSec: number, agents: number): Promise<PressFigures> {
  const ids = Array.from({ length: agents }, (_, i) => String(1001 + i));
  const seed = Object.fromEntries(ids.map((id) => [id, Array.from({ length: 4 }, (_, k) => ({ caller: `0780${id}${k}`, called: '4001' }))]));
  const sim = await startSimulator({ pollWaitMs: 10_000, seed });
  const clients = ids.map((id) => new AgentClient({ gateway: sim.url, agentId: id, caPem: sim.caPem }));
  await Promise.all(clients.map((c) => c.signIn({ password: 'bench' })));
  await sleep(idleSec * 1000);
  const figures: PressFigures = { idle: [], warm: [], overlapping: [], idleHandshakes: 0 };
  for (const [i, client] of clients.entries()) {
    const agent = ids[i]!;
    await sim.waitForPendingPoll(agent, 15_000);
    const idle = await press(sim, client, agent);
    figures.idle.push(idle.ms);
    figures.idleHandshakes += idle.handshakes;
    // Warm: right after (the resumed call ended, its events settled).
    sim.script.release(agent);
    await sleep(1_200);
    await quiet(sim, agent);
    figures.warm.push((await press(sim, client, agent)).ms);
    // Overlapping: a holdlist query is out (the gateway takes 300 ms on it) when the key is pressed.
    sim.script.release(agent);
    await sleep(1_200);
    await quiet(sim, agent);
    sim.faults.add({ match: { path: `calldata/${agent}/holdlist` }, kind: 'latency', ms: 300 });
    const queryOut = receiptOf(sim, `calldata/${agent}/holdlist`);
    const query = client.refresh().catch(() => undefined);
    await queryOut;
    figures.overlapping.push((await press(sim, client, agent)).ms);
    await query;
  }
  await Promise.all(clients.map((c) => c.signOut().catch(() => undefined)));
  await Promise.all(clients.map((c) => c.close()));
  await sim.close();
  return figures;
}
