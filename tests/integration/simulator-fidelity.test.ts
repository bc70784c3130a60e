import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../electron/simulator/index';
import { dispatcherFor, parse, SIGN_IN, signedIn, start, TestAgent, useSimulatorLifecycle } from './sim-agent';

// The simulator as the documentation and Huawei's own clients expect it (issue 7, item 5):
// header spelling on the wire, sign-out refusals, documented event sets, flow control, the
// optional cookie, release/forcelogout/agentstatus, intermittent faults and the agent id range.

useSimulatorLifecycle();

/** One request over a raw TLS socket, returning the response bytes exactly as sent. */
function rawExchange(sim: Simulator, lines: string[], body = ''): Promise<string> {
  const head = [...lines, `Host: 127.0.0.1:${sim.port}`, `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', '', ''].join('\r\n');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = tlsConnect({ host: '127.0.0.1', port: sim.port, ca: sim.caPem, servername: 'localhost' }, () => socket.end(head + body));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
  });
}

const RESOURCE = '/agentgateway/resource';

describe('header names on the wire', () => {
  it('spells Set-GUID and Set-Cookie as documented on sign-in and on a rotating poll', async () => {
    const sim = await start({ pollWaitMs: 50 });
    const signIn = await rawExchange(sim, [`PUT ${RESOURCE}/onlineagent/1001 HTTP/1.1`, 'Content-Type: application/json; charset=UTF-8'], JSON.stringify(SIGN_IN));
    expect(signIn).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(signIn).toMatch(/\r\nSet-GUID: JSESSIONID=[0-9a-f-]{36}\.AgentGateway0\r\n/);
    expect(signIn).toMatch(/\r\nSet-Cookie: AGWROUTE=\w+; Path=\/; Secure; HttpOnly\r\n/);
    expect(signIn).toMatch(/\r\nContent-Type: application\/json; charset=UTF-8\r\n/);
    expect(signIn).not.toMatch(/\r\nset-(guid|cookie):/);
    const guid = /Set-GUID: JSESSIONID=(\S+)\r\n/.exec(signIn)?.[1] ?? '';
    sim.script.rotateGuid('1001');
    const poll = await rawExchange(sim, [`GET ${RESOURCE}/agentevent/1001 HTTP/1.1`, `Guid: ${guid}`]);
    expect(poll).toMatch(/\r\nSet-GUID: JSESSIONID=[0-9a-f-]{36}\.AgentGateway0\r\n/);
    expect(poll).not.toContain(guid);
  });
});

describe('sign-out', () => {
  it('is refused with 100-010 while talking or holding, and the session stays', async () => {
    const { sim, agent } = await signedIn();
    const callid = sim.script.talk('1001', { caller: '5551234', called: '40038' });
    expect((await agent.call('DELETE', 'onlineagent/{id}/logout')).json.retcode).toBe('100-010');
    sim.script.hold('1001');
    const refused = await agent.call('DELETE', 'onlineagent/{id}/logout');
    expect(refused.json).toMatchObject({ retcode: '100-010', message: expect.stringMatching(/holding/) });
    expect(sim.agentStatus('1001')).toBe(4);
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.result[0].callid).toBe(callid);
    sim.script.customerHangsUp('1001', callid);
    expect((await agent.call('DELETE', 'onlineagent/{id}/logout')).json.retcode).toBe('0');
    expect(sim.agentStatus('1001')).toBeUndefined();
  });

  it('can be set to refuse only while talking, or never', async () => {
    const holding = await signedIn({ refuseSignOut: 'talking', seed: { '1001': [{ caller: '1', called: '2' }] } });
    expect((await holding.agent.call('DELETE', 'onlineagent/{id}/logout')).json.retcode).toBe('0');
    const talking = await signedIn({ refuseSignOut: 'never', seed: { '1001': [{ caller: '1', called: '2', state: 'talking' }] } });
    expect((await talking.agent.call('DELETE', 'onlineagent/{id}/logout')).json.retcode).toBe('0');
  });
});

describe('release, forcelogout and agentstatus', () => {
  it('releases the talking call with the documented events, or answers 200-017', async () => {
    const { sim, agent } = await signedIn({ seed: { '1001': [{ callid: '1700000000-1', caller: '07700900123', called: '40038' }] } });
    expect((await agent.call('DELETE', 'voicecall/{id}/release')).json.retcode).toBe('200-017');
    const callid = sim.script.talk('1001', { caller: '5550000', called: '40038' });
    await agent.drain();
    expect((await agent.call('DELETE', 'voicecall/{id}/release')).json.retcode).toBe('0');
    expect(await agent.drain()).toEqual([
      ['AgentEvent_Call_Release', callid],
      ['AgentEvent_Customer_Release', { callid, number: '5550000' }],
      ['AgentOther_PhoneRelease', ''],
      ['AgentState_Ready', ''],
    ]);
    expect(sim.script.calls('1001').map((c) => `${c.callid}:${c.state}`)).toEqual(['1700000000-1:held']);
    // The legacy spelling does the same.
    sim.script.talk('1001', { caller: '5550001', called: '40038' });
    expect((await agent.call('DELETE', 'voicecall/{id}')).json.retcode).toBe('0');
    expect(sim.script.calls('1001')).toHaveLength(1);
  });

  it('forcelogout signs out even while talking and holding, releasing the talking call', async () => {
    const { sim, agent } = await signedIn({ seed: { '1001': [{ callid: 'held-1', caller: '1', called: '2' }, { callid: 'talk-1', caller: '3', called: '2', state: 'talking' }] } });
    expect((await agent.call('DELETE', 'onlineagent/{id}/forcelogout')).json.retcode).toBe('0');
    expect(sim.agentStatus('1001')).toBeUndefined();
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('100-006');
    expect(sim.script.calls('1001').map((c) => c.callid)).toEqual(['held-1']);
    expect((await agent.call('DELETE', 'onlineagent/{id}/forcelogout')).json.retcode).toBe('100-006');
  });

  it('agentstatus reports the state and whether the agent is talking', async () => {
    const sim = await start({ pollWaitMs: 50 });
    const busy = new TestAgent(sim);
    await busy.signIn({ ...SIGN_IN, status: '3' });
    expect((await busy.call('GET', 'onlineagent/{id}/agentstatus')).json).toMatchObject({ retcode: '0', result: { agentState: 3, isWorking: false } });
    sim.script.talk('1001', { caller: '5551111', called: '40038' });
    expect((await busy.call('GET', 'onlineagent/{id}/agentstatus')).json.result).toEqual({ agentState: 7, isWorking: true });
    expect((await busy.call('GET', 'onlineagent/{id}/agentstatus', { guid: 'x' })).json.retcode).toBe('000-003');
  });
});

describe('flow control on calldata/*', () => {
  it('answers 5 queries per window per agent, holdlist and callinfo together, then refuses with 000-007', async () => {
    const { sim, agent } = await signedIn({ flowControl: { windowMs: 400 } });
    const codes: string[] = [];
    for (const path of ['holdlist', 'callinfo', 'holdlist', 'callinfo', 'holdlist', 'holdlist', 'callinfo']) {
      codes.push((await agent.call('GET', `calldata/{id}/${path}`)).json.retcode);
    }
    expect(codes).toEqual(['400-003', '200-002', '400-003', '200-002', '400-003', '000-007', '000-007']);
    // Other routes and other agents are not affected.
    expect((await agent.call('POST', 'voicecall/{id}/hold')).json.retcode).toBe('200-013');
    const other = new TestAgent(sim, agent.dispatcher, '1002');
    await other.signIn();
    expect((await other.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('400-003');
    await sleep(420);
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('400-003');
  });

  it('takes another refusal code, an HTTP status with Retry-After, or no limit at all', async () => {
    const coded = await signedIn({ flowControl: { limit: 1, retcode: '100-007', httpStatus: 429, windowMs: 1500 } });
    await coded.agent.call('GET', 'calldata/{id}/holdlist');
    const refused = await coded.agent.call('GET', 'calldata/{id}/holdlist');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.json.retcode).toBe('100-007');
    const free = await signedIn({ flowControl: false });
    for (let i = 0; i < 12; i += 1) expect((await free.agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('400-003');
    await expect(start({ flowControl: { limit: 0 } })).rejects.toThrow(/limit/);
  });
});

describe('the session cookie', () => {
  it('is optional by default: requests without it are served', async () => {
    const { agent } = await signedIn();
    expect(agent.cookie).toMatch(/^AGWROUTE=/);
    expect((await agent.call('GET', 'calldata/{id}/holdlist', { cookie: '' })).json.retcode).toBe('400-003');
    expect((await agent.call('GET', 'calldata/{id}/holdlist', { cookie: 'AGWROUTE=wrong' })).json.retcode).toBe('400-003');
  });
});

describe('intermittent faults', () => {
  it('spoils every Nth matching poll with a transient 000-003 and leaves the session alone', async () => {
    const { sim, agent } = await signedIn();
    sim.faults.add({ kind: 'retcode', retcode: '000-003', match: { path: 'agentevent' }, every: 3, times: Infinity });
    const codes: string[] = [];
    for (let i = 0; i < 7; i += 1) codes.push((await agent.poll()).json.retcode);
    expect(codes).toEqual(['0', '0', '000-003', '0', '0', '000-003', '0']);
    expect(sim.agentStatus('1001')).toBe(4);
    expect((await agent.call('GET', 'calldata/{id}/holdlist')).json.retcode).toBe('400-003');
  });

  it('spoils a seeded share of polls: the same seed gives the same pattern in every run', async () => {
    async function pattern(seed: number): Promise<string> {
      const { sim, agent } = await signedIn({ pollWaitMs: 1 });
      sim.faults.add({ kind: 'retcode', retcode: '000-003', match: { path: 'agentevent' }, probability: 0.25, seed, times: Infinity });
      let marks = '';
      for (let i = 0; i < 40; i += 1) marks += (await agent.poll()).json.retcode === '000-003' ? 'x' : '.';
      return marks;
    }
    const first = await pattern(7);
    expect(await pattern(7)).toBe(first);
    const spoiled = first.split('').filter((c) => c === 'x').length;
    expect(spoiled).toBeGreaterThanOrEqual(3);
    expect(spoiled).toBeLessThanOrEqual(20);
    expect(await pattern(8)).not.toBe(first);
  });

  it('are accepted over /_sim/fault and validated', async () => {
    const { sim, agent } = await signedIn();
    const control = async (body: object) => {
      const r = await request(`https://127.0.0.1:${sim.port}/_sim/fault`, { method: 'POST', body: JSON.stringify(body), dispatcher: agent.dispatcher });
      return { status: r.statusCode, json: parse(await r.body.text()) };
    };
    expect((await control({ kind: 'retcode', retcode: '000-003', match: { path: 'agentevent' }, every: 2, times: 'all' })).status).toBe(200);
    expect((await agent.poll()).json.retcode).toBe('0');
    expect((await agent.poll()).json.retcode).toBe('000-003');
    expect((await control({ kind: 'retcode', retcode: '000-003', probability: 2 })).json.error).toMatch(/probability/);
    expect((await control({ kind: 'retcode', retcode: '000-003', every: 0 })).json.error).toMatch(/every/);
  });
});

