// The app service is what the panel, tray and hotkeys call (through IPC or the preview bridge):
// exercised here with in-memory settings against the simulator over real HTTPS.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushChannelName } from '../../shared/ipc-contract';
import type { HeldList } from '../../shared/model';
import type { Settings } from '../../shared/settings';
import { createAppService, type AppService } from '../../electron/app/app-service';
import { startDemoSimulator } from '../../electron/app/demo-gateway';
import { AppError } from '../../electron/app/ipc-envelope';
import { createMemorySettings, memoryVault } from '../../electron/app/memory-settings';
import { vaultBindingOf } from '../../electron/app/vault-binding';
import type { Simulator } from '../../electron/simulator/index';
import { AGENT, closeAll, sim, waitFor } from './helpers';

const services: AppService[] = [];
afterEach(async () => {
  await Promise.allSettled(services.splice(0).map((s) => s.dispose()));
  await closeAll();
});

function service(s: Simulator | undefined, initial: Partial<Settings> = {}) {
  let caFile = '';
  if (s) {
    caFile = join(mkdtempSync(join(tmpdir(), 'cec-app-')), 'ca.pem');
    writeFileSync(caFile, s.caPem);
  }
  const pushes: Array<[PushChannelName, unknown]> = [];
  const vault = memoryVault();
  const app = createAppService({
    settings: createMemorySettings(s ? { gatewayUrl: s.url, agentId: AGENT, caFile, ...initial } : initial),
    vault,
    readCaFile: async (path) => (await import('node:fs/promises')).readFile(path, 'utf8'),
    startDemoGateway: () => startDemoSimulator({ newHoldEveryMs: 60_000 }),
    hotkeyStatus: () => [],
  });
  app.onPush((channel, payload) => pushes.push([channel, payload]));
  services.push(app);
  return { app, pushes, vault };
}

const SEED = { [AGENT]: [{ caller: '0701', called: '1' }, { caller: '0702', called: '2' }] };

describe('app service', () => {
  it('signs in with the configured gateway and CA, and pushes session and held-call changes', async () => {
    const s = await sim({ seed: SEED });
    const { app, pushes } = service(s);
    const view = await app.handlers['session:sign-in']({ password: 'pw' });
    expect(view).toMatchObject({ status: 'signed-in', configured: true, demo: false, canRememberPassword: true });
    expect((await app.handlers['calls:list']()).calls.map((c) => c.caller)).toEqual(['0701', '0702']);
    const id = s.script.holdNew(AGENT, { caller: '0703', called: '3' });
    await waitFor(() => pushes.some(([ch, p]) => ch === 'held-calls-changed' && (p as HeldList).calls.some((c) => c.callid === id)));
    expect(pushes.some(([ch, p]) => ch === 'session-changed' && (p as { status: string }).status === 'signed-in')).toBe(true);
  });

  it('refuses bad arguments with a clear error before anything reaches the gateway', async () => {
    const s = await sim({ seed: SEED });
    const { app } = service(s);
    await app.handlers['session:sign-in']({ password: 'pw' });
    const before = s.stats.count({ path: 'gethold' });
    for (const bad of [[], ['../logout'], [42], ['a', 'b']]) {
      await expect(app.handlers['calls:resume'](...bad)).rejects.toBeInstanceOf(AppError);
    }
    await expect(app.handlers['session:sign-in']({ password: 7 })).rejects.toMatchObject({ kind: 'input' });
    await expect(app.handlers['settings:set']({ nope: 1 })).rejects.toMatchObject({ kind: 'input' });
    expect(s.stats.count({ path: 'gethold' })).toBe(before);
  });

  it('says what is missing: configuration, then a password', async () => {
    const { app } = service(undefined);
    await expect(app.handlers['session:sign-in']({ password: 'pw' })).rejects.toMatchObject({ code: 'NOT_CONFIGURED', kind: 'config' });
    const s = await sim();
    const { app: configured } = service(s);
    await expect(configured.handlers['session:sign-in']({})).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED', kind: 'credentials' });
  });

  it('remembers the password only when asked, and signs in with it later', async () => {
    const s = await sim();
    const { app, vault } = service(s);
    await app.handlers['session:sign-in']({ password: 'pw' });
    const here = vaultBindingOf(s.url, AGENT);
    expect(vault.load(here)).toBeUndefined();
    await app.handlers['session:sign-out']();
    await app.handlers['session:sign-in']({ password: 'pw2', remember: true });
    expect(vault.load(here)).toBe('pw2');
    await app.handlers['session:sign-out']();
    expect(await app.handlers['session:sign-in']({})).toMatchObject({ status: 'signed-in', passwordRemembered: true });
  });

  it('runs hotkey actions and reports their outcome as a push, in the agent\'s words', async () => {
    const s = await sim({ seed: SEED });
    const { app, pushes } = service(s);
    await app.handlers['session:sign-in']({ password: 'pw' });
    const [top] = app.heldCalls();
    const result = await app.trigger('resumeTop', 'hotkey');
    expect(result).toMatchObject({ ok: true, callid: top!.callid });
    expect(pushes).toContainEqual(['action-outcome', { source: 'hotkey', result }]);
    expect(await app.trigger('resume3', 'hotkey')).toMatchObject({ ok: false, kind: 'nothing-held', message: 'There is no call in position 3 on hold.' });
    // A current call exists now (the resumed one): connecting the remaining held call works.
    expect(await app.trigger('connectTop', 'hotkey')).toMatchObject({ ok: true, action: 'connect' });
  });

  it('answers a hotkey while signed out without throwing', async () => {
    const s = await sim();
    const { app } = service(s);
    expect(await app.trigger('resumeTop', 'hotkey')).toMatchObject({ ok: false, kind: 'signed-out' });
  });

  it('reorders the list when the order setting changes', async () => {
    const s = await sim();
    const { app } = service(s);
    await app.handlers['session:sign-in']({ password: 'pw' });
    s.script.holdNew(AGENT, { caller: 'first', called: '1' });
    await new Promise((r) => setTimeout(r, 30));
    s.script.holdNew(AGENT, { caller: 'second', called: '1' });
    await waitFor(() => app.heldCalls().length === 2);
    expect(app.heldCalls()[0]!.caller).toBe('first');
    await app.handlers['settings:set']({ listOrder: 'newest-first' });
    expect(app.heldCalls()[0]!.caller).toBe('second');
  });

  it('signs the old session out when the gateway changes, and on dispose', async () => {
    const a = await sim();
    const b = await sim();
    const { app } = service(a);
    await app.handlers['session:sign-in']({ password: 'pw' });
    const caFile = join(mkdtempSync(join(tmpdir(), 'cec-app-')), 'ca.pem');
    writeFileSync(caFile, b.caPem);
    await app.handlers['settings:set']({ gatewayUrl: b.url, caFile });
    await app.handlers['session:sign-in']({ password: 'pw' });
    expect(a.stats.count({ path: 'logout' })).toBe(1);
    expect(a.agentStatus(AGENT)).toBeUndefined();
    await app.dispose();
    expect(b.stats.count({ path: 'logout' })).toBe(1);
  });

  it('starts the demo gateway and signs in to it', async () => {
    const { app } = service(undefined);
    const view = await app.handlers['demo:start']();
    expect(view).toMatchObject({ status: 'signed-in', demo: true, configured: true });
    expect(app.heldCalls()).toHaveLength(3);
  });
});
