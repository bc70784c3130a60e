// Issue 7 through the app service (what the panel, tray and hotkeys call), against the simulator
// over real HTTPS: signing in again by itself with the password typed this run or remembered,
// the remembered password bound to its gateway and agent, sign-out with calls held, and the
// resume hotkey held down.
import { HOTKEY_BINDINGS } from '../../shared/commands';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushChannelName, SessionView } from '../../shared/ipc-contract';
import type { HeldList } from '../../shared/model';
import type { Settings } from '../../shared/settings';
import { createAppService, type AppService } from '../../electron/app/app-service';
import { startDemoSimulator } from '../../electron/app/demo-gateway';
import { createMemorySettings, memoryVault } from '../../electron/app/memory-settings';
import { vaultBindingOf } from '../../electron/app/vault-binding';
import type { Simulator } from '../../electron/simulator/index';
import { AGENT, closeAll, sim, waitFor } from './helpers';

const services: AppService[] = [];
afterEach(async () => {
  await Promise.allSettled(services.splice(0).map((s) => s.dispose()));
  await closeAll();
});

function caFileFor(s: Simulator): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cec-app-')), 'ca.pem');
  writeFileSync(file, s.caPem);
  return file;
}

function service(s: Simulator, initial: Partial<Settings> = {}) {
  const pushes: Array<[PushChannelName, unknown]> = [];
  const vault = memoryVault();
  const settings = createMemorySettings({ gatewayUrl: s.url, agentId: AGENT, caFile: caFileFor(s), ...initial });
  const app = createAppService({
    settings,
    vault,
    readCaFile: (path) => readFile(path, 'utf8'),
    startDemoGateway: () => startDemoSimulator({ newHoldEveryMs: 60_000 }),
    hotkeyStatus: () => [],
    clientOptions: { session: { emptyPollDelayMs: [20, 40], retryBaseMs: 50, retryCapMs: 200 }, autoSignIn: { baseMs: 100, capMs: 400 } },
  });
  app.onPush((channel, payload) => pushes.push([channel, payload]));
  services.push(app);
  return { app, pushes, vault, settings };
}

const SEED = { [AGENT]: [{ caller: '0701', called: '1' }, { caller: '0702', called: '2' }] };
const PASSWORD = 'Typed-Pw-1';
const signIns = (s: Simulator): number => s.stats.count({ method: 'PUT', path: 'onlineagent' });

describe('signing in again, through the app service', () => {
  it('uses the password typed this run, shows the attempt in the pushed session, and keeps the list on show', async () => {
    const s = await sim({ seed: SEED, passwords: { [AGENT]: PASSWORD } });
    const { app, pushes } = service(s);
    await app.signIn({ password: PASSWORD });
    const held = app.listCalls().calls.map((c) => [c.callid, c.heldSince]);
    s.script.forceSignOut(AGENT);
    await waitFor(() => pushes.some(([ch, p]) => ch === 'session-changed' && (p as SessionView).code === 'RESIGNING_IN'), 3_000, 'reconnecting pushed');
    const pushed = pushes.map(([, p]) => p as SessionView).find((v) => v.code === 'RESIGNING_IN' && v.retryAt !== undefined)!;
    expect(pushed).toMatchObject({ status: 'reconnecting', attempt: 1 });
    expect(JSON.stringify(pushes)).not.toContain(PASSWORD);
    expect((await app.listCalls()).freshness).toBe('stale');
    await waitFor(() => app.session().status === 'signed-in' && app.listCalls().freshness === 'fresh', 5_000, 'back');
    expect(app.listCalls().calls.map((c) => [c.callid, c.heldSince])).toEqual(held);
  });

  it('is a setting, on by default, and off means the session just ends', async () => {
    const s = await sim({ seed: SEED });
    const { app, settings } = service(s);
    expect(settings.get().autoSignIn).toBe(true);
    await app.settings.commit({ autoSignIn: false });
    await app.signIn({ password: 'pw' });
    s.script.forceSignOut(AGENT);
    await waitFor(() => app.session().status === 'signed-out', 3_000, 'ended');
    expect(app.listCalls()).toEqual({ calls: [], freshness: 'unknown' });
    await new Promise((r) => setTimeout(r, 500));
    expect(signIns(s)).toBe(1);
  });

  it('signs in again after a sign-in with the remembered password (nothing typed)', async () => {
    const s = await sim({ seed: SEED, passwords: { [AGENT]: PASSWORD } });
    const { app, vault } = service(s);
    vault.save(PASSWORD, vaultBindingOf(s.url, AGENT)!);
    await app.signIn({});
    s.script.forceSignOut(AGENT);
    await waitFor(() => app.session().code === 'RESIGNING_IN', 3_000, 'reconnecting');
    await waitFor(() => app.session().status === 'signed-in', 5_000, 'back');
    expect(signIns(s)).toBe(2);
  });
});