describe('agent ids', () => {
  it('accepts 101 to 999999 and refuses anything else with 000-002', async () => {
    const sim = await start({ pollWaitMs: 50 });
    const dispatcher = dispatcherFor(sim);
    const codes: Record<string, string> = {};
    for (const id of ['100', '101', '999999', '1000000', '0101', '99']) {
      codes[id] = (await new TestAgent(sim, dispatcher, id).signIn()).json.retcode;
    }
    expect(codes).toEqual({ '100': '000-002', '101': '0', '999999': '0', '1000000': '000-002', '0101': '000-002', '99': '000-002' });
  });
});

describe('npm run simulator', () => {
  const root = resolve(import.meta.dirname, '../..');
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'electron/simulator/cli.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });

  it('refuses an agent id outside 101..999999 and a share outside 0..1, in one line each', () => {
    const agent = cli('--agent', '100');
    expect(agent.status).toBe(1);
    expect(agent.stderr.trim()).toBe('--agent must be an agent id from 101 to 999999, got "100"');
    const flaky = cli('--flaky-polls', '1.5');
    expect(flaky.status).toBe(1);
    expect(flaky.stderr.trim()).toBe('--flaky-polls needs a number from 0 to 1, got "1.5"');
  });

  it('--flaky-polls and --require-cookie reach the running simulator', async () => {
    const port = await new Promise<number>((done) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => done(free));
      });
    });
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/simulator/cli.ts', '--port', String(port), '--agent', '2002', '--flaky-polls', '1', '--require-cookie'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no banner:\n${out}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (/CA file\s+\S+/.test(out)) {
            clearTimeout(timer);
            done();
          }
        });
      });
      const url = /URL\s+(\S+)/.exec(out)![1]!;
      const dispatcher = new Agent({ connect: { ca: readFileSync(/CA file\s+(\S+)/.exec(out)![1]!, 'utf8') } });
      const call = async (method: string, path: string, headers: Record<string, string> = {}, body?: string) => {
        const r = await request(`${url}/agentgateway/resource/${path}`, { method: method as 'GET', headers, body, dispatcher });
        return { headers: r.headers, json: parse(await r.body.text()) };
      };
      const signIn = await call('PUT', 'onlineagent/2002', { 'content-type': 'application/json' }, JSON.stringify(SIGN_IN));
      expect(signIn.json.retcode).toBe('0');
      const guid = String(signIn.headers['set-guid']).replace('JSESSIONID=', '');
      const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
      expect((await call('GET', 'calldata/2002/holdlist', { guid })).json.retcode).toBe('000-003');
      expect((await call('GET', 'calldata/2002/holdlist', { guid, cookie })).json.retcode).toBe('0');
      expect((await call('GET', 'agentevent/2002', { guid, cookie })).json.retcode).toBe('000-003');
      await dispatcher.close();
    } finally {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    }
  });
});
