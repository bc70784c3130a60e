import { X509Certificate } from 'node:crypto';
import { connect as tlsConnect } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../electron/simulator/index';
import { cleanups, parse, send, sharedTls, SIGN_IN, signedIn, start, TestAgent, useSimulatorLifecycle, type Json, type Res } from './sim-agent';

// Exercises the simulator the way clients see it: real HTTPS through undici.

useSimulatorLifecycle();

describe('sign-in and Guid', () => {
  it('signs in with Set-GUID, cookie, result and sign-in events', async () => {
    const sim = await start();
    const agent = new TestAgent(sim);
    const r = await agent.signIn({ ...SIGN_IN, status: '3' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(r.headers['set-guid']).toMatch(/^JSESSIONID=[0-9a-f-]{36}\.AgentGateway0$/);
    expect(r.headers['set-cookie']).toMatch(/^AGWROUTE=\w+; Path=\/; Secure; HttpOnly$/);
    expect(r.json).toMatchObject({
      retcode: '0',
      result: { workno: '1001', mediatype: 'TFF', isForceChange: false, serverName: 'AgentGateway0', timeRemaining: 0 },
    });
    expect(sim.currentGuid('1001')).toBe(agent.guid);
    expect(sim.agentStatus('1001')).toBe(3);
    const events = await agent.drain();
    expect(events.map(([t]) => t)).toEqual([
      'AgentOther_InService',
      'AgentState_Ready',
      'AgentState_SetNotReady_Success',
    ]);
  });

  it('refuses bad bodies, wrong passwords and a second sign-in; forcelogin replaces the session', async () => {
    const sim = await start({ passwords: { '1001': 'secret' } });
    const agent = new TestAgent(sim);
    expect((await agent.signIn({ password: 'secret', status: 'x' })).json.retcode).toBe('100-001');
    expect((await agent.signIn({ password: 'wrong' })).json.retcode).toBe('100-004');
    expect((await agent.signIn({ ...SIGN_IN, password: 'secret' })).json.retcode).toBe('0');
    const first = agent.guid;
    const other = new TestAgent(sim, agent.dispatcher);
    expect((await other.signIn({ ...SIGN_IN, password: 'secret' })).json.retcode).toBe('100-002');
    expect((await other.signIn({ ...SIGN_IN, password: 'secret', status: 5 }, true)).json.retcode).toBe('0');
    expect(other.guid).not.toBe(first);
    expect(sim.agentStatus('1001')).toBe(5);
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('000-003');
    expect((await other.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('400-003');
  });

  it('refuses missing, wrong and stale Guids, and a missing cookie when one is required', async () => {
    const { sim, agent } = await signedIn({ requireCookie: true });
    const path = 'calldata/{id}/holdlist';
    expect((await agent.call('GET', path)).json.retcode).toBe('400-003');
    expect((await agent.call('GET', path, { Guid: agent.guid })).json.retcode).toBe('400-003');
    expect((await agent.call('GET', path, { guid: '' })).json.retcode).toBe('000-003');
    expect((await agent.call('GET', path, { guid: 'nope.AgentGateway0' })).json.retcode).toBe('000-003');
    expect((await agent.call('GET', path, { cookie: '' })).json.retcode).toBe('000-003');
    const other = new TestAgent(sim, agent.dispatcher, '1002');
    expect((await other.call('GET', path)).json.retcode).toBe('100-006');
    expect((await agent.call('DELETE', 'onlineagent/{id}/logout')).json.retcode).toBe('0');
    expect((await agent.call('GET', path)).json.retcode).toBe('100-006');
    expect((await agent.call('DELETE', 'onlineagent/{id}/logout')).json.retcode).toBe('100-006');
    expect(sim.agentStatus('1001')).toBeUndefined();
  });

  it('static mode answers 100-006 for a wrong Guid and never rotates; cookies can be optional', async () => {
    const { sim, agent } = await signedIn({ authMode: 'static', requireCookie: false, guidIntervalMs: 1, guidExpiryMs: 2 });
    expect((await agent.call('GET', 'calldata/{id}/holdlist', { guid: 'x' })).json.retcode).toBe('100-006');
    expect((await agent.call('GET', 'calldata/{id}/holdlist', { cookie: '' })).json.retcode).toBe('400-003');
    const guid = agent.guid;
    sim.script.rotateGuid('1001');
    const r = await agent.poll();
    expect(r.headers['set-guid']).toBeUndefined();
    expect(agent.guid).toBe(guid);
  });

  it('rotates the Guid on a poll; the old one works until it expires', async () => {
    const { sim, agent } = await signedIn({ guidIntervalMs: 150, guidExpiryMs: 400 });
    const old = agent.guid;
    await sleep(160);
    const r = await agent.poll();
    expect(r.headers['set-guid']).toMatch(/^JSESSIONID=.+\.AgentGateway0$/);
    expect(agent.guid).not.toBe(old);
    expect(sim.currentGuid('1001')).toBe(agent.guid);
    expect((await agent.call('GET', 'calldata/{id}/holdlist', { guid: old })).json.retcode).toBe('400-003');
    await sleep(420);
    expect((await agent.call('GET', 'calldata/{id}/holdlist', { guid: old })).json.retcode).toBe('000-003');
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('400-003');
  });

  it('rotates at once after script.rotateGuid', async () => {
    const { sim, agent } = await signedIn();
    const old = agent.guid;
    sim.script.rotateGuid('1001');
    expect((await agent.poll()).headers['set-guid']).toBe(`JSESSIONID=${agent.guid}`);
    expect(agent.guid).not.toBe(old);
    expect((await agent.poll()).headers['set-guid']).toBeUndefined();
  });

  it('signs out an agent that stops polling, and on forceSignOut', async () => {
    const { sim, agent } = await signedIn({ sessionTimeoutMs: 300 });
    await sleep(350);
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('100-006');
    expect((await agent.signIn()).json.retcode).toBe('0');
    const pending = agent.poll();
    const drained = await pending; // the InService event, at once
    expect(drained.json.event.eventType).toBe('AgentOther_InService');
    await agent.drain();
    const open = agent.poll();
    await sim.waitForPendingPoll('1001');
    sim.script.forceSignOut('1001');
    expect((await open).json.retcode).toBe('100-006');
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('100-006');
  });
});

describe('event polling', () => {
  it('returns one event per poll, in order', async () => {
    const { sim, agent } = await signedIn();
    sim.script.emit('1001', 'A', 1);
    sim.script.emit('1001', 'B', { x: 2 });
    const first = await agent.poll();
    expect(first.json).toMatchObject({ message: '', retcode: '0', event: { eventType: 'A', workNo: '1001', content: 1 } });
    expect(typeof first.json.event.eventGenTime).toBe('number');
    expect(await agent.drain()).toEqual([['B', { x: 2 }]]);
  });

  it('waits pollWaitMs and then answers without an event', async () => {
    const { agent } = await signedIn({ pollWaitMs: 120 });
    const t0 = performance.now();
    const r = await agent.poll();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(100);
    expect(r.text).toBe('{"message":"","retcode":"0"}');
  });

  it('delivers an event to a poll already waiting; a newer poll answers the older one empty', async () => {
    const { sim, agent } = await signedIn({ pollWaitMs: 5000 });
    const older = agent.poll();
    await sim.waitForPendingPoll('1001');
    const t0 = performance.now();
    const newer = agent.poll();
    expect((await older).json).toEqual({ message: '', retcode: '0' });
    expect(performance.now() - t0).toBeLessThan(1000);
    await sim.waitForPendingPoll('1001');
    const callid = sim.script.talk('1001', { caller: '07700900123', called: '40038', callskill: 'Billing' });
    const r = await newer;
    expect(r.json.event).toMatchObject({
      eventType: 'AgentEvent_Talking',
      content: { caller: '07700900123', called: '40038', callid, feature: '0', type: 'main', mediaAbility: '0' },
    });
    expect(sim.hasPendingPoll('1001')).toBe(false);
  });
  it('keeps the event for the next poll when a client abandons its poll', async () => {
    const { sim, agent } = await signedIn({ pollWaitMs: 5000 });
    const abort = new AbortController();
    const abandoned = request(`${sim.url}/agentgateway/resource/agentevent/1001`, {
      headers: { guid: agent.guid, cookie: agent.cookie },
      dispatcher: agent.dispatcher,
      signal: abort.signal,
    });
    await sim.waitForPendingPoll('1001');
    abort.abort();
    await expect(abandoned).rejects.toThrow();
    await expect.poll(() => sim.hasPendingPoll('1001')).toBe(false);
    sim.script.emit('1001', 'Later', 'x');
    expect((await agent.poll()).json.event).toMatchObject({ eventType: 'Later', content: 'x' });
    await expect(sim.waitForPendingPoll('1001', 50)).rejects.toThrow(/no poll/);
  });

  it('answers an open poll on close and releases the port', async () => {
    const { sim, agent } = await signedIn({ pollWaitMs: 10_000 });
    const open = agent.poll().then(
      (r) => r.json,
      () => 'reset',
    );
    await sim.waitForPendingPoll('1001');
    const t0 = performance.now();
    await sim.close();
    expect(await open).toEqual({ message: '', retcode: '0' });
    expect(performance.now() - t0).toBeLessThan(1000);
    const again = await start({ port: sim.port });
    expect(again.port).toBe(sim.port);
  });
});

describe('calls', () => {
  const seed = {
    '1001': [
      { callid: '1700000000-1', caller: '07700900123', called: '40038', callskill: 'Billing', callfeature: 0 },
      { callid: '1700000000-2', caller: '442071838750', called: '40038', callskill: 'Support', callfeature: 7 },
    ],
  };

  it('lists held calls in hold order, or 400-003 when none', async () => {
    const { sim, agent } = await signedIn({ seed });
    const r = await agent.call('GET', 'calldata/{id}/holdlist');
    expect(r.json.retcode).toBe('0');
    expect(r.json.result).toEqual([
      { callfeature: 0, callid: '1700000000-1', caller: '07700900123', called: '40038', callskill: 'Billing', callskillid: 0, orgicallednum: '', calldata: null, begintime: null, endtime: null },
      { callfeature: 7, callid: '1700000000-2', caller: '442071838750', called: '40038', callskill: 'Support', callskillid: 0, orgicallednum: '', calldata: null, begintime: null, endtime: null },
    ]);
    sim.script.customerHangsUp('1001', '1700000000-1');
    sim.script.customerHangsUp('1001', '1700000000-2');
    expect(await agent.drain()).toEqual([
      ['AgentEvent_Customer_Release', { callid: '1700000000-1', number: '07700900123' }],
      ['AgentEvent_Customer_Release', { callid: '1700000000-2', number: '442071838750' }],
    ]);
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('400-003');
  });

  it('holds the talking call, or 200-013 with none', async () => {
    const { sim, agent } = await signedIn();
    expect((await agent.call('POST', 'voicecall/{id}/hold')).json.retcode).toBe('200-013');
    expect((await agent.call('GET', 'calldata/{id}/callinfo')).json.retcode).toBe('200-002');
    const callid = sim.script.talk('1001', { caller: '5551234', called: '40038', callfeature: 7 });
    const info = await agent.call('GET', 'calldata/{id}/callinfo');
    expect(info.json.result).toMatchObject({ callid, caller: '5551234', called: '40038', callfeature: 7 });
    expect((await agent.call('POST', 'voicecall/{id}/hold')).json.retcode).toBe('0');
    expect((await agent.drain()).map(([t, c]) => `${t}:${typeof c === 'string' ? c : 'obj'}`)).toEqual([
      'AgentEvent_Talking:obj',
      `AgentEvent_Hold:${callid}`,
    ]);
    expect(sim.script.calls('1001')).toEqual([
      { callid, caller: '5551234', called: '40038', callskill: '', callfeature: 7, state: 'held' },
    ]);
  });

  it('resumes with gethold and reports 200-015 / 200-016', async () => {
    const { sim, agent } = await signedIn({ seed });
    expect((await agent.call('POST', 'voicecall/{id}/gethold?callid=nope')).json.retcode).toBe('200-015');
    expect((await agent.call('POST', 'voicecall/{id}/gethold?callid=1700000000-2')).json.retcode).toBe('0');
    expect(await agent.drain()).toEqual([
      ['AgentEvent_Talking', { caller: '442071838750', called: '40038', callid: '1700000000-2', feature: '7', type: 'main', mediaAbility: '0' }],
    ]);
    expect((await agent.call('POST', 'voicecall/{id}/gethold?callid=1700000000-1')).json.retcode).toBe('200-016');
    expect(sim.script.calls('1001').find((c) => c.state === 'talking')?.callid).toBe('1700000000-2');
  });

  it('swaps on gethold while talking when configured, with linkage events', async () => {
    const { agent } = await signedIn({ seed, getholdWhileTalking: 'swap', holdEvents: 'linkage' });
    await agent.call('POST', 'voicecall/{id}/gethold?callid=1700000000-1');
    expect((await agent.call('POST', 'voicecall/{id}/gethold?callid=1700000000-2')).json.retcode).toBe('0');
    expect(await agent.drain()).toEqual([
      ['AgentEvent_linkagePhoneUnHold', { callId: '1700000000-1' }],
      ['AgentEvent_linkagePhoneHold', { callId: '1700000000-1' }],
      ['AgentEvent_linkagePhoneUnHold', { callId: '1700000000-2' }],
    ]);
    const list = await agent.call('GET', 'calldata/{id}/holdlist');
    expect(list.json.result.map((c: Json) => c.callid)).toEqual(['1700000000-1']);
  });

  it('connects a held call to the talking one, or answers 200-005 / 200-006', async () => {
    const { sim, agent } = await signedIn({ seed });
    expect((await agent.call('POST', 'voicecall/{id}/connecthold/1700000000-1')).json.retcode).toBe('200-005');
    const current = sim.script.talk('1001', { caller: '5550000', called: '40038' });
    expect((await agent.call('POST', 'voicecall/{id}/connecthold/unknown-1')).json.retcode).toBe('200-006');
    expect((await agent.call('POST', `voicecall/{id}/connecthold/${current}`)).json.retcode).toBe('200-006');
    expect((await agent.call('POST', 'voicecall/{id}/connecthold/1700000000-1')).json.retcode).toBe('0');
    const events = await agent.drain();
    // The four events the connecthold page documents.
    expect(events.slice(1).map(([t]) => t)).toEqual([
      'AgentEvent_Call_Release',
      'AgentEvent_Customer_Release',
      'AgentOther_PhoneRelease',
      'AgentMediaEvent_StopRecordDone',
    ]);
    expect(events.slice(1, 3)).toEqual([
      ['AgentEvent_Call_Release', current],
      ['AgentEvent_Customer_Release', { callid: '1700000000-1', number: '07700900123' }],
    ]);
    expect(events[4]?.[1]).toMatchObject({ fileMediaType: 1, taskId: `rec-${current}` });
    expect(sim.script.calls('1001').map((c) => c.callid)).toEqual(['1700000000-2']);
  });

  it('keeps calls across sign-out and applies the type quirks', async () => {
    const sim = await start({ seed, pollWaitMs: 50, quirks: { numericRetcode: true, numericFields: true } });
    const agent = new TestAgent(sim);
    const r = await agent.signIn();
    expect(r.json.retcode).toBe(0);
    const list = await agent.call('GET', 'calldata/{id}/holdlist');
    expect(list.json.retcode).toBe(0);
    expect(list.json.result[0]).toMatchObject({ callfeature: '0', caller: 7700900123, called: 40038 });
    expect((await agent.call('GET', 'calldata/{id}/callinfo')).json.retcode).toBe('200-002');
  });

  it('refuses unknown paths, bad agent ids and oversized bodies', async () => {
    const { sim, agent } = await signedIn();
    const unknown = await agent.call('GET', 'nothing/{id}/here');
    expect(unknown.status).toBe(404);
    expect(unknown.json.retcode).toBe('000-002');
    expect((await agent.call('GET', 'calldata/abc/holdlist')).json.retcode).toBe('000-002');
    expect((await agent.call('GET', 'voicecall/{id}/hold')).status).toBe(405);
    const big = await send(sim, agent.dispatcher, 'PUT', 'onlineagent/1001', { body: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
  });
});

describe('faults', () => {
  it('adds latency, then lets the request through', async () => {
    const { sim, agent } = await signedIn();
    sim.faults.add({ kind: 'latency', ms: 150, match: { path: 'holdlist' } });
    expect(sim.faults.remaining()).toBe(1);
    const t0 = performance.now();
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('400-003');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect(sim.faults.remaining()).toBe(0);
  });

  it('drops before handling (nothing happens) and after handling (the hold happened)', async () => {
    const { sim, agent } = await signedIn();
    const callid = sim.script.talk('1001', { caller: '5551111', called: '40038' });
    await agent.drain();
    sim.faults.add({ kind: 'drop', match: { method: 'POST', path: 'hold' } });
    await expect(agent.call('POST', 'voicecall/{id}/hold')).rejects.toThrow();
    expect(sim.script.calls('1001')[0]?.state).toBe('talking');
    sim.faults.add({ kind: 'drop', afterHandling: true, match: { path: 'voicecall' } });
    await expect(agent.call('POST', 'voicecall/{id}/hold')).rejects.toThrow();
    expect(sim.script.calls('1001')[0]?.state).toBe('held');
    expect(await agent.drain()).toEqual([['AgentEvent_Hold', callid]]);
  });

  it('answers http errors, malformed bodies and retcodes, `times` times', async () => {
    const { sim, agent } = await signedIn();
    sim.faults.add({ kind: 'http-error', match: { path: 'holdlist' } });
    sim.faults.add({ kind: 'malformed', match: { path: 'holdlist' } });
    sim.faults.add({ kind: 'retcode', retcode: '100-007', times: 2, match: { path: 'holdlist' } });
    const e503 = await agent.call('GET', 'calldata/{id}/holdlist');
    expect(e503.status).toBe(503);
    const bad = await agent.call('GET', 'calldata/{id}/holdlist');
    expect(bad.status).toBe(200);
    expect(() => JSON.parse(bad.text)).toThrow();
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('100-007');
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('100-007');
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('400-003');
    sim.faults.add({ kind: 'http-error', status: 502, times: Infinity, match: { method: 'GET' } });
    expect((await agent.call('GET', 'calldata/{id}/callinfo')).status).toBe(502);
    expect((await agent.call('POST', 'voicecall/{id}/hold')).json.retcode).toBe('200-013');
    expect(sim.faults.remaining()).toBe(1);
    sim.faults.clear();
    expect((await agent.call('GET', 'calldata/{id}/callinfo')).status).toBe(200);
  });
});

describe('server lifecycle, TLS and stats', () => {
  it('restarts keeping or forgetting sessions; calls always stay', async () => {
    const { sim, agent } = await signedIn({ seed: { '1001': [{ caller: '5552222', called: '40038' }] } });
    const open = agent.poll();
    await sim.waitForPendingPoll('1001');
    await sim.restart();
    await expect(open).rejects.toThrow();
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('0');
    const down = sim.restart({ keepState: false, downMs: 150 });
    await sleep(50);
    await expect(agent.call('GET', 'calldata/{id}/holdlist')).rejects.toThrow();
    await down;
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('100-006');
    expect(sim.script.calls('1001')).toHaveLength(1);
  });

  it('verifies with the CA, fails without it, and publishes the server fingerprint', async () => {
    const sim = await startSimulator({ pollWaitMs: 50 });
    cleanups.push(() => sim.close());
    expect(sim.caPem).not.toBe(sim.certPem);
    expect(new X509Certificate(sim.caPem).ca).toBe(true);
    const agent = new TestAgent(sim);
    expect((await agent.signIn()).json.retcode).toBe('0');
    const noCa = new Agent();
    cleanups.push(() => noCa.destroy());
    await expect(send(sim, noCa, 'PUT', 'onlineagent/1002', { body: '{}' })).rejects.toThrow(/certificate/i);
    const fingerprint = await new Promise<string>((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: sim.port, ca: sim.caPem, servername: 'localhost' }, () => {
        resolve(socket.getPeerX509Certificate()?.fingerprint256 ?? '');
        socket.end();
      });
      socket.on('error', reject);
    });
    expect(fingerprint).toBe(sim.fingerprint256);
    expect(sim.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('refuses a non-loopback host and serves under a path prefix', async () => {
    await expect(startSimulator({ host: '0.0.0.0', tls: sharedTls })).rejects.toThrow(/loopback/);
    const sim = await start({ pathPrefix: '/cc' });
    expect(sim.url).toBe(`https://127.0.0.1:${sim.port}/cc`);
    expect((await new TestAgent(sim).signIn()).json.retcode).toBe('0');
  });

  it('counts connections, handshakes and requests, and reports them as they arrive', async () => {
    const { sim, agent } = await signedIn();
    sim.stats.reset();
    const seen: string[] = [];
    const off = sim.onRequest((r) => seen.push(`${r.method} ${r.path} ${r.agentId} ${r.guidPresented === agent.guid}`));
    for (let i = 0; i < 3; i += 1) await agent.call('GET', 'calldata/{id}/holdlist?x=1');
    off();
    await agent.call('GET', 'calldata/{id}/callinfo');
    expect(seen).toEqual(Array(3).fill('GET calldata/1001/holdlist 1001 true'));
    expect(sim.stats.connections).toBe(0);
    expect(sim.stats.count({ path: 'holdlist' })).toBe(3);
    expect(sim.stats.count({ method: 'GET' })).toBe(4);
    expect(sim.stats.requests()[0]).toMatchObject({ query: 'x=1' });
    const fresh = new TestAgent(sim);
    await fresh.call('GET', 'calldata/{id}/holdlist');
    expect(sim.stats.connections).toBe(1);
    expect(sim.stats.tlsHandshakes).toBe(1);
  });

  it('answers the /_sim control routes', async () => {
    const { sim, agent } = await signedIn();
    const control = async (method: string, path: string, body?: object): Promise<Res> => {
      const r = await request(`https://127.0.0.1:${sim.port}/_sim/${path}`, {
        method: method as 'GET',
        body: body ? JSON.stringify(body) : undefined,
        dispatcher: agent.dispatcher,
      });
      const text = await r.body.text();
      return { status: r.statusCode, headers: r.headers, text, json: parse(text) };
    };
    const held = await control('POST', 'script', { op: 'holdNew', agentId: '1001', caller: '07700900123', called: '40038', callskill: 'Billing' });
    expect(held.json.ok).toBe(true);
    const callid = held.json.result as string;
    expect((await control('GET', 'calls?agentId=1001')).json.result).toEqual([
      { callid, caller: '07700900123', called: '40038', callskill: 'Billing', callfeature: 0, state: 'held' },
    ]);
    expect((await control('POST', 'script', { op: 'nope', agentId: '1001' })).status).toBe(400);
    await control('POST', 'fault', { kind: 'retcode', retcode: '100-007', times: 'all', match: { path: 'holdlist' } });
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('100-007');
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('100-007');
    await control('POST', 'faults/clear');
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('0');
    const stats = await control('GET', 'stats');
    expect(stats.json.counts['calldata/1001/holdlist']).toBe(3);
    expect(stats.json.tlsHandshakes).toBeGreaterThanOrEqual(1);
    expect(sim.stats.count({ path: '_sim' })).toBe(0);
    await control('POST', 'script', { op: 'customerHangsUp', agentId: '1001', callid });
    const events = await agent.drain();
    expect(events.map(([t]) => t)).toEqual(['AgentEvent_Talking', 'AgentEvent_Hold', 'AgentEvent_Customer_Release']);
  });
});
