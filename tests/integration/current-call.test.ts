// The current call against the simulator over HTTPS: read from callinfo after sign-in and after a
// reconnect, followed from events, coalesced like the held list.
import { afterEach, describe, expect, it } from 'vitest';
import { AgentClient } from '../../electron/core/agent-client';
import { AGENT, client, closeAll, sim, waitFor } from './helpers';

afterEach(closeAll);

describe('the current call', () => {
  it('after sign-in comes from callinfo (no Talking event is ever sent for it)', async () => {
    const s = await sim({ seed: { [AGENT]: [{ callid: 't-1', caller: '40038', called: '2125550147', callfeature: 7, state: 'talking' }, { callid: 'h-1', caller: '07700900123', called: '4001' }] } });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    expect(s.stats.count({ path: 'callinfo' })).toBe(1);
    expect(c.currentCall()).toMatchObject({ callid: 't-1', caller: '40038', called: '2125550147', customer: '2125550147', direction: 'outbound', callfeature: 7 });
    // The seeded call began before sign-in: its begin time is believed, not the moment of the read.
    expect(c.currentCall()!.talkingSince).toBeLessThanOrEqual(Date.now());
    expect(c.heldCalls().map((h) => [h.callid, h.customer, h.heldSinceExact])).toEqual([['h-1', '07700900123', false]]);
  });

  it('is none after sign-in when the gateway says there is no call', async () => {
    const s = await sim({ seed: { [AGENT]: [{ callid: 'h-1', caller: '0161', called: '4001' }] } });
    const c = client(s);
    await c.signIn({ password: 'pw' });
    expect(s.stats.count({ path: 'callinfo' })).toBe(1);
    expect(c.currentCall()).toBeNull();
  });

  it('follows talking, hold, a second call and a customer hanging up, re-reading callinfo coalesced', async () => {
    const s = await sim();
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const changes: Array<string | null> = [];
    c.onCurrentCallChange((call) => changes.push(call?.callid ?? null));
    const a = s.script.talk(AGENT, { caller: '07700900123', called: '4001' });
    await waitFor(() => c.currentCall()?.callid === a, 3_000, 'talking');
    s.script.hold(AGENT);
    await waitFor(() => c.currentCall() === null && c.heldCalls().some((h) => h.callid === a), 3_000, 'held');
    const b = s.script.talk(AGENT, { caller: '0161', called: '4001' });
    await waitFor(() => c.currentCall()?.callid === b, 3_000, 'second call');
    s.script.customerHangsUp(AGENT, b);
    await waitFor(() => c.currentCall() === null, 3_000, 'hung up');
    expect(changes).toEqual([a, null, b, null]);
    // Four bursts of events; each costs at most one callinfo read, and they are coalesced.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(s.stats.count({ path: 'callinfo' })).toBeLessThanOrEqual(5);
    expect(c.currentCall()).toBeNull();
  });

  it('is re-read after a reconnect (events lost while the gateway was away)', async () => {
    const s = await sim();
    const c = client(s);
    await c.signIn({ password: 'pw' });
    const before = s.stats.count({ path: 'callinfo' });
    await s.restart({ downMs: 300 });
    await waitFor(() => s.stats.count({ path: 'callinfo' }) > before, 5_000, 'callinfo after reconnect');
    expect(c.state.status).toBe('signed-in');
  });
});

describe('the other party for every call type (reference §10), end to end', () => {
  const PHONE = '70943'; // the agent's own phone, given at sign-in
  const TYPES: Array<[number, string, string]> = [
    [0, 'inbound', 'caller'],
    [6, 'internal', 'not-own'],
    [7, 'outbound', 'called'],
    [40, 'outbound', 'called'],
    [41, 'outbound', 'called'],
    [43, 'outbound', 'called'],
    [44, 'outbound', 'called'],
    [45, 'outbound', 'called'],
    [51, 'internal', 'not-own'],
    [52, 'internal', 'not-own'],
    [53, 'internal', 'not-own'],
    [-1, 'inbound', 'caller'],
    [99, 'inbound', 'caller'],
  ];

  it('held rows and the current call carry customer and direction', async () => {
    // Internal calls are placed by the agent's own phone half the time, received by it the other half.
    const seed = TYPES.map(([feature], i) => {
      const own = i % 2 === 0;
      return { callid: `t${i}`, caller: own ? PHONE : `caller-${i}`, called: own ? `called-${i}` : PHONE, callfeature: feature };
    });
    const s = await sim({ seed: { [AGENT]: [...seed, { callid: 'now', caller: PHONE, called: '2125550147', callfeature: 44, state: 'talking' as const }] } });
    const c = new AgentClient({ gateway: s.url, agentId: AGENT, phone: PHONE, caPem: s.caPem });
    try {
      await c.signIn({ password: 'pw' });
      const rows = new Map(c.heldCalls().map((h) => [h.callid, h]));
      TYPES.forEach(([feature, direction, rule], i) => {
        const { caller, called } = seed[i]!;
        const expected = rule === 'caller' ? caller : rule === 'called' ? called : caller === PHONE ? called : caller;
        expect(rows.get(`t${i}`), `type ${feature}`).toMatchObject({ callfeature: feature, direction, customer: expected, caller, called });
      });
      expect(c.currentCall()).toMatchObject({ callid: 'now', customer: '2125550147', direction: 'outbound' });
    } finally {
      await c.close();
    }
  });
});
