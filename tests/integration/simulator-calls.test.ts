// Current-call scenarios of the simulator end to end (issue 8, item 8), over real HTTPS, as a
// bare client sees them: talking, hold, gethold while talking, release, callinfo, and a
// customer hanging up while talking or held. Events are those of the reference (§6-§8).
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../electron/simulator/index';
import { AGENT, client, closeAll, waitFor } from './helpers';

type Json = Record<string, any>;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
  await closeAll();
});

/** Signs in as a bare client would, keeping Guid and cookie; `call` and `drain` speak the protocol. */
async function signedIn(options: SimulatorOptions = {}) {
  const sim: Simulator = await startSimulator({ pollWaitMs: 50, ...options });
  const dispatcher = new Agent({ connect: { ca: sim.caPem } });
  cleanups.push(() => sim.close(), () => dispatcher.destroy());
  let guid = '';
  let cookie = '';
  const call = async (method: string, path: string, body?: object): Promise<Json> => {
    const r = await request(`${sim.url}/agentgateway/resource/${path.replace('{id}', AGENT)}`, {
      method: method as 'GET',
      headers: { 'content-type': 'application/json; charset=UTF-8', guid, cookie },
      body: body ? JSON.stringify(body) : undefined,
      dispatcher,
    });
    const setGuid = r.headers['set-guid'];
    if (typeof setGuid === 'string') guid = setGuid.replace('JSESSIONID=', '');
    const setCookie = r.headers['set-cookie'];
    if (typeof setCookie === 'string') cookie = setCookie.split(';')[0]!;
    return (await r.body.json()) as Json;
  };
  const drain = async (): Promise<Array<[string, unknown]>> => {
    const events: Array<[string, unknown]> = [];
    for (;;) {
      const r = await call('GET', 'agentevent/{id}');
      if (!r.event) return events;
      events.push([r.event.eventType, r.event.content]);
    }
  };
  expect((await call('PUT', 'onlineagent/{id}', { password: '', status: 4, agenttype: 4 })).retcode).toBe('0');
  await drain();
  return { sim, call, drain };
}

describe('simulator: the current call', () => {
  it('talking, callinfo, hold, gethold while talking refused, release', async () => {
    const { sim, call, drain } = await signedIn();
    const a = sim.script.talk(AGENT, { caller: '40038', called: '2125550147', callfeature: 7 });
    expect((await drain()).map(([t]) => t)).toEqual(['AgentEvent_Talking']);
    expect((await call('GET', 'calldata/{id}/callinfo')).result).toMatchObject({ callid: a, caller: '40038', called: '2125550147', callfeature: 7, begintime: expect.any(Number) });

    expect((await call('POST', 'voicecall/{id}/hold')).retcode).toBe('0');
    expect(await drain()).toEqual([['AgentEvent_Hold', a]]);
    expect((await call('GET', 'calldata/{id}/callinfo')).retcode).toBe('200-002');
    expect((await call('POST', 'voicecall/{id}/hold')).retcode).toBe('200-013');

    const b = sim.script.talk(AGENT, { caller: '07700900123', called: '4001' });
    await drain();
    // A resume while talking is refused, as on Huawei's workbench; nothing changes.
    expect((await call('POST', `voicecall/{id}/gethold?callid=${a}`)).retcode).toBe('200-016');
    expect(sim.script.calls(AGENT).map((c) => [c.callid, c.state])).toEqual([[a, 'held'], [b, 'talking']]);

    expect((await call('DELETE', 'voicecall/{id}/release')).retcode).toBe('0');
    expect(await drain()).toEqual([
      ['AgentEvent_Call_Release', b],
      ['AgentEvent_Customer_Release', { callid: b, number: '07700900123' }],
      ['AgentOther_PhoneRelease', ''],
      ['AgentState_Ready', ''],
    ]);
    // Release ends the talking call only: the held call stays; with no call, 200-017.
    expect(sim.script.calls(AGENT).map((c) => [c.callid, c.state])).toEqual([[a, 'held']]);
    expect((await call('DELETE', 'voicecall/{id}/release')).retcode).toBe('200-017');
    expect((await call('POST', `voicecall/{id}/gethold?callid=${a}`)).retcode).toBe('0');
    expect(await drain()).toEqual([['AgentEvent_Talking', expect.objectContaining({ callid: a })]]);
  });

  it('a customer hanging up while held or while talking: Customer_Release with the customer’s number', async () => {
    const { sim, call, drain } = await signedIn();
    const held = sim.script.holdNew(AGENT, { caller: '40038', called: '2125550147', callfeature: 7 });
    const talking = sim.script.talk(AGENT, { caller: '07700900123', called: '4001' });
    await drain();
    sim.script.customerHangsUp(AGENT, held);
    expect(await drain()).toEqual([['AgentEvent_Customer_Release', { callid: held, number: '2125550147' }]]);
    expect((await call('GET', 'calldata/{id}/holdlist')).retcode).toBe('400-003');
    sim.script.customerHangsUp(AGENT, talking);
    expect(await drain()).toEqual([['AgentEvent_Customer_Release', { callid: talking, number: '07700900123' }]]);
    expect((await call('GET', 'calldata/{id}/callinfo')).retcode).toBe('200-002');
  });

  it('with the callinfo-list quirk answers a list, and the client reads both answers', async () => {
    const { sim, call } = await signedIn({ quirks: { callinfoList: true } });
    expect(await call('GET', 'calldata/{id}/callinfo')).toMatchObject({ retcode: '0', result: [] });
    const a = sim.script.talk(AGENT, { caller: '0161', called: '4001' });
    expect((await call('GET', 'calldata/{id}/callinfo')).result).toEqual([expect.objectContaining({ callid: a })]);
    const c = client(sim);
    await c.signIn({ password: 'pw', force: true });
    expect(c.currentCall()).toMatchObject({ callid: a, customer: '0161' });
    const reads = sim.stats.count({ path: 'callinfo' });
    sim.script.release(AGENT, a);
    // The release event empties it at once; the re-read it triggers answers an empty list.
    await waitFor(() => c.currentCall() === null && sim.stats.count({ path: 'callinfo' }) > reads, 3_000, 'released and re-read');
    await new Promise((r) => setTimeout(r, 100));
    expect(c.currentCall()).toBeNull();
  });
});
