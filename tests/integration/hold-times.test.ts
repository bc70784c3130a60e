// Hold times that tell the truth (issue 8, item 5), against the simulator over HTTPS: the first
// sighting of a held call is kept across sign-out, sign-in and a new client on the same store.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../electron/app/app-service';
import { startDemoSimulator } from '../../electron/app/demo-gateway';
import { createMemorySettings, memoryVault } from '../../electron/app/memory-settings';
import { HoldTimesFile } from '../../electron/core/hold-times-file';
import type { Simulator } from '../../electron/simulator/index';
import type { Command } from '../../shared/commands';
import type { ActionResult } from '../../shared/model';
import { AGENT, client, closeAll, sim, waitFor } from './helpers';

const services: AppService[] = [];
afterEach(async () => {
  await Promise.allSettled(services.splice(0).map((s) => s.dispose()));
  await closeAll();
});

const tempFile = (): string => join(mkdtempSync(join(tmpdir(), 'cec-held-since-')), 'held-since.json');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const times = (calls: Array<{ callid: string; heldSince: number; heldSinceExact: boolean }>) => calls.map((c) => [c.callid, c.heldSince, c.heldSinceExact]);

describe('heldSince', () => {
  it('survives a sign-out and sign-in, and a new client on the same store', async () => {
    const s = await sim({ seed: { [AGENT]: [{ callid: 'before', caller: '0161', called: '4001' }] } });
    const path = tempFile();
    const scope = `${s.url} ${AGENT}`;
    const c1 = client(s, { sightings: HoldTimesFile.open(path).scope(scope) });
    await c1.signIn({ password: 'pw' });
    const seen = s.script.holdNew(AGENT, { caller: '07700900123', called: '4001' });
    await waitFor(() => c1.heldCalls().length === 2, 3_000, 'the new hold');
    const first = times(c1.heldCalls());
    // Held before sign-in: a lower bound. Held while watching: exact.
    expect(first).toEqual([
      ['before', expect.any(Number), false],
      [seen, expect.any(Number), true],
    ]);
    await pause(1_100);
    // A supervisor signs the agent out (a sign-out of their own is refused while calls are held).
    s.script.forceSignOut(AGENT);
    await waitFor(() => c1.state.status === 'signed-out', 5_000, 'signed out');
    expect(c1.heldCalls()).toEqual([]);
    await c1.signIn({ password: 'pw' });
    expect(times(c1.heldCalls())).toEqual(first);
    await c1.close();
    // A restart: a new client reading the same file.
    await pause(1_100);
    const c2 = client(s, { sightings: HoldTimesFile.open(path).scope(scope) });
    await c2.signIn({ password: 'pw', force: true });
    expect(times(c2.heldCalls())).toEqual(first);
  });

  it('is kept by the app in the file it is given, across a restart of the app', async () => {
    const s = await sim({ seed: { [AGENT]: [{ callid: 'h1', caller: '0161', called: '4001' }] } });
    const path = tempFile();
    const start = async () => {
      const app = createAppService({
        // The gateway's CA comes through readCaFile: any absolute path will do.
        settings: createMemorySettings({ gatewayUrl: s.url, agentId: AGENT, caFile: '/ca.pem' }),
        vault: memoryVault(),
        readCaFile: async () => s.caPem,
        startDemoGateway: () => Promise.reject(new Error('no demo here')),
        hotkeyStatus: () => [],
        holdTimes: HoldTimesFile.open(path),
      });
      services.push(app);
      return app;
    };
    const app1 = await start();
    await app1.signIn({ password: 'pw' });
    const first = times(app1.listCalls().calls);
    expect(first).toEqual([['h1', expect.any(Number), false]]);
    await pause(1_100);
    // The app quits (its sign-out is refused while a call is held, so the session stays on the
    // gateway) and starts again, taking its own session over.
    await app1.dispose();
    const app2 = await start();
    await app2.signIn({ password: 'pw', force: true });
    expect(times(app2.listCalls().calls)).toEqual(first);
  });
});