describe('the remembered password is bound to its gateway and agent', () => {
  it('is forgotten when the gateway or the agent changes, and the settings view said it would be', async () => {
    for (const change of ['gateway', 'agent'] as const) {
      const s = await sim();
      const elsewhere = await sim();
      const { app, vault } = service(s);
      await app.signIn({ password: PASSWORD, remember: true });
      expect((await app.settings.view()).passwordRemembered).toBe(true);
      await app.signOut();
      const patch = change === 'gateway' ? { gatewayUrl: elsewhere.url, caFile: caFileFor(elsewhere) } : { agentId: '1002' };
      await app.settings.commit(patch);
      expect((await app.settings.view()).passwordRemembered).toBe(false);
      expect(vault.load(vaultBindingOf(s.url, AGENT))).toBeUndefined();
      // An empty sign-in (what a page that reached the bridge would send) gets no password.
      await expect(app.signIn({})).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED' });
      expect(elsewhere.stats.count({ path: 'onlineagent' })).toBe(0);
      expect(s.stats.count({ method: 'PUT', path: 'onlineagent/1002' })).toBe(0);
    }
  });

  it('never signs in again somewhere else with a password typed for this gateway', async () => {
    const s = await sim({ seed: SEED });
    const elsewhere = await sim();
    const { app } = service(s);
    await app.signIn({ password: PASSWORD });
    // The gateway setting changes under a running session; then the session is lost.
    await app.settings.commit({ gatewayUrl: elsewhere.url, caFile: caFileFor(elsewhere) });
    s.script.forceSignOut(AGENT);
    await waitFor(() => app.session().status === 'signed-out', 3_000, 'ended, nothing to sign in with');
    await new Promise((r) => setTimeout(r, 500));
    expect(elsewhere.stats.requests()).toEqual([]);
    expect(signIns(s)).toBe(1);
  });
});

describe('signing out with calls held', () => {
  it('a refused sign-out keeps the session and says why in the catalogue\'s words', async () => {
    const s = await sim({ seed: SEED });
    const { app } = service(s);
    await app.signIn({ password: 'pw' });
    // The gateway refuses sign-out while talking or holding (100-010, "state error on sign-out").
    s.faults.add({ match: { method: 'DELETE', path: 'logout' }, kind: 'retcode', retcode: '100-010' });
    await expect(app.signOut()).rejects.toMatchObject({
      code: '100-010',
      message: 'You cannot sign out now: finish or resume your calls first.',
    });
    expect(app.session().status).toBe('signed-in');
    // The session really goes on: the loop polls again and events still arrive.
    const id = s.script.holdNew(AGENT, { caller: '0703', called: '3' });
    await waitFor(() => app.listCalls().calls.some((c) => c.callid === id), 3_000, 'events after the refusal');
    // ...and the typed password was not forgotten: the session can still be recovered.
    s.script.forceSignOut(AGENT);
    await waitFor(() => app.session().code === 'RESIGNING_IN', 3_000, 'reconnecting');
    await waitFor(() => app.session().status === 'signed-in', 5_000, 'back');
  });
});

describe('the resume hotkey held down', () => {
  it('200 presses 10 ms apart resume exactly one call, and report one outcome', async () => {
    const s = await sim({ seed: { [AGENT]: [{ caller: '0701', called: '1' }, { caller: '0702', called: '2' }, { caller: '0703', called: '3' }] } });
    const { app, pushes } = service(s);
    await app.signIn({ password: 'pw' });
    const presses: Array<Promise<unknown>> = [];
    for (let i = 0; i < 200; i += 1) {
      presses.push(app.execute(HOTKEY_BINDINGS.resumeTop, 'hotkey'));
      await new Promise((r) => setTimeout(r, 10));
    }
    await Promise.all(presses);
    expect(s.stats.count({ path: 'gethold' })).toBe(1);
    expect(s.script.calls(AGENT).filter((c) => c.state === 'held')).toHaveLength(2);
    expect(pushes.filter(([ch]) => ch === 'command-outcome')).toHaveLength(1);
    // Let go, wait a moment, press again: the next call is resumed.
    await new Promise((r) => setTimeout(r, 1_100));
    s.script.hold(AGENT);
    await waitFor(() => app.listCalls().calls.length === 3, 3_000, 'first call held again');
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await app.execute(HOTKEY_BINDINGS.resumeTop, 'hotkey')).toMatchObject({ ok: true });
    expect(s.stats.count({ path: 'gethold' })).toBe(2);
  }, 15_000);
});

describe('held list through the app service', () => {
  it('is unknown before sign-in, and pushed with its freshness', async () => {
    const s = await sim({ seed: SEED });
    const { app, pushes } = service(s);
    expect(await app.listCalls()).toEqual({ calls: [], freshness: 'unknown' });
    await app.signIn({ password: 'pw' });
    // List pushes are coalesced (at most one a frame): wait for the fresh one.
    const lastList = (): HeldList | undefined => pushes.filter(([ch]) => ch === 'held-calls-changed').pop()?.[1] as HeldList | undefined;
    await waitFor(() => lastList()?.freshness === 'fresh', 3_000, 'the fresh list pushed');
    const last = lastList()!;
    expect(last).toMatchObject({ freshness: 'fresh', calls: [{ caller: '0701' }, { caller: '0702' }] });
    expect(last.readAt).toBeGreaterThan(0);
    expect(await app.refresh()).toMatchObject({ freshness: 'fresh' });
  });

  it('resumes a call by position only from a list read just now, never from a stale one', async () => {
    const s = await sim({ seed: SEED });
    const { app } = service(s);
    await app.signIn({ password: 'pw' });
    s.faults.add({ match: { path: 'holdlist' }, kind: 'http-error', status: 503, times: 3 });
    await app.refresh().catch(() => undefined);
    expect(app.listCalls().freshness).toBe('stale');
    s.faults.add({ match: { path: 'holdlist' }, kind: 'http-error', status: 503, times: 3 });
    expect(await app.execute(HOTKEY_BINDINGS.resume2, 'hotkey')).toMatchObject({ ok: false, code: 'LIST_NOT_READ' });
    expect(s.stats.count({ path: 'gethold' })).toBe(0);
    const second = s.script.calls(AGENT).filter((c) => c.state === 'held')[1]!.callid;
    expect(await app.execute(HOTKEY_BINDINGS.resume2, 'hotkey')).toMatchObject({ ok: true, callid: second });
  });
});
