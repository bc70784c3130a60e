// A minimal HTTPS client for the simulator tests: sends what Huawei's samples send and keeps
// the Guid and cookie as they do. Shared by simulator*.test.ts; each test file calls
// useSimulatorLifecycle() once so servers and connections are closed after every test.
import { Agent, request } from 'undici';
import { afterEach, beforeAll, expect } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../electron/simulator/index';

export type Json = Record<string, any>;
export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Json;
}

export const cleanups: Array<() => Promise<unknown>> = [];
export let sharedTls: { key: string; cert: string; caPem: string };

export function useSimulatorLifecycle(): void {
  beforeAll(async () => {
    // One certificate for most tests: generating one per test would only test selfsigned.
    const sim = await startSimulator();
    sharedTls = { key: sim.keyPem, cert: sim.certPem, caPem: sim.caPem };
    await sim.close();
  });

  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.().catch(() => undefined);
  });
}

export async function start(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ tls: sharedTls, pollWaitMs: 200, ...options });
  cleanups.push(() => sim.close());
  return sim;
}

export function dispatcherFor(sim: Simulator): Agent {
  const dispatcher = new Agent({ connect: { ca: sim.caPem } });
  cleanups.push(() => dispatcher.destroy());
  return dispatcher;
}

export function parse(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return {};
  }
}

export async function send(
  sim: Simulator,
  dispatcher: Agent,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string } = {},
): Promise<Res> {
  const r = await request(`${sim.url}/agentgateway/resource/${path}`, {
    method: method as 'GET',
    headers: { 'content-type': 'application/json; charset=UTF-8', ...opts.headers },
    body: opts.body,
    dispatcher,
  });
  const text = await r.body.text();
  return { status: r.statusCode, headers: r.headers, text, json: parse(text) };
}

export const SIGN_IN = { password: '', phonenum: '40038', status: '4', releasephone: 'false', agenttype: '4' };

/** A minimal well-behaved client: keeps Guid and cookie as Huawei's samples do. */
export class TestAgent {
  guid = '';
  cookie = '';
  constructor(
    readonly sim: Simulator,
    readonly dispatcher: Agent = dispatcherFor(sim),
    readonly id = '1001',
  ) {}

  async signIn(body: object = SIGN_IN, force = false): Promise<Res> {
    const r = await send(this.sim, this.dispatcher, 'PUT', `onlineagent/${this.id}${force ? '/forcelogin' : ''}`, {
      body: JSON.stringify(body),
    });
    this.takeGuid(r);
    const setCookie = r.headers['set-cookie'];
    if (typeof setCookie === 'string') this.cookie = setCookie.split(';')[0] ?? '';
    return r;
  }

  /** `headers` replace the Guid/cookie defaults whatever their case, so header-case tests send one Guid. */
  call(method: string, path: string, headers: Record<string, string> = {}): Promise<Res> {
    const base: Record<string, string> = { guid: this.guid, cookie: this.cookie };
    for (const name of Object.keys(headers)) delete base[name.toLowerCase()];
    return send(this.sim, this.dispatcher, method, path.replace('{id}', this.id), {
      headers: { ...base, ...headers },
    });
  }

  async poll(): Promise<Res> {
    const r = await this.call('GET', 'agentevent/{id}');
    this.takeGuid(r);
    return r;
  }

  /** Polls until an empty answer; returns [eventType, content] pairs. */
  async drain(): Promise<Array<[string, unknown]>> {
    const events: Array<[string, unknown]> = [];
    for (;;) {
      const r = await this.poll();
      expect(r.json.retcode).toBe('0');
      if (!r.json.event) return events;
      events.push([r.json.event.eventType, r.json.event.content]);
    }
  }

  private takeGuid(r: Res): void {
    const header = r.headers['set-guid'];
    if (typeof header === 'string') this.guid = header.replace('JSESSIONID=', '');
  }
}

export async function signedIn(options: SimulatorOptions = {}): Promise<{ sim: Simulator; agent: TestAgent }> {
  const sim = await start({ pollWaitMs: 50, ...options });
  const agent = new TestAgent(sim);
  expect((await agent.signIn()).json.retcode).toBe('0');
  // Take exactly the sign-in events, so tests with a long pollWaitMs do not wait here.
  expect((await agent.poll()).json.event.eventType).toBe('AgentOther_InService');
  expect((await agent.poll()).json.event.eventType).toBe('AgentState_Ready');
  return { sim, agent };
}