describe('the app runs hold, end and swap back as commands, Resume by the setting', () => {
  it('swaps by default, refuses when set to, and reports every outcome alike', async () => {
    const s = await sim({ seed: { [AGENT]: [{ callid: 'h', caller: '07700900123', called: '4001' }] } });
    const app = createAppService({
      settings: createMemorySettings({ gatewayUrl: s.url, agentId: AGENT, caFile: '/ca.pem' }),
      vault: memoryVault(),
      readCaFile: async () => s.caPem,
      startDemoGateway: () => Promise.reject(new Error('no demo here')),
      hotkeyStatus: () => [],
    });
    services.push(app);
    const outcomes: ActionResult[] = [];
    app.onPush((channel, payload) => {
      if (channel === 'command-outcome') outcomes.push((payload as { result: ActionResult }).result);
    });
    await app.signIn({ password: 'pw' });
    s.script.talk(AGENT, { callid: 't', caller: '0161', called: '4001' });
    const run = (command: Command) => app.execute(command, 'hotkey');
    await waitFor(() => app.currentCall()?.callid === 't', 3_000, 'the current call');
    await app.settings.commit({ resumeWhileTalking: 'refuse' });
    expect(await run({ type: 'resume', callid: 'h' })).toMatchObject({ ok: false, code: 'ON_A_CALL' });
    expect(s.stats.count({ path: `voicecall/${AGENT}/hold` })).toBe(0);
    await app.settings.commit({ resumeWhileTalking: 'swap' });
    expect(await run({ type: 'resume-position', position: 1 })).toMatchObject({ ok: true, action: 'resume', callid: 'h' });
    expect(await run({ type: 'swap-back' })).toMatchObject({ ok: true, action: 'resume', callid: 't' });
    expect(await run({ type: 'hold' })).toMatchObject({ ok: true, action: 'hold', callid: 't' });
    expect(await run({ type: 'end' })).toMatchObject({ ok: false, code: 'NO_CURRENT_CALL' });
    expect(await run({ type: 'resume', callid: 'h' })).toMatchObject({ ok: true, callid: 'h' });
    await waitFor(() => app.listCalls().calls.length === 1);
    expect(await run({ type: 'end' })).toMatchObject({ ok: true, action: 'end', callid: 'h' });
    expect(outcomes.map((o) => `${o.action}:${o.ok}`)).toEqual(['resume:false', 'resume:true', 'resume:true', 'hold:true', 'end:false', 'resume:true', 'end:true']);
    expect(s.script.calls(AGENT).map((c) => [c.callid, c.state])).toEqual([['t', 'held']]);
  });
});

describe('the demo', () => {
  /** The app with nothing configured, as a newcomer starts it; `newHoldEveryMs`: the demo's supply of new holds. */
  const demoApp = (newHoldEveryMs: number): AppService => {
    const app = createAppService({
      settings: createMemorySettings({}),
      vault: memoryVault(),
      readCaFile: async () => '',
      startDemoGateway: () => startDemoSimulator({ newHoldEveryMs }),
      hotkeyStatus: () => [],
    });
    services.push(app);
    return app;
  };

  it('starts on a call, with held calls at staggered hold times (ok, amber and red at once), and keeps adding holds', async () => {
    const app = demoApp(300);
    await app.startDemo();
    expect(app.currentCall()).toMatchObject({ customer: '02079460321', direction: 'inbound' });
    const ages = app.listCalls().calls.map((c) => [c.customer, Math.round((Date.now() - c.heldSince) / 1000), c.heldSinceExact]);
    expect(ages.map(([who]) => who)).toEqual(['07700900123', '+442079460958', '0161496000']);
    const [red, amber, fresh] = ages.map(([, sec]) => sec as number);
    expect(red).toBeGreaterThanOrEqual(180);
    expect(amber).toBeGreaterThanOrEqual(60);
    expect(amber).toBeLessThan(180);
    expect(fresh).toBeLessThan(60);
    // A new call appears on hold while the agent stays on the current call.
    await waitFor(() => app.listCalls().calls.length === 4, 5_000, 'a new hold');
    expect(app.currentCall()?.customer).toBe('02079460321');
  });

  it('a second "Try the demo" keeps what happened in the first: a call resumed and held again counts from its new hold', async () => {
    const app = demoApp(3_600_000);
    await app.startDemo();
    const [red] = app.listCalls().calls;
    expect(Date.now() - red!.heldSince).toBeGreaterThanOrEqual(180_000);
    // Swap to the red call, then swap back: the call that was talking is now held, the red one talks.
    expect(await app.execute({ type: 'resume', callid: red!.callid }, 'panel')).toMatchObject({ ok: true });
    const talker = app.listCalls().calls.find((c) => c.customer === '02079460321');
    expect(talker).toMatchObject({ heldSinceExact: true });
    await pause(1_100);
    expect(await app.execute({ type: 'hold' }, 'panel')).toMatchObject({ ok: true });
    await waitFor(() => app.listCalls().calls.some((c) => c.callid === red!.callid), 3_000, 'the red call held again');
    const before = times(app.listCalls().calls);
    await app.signOut();
    await app.startDemo();
    const after = times(app.listCalls().calls);
    expect(after).toEqual(before);
    // Held again a moment ago, not 3 minutes ago: the opening stagger is not staged twice.
    expect(Date.now() - app.listCalls().calls.find((c) => c.callid === red!.callid)!.heldSince).toBeLessThan(60_000);
  });
});
